import type { Catalog } from '../catalog/catalog-types.ts';
import { type DatasetBuilder, MAX_DIMENSIONS, quotedNames } from '../dataset/dataset-builder.ts';
import { CANONICAL_MAX, canBeCanonical, stringBytes } from '../dataset/growable-columns.ts';
import { ByteDictionary } from './byte-dictionary.ts';
import { type ColumnMapping, inferColumns, type MappingOverride } from './column-inference.ts';
import type { ByteRowSink } from './csv-byte-reader.ts';
import {
  type Cell,
  codeProblem,
  countProblem,
  parseCode,
  parseCount,
  parseIsoTimeBytes,
  parseTime,
} from './field-parsers.ts';
import { IngestError } from './ingest-error.ts';
import { asciiString, decodeLenient } from './lenient-utf8.ts';
import type { LoadBudget } from './load-budget.ts';
import { RecordSections } from './record-sections.ts';
import { MAX_COLUMNS } from './table-sink.ts';

/** Rows looked at before choosing the column mapping. */
export const SAMPLE_ROWS = 1000;

/** Names of late columns kept for their warning (it quotes the first few). */
const LATE_NAMES_KEPT = 3;

/** Most rows reserved from a file's size (see `reserveFor`): beyond, columns grow as they fill. */
const MAX_RESERVED_ROWS = 16_000_000;

export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}

/** A row kept until the mapping is chosen. */
interface SampleRow {
  cells: Cell[];
  line: number;
  /** The JSON array of records it came from (see `section`); -1 for none. */
  section: number;
  /**
   * A row read as bytes (rowBytes): the bytes of its fields that are read, their ranges in them, and the
   * bytes the whole row takes in the file.
   */
  raw?: { bytes: Uint8Array; starts: Int32Array; ends: Int32Array; size: number };
}

/**
 * Receives one file's rows: keeps the first rows as a sample until the mapping is chosen, then turns each
 * row into column values — or a rejection with its reason.
 */
export class FileSink implements ByteRowSink {
  rowsRead = 0;
  rowsRejected = 0;
  headers: string[] = [];
  mapping: ColumnMapping | null = null;
  readonly warnings: string[] = [];
  private sample: SampleRow[] = [];
  /** What the sample rows take in memory (see sampleRowBytes). */
  private sampleSize = 0;
  private readonly sizeHint: number | null;
  private readonly budget: LoadBudget | null;
  private codeAt = -1;
  private timeAt = -1;
  private deviceAt = -1;
  private countAt = -1;
  /** Pairs of (column index, builder dimension slot). */
  private dimensionColumns: [number, number][] = [];
  /** A value read as text, as bytes (see textId). */
  private textBytes = new Uint8Array(64);
  /** For rows read as bytes: one byte dictionary per device / dimension column, and value ids per slot. */
  private deviceBytes: ByteDictionary | null = null;
  private dimensionBytes: ByteDictionary[] = [];
  private dimIds = new Int32Array(0);
  private needed = Number.POSITIVE_INFINITY;
  /** The line of the row being read as bytes (for the bad-bytes warning). */
  private line = 0;
  private firstBadBytes = 0;
  private badTimes = 0;
  private firstBadTime = 0;
  /** A JSON file's arrays of records, once the reader names one. */
  private sections: RecordSections | null = null;
  /** Columns past MAX_COLUMNS (not read), and columns that first appear once the mapping is chosen. */
  private untracked = 0;
  private late = 0;
  private readonly lateNames: string[] = [];
  private readonly file: string;
  private readonly builder: DatasetBuilder;
  private readonly catalog: Catalog;
  private readonly override: MappingOverride | undefined;
  private readonly onReject: (row: RejectedRow) => void;

  constructor(
    file: string,
    builder: DatasetBuilder,
    catalog: Catalog,
    override: MappingOverride | undefined,
    onReject: (row: RejectedRow) => void,
    /** The file's size in bytes, when its bytes are the rows' (not compressed): see `reserveFor`. */
    sizeHint: number | null = null,
    /** The load's memory budget, which counts this sink's bytes and the text its reader carries. */
    budget: LoadBudget | null = null,
  ) {
    this.sizeHint = sizeHint;
    this.budget = budget;
    this.file = file;
    this.builder = builder;
    this.catalog = catalog;
    this.override = override;
    this.onReject = onReject;
  }

