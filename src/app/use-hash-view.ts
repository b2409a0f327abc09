/** The view as the URL hash holds it: read at start and on every hash change, written on every change. */
import { useCallback, useEffect, useState } from 'react';
import type { ViewState } from './view-state.ts';
import { hashToView, viewToHash } from './view-state.ts';

function readHash(): ViewState {
  return hashToView(typeof location === 'undefined' ? '' : location.hash);
}

export function useHashView(): {
  view: ViewState;
  setView(update: (view: ViewState) => ViewState): void;
} {
  const [view, setViewState] = useState<ViewState>(readHash);

  const setView = useCallback((update: (view: ViewState) => ViewState) => {
    setViewState((current) => {
      const next = update(current);
      const hash = viewToHash(next);
      if (hash !== location.hash && !(hash === '' && location.hash === '')) {
        history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
      }
      return next;
    });
  }, []);

  // Someone edits the hash or follows a shared link inside the open page.
  useEffect(() => {
    const onHashChange = () => setViewState(readHash());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  return { view, setView };
}
