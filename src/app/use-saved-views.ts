/**
 * The saved named views in the page (saved-views.ts keeps them in localStorage): listed, saved, renamed and
 * deleted; another tab's changes are read when they happen. What storage could not read or keep is said.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  readSavedViews,
  renamedView,
  SAVED_VIEWS_KEY,
  type SavedView,
  viewName,
  withoutView,
  withView,
  writeSavedViews,
} from './saved-views.ts';

export interface SavedViews {
  views: readonly SavedView[];
  /** What stored data could not be read, or a change not kept; null when there is nothing to say. */
  problem: string | null;
  /** Saves the view's hash under a name; a string says why not, else whether a view of that name was replaced. */
  save(name: string, hash: string): { replaced: boolean } | string;
  /** Renames a view; a string says why not (the new name is empty, too long or taken). */
  rename(from: string, to: string): string | null;
  remove(name: string): void;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled
  }
}

export function useSavedViews(): SavedViews {
  const [read, setRead] = useState(() => readSavedViews(storage()));
  const [writeProblem, setWriteProblem] = useState<string | null>(null);
  const { views } = read;

  // another tab saved, renamed or deleted a view
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SAVED_VIEWS_KEY || event.key === null) setRead(readSavedViews(storage()));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const update = useCallback((next: SavedView[]) => {
    setRead({ views: next, problem: null });
    setWriteProblem(writeSavedViews(storage(), next));
  }, []);

  const save = useCallback(
    (name: string, hash: string) => {
      const kept = viewName(name);
      if (kept === null) return 'Give the view a name (up to 120 characters).';
      const replaced = views.some((v) => v.name === kept);
      update(withView(views, { name: kept, hash, savedAt: new Date().toISOString() }));
      return { replaced };
    },
    [views, update],
  );
  const rename = useCallback(
    (from: string, to: string) => {
      const next = renamedView(views, from, to);
      if (typeof next === 'string') return next;
      update(next);
      return null;
    },
    [views, update],
  );
  const remove = useCallback((name: string) => update(withoutView(views, name)), [views, update]);

  const problem = writeProblem ?? read.problem;
  return useMemo(() => ({ views, problem, save, rename, remove }), [views, problem, save, rename, remove]);
}
