/**
 * The views that only make sense once data is loaded (Recharts charts, the TanStack event table) are
 * separate chunks: the empty page loads only React and the shell. Loading starts as soon as a file is
 * chosen (`preloadViews`), so the chunks usually arrive while the worker is still reading.
 */
import type { ReactNode } from 'react';
import { Component, lazy, Suspense } from 'react';

const importOverview = () => import('./charts/overview-panel.tsx');
const importTriage = () => import('./charts/triage-panel.tsx');
const importEvents = () => import('./events/event-table.tsx');

export const OverviewPanel = lazy(() => importOverview().then((m) => ({ default: m.OverviewPanel })));
export const TriagePanel = lazy(() => importTriage().then((m) => ({ default: m.TriagePanel })));
export const EventTable = lazy(() => importEvents().then((m) => ({ default: m.EventTable })));

let preloaded = false;

/** Fetches every view's chunk in the background; a failure here surfaces later, where the view renders. */
export function preloadViews(): void {
  if (preloaded) return;
  preloaded = true;
  for (const load of [importOverview, importTriage, importEvents]) load().catch(() => undefined);
}

/** A small placeholder while a view's chunk arrives (usually never seen: see preloadViews). */
export function ViewSuspense({ what, children }: { what: string; children: ReactNode }) {
  return (
    <ViewErrorBoundary what={what}>
      <Suspense
        fallback={
          <p className="view-loading" role="status">
            Loading {what}…
          </p>
        }
      >
        {children}
      </Suspense>
    </ViewErrorBoundary>
  );
}

/** A chunk that cannot be fetched (offline, or the site was redeployed) is said in place, not a blank page. */
class ViewErrorBoundary extends Component<{ what: string; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div role="alert" className="error-banner">
        <p>
          The {this.props.what} could not be shown ({this.state.error}). Reload the page to try again.
        </p>
      </div>
    );
  }
}
