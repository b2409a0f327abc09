/**
 * The first drawing of the Overview's charts is mostly code running for the first time (parsed, compiled,
 * its inline caches empty; gain in docs/performance.md). So while the page waits for a file, it draws the
 * Overview once, off screen, with the figures of the dataset worker's made-up warm-up log (see
 * engine-warm-up.ts), and throws the drawing away.
 * The user's first dashboard then runs on warm code.
 *
 * It starts once the worker's warm-up has answered (a few hundred ms after the page opens), stops as soon
 * as a file is chosen (`stopViewWarmUp`), and never shows anything: the drawing is in an inert, hidden,
 * off-screen element of its own React root, removed when done.
 */
import type { DatasetClient } from './dataset-client.ts';
import { loadOverviewPanel } from './lazy-views.tsx';
import { withOffScreen } from './off-screen.tsx';

/** Longest the off-screen drawing is kept waiting for its bars (a browser that never lays it out). */
const DRAW_TIMEOUT_MS = 3000;
/** The width it is drawn at: that of a laptop's chart grid, so the same tick and label code runs. */
const HOST_WIDTH_PX = 1200;

let running: AbortController | null = null;

/**
 * Draws the Overview off screen once, with the worker's warm-up view. Resolves when done, stopped or
 * failed (a warm-up is only an optimisation: errors are swallowed); returns at once if one has begun.
 */
export function warmUpViews(client: DatasetClient, timeoutMs = DRAW_TIMEOUT_MS): Promise<void> {
  if (running !== null) return Promise.resolve();
  const controller = new AbortController();
  running = controller;
  return drawOnce(client, controller.signal, timeoutMs).catch(() => undefined);
}

/** Stops a warm-up in progress (a file was chosen: the page is needed for it). */
export function stopViewWarmUp(): void {
  running?.abort();
}

async function drawOnce(client: DatasetClient, signal: AbortSignal, timeoutMs: number): Promise<void> {
  const [view, Overview] = await Promise.all([client.call('warmUpView', {}), loadOverviewPanel()]);
  if (view === null || signal.aborted) return;
  const ignore = () => undefined;
  await withOffScreen(
    <Overview
      data={view.data}
      dimensionNames={view.dimensionNames}
      dimension={view.data.dimension?.name ?? null}
      onDimension={ignore}
      onFilter={ignore}
      onDevice={ignore}
      timeZoom={{ zoomTo: ignore, zoomOut: ignore, fullRange: ignore }}
    />,
    { widthPx: HOST_WIDTH_PX, timeoutMs, signal, className: 'warm-up-host' },
    () => undefined,
  );
}
