/**
 * The view as the URL hash holds it: read at start and whenever the history moves, written on every change.
 * A change of filter, tab, dimension or open device is a history entry of its own (Back undoes it, Forward
 * redoes it, the data stays loaded); a change of search or sort, or the fitting of a view to newly loaded
 * data, replaces the current entry instead.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ViewState } from './view-state.ts';
import { hashToView, viewToHash } from './view-state.ts';

function readHash(): ViewState {
  return hashToView(typeof location === 'undefined' ? '' : location.hash);
}

/**
 * How a view change enters the history: `auto` pushes an entry for changes a user would step back over,
 * `push` an entry for any change (a saved view applied), `replace` none.
 */
export type HistoryMode = 'auto' | 'push' | 'replace';

/** The view parts Back steps over; the hash text of the rest (search, sort) only replaces the entry. */
function isStep(before: ViewState, after: ViewState): boolean {
  return (
    before.tab !== after.tab ||
    before.device !== after.device ||
    before.dimension !== after.dimension ||
    viewToHash({ ...before, search: '', sort: null }) !== viewToHash({ ...after, search: '', sort: null })
  );
}

export function useHashView(): {
  view: ViewState;
  setView(update: (view: ViewState) => ViewState, mode?: HistoryMode): void;
} {
  const [view, setViewState] = useState<ViewState>(readHash);

  const setView = useCallback((update: (view: ViewState) => ViewState, mode: HistoryMode = 'auto') => {
    setViewState((current) => {
      const next = update(current);
      const hash = viewToHash(next);
      // the updater may run twice (React's strict mode): the second run finds the hash already written
      if (hash !== location.hash && !(hash === '' && location.hash === '')) {
        const url = hash === '' ? location.pathname + location.search : hash;
        if (mode === 'push' || (mode === 'auto' && isStep(current, next))) history.pushState(null, '', url);
        else history.replaceState(null, '', url);
      }
      return next;
    });
  }, []);

  // Back and Forward, an edited hash, a shared link followed inside the open page.
  useEffect(() => {
    const onMove = () => setViewState(readHash());
    window.addEventListener('popstate', onMove);
    window.addEventListener('hashchange', onMove);
    return () => {
      window.removeEventListener('popstate', onMove);
      window.removeEventListener('hashchange', onMove);
    };
  }, []);

  return { view, setView };
}

/** While data is loaded, leaving the page (closing, reloading, following a link away) asks first. */
export function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // older browsers ask only when a return value is set
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}