  /**
   * The file's column names so far (JSON finds more as it reads; each call repeats the earlier ones first).
   * Only the first MAX_COLUMNS are kept; `untracked` more that a reader did not even keep the names of are
   * counted with them. Only the new names are copied, so a file that brings one per record costs one step
   * per name.
   */
  columns(names: readonly string[], untracked = 0): void {
    const kept = Math.min(names.length, MAX_COLUMNS);
    this.untracked = Math.max(this.untracked, names.length - kept + untracked);
    for (let at = this.headers.length; at < kept; at++) {
      const name = names[at] as string;
      if (this.mapping) {
        if (this.late++ < LATE_NAMES_KEPT) this.lateNames.push(name);
      }
      this.headers.push(name);
    }
  }

  row(cells: readonly Cell[], line: number): void {
    this.rowsRead++;
    const section = this.sections === null ? -1 : this.sections.latest;
    if (this.mapping) this.write(cells, line, section);
    else this.keepSample({ cells: cells.slice(0, MAX_COLUMNS), line, section });
  }

  /** A row kept until the mapping is chosen: its bytes count against the budget while it is kept. */
  private keepSample(row: SampleRow): void {
    this.sample.push(row);
    this.sampleSize += sampleRowBytes(row);
    if (this.sample.length >= SAMPLE_ROWS) this.decide();
    else this.budget?.check();
  }

  /** Bytes this file's reading holds besides the dataset: the sample rows and the byte dictionaries. */
  get byteSize(): number {
    let bytes = this.sampleSize + (this.deviceBytes?.byteSize ?? 0);
    for (const values of this.dimensionBytes) bytes += values.byteSize;
    return bytes;
  }

  carrying(bytes: number): void {
    this.budget?.carry(bytes);
  }

  /** A row the format reader could not read at all (invalid JSON, an unclosed quote). */
  reject(line: number, reason: string): void {
    this.rowsRead++;
    this.rejectRead(line, reason);
  }

