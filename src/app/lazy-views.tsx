/**
 * The views that only make sense once data is loaded (the charts, the TanStack event table) are
 * separate chunks: the empty page loads only React and the shell. The Overview's chunk is fetched once the
 * page is drawn and idle (the view warm-up, see view-warm-up.tsx), and every chunk as soon as a file is
 * chosen, or the pointer or a drag reaches the page's upload controls (`preloadViews`), so the chunks have
 * arrived, and been evaluated, before the worker has read the file.
 *
 * A view whose chunk has arrived renders its component directly. Only a view rendered before its chunk
 * arrives goes through React.lazy and Suspense, and that costs more than the wait: React shows the fallback
 * and then holds the content back for its fallback throttle (300 ms) before revealing it.
 */
import type { ComponentType, ReactNode } from 'react';
import { lazy, memo, Suspense, startTransition, useEffect, useState } from 'react';
import { ErrorBoundary } from './error-boundary.tsx';

/** A memoised view over a lazily loaded component, and the function that starts loading it. */
function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { View: ComponentType<P>; preload(): Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        loading = null; // a later render or preload tries again
        throw error;
      },
    );
    return loading;
  };
  const lazyLoaded = () => lazy(() => preload().then((component) => ({ default: component })));
  // The component an instance starts with stays its component: switching would remount the view. A lazy
  // component per instance: React keeps a failed one failed, so a view mounted again (its error
  // boundary's "Try again") fetches the chunk again.
  const View = memo(function LazyView(props: P) {
    const [Chosen] = useState<ComponentType<P>>(
      () => loaded ?? (lazyLoaded() as unknown as ComponentType<P>),
    );
    return <Chosen {...props} />;
  });
  return { View: View as unknown as ComponentType<P>, preload };
}

const overview = lazyView(() => import('./charts/overview-panel.tsx').then((m) => m.OverviewPanel));
const triage = lazyView(() => import('./charts/triage-panel.tsx').then((m) => m.TriagePanel));
const events = lazyView(() => import('./events/event-table.tsx').then((m) => m.EventTable));
/** The code chart alone, for the figures of a load in progress (partial-figures.tsx). */
const codeChart = lazyView(() =>
  import('./charts/failures-by-code-chart.tsx').then((m) => m.FailuresByCodeChart),
);

export const OverviewPanel = overview.View;
/** The Overview's own component, once its chunk is here (for view-warm-up.tsx). */
export const loadOverviewPanel = overview.preload;
export const TriagePanel = triage.View;
export const EventTable = events.View;
export const CodeChart = codeChart.View;

let preloaded = false;

/** Fetches every view's chunk in the background; a failure here surfaces later, where the view renders. */
export function preloadViews(): void {
  if (preloaded) return;
  preloaded = true;
  for (const view of [overview, triage, events, codeChart]) view.preload().catch(() => undefined);
}

/**
 * Where a view goes: a small placeholder while its chunk arrives (usually never seen: see preloadViews),
 * and while it is first drawn. A view is first drawn in a transition, after the commit that mounts it:
 * a first render runs code for the first time, and the Summary next to it should not wait for it. Once drawn, a view updates in the same
 * commit as the Summary.
 */
export function ViewSuspense({
  what,
  onRetry,
  resetKey,
  children,
}: {
  what: string;
  /** Asks for the view's data again, when its error's "Try again" is pressed. */
  onRetry: () => void;
  /** The view's data: a view that failed is drawn again when it changes. */
  resetKey: unknown;
  children: ReactNode;
}) {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    startTransition(() => setDrawn(true));
  }, []);
  const placeholder = (
    <p className="view-loading" role="status">
      Loading {what}…
    </p>
  );
  return (
    <ErrorBoundary what={what} onRetry={onRetry} resetKey={resetKey}>
      <Suspense fallback={placeholder}>{drawn ? children : placeholder}</Suspense>
    </ErrorBoundary>
  );
}
