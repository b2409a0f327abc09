/**
 * Saved named views: the view as its URL hash holds it (filters, search, tab, dimension, sort, open device,
 * verdict), under a name, in localStorage for the next visit. Pure functions over a Storage-like object:
 * what is stored is checked entry by entry, and stored data that is not ours to read (not JSON, another
 * shape, another version) is left out with a note, never trusted and never a crash.
 */

/** The key holds `{ "version": 1, "views": [...] }`; a new shape gets a new key and a new version. */
export const SAVED_VIEWS_KEY = 'dmscope.savedViews.v1';
export const SAVED_VIEWS_VERSION = 1;

/** Names longer than this, and hashes longer than this, are not a saved view of this page's. */
export const MAX_VIEW_NAME = 120;
const MAX_HASH = 16_000;
/** More views than this are not kept (the list is for a handful of views, not a database). */
export const MAX_SAVED_VIEWS = 200;

export interface SavedView {
  name: string;
  /** The view's URL hash ('' for the view without filters), as viewToHash writes it. */
  hash: string;
  /** When it was saved (ISO 8601 UTC). */
  savedAt: string;
}

export interface SavedViewsRead {
  views: SavedView[];
  /** What could not be read, for the page to say; null when everything stored was read. */
  problem: string | null;
}

type Reader = Pick<Storage, 'getItem'>;
type Writer = Pick<Storage, 'setItem'>;

/** The views stored under SAVED_VIEWS_KEY; what cannot be read is left out and named in `problem`. */
export function readSavedViews(storage: Reader | null): SavedViewsRead {
  let text: string | null;
  try {
    text = storage?.getItem(SAVED_VIEWS_KEY) ?? null;
  } catch {
    return {
      views: [],
      problem: 'This browser does not let the page read its storage: views cannot be saved.',
    };
  }
  if (text === null) return { views: [], problem: null };
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return {
      views: [],
      problem: 'The saved views stored in this browser are damaged (not JSON) and were ignored.',
    };
  }
  if (!isRecord(stored) || !Array.isArray(stored.views) || stored.version !== SAVED_VIEWS_VERSION) {
    const version = isRecord(stored) ? stored.version : undefined;
    return {
      views: [],
      problem: `The saved views stored in this browser are in a form this page does not read${typeof version === 'number' ? ` (version ${version})` : ''} and were ignored.`,
    };
  }
  const views: SavedView[] = [];
  let bad = 0;
  for (const entry of stored.views.slice(0, MAX_SAVED_VIEWS)) {
    const view = asSavedView(entry);
    if (view === null || views.some((v) => v.name === view.name)) bad++;
    else views.push(view);
  }
  const problem =
    bad === 0
      ? null
      : `${bad} of the saved views stored in this browser could not be read and ${bad === 1 ? 'was' : 'were'} ignored.`;
  return { views, problem };
}

/** Stores the views; returns why it could not (storage full or disabled), or null. */
export function writeSavedViews(storage: Writer | null, views: readonly SavedView[]): string | null {
  if (storage === null) return 'This browser does not let the page use its storage: the view is not kept.';
  try {
    storage.setItem(SAVED_VIEWS_KEY, JSON.stringify({ version: SAVED_VIEWS_VERSION, views }));
    return null;
  } catch {
    return 'The browser refused to store the saved views (its storage is full or disabled): the change is not kept.';
  }
}

/** A name as it is kept: trimmed; null when empty or too long. */
export function viewName(name: string): string | null {
  const trimmed = name.trim();
  return trimmed === '' || trimmed.length > MAX_VIEW_NAME ? null : trimmed;
}

/** The list with `view` saved under its name: a view of the same name is replaced, in its place. */
export function withView(views: readonly SavedView[], view: SavedView): SavedView[] {
  const at = views.findIndex((v) => v.name === view.name);
  if (at < 0) return [...views, view];
  return views.map((v, k) => (k === at ? view : v));
}

export function withoutView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}

/** The list with a view renamed; a string says why not (the new name is empty, too long or taken). */
export function renamedView(views: readonly SavedView[], from: string, to: string): SavedView[] | string {
  const name = viewName(to);
  if (name === null) return `A view's name has 1 to ${MAX_VIEW_NAME} characters.`;
  if (name !== from && views.some((v) => v.name === name))
    return `There is a saved view named “${name}” already.`;
  return views.map((v) => (v.name === from ? { ...v, name } : v));
}

function asSavedView(entry: unknown): SavedView | null {
  if (!isRecord(entry)) return null;
  const { name, hash, savedAt } = entry;
  if (typeof name !== 'string' || typeof hash !== 'string' || typeof savedAt !== 'string') return null;
  const kept = viewName(name);
  if (kept === null || kept !== name) return null;
  if (hash.length > MAX_HASH || (hash !== '' && !hash.startsWith('#'))) return null;
  return { name, hash, savedAt };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
