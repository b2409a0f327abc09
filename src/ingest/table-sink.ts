import type { Cell } from './field-parsers.ts';

/**
 * What a format reader (CSV, JSON, NDJSON) feeds: column names, then rows of cells aligned with them.
 * JSON can discover columns late, so `columns` may be called again with a longer list.
 */
export interface TableSink {
  /**
   * The column names so far, in order; a later call repeats them and adds more. `untracked` counts the
   * further columns the reader did not keep a name for (past MAX_COLUMNS). The sink must copy what it
   * keeps: the reader goes on adding to `names`.
   */
  columns(names: readonly string[], untracked?: number): void;
  /** `line` is the 1-based physical line where the row starts in the file. */
  row(cells: readonly Cell[], line: number): void;
  /** A row the reader itself could not make sense of (e.g. invalid JSON); counted as rejected. */
  reject(line: number, reason: string): void;
  warn(message: string): void;
  /** Text at this line held bytes that are not UTF-8 (read as Windows-1252). */
  badBytes?(line: number): void;
}

/**
 * The columns of one file that are read: those past it are counted and named in a warning, never analysed.
 * A log has a few dozen columns; this bounds the work and memory a file of absurd width (a header of
 * 200,000 names, a JSON key per record) costs per row and per column, whatever it holds.
 */
export const MAX_COLUMNS = 1000;

/**
 * Makes header names usable and unique: blanks become "column N", repeats get " (2)", " (3)", … Each name
 * remembers the suffix it tried last, so a header that repeats one name 100,000 times costs one step per
 * name, not a search of the names before it.
 */
export function uniqueColumnNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  /** base name → the next suffix to try; suffixes below it are taken already */
  const nextSuffix = new Map<string, number>();
  return raw.map((name, i) => {
    let base = name.trim();
    if (base === '') base = `column ${i + 1}`;
    let candidate = base;
    if (seen.has(candidate)) {
      let n = nextSuffix.get(base) ?? 2;
      for (candidate = `${base} (${n})`; seen.has(candidate); candidate = `${base} (${n})`) n++;
      nextSuffix.set(base, n + 1);
    }
    seen.add(candidate);
    return candidate;
  });
}

/** A blank line's text: white space, or zero bytes (the zero-filled tail of a log cut off by a crash). */
export function isBlankText(text: string): boolean {
  return text.trim() === '' || (text.includes('\0') && text.replaceAll('\0', '').trim() === '');
}
