/**
 * Parquet files (warehouse exports) through hyparquet, a pure-JavaScript reader, one row group at a time:
 * the footer (schema and row groups) is read first, then each row group's column chunks, whose rows go to
 * the sink as records — nested structs flattened to dotted names and lists kept as JSON text, as JSON
 * records are (see RecordTable). Format: Apache Parquet, "File Format" and "Logical Types"
 * (parquet.apache.org/docs/file-format/); reader: hyparquet (github.com/hyparam/hyparquet).
 */
import type { AsyncBuffer, FileMetaData, ParquetParsers, SchemaTree } from 'hyparquet';
import type { Cell } from './field-parsers.ts';
import { IngestError } from './ingest-error.ts';
import { RecordTable } from './json-record-table.ts';
import { MAX_RECORD_CHARS } from './record-limit.ts';
import { type TableSink, uniqueColumnNames } from './table-sink.ts';

/** Bytes of a file read in any order: what Parquet needs, since its index (the footer) is at the end. */
export interface RandomAccess {
  readonly size: number;
  slice(start: number, end: number): Promise<Uint8Array>;
  /** Bytes held in memory for it (a file that had to be read whole first: from a pipe, gzip or ZIP). */
  readonly held: number;
}

export interface ParquetHooks {
  /** Before each row group is read: the caller's turn (a pause, a Cancel, the memory budget). */
  beforeRowGroup: () => Promise<void> | undefined;
}

/** What a row group of the file is: its rows, and the bytes its columns take once decompressed. */
interface RowGroupSpan {
  start: number;
  end: number;
  bytes: number;
}

/**
 * Reads a Parquet file's rows into `sink`. A file whose footer cannot be read (cut short, damaged, not
 * Parquet after all) is refused with an IngestError that says so; a row group that cannot be decoded has
 * its rows rejected with the reason, and the other row groups are read. Errors of the source itself (a
 * Cancel, a file that changed) go on as they are.
 */
export async function readParquet(
  name: string,
  file: RandomAccess,
  sink: TableSink,
  hooks: ParquetHooks,
): Promise<void> {
  // the reader is loaded only when a Parquet file is dropped: no cost to the page or worker start otherwise
  const [{ parquetMetadataAsync, parquetRead, parquetSchema }, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
  ]);
  const source = sourceBuffer(file);
  let metadata: FileMetaData;
  let schema: SchemaTree[];
  try {
    metadata = await parquetMetadataAsync(source.buffer, { parsers: PARSERS });
    schema = parquetSchema(metadata).children;
  } catch (error) {
    if (source.failed) throw error;
    throw new IngestError(name, footerProblem(file.size, error));
  }
  const names = schema.map((child) => child.element.name);
  const rowsTo = schema.every(isLeaf) ? flatRows(sink, names) : nestedRows(sink, names);
  for (const [index, group] of rowGroups(metadata).entries()) {
    const pause = hooks.beforeRowGroup();
    if (pause !== undefined) await pause;
    // a row group is decompressed whole: it counts against the load's memory while it is
    sink.carrying?.(file.held + group.bytes);
    let rows: unknown[][];
    try {
      rows = await readRows(parquetRead, {
        file: source.buffer,
        metadata,
        columns: names,
        rowStart: group.start,
        rowEnd: group.end,
        compressors,
        parsers: PARSERS,
      });
    } catch (error) {
      if (source.failed) throw error;
      rejectRowGroup(name, sink, index, group, error);
      sink.carrying?.(file.held);
      continue;
    }
    for (const [at, row] of rows.entries()) rowsTo.row(row, group.start + at + 1);
    sink.carrying?.(file.held);
  }
  rowsTo.finish();
}

/** Where a row group's rows go: arrays of the top-level columns' values, in schema order. */
interface RowTarget {
  row(values: readonly unknown[], line: number): void;
  finish(): void;
}

/** A column that holds one value per row: no struct, list or map below it. */
function isLeaf(column: SchemaTree): boolean {
  return column.children.length === 0;
}

/** Rows of a flat schema (most warehouse exports): each value a cell, no record object made. */
function flatRows(sink: TableSink, names: readonly string[]): RowTarget {
  sink.columns(uniqueColumnNames(names));
  const cells: Cell[] = new Array(names.length);
  return {
    row(values, line) {
      for (let k = 0; k < cells.length; k++) cells[k] = plainCell(values[k]);
      sink.row(cells, line);
    },
    finish: () => undefined,
  };
}

/** Rows with structs, lists or maps: records flattened as JSON records are (see RecordTable). */
function nestedRows(sink: TableSink, names: readonly string[]): RowTarget {
  const table = new RecordTable(sink, MAX_RECORD_CHARS);
  return {
    row: (values, line) => table.record(rowRecord(names, values), line),
    finish: () => table.finish(),
  };
}