  /** A row already counted as read that has no usable code or count. */
  private rejectRead(line: number, reason: string): void {
    this.rowsRejected++;
    this.onReject({ file: this.file, line, reason });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  section(path: string): void {
    if (this.sections === null) {
      this.sections = new RecordSections(
        (line) => this.rejectRead(line, codeProblem(undefined)),
        (name, records) => {
          // metadata, not rows: no longer counted as read
          this.rowsRead -= records;
          const code = (this.mapping as ColumnMapping).code;
          this.warnings.push(
            `the array "${name}" holds ${records.toLocaleString('en-US')} record${records > 1 ? 's' : ''} without a result-code field ("${code}"): skipped, not read as rows.`,
          );
        },
      );
    }
    this.sections.start(path);
  }

  badBytes(line: number): void {
    if (this.firstBadBytes === 0 || line < this.firstBadBytes) this.firstBadBytes = line;
  }

  finish(): void {
    if (!this.mapping) this.decide();
    this.sections?.settle();
    if (this.untracked > 0) {
      const all = this.headers.length + this.untracked;
      this.warnings.push(
        `the file has ${all.toLocaleString('en-US')} columns; only the first ${MAX_COLUMNS.toLocaleString('en-US')} are read, the other ${this.untracked.toLocaleString('en-US')} are not analysed.`,
      );
    }
    if (this.late > 0) {
      const many = this.late > 1;
      this.warnings.push(
        `${this.late.toLocaleString('en-US')} column${many ? 's' : ''} first appear${many ? '' : 's'} after the first ${SAMPLE_ROWS.toLocaleString('en-US')} records and ${many ? 'are' : 'is'} not analysed (${quotedNames(this.lateNames, this.late)}).`,
      );
    }
    if (this.firstBadBytes > 0) {
      this.warnings.push(
        `line ${this.firstBadBytes} is the first with bytes that are not UTF-8 (a Latin-1 / Windows-1252 export?); such bytes were read as Windows-1252 characters and the rows kept.`,
      );
    }
    if (this.badTimes > 0) {
      this.warnings.push(
        `${this.badTimes.toLocaleString('en-US')} row${this.badTimes > 1 ? 's have' : ' has'} a time that could not be read (first at line ${this.firstBadTime}); ${this.badTimes > 1 ? 'they are' : 'it is'} kept without a time.`,
      );
    }
  }

  private decide(): void {
    if (this.headers.length === 0) {
      // JSON that yielded no record at all: the reader's warning says why
      const why =
        this.warnings.find((w) => w.startsWith('The JSON')) ??
        this.warnings.find((w) => w.startsWith('The file'));
      throw new IngestError(this.file, why ?? 'no header row and no records were found.');
    }
    let result = inferColumns(
      this.headers,
      this.sample.map((s) => s.cells),
      this.catalog,
      this.override,
    );
    if (!result.ok) {
      const all = this.headers.length + this.untracked;
      throw new IngestError(
        this.file,
        this.untracked === 0
          ? result.reason
          : `${result.reason} Only the first ${MAX_COLUMNS.toLocaleString('en-US')} of the file's ${all.toLocaleString('en-US')} columns are read.`,
      );
    }
    if (this.sections !== null) result = this.withoutMetadata(result.mapping);
    this.apply(result.mapping);
    this.reserveFor(this.sample);
    const sample = this.sample;
    this.sample = [];
    this.sampleSize = 0;
    for (const { cells, line, raw, section } of sample) {
      if (raw === undefined) this.write(cells, line, section);
      else this.writeBytes(raw.bytes, raw.starts, raw.ends, raw.starts.length, line);
    }
  }

  /**
   * The mapping chosen again without the sample's rows that lack the result-code field in an array of
   * records none of whose sampled records has it: metadata (or rows to be rejected) must not make columns
   * of its own into dimensions.
   */
  private withoutMetadata(mapping: ColumnMapping): { ok: true; mapping: ColumnMapping } {
    const codeAt = this.headers.indexOf(mapping.code);
    const withCode = new Set<number>();
    for (const row of this.sample) if (row.cells[codeAt] !== undefined) withCode.add(row.section);
    const kept = this.sample.filter((row) => row.section < 0 || withCode.has(row.section));
    if (kept.length === this.sample.length) return { ok: true, mapping };
    const again = inferColumns(
      this.headers,
      kept.map((row) => row.cells),
      this.catalog,
      { ...this.override, code: mapping.code },
    );
    return again.ok ? again : { ok: true, mapping };
  }

  /**
   * Reserves room in the columns for the rows the file's size promises at the sample's bytes per row (and
   * 2% more), so they fill without being doubled and copied on the way. An estimate: a file whose later
   * rows are shorter grows its columns as before; one whose rows are longer has its slack trimmed at the end.
   */
  private reserveFor(sample: readonly SampleRow[]): void {
    if (this.sizeHint === null) return;
    let bytes = 0;
    let measured = 0;
    for (const row of sample) {
      if (row.raw === undefined) continue;
      bytes += row.raw.size + 1;
      measured++;
    }
    // rows read as text have no byte size: a JSON file, or a CSV file of quoted fields, is not estimated
    if (measured === 0 || measured < sample.length / 2) return;
    const rows = Math.ceil((this.sizeHint / bytes) * measured * 1.02);
    // a guess made to save copies, so it may take no more than half of what is left of the budget
    const budget = this.budget;
    const room = budget === null ? rows : (budget.maxBytes - budget.heldBytes) / 2 / this.builder.bytesPerRow;
    this.builder.reserve(this.builder.rowCount + Math.floor(Math.min(rows, MAX_RESERVED_ROWS, room)));
  }

  private apply(mapping: ColumnMapping): void {
    const index = new Map<string, number>();
    this.headers.forEach((name, k) => {
      if (!index.has(name)) index.set(name, k);
    });
    const at = (name: string | null) => (name === null ? -1 : (index.get(name) ?? -1));
    this.codeAt = at(mapping.code);
    this.timeAt = at(mapping.time);
    this.deviceAt = at(mapping.device);
    this.countAt = at(mapping.count);
    if (this.timeAt >= 0) this.builder.enableTime();
    if (this.deviceAt >= 0) this.builder.enableDevice();
    if (this.countAt >= 0) this.builder.enableCount();
    // a dimension the dataset has no room for (see MAX_DIMENSIONS) is reported as ignored, with why
    const dimensions: string[] = [];
    const ignored = [...mapping.ignored];
    this.dimensionColumns = [];
    let needed = Math.max(this.codeAt, this.timeAt, this.deviceAt, this.countAt);
    for (const name of mapping.dimensions) {
      const slot = this.builder.dimensionSlot(name);
      if (slot < 0) {
        ignored.push({
          name,
          reason: `past the ${MAX_DIMENSIONS.toLocaleString('en-US')} dimensions a dataset keeps`,
        });
        continue;
      }
      dimensions.push(name);
      this.dimensionColumns.push([at(name), slot]);
      needed = Math.max(needed, at(name));
    }
    this.mapping =
      dimensions.length === mapping.dimensions.length ? mapping : { ...mapping, dimensions, ignored };
    this.needed = needed + 1;
    const builder = this.builder;
    // a value first seen as bytes: its text, and its id (without a Map insert when the bytes are the text)
    const device: ByteDictionary = new ByteDictionary((b, from, to) => {
      const canonical = canonicalAscii(b, from, to);
      return canonical === null
        ? builder.deviceId(this.decode(b, from, to).trim())
        : builder.canonicalDeviceId(canonical, device);
    });
    this.deviceBytes = device;
    this.dimensionBytes = this.dimensionColumns.map(([, slot]) => {
      const values: ByteDictionary = new ByteDictionary((b, from, to) => {
        const canonical = canonicalAscii(b, from, to);
        return canonical === null
          ? builder.dimensionValueId(slot, this.decode(b, from, to).trim())
          : builder.canonicalDimensionValueId(slot, canonical, values);
      });
      return values;
    });
    this.dimIds = new Int32Array(builder.dimensionCount);
  }

  fieldsNeeded(): number {
    return this.needed;
  }

  private decode(bytes: Uint8Array, from: number, to: number): string {
    const { text, firstBadByte } = decodeLenient(bytes.subarray(from, to));
    if (firstBadByte >= 0) this.badBytes(this.line);
    return text;
  }

  /**
   * A row as byte ranges: the same checks as `write`, but codes and times are read from short ASCII
   * strings and device / dimension values are looked up by their bytes.
   */
  rowBytes(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, line: number): void {
    this.line = line;
    if (!this.mapping) {
      this.sampleBytes(bytes, starts, ends, count, line);
      return;
    }
    this.rowsRead++;
    this.writeBytes(bytes, starts, ends, count, line);
  }

  /**
   * A sample row read as bytes: its texts for choosing the mapping, and a copy of its bytes, so that once
   * the mapping is chosen it is written as bytes too — its values then enter the byte dictionaries first,
   * and the string dictionaries' Maps stay empty (see StringDictionary.idOfCanonical).
   */
  private sampleBytes(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, fields: number, line: number) {
    // fields past MAX_COLUMNS are never read: the mapping cannot point at them
    const count = Math.min(fields, MAX_COLUMNS);
    const cells: string[] = [];
    for (let k = 0; k < count; k++) cells.push(this.decode(bytes, starts[k] as number, ends[k] as number));
    const from = count > 0 ? (starts[0] as number) : 0;
    const raw = {
      bytes: bytes.slice(from, count > 0 ? (ends[count - 1] as number) : 0),
      starts: starts.slice(0, count).map((at) => at - from),
      ends: ends.slice(0, count).map((at) => at - from),
      size: fields > 0 ? (ends[fields - 1] as number) - from : 0,
    };
    this.rowsRead++;
    this.keepSample({ cells, line, raw, section: -1 });
  }

  private writeBytes(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, line: number) {
    this.line = line;
    if (this.codeAt >= count) {
      this.rejectRead(line, codeProblem(undefined));
      return;
    }
    const codeFrom = starts[this.codeAt] as number;
    const codeTo = ends[this.codeAt] as number;
    let code = fourDigits(bytes, codeFrom, codeTo);
    if (code < 0) {
      const raw = this.decode(bytes, codeFrom, codeTo);
      code = parseCode(raw);
      if (Number.isNaN(code)) {
        this.rejectRead(line, codeProblem(raw));
        return;
      }
    }
    let count1 = 1;
    if (this.countAt >= 0) {
      const raw =
        this.countAt < count
          ? this.decode(bytes, starts[this.countAt] as number, ends[this.countAt] as number)
          : undefined;
      count1 = parseCount(raw);
      if (Number.isNaN(count1)) {
        this.rejectRead(line, countProblem(raw));
        return;
      }
    }
    let time = Number.NaN;
    if (this.timeAt >= 0 && this.timeAt < count) {
      const from = starts[this.timeAt] as number;
      const to = ends[this.timeAt] as number;
      time = parseIsoTimeBytes(bytes, from, to);
      if (Number.isNaN(time)) {
        const raw = this.decode(bytes, from, to);
        time = parseTime(raw);
        if (Number.isNaN(time) && raw.trim() !== '' && this.badTimes++ === 0) this.firstBadTime = line;
      }
    }
    const device =
      this.deviceAt >= 0 && this.deviceAt < count
        ? (this.deviceBytes as ByteDictionary).idOf(
            bytes,
            starts[this.deviceAt] as number,
            ends[this.deviceAt] as number,
          )
        : 0;
    const dimIds = this.dimIds;
    const columns = this.dimensionColumns;
    for (let k = 0; k < columns.length; k++) {
      const [column, slot] = columns[k] as [number, number];
      dimIds[slot] =
        column < count && !this.builder.isDropped(slot)
          ? (this.dimensionBytes[k] as ByteDictionary).idOf(
              bytes,
              starts[column] as number,
              ends[column] as number,
            )
          : 0;
    }
    this.builder.addResolved(this.builder.codeId(code), time, count1, device, dimIds);
  }

  private write(cells: readonly Cell[], line: number, section: number): void {
    const rawCode = cells[this.codeAt];
    if (section >= 0 && !(this.sections as RecordSections).admit(section, rawCode !== undefined, line))
      return;
    const code = parseCode(rawCode);
    if (Number.isNaN(code)) {
      this.rejectRead(line, codeProblem(rawCode));
      return;
    }
    let count = 1;
    if (this.countAt >= 0) {
      const raw = cells[this.countAt];
      count = parseCount(raw);
      if (Number.isNaN(count)) {
        this.rejectRead(line, countProblem(raw));
        return;
      }
    }
    let time = Number.NaN;
    if (this.timeAt >= 0) {
      const raw = cells[this.timeAt];
      time = parseTime(raw);
      if (Number.isNaN(time) && raw !== undefined && raw !== null && String(raw).trim() !== '') {
        if (this.badTimes++ === 0) this.firstBadTime = line;
      }
    }
    const builder = this.builder;
    const device =
      this.deviceAt >= 0
        ? this.textId(this.deviceBytes, text(cells[this.deviceAt]), (v) => builder.deviceId(v))
        : 0;
    const dimIds = this.dimIds;
    const columns = this.dimensionColumns;
    for (let k = 0; k < columns.length; k++) {
      const [column, slot] = columns[k] as [number, number];
      dimIds[slot] = builder.isDropped(slot)
        ? 0
        : this.textId(this.dimensionBytes[k] ?? null, text(cells[column]), (v) =>
            builder.dimensionValueId(slot, v),
          );
    }
    builder.addResolved(builder.codeId(code), time, count, device, dimIds);
  }

  /**
   * The id of a value read as text (a row with quotes, a JSON record). A value that is its own bytes
   * (ASCII, no white space at either end) is looked up by those bytes, in the same byte dictionary as the
   * rows read as bytes: the string dictionary's Map then stays empty, as for a file without quotes (see
   * StringDictionary.idOfCanonical). Any other value goes to the Map (`slow`).
   */
  private textId(bytes: ByteDictionary | null, value: string, slow: (value: string) => number): number {
    if (bytes === null || !canBeCanonical(value)) return slow(value);
    const n = value.length;
    if (this.textBytes.length < n) this.textBytes = new Uint8Array(CANONICAL_MAX);
    for (let i = 0; i < n; i++) this.textBytes[i] = value.charCodeAt(i);
    return bytes.idOf(this.textBytes, 0, n);
  }
}

/**
 * The text of bytes that are their own text — ASCII, with no white space at either end (so trimming leaves
 * it as is, and no other bytes read as the same text) — or null.
 */
function canonicalAscii(bytes: Uint8Array, from: number, to: number): string | null {
  if (to <= from || to - from > CANONICAL_MAX) return null;
  if ((bytes[from] as number) <= 32 || (bytes[to - 1] as number) <= 32) return null;
  for (let i = from; i < to; i++) if ((bytes[i] as number) >= 0x7f) return null;
  return asciiString(bytes, from, to);
}

/** What a sample row takes in memory: its texts, and its bytes when it was read as bytes. */
function sampleRowBytes(row: SampleRow): number {
  let bytes = 16 + 8 * row.cells.length;
  for (const cell of row.cells) if (typeof cell === 'string') bytes += stringBytes(cell);
  if (row.raw) bytes += row.raw.bytes.byteLength + 8 * row.raw.starts.length;
  return bytes;
}

/** The common case of a code field: exactly four ASCII digits. -1 for anything else. */
function fourDigits(bytes: Uint8Array, from: number, to: number): number {
  if (to - from !== 4) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = (bytes[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function text(cell: Cell): string {
  if (cell === undefined || cell === null) return '';
  return typeof cell === 'string' ? cell.trim() : String(cell);
}
