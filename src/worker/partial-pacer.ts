/**
 * How often the dataset worker tells the page about a load in progress. Progress (bytes and rows read): at
 * most every PROGRESS_EVERY_MS — ingest reports every megabyte, a hundred times a second on a fast load, and
 * each message re-renders the page's loading panel (at 1M rows the page's main thread spent ~40% of the load
 * on it, a core a busy machine does not have). Figures of the load in progress (src/views/partial.ts):
 * ingest offers the rows so far before every chunk; this takes the offer only when figures are due, so they
 * cost a bounded share of the load and reach the page at most ~4 times a second.
 */
import type { IngestProgress, PartialLoad } from '../ingest/ingest.ts';
import { type PartialFigures, partialFigures } from '../views/partial.ts';

/** Progress at most ~10 times a second: a bar that moves smoothly enough, a screen reader not flooded. */
export const PROGRESS_EVERY_MS = 100;

/** At most ~4 updates a second. */
export const PARTIAL_EVERY_MS = 250;
/**
 * The share of the load's time partial figures may take: after figures that took t ms, the next wait at
 * least t / PARTIAL_SHARE (a snapshot's scan grows with the rows so far).
 */
export const PARTIAL_SHARE = 0.015;

/** An `onPartial` for ingest that sends figures to `send` when they are due (see above). */
export function partialPacer(
  send: (figures: PartialFigures) => void,
  now: () => number = () => performance.now(),
): (load: PartialLoad) => void {
  // the first figures as soon as there are rows (after the first chunk read): the page decides when to show
  // them (useShownPartial)
  let due = 0;
  return (load) => {
    const start = now();
    if (start < due || load.rows === 0) return;
    const figures = partialFigures(load.snapshot(), load);
    const end = now();
    due = end + Math.max(PARTIAL_EVERY_MS, (end - start) / PARTIAL_SHARE);
    send(figures);
  };
}

/**
 * An `onProgress` for ingest that sends progress to `send` at most every PROGRESS_EVERY_MS (the first at
 * once); `latest` always gives the last one ingest reported, sent or not (partial figures go with it).
 */
export function progressPacer(
  send: (progress: IngestProgress) => void,
  now: () => number = () => performance.now(),
): { onProgress: (progress: IngestProgress) => void; latest: () => IngestProgress | null } {
  let last: IngestProgress | null = null;
  let due = Number.NEGATIVE_INFINITY;
  return {
    onProgress: (progress) => {
      last = progress;
      const at = now();
      if (at < due) return;
      due = at + PROGRESS_EVERY_MS;
      send(progress);
    },
    latest: () => last,
  };
}