/** A leaf column's value as a cell (see plainValue). */
function plainCell(value: unknown): Cell {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? bigintValue(value) : (value as Cell);
  }
  const plain = plainValue(value);
  return plain === null || typeof plain !== 'object' ? (plain as Cell) : JSON.stringify(plain);
}

type ParquetRead = typeof import('hyparquet').parquetRead;
type ReadOptions = Omit<Parameters<ParquetRead>[0], 'rowFormat' | 'onComplete'>;

/** The rows of one range of the file, each an array of the top-level columns' values in `columns` order. */
async function readRows(parquetRead: ParquetRead, options: ReadOptions): Promise<unknown[][]> {
  let rows: unknown[][] = [];
  await parquetRead({
    ...options,
    rowFormat: 'array',
    onComplete: (read) => {
      rows = read;
    },
  });
  return rows;
}

/**
 * The file as hyparquet's AsyncBuffer; `failed` says the source itself failed (a Cancel, a file that
 * changed while it was read) rather than the bytes being bad.
 */
function sourceBuffer(file: RandomAccess): { buffer: AsyncBuffer; failed: boolean } {
  const state = { buffer: null as unknown as AsyncBuffer, failed: false };
  state.buffer = {
    byteLength: file.size,
    slice: async (start: number, end?: number) => {
      const from = Math.max(0, Math.min(start, file.size));
      const to = Math.max(from, Math.min(end ?? file.size, file.size));
      const bytes = await file.slice(from, to).catch((error: unknown) => {
        state.failed = true;
        throw error;
      });
      // hyparquet wants an ArrayBuffer of exactly the range
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : (bytes.slice().buffer as ArrayBuffer);
    },
  };
  return state;
}

function rowGroups(metadata: FileMetaData): RowGroupSpan[] {
  const spans: RowGroupSpan[] = [];
  let start = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    spans.push({ start, end: start + rows, bytes: Number(group.total_byte_size) });
    start += rows;
  }
  return spans;
}

function footerProblem(size: number, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    `this Parquet file cannot be read: its footer, where Parquet keeps the schema and the row groups, is damaged or missing (${detail}; ${size.toLocaleString('en-US')} bytes). ` +
    'A Parquet file cut short, by an interrupted download or copy, loses its footer: export or copy it again.'
  );
}

/**
 * Most rows a row group that cannot be decoded may claim for them to be rejected one by one; a damaged
 * footer can claim any number (2^60), so a larger claim refuses the file instead.
 */
const MAX_REJECTED_GROUP_ROWS = 10_000_000;

/** Every row of a row group that cannot be decoded is rejected, with the row group and the reason. */
function rejectRowGroup(
  name: string,
  sink: TableSink,
  index: number,
  group: RowGroupSpan,
  error: unknown,
): void {
  const detail = error instanceof Error ? error.message : String(error);
  const reason = `row group ${index + 1} (rows ${group.start + 1}–${group.end}) could not be decoded: ${detail}`;
  if (!(group.end - group.start <= MAX_REJECTED_GROUP_ROWS)) {
    throw new IngestError(name, `this Parquet file cannot be read: ${reason}.`);
  }
  for (let row = group.start; row < group.end; row++) sink.reject(row + 1, reason);
}

/**
 * A row as a record: a null-prototype object, so a column named `__proto__` or `constructor` is an ordinary
 * key (see RecordTable), with values as JSON would hold them.
 */
function rowRecord(names: readonly string[], row: readonly unknown[]): Record<string, unknown> {
  const record = Object.create(null) as Record<string, unknown>;
  for (let k = 0; k < names.length; k++) record[names[k] as string] = plainValue(row[k]);
  return record;
}

/**
 * A Parquet value as the JSON value a record would hold: INT64 (a bigint) as a number where it is exact,
 * else its digits; bytes without a text annotation as hex; structs and lists likewise inside.
 */
function plainValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? bigintValue(value) : value;
  }
  if (value instanceof Uint8Array) return hex(value);
  if (value instanceof Date) return isoOrNull(value.getTime());
  if (Array.isArray(value)) return value.map(plainValue);
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) out[key] = plainValue((value as Record<string, unknown>)[key]);
  return out;
}

function bigintValue(value: bigint): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** ISO 8601 UTC text of an instant in epoch milliseconds; null outside what a Date holds. */
function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}

/** Times as ISO 8601 text, which time inference reads by name and by value, whatever their unit. */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis) => isoOrNull(Number(millis)),
  timestampFromMicroseconds: (micros) => isoOrNull(Number(micros / 1000n)),
  timestampFromNanoseconds: (nanos) => isoOrNull(Number(nanos / 1_000_000n)),
  dateFromDays: (days) => isoOrNull(days * 86_400_000)?.slice(0, 10) ?? null,
};
