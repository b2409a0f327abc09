/**
 * When the dataset worker computes figures of a load in progress (src/views/partial.ts): ingest offers the
 * rows so far before every chunk; this takes the offer only when figures are due, so they cost a bounded
 * share of the load and reach the page at most ~4 times a second.
 */
import type { PartialLoad } from '../ingest/ingest.ts';
import { type PartialFigures, partialFigures } from '../views/partial.ts';

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
