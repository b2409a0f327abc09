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
   * The reader now holds `bytes` of input it has not made rows of yet (a row or record that has not ended;
   * 0 once it has). Throws to stop the load when that is more than the load's memory can take.
   */
  carrying?(bytes: number): void;
}

/**
 * Bytes that `chars` characters of carried text take: two a character, twice (the pieces, and the one
 * string they are joined into to be parsed).
 */
export function carriedTextBytes(chars: number): number {
  return 4 * chars;
}

/** Makes header names usable and unique: blanks become "column N", repeats get " (2)", " (3)", … */
export function uniqueColumnNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((name, i) => {
    let base = name.trim();
    if (base === '') base = `column ${i + 1}`;
    let candidate = base;
    for (let n = 2; seen.has(candidate); n++) candidate = `${base} (${n})`;
    seen.add(candidate);
    return candidate;
  });
}

/** A blank line's text: white space, or zero bytes (the zero-filled tail of a log cut off by a crash). */
export function isBlankText(text: string): boolean {
  return text.trim() === '' || (text.includes('\0') && text.replaceAll('\0', '').trim() === '');
}
