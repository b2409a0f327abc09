import { stringBytes } from '../dataset/growable-columns.ts';
import type { Cell } from './field-parsers.ts';
import type { LoadBudget } from './load-budget.ts';
import { MAX_COLUMNS } from './table-sink.ts';

/** Rows looked at before choosing the column mapping. */
export const SAMPLE_ROWS = 1000;

/** A row kept until the mapping is chosen. */
export interface SampleRow {
  cells: Cell[];
  line: number;
  /** The JSON array of records it came from (see FileSink.section); -1 for none. */
  section: number;
  /**
   * A row read as bytes: the bytes of its fields that are read, their ranges in them, and the bytes the
   * whole row takes in the file.
   */
  raw?: { bytes: Uint8Array; starts: Int32Array; ends: Int32Array; size: number };
}

/**
 * A sample row read as bytes: its texts for choosing the mapping, and a copy of its bytes, so that once the
 * mapping is chosen it is written as bytes too — its values then enter the text column writers as bytes
 * first, and the string dictionaries' Maps stay empty (see StringDictionary.idOfCanonical).
 */
export function byteSampleRow(
  row: { bytes: Uint8Array; starts: Int32Array; ends: Int32Array; fields: number; line: number },
  decode: (bytes: Uint8Array, from: number, to: number) => string,
): SampleRow {
  const { bytes, starts, ends, fields, line } = row;
  // fields past MAX_COLUMNS are never read: the mapping cannot point at them
  const count = Math.min(fields, MAX_COLUMNS);
  const cells: string[] = [];
  for (let k = 0; k < count; k++) cells.push(decode(bytes, starts[k] as number, ends[k] as number));
  const from = count > 0 ? (starts[0] as number) : 0;
  const raw = {
    bytes: bytes.slice(from, count > 0 ? (ends[count - 1] as number) : 0),
    starts: starts.slice(0, count).map((at) => at - from),
    ends: ends.slice(0, count).map((at) => at - from),
    size: fields > 0 ? (ends[fields - 1] as number) - from : 0,
  };
  return { cells, line, raw, section: -1 };
}

/** What a sample row takes in memory: its texts, and its bytes when it was read as bytes. */
export function sampleRowBytes(row: SampleRow): number {
  let bytes = 16 + 8 * row.cells.length;
  for (const cell of row.cells) if (typeof cell === 'string') bytes += stringBytes(cell);
  if (row.raw) bytes += row.raw.bytes.byteLength + 8 * row.raw.starts.length;
  return bytes;
}

/**
 * The rows a file of `fileBytes` promises at the sample's bytes per row, and 2% more; null when the sample
 * cannot tell (rows read as text have no byte size: a JSON file, or a CSV file of quoted fields).
 */
export function rowsForSize(sample: readonly SampleRow[], fileBytes: number): number | null {
  let bytes = 0;
  let measured = 0;
  for (const row of sample) {
    if (row.raw === undefined) continue;
    bytes += row.raw.size + 1;
    measured++;
  }
  if (measured === 0 || measured < sample.length / 2) return null;
  return Math.ceil((fileBytes / bytes) * measured * 1.02);
}

/** Most rows reserved from a file's size (see `rowsToReserve`): beyond, columns grow as they fill. */
const MAX_RESERVED_ROWS = 16_000_000;

/**
 * The rows to reserve room for in the columns, from the file's size (see rowsForSize), so they fill
 * without being doubled and copied on the way; null for none. An estimate: a file whose later rows are
 * shorter grows its columns as before; one whose rows are longer has its slack trimmed at the end.
 */
export function rowsToReserve(
  sample: readonly SampleRow[],
  sizeHint: number | null | undefined,
  budget: LoadBudget | null | undefined,
  bytesPerRow: number,
): number | null {
  if (sizeHint === null || sizeHint === undefined) return null;
  const rows = rowsForSize(sample, sizeHint);
  if (rows === null) return null;
  // a guess made to save copies, so it may take no more than half of what is left of the budget
  const room =
    budget === null || budget === undefined ? rows : (budget.maxBytes - budget.heldBytes) / 2 / bytesPerRow;
  return Math.floor(Math.min(rows, MAX_RESERVED_ROWS, room));
}
