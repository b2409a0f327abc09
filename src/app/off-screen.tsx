/**
 * Drawing React charts where nobody sees them: an inert, hidden, off-screen element of its own React root,
 * removed when done. The view warm-up draws the Overview there to warm the code (view-warm-up.tsx); the
 * HTML report draws the Overview's key charts there when another tab is open (report-download.tsx).
 */
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { CHART_BAR } from './charts/chart-selectors.ts';

/**
 * Draws `content` off screen at `widthPx`, waits until every chart in it has its bars (or `timeoutMs`, or
 * `signal` aborts), returns what `use` makes of the drawing, then removes it.
 */
export async function withOffScreen<T>(
  content: ReactNode,
  options: { widthPx: number; timeoutMs: number; signal?: AbortSignal; className: string },
  use: (host: HTMLElement) => T,
): Promise<T> {
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  host.className = `off-screen-host ${options.className}`;
  host.style.width = `${options.widthPx}px`;
  document.body.append(host);
  const root = createRoot(host);
  try {
    root.render(content);
    await drawn(host, options.timeoutMs, options.signal);
    return use(host);
  } finally {
    root.unmount();
    host.remove();
  }
}

/** Resolves once every chart in `host` has its bars (or on timeout, or when stopped). */
function drawn(host: HTMLElement, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const bodies = host.querySelectorAll('.chart-body');
      const done = bodies.length > 0 && [...bodies].every((b) => b.querySelector(CHART_BAR) !== null);
      if (done || signal?.aborted || performance.now() - started > timeoutMs) resolve();
      else setTimeout(check, 16);
    };
    check();
  });
}
