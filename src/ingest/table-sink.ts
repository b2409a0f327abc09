import type { Cell } from './field-parsers.ts';

/**
 * What a format reader (CSV, JSON, NDJSON) feeds: column names, then rows of cells aligned with them.
 * JSON can discover columns late, so `columns` may be called again with a longer list.
 */
export interface TableSink {
  columns(names: readonly string[]): void;
  /** `line` is the 1-based physical line where the row starts in the file. */
  row(cells: readonly Cell[], line: number): void;
  /** A row the reader itself could not make sense of (e.g. invalid JSON); counted as rejected. */
  reject(line: number, reason: string): void;
  warn(message: string): void;
  /** Text at this line held bytes that are not UTF-8 (read as Windows-1252). */
  badBytes?(line: number): void;
  /**
   * JSON: the rows that follow are the records of the array at `path` (dotted keys from the top, for
   * messages), until the next call. An array none of whose records has the result-code field is
   * metadata: its records are skipped, with a warning naming it, instead of each being rejected.
   */
  section?(path: string): void;
}

/** Makes header names usable and unique: blanks become "column N", repeats get " (2)", " (3)", … */
export function uniqueColumnNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((name, i) => {
    const base = name.trim();
    return uniqueName(base === '' ? `column ${i + 1}` : base, seen);
  });
}

/** `base`, or the first of `base (2)`, `base (3)`, … not in `taken`; the name returned is added to it. */
export function uniqueName(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base} (${n})`;
  taken.add(candidate);
  return candidate;
}

/** A blank line's text: white space, or zero bytes (the zero-filled tail of a log cut off by a crash). */
export function isBlankText(text: string): boolean {
  return text.trim() === '' || (text.includes('\0') && text.replaceAll('\0', '').trim() === '');
}
