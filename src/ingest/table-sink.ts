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
  /**
   * A record that carries no result (a SyncML Status, an alert other than a Generic Alert, a LwM2M resource
   * other than Update Result): counted, neither a row nor rejected.
   */
  otherRecord?(): void;
  /** A problem that does not stop reading; `kind` marks one ingest acts on (see WarningKind). */
  warn(message: string, kind?: WarningKind): void;
  /** Text at this line held bytes that are not UTF-8 (read as Windows-1252). */
  badBytes?(line: number): void;
  /**
   * JSON: the rows that follow are the records of the array at `path` (dotted keys from the top, for
   * messages), until the next call. An array none of whose records has the result-code field is
   * metadata: its records are skipped, with a warning naming it, instead of each being rejected.
   */
  section?(path: string): void;
  /**
   * The reader now holds `bytes` of input it has not made rows of yet (a row or record that has not ended;
   * 0 once it has). Throws to stop the load when that is more than the load's memory can take.
   */
  carrying?(bytes: number): void;
}

/** A sink that can take a row as byte ranges, so values it has seen before never become strings. */
export interface ByteRowSink extends TableSink {
  /** How many leading fields each row must have split out (Infinity until the mapping is chosen). */
  fieldsNeeded(): number;
  /**
   * One data row: field k is bytes[starts[k], ends[k]) for k < count; a row with fewer fields than
   * needed has count < fieldsNeeded().
   */
  rowBytes(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, line: number): void;
  /** The reader splits rows at the `delimiter` byte; a row is at most `limit` characters long. */
  readsBytes?(delimiter: number, limit: number): void;
  /**
   * Where runs of plain rows can go in one call (the row scanner: see row-run.ts), or null: each row comes
   * through rowBytes.
   */
  rowRun?(): RowRunReader | null;
}

/** See ByteRowSink.rowRun and RowRun. */
export interface RowRunReader {
  /** The line after the rows `read` read last. */
  readonly line: number;
  /**
   * Reads the rows of bytes[from, to) it can, from `line` on, and returns where it stopped: before a row
   * the caller must read itself, or before a row that has not ended within the bytes. `fresh`: these bytes
   * were not given before.
   */
  read(bytes: Uint8Array, from: number, to: number, line: number, fresh: boolean): number;
}

/**
 * What a reader's warning says, where ingest acts on it rather than only reporting it: a JSON file that
 * yielded no record is refused with the reason the reader gave — that it holds no records (`no-records`),
 * that its structure breaks (`broken`), or that it ends inside the JSON (`unclosed`).
 */
export type WarningKind = 'no-records' | 'broken' | 'unclosed';

/**
 * The columns of one file that are read: those past it are counted and named in a warning, never analysed.
 * A log has a few dozen columns; this bounds the work and memory a file of absurd width (a header of
 * 200,000 names, a JSON key per record) costs per row and per column, whatever it holds.
 */
export const MAX_COLUMNS = 1000;

/**
 * Names made unique as they come: a name taken already gets " (2)", " (3)", … Each base name remembers the
 * suffix it tried last, so 100,000 repeats of one name cost one step each, not a search of those before.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();
  /** base name → the next suffix to try; suffixes below it are taken already */
  private readonly nextSuffix = new Map<string, number>();

  /** `base`, or the first of `base (2)`, `base (3)`, … not taken yet; the name returned is taken. */
  take(base: string): string {
    let candidate = base;
    if (this.taken.has(candidate)) {
      let n = this.nextSuffix.get(base) ?? 2;
      for (candidate = `${base} (${n})`; this.taken.has(candidate); candidate = `${base} (${n})`) n++;
      this.nextSuffix.set(base, n + 1);
    }
    this.taken.add(candidate);
    return candidate;
  }
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
  const names = new UniqueNames();
  return raw.map((name, i) => {
    const base = name.trim();
    return names.take(base === '' ? `column ${i + 1}` : base);
  });
}

/** A blank line's text: white space, or zero bytes (the zero-filled tail of a log cut off by a crash). */
export function isBlankText(text: string): boolean {
  return text.trim() === '' || (text.includes('\0') && text.replaceAll('\0', '').trim() === '');
}
