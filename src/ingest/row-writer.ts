import type { Catalog } from '../catalog/catalog-types.ts';
import type { DatasetBuilder, IdRun } from '../dataset/dataset-builder.ts';
import type { TextColumnWriter } from '../dataset/growable-columns.ts';
import {
  type Cell,
  codeProblem,
  countProblem,
  parseCode,
  parseCount,
  parseIsoTimeBytes,
  parseTime,
} from './field-parsers.ts';
import { decodeLenient } from './lenient-utf8.ts';
import { DEVICE_DICTIONARY } from './row-run.ts';
import type { ScannedRows } from './row-scan.ts';
import { MAX_STATUS_WORDS, NO_WORD, type StatusWords, TOO_MANY_WORDS } from './status-words.ts';

const SLASH = 47;

/** A time field that holds text which is no time (NaN means the field is absent or blank). */
export const UNREADABLE_TIME = Number.NEGATIVE_INFINITY;

/**
 * One row's fields as the row writer reads them, by column index: the same questions whether the row came
 * as text cells (a row with quotes, a JSON record) or as byte ranges (`ByteFields`). A field past the row's
 * end is absent.
 */
export interface RowFields {
  /** The field's value as a cell, for a rejection's reason (absent: undefined). */
  cell(at: number): Cell;
  /** A result code, or NaN. */
  code(at: number): number;
  /** A count, or NaN. */
  count(at: number): number;
  /** Milliseconds since the epoch; NaN when absent or blank; UNREADABLE_TIME for text that is no time. */
  time(at: number): number;
  /** The value's id in a text column ('' when absent). */
  textId(at: number, column: TextColumnWriter): number;
  /** The id of the value's part after its last `/` (an ARN's resource name; the whole value without one). */
  textIdAfterSlash(at: number, column: TextColumnWriter): number;
}

/** A row given as text cells. */
export class CellFields implements RowFields {
  private cells: readonly Cell[] = [];

  set(cells: readonly Cell[]): this {
    this.cells = cells;
    return this;
  }

  cell(at: number): Cell {
    return this.cells[at];
  }

  code(at: number): number {
    return parseCode(this.cells[at]);
  }

  count(at: number): number {
    return parseCount(this.cells[at]);
  }

  time(at: number): number {
    const raw = this.cells[at];
    const time = parseTime(raw);
    if (!Number.isNaN(time) || raw === undefined || raw === null || String(raw).trim() === '') return time;
    return UNREADABLE_TIME;
  }

  textId(at: number, column: TextColumnWriter): number {
    const cell = this.cells[at];
    const text =
      cell === undefined || cell === null ? '' : typeof cell === 'string' ? cell.trim() : String(cell);
    return column.idOfText(text);
  }

  textIdAfterSlash(at: number, column: TextColumnWriter): number {
    const cell = this.cells[at];
    const text = cell === undefined || cell === null ? '' : String(cell).trim();
    return column.idOfText(text.slice(text.lastIndexOf('/') + 1));
  }
}

/**
 * A row given as byte ranges: field k is bytes[starts[k], ends[k]) for k < count. Codes and ISO times are
 * read from the bytes; other values are decoded leniently (bytes that are not UTF-8 read as Windows-1252,
 * and `onBadBytes` gets the row's line).
 */
export class ByteFields implements RowFields {
  private bytes: Uint8Array = new Uint8Array(0);
  private starts: Int32Array = new Int32Array(0);
  private ends: Int32Array = new Int32Array(0);
  private width = 0;
  private line = 0;
  private readonly onBadBytes: (line: number) => void;

  constructor(onBadBytes: (line: number) => void) {
    this.onBadBytes = onBadBytes;
  }

  /** The line the values decoded next are of (the row scanner's new values: see RowScanner.onLine). */
  atLine(line: number): void {
    this.line = line;
  }

  set(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, line: number): this {
    this.bytes = bytes;
    this.starts = starts;
    this.ends = ends;
    this.width = count;
    this.line = line;
    return this;
  }

  /** The text of bytes of the current row (a field's, or a first-seen value's). */
  readonly decode = (bytes: Uint8Array, from: number, to: number): string => {
    const { text, firstBadByte } = decodeLenient(bytes.subarray(from, to));
    if (firstBadByte >= 0) this.onBadBytes(this.line);
    return text;
  };

  cell(at: number): Cell {
    return at < this.width
      ? this.decode(this.bytes, this.starts[at] as number, this.ends[at] as number)
      : undefined;
  }

  code(at: number): number {
    if (at >= this.width) return Number.NaN;
    const code = fourDigits(this.bytes, this.starts[at] as number, this.ends[at] as number);
    return code >= 0 ? code : parseCode(this.cell(at));
  }

  count(at: number): number {
    return parseCount(this.cell(at));
  }

  time(at: number): number {
    if (at >= this.width) return Number.NaN;
    const time = parseIsoTimeBytes(this.bytes, this.starts[at] as number, this.ends[at] as number);
    if (!Number.isNaN(time)) return time;
    const raw = this.cell(at) as string;
    const parsed = parseTime(raw);
    return Number.isNaN(parsed) && raw.trim() !== '' ? UNREADABLE_TIME : parsed;
  }

  textId(at: number, column: TextColumnWriter): number {
    return at < this.width
      ? column.idOfBytes(this.bytes, this.starts[at] as number, this.ends[at] as number)
      : 0;
  }

  textIdAfterSlash(at: number, column: TextColumnWriter): number {
    if (at >= this.width) return 0;
    const end = this.ends[at] as number;
    const slash = this.bytes.lastIndexOf(SLASH, end - 1);
    const start = this.starts[at] as number;
    return column.idOfBytes(this.bytes, slash >= start ? slash + 1 : start, end);
  }
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

/** Where the mapping's columns are in a file's rows, and the writers of its text columns. */
export interface RowLayout {
  /** -1: the file has no such column. */
  codeAt: number;
  statusAt: number;
  statusResultAt: number;
  timeAt: number;
  deviceAt: number;
  countAt: number;
  /** An aggregate's distinct devices per row (-1: none). */
  deviceCountAt: number;
  /** The families the file's rows are read in: one, or several when they are chosen per record. */
  families: readonly Catalog[];
  /** Which of `families` reads a record, or OTHER_FAMILY for a record that carries no result; null: the first. */
  familyOf: ((row: RowFields) => number) | null;
  /** The file's status words (null without a status column). */
  words: StatusWords | null;
  device: TextColumnWriter | null;
  /** The device is the part of the device column's value after its last `/` (AWS IoT's `thingArn`). */
  deviceAfterSlash?: boolean;
  /** Per dimension: its column index, builder slot and writer. */
  dimensions: readonly { column: number; slot: number; writer: TextColumnWriter }[];
  /** Dimensions derived from a column's value (ADU's extendedResultCode facility and component). */
  derived: readonly { write(row: RowFields, dimIds: Int32Array): void }[];
}

/** `RowLayout.familyOf`'s answer for a record of no family the file reads (another alert type). */
export const OTHER_FAMILY = -1;

/** `RowWriter.write`'s answer for a record that carries no result: counted, neither a row nor a rejection. */
export const OTHER_RECORD = Symbol('other record');

/**
 * The one path by which a row becomes a dataset row, a rejection or another record, whichever way its
 * fields came: its family, a usable result (a code, a status word, or both: see resolveResult), a usable
 * count (when there is a count column) and distinct-devices figure (when there is one), a time (kept
 * without one when unreadable, and counted), then the ids of its text values.
 */
export class RowWriter {
  badTimes = 0;
  firstBadTime = 0;
  private readonly builder: DatasetBuilder;
  private readonly layout: RowLayout;
  private readonly dimIds: Int32Array;
  /** writeRun's result ids, kept from run to run. */
  private results = new Int32Array(0);
  /** Per result id, the rows written with it (each weighing its count): see `resultTally`. */
  private tally = new Float64Array(64);

  constructor(builder: DatasetBuilder, layout: RowLayout) {
    this.builder = builder;
    this.layout = layout;
    this.dimIds = new Int32Array(builder.dimensionCount);
  }

  /** Writes the row; returns why it is rejected, OTHER_RECORD, or null when it was written. */
  write(row: RowFields, line: number): string | null | typeof OTHER_RECORD {
    const layout = this.layout;
    let family = 0;
    if (layout.familyOf !== null) {
      family = layout.familyOf(row);
      if (family === OTHER_FAMILY) return OTHER_RECORD;
    }
    const result = this.resultOf(row, family);
    if (result < 0) return this.resultProblem(row, result);
    let count = 1;
    if (layout.countAt >= 0) {
      count = row.count(layout.countAt);
      if (Number.isNaN(count)) return countProblem(row.cell(layout.countAt));
    }
    if (layout.deviceCountAt >= 0) {
      const devices = row.count(layout.deviceCountAt);
      if (Number.isNaN(devices)) return `distinct-devices ${countProblem(row.cell(layout.deviceCountAt))}`;
      this.builder.nextRowDevices(devices);
    }
    let time = Number.NaN;
    if (layout.timeAt >= 0) {
      time = row.time(layout.timeAt);
      if (time === UNREADABLE_TIME) {
        time = Number.NaN;
        if (this.badTimes++ === 0) this.firstBadTime = line;
      }
    }
    const device =
      layout.device === null
        ? 0
        : layout.deviceAfterSlash === true
          ? row.textIdAfterSlash(layout.deviceAt, layout.device)
          : row.textId(layout.deviceAt, layout.device);
    const dimIds = this.dimIds;
    const dimensions = layout.dimensions;
    for (let k = 0; k < dimensions.length; k++) {
      const d = dimensions[k] as RowLayout['dimensions'][number];
      dimIds[d.slot] = row.textId(d.column, d.writer);
    }
    const derived = layout.derived;
    for (let k = 0; k < derived.length; k++) (derived[k] as RowLayout['derived'][number]).write(row, dimIds);
    this.builder.addResolved(result, time, count, device, dimIds);
    if (result >= this.tally.length) this.grow(result);
    this.tally[result] = (this.tally[result] as number) + count;
    return null;
  }

  /**
   * Rows the row scanner read (see RowRun), each written as `write` writes a row: the scanner reads only
   * rows whose code is 1 to 9 digits and whose time is an ISO time or empty, of a layout with one family and
   * no status words, counts or derived dimensions — so no row of a run is rejected. Dimension k's values are
   * the scanner's dictionary k + 1.
   */
  writeRun(run: ScannedRows): void {
    const n = run.rows;
    if (n === 0) return;
    const layout = this.layout;
    const builder = this.builder;
    const catalog = layout.families[0] as Catalog;
    if (this.results.length < n) this.results = new Int32Array(Math.max(n, 1024));
    const results = this.results;
    const codes = run.codes;
    let lastCode = -1;
    let result = 0;
    let maxResult = 0;
    for (let r = 0; r < n; r++) {
      const code = codes[r] as number;
      // runs of one code are the rule (successes): its result id is looked up once a run
      if (code !== lastCode) {
        result = builder.resultId(catalog, code, '');
        lastCode = code;
        if (result >= this.tally.length) this.grow(result);
        if (result > maxResult) maxResult = result;
      }
      results[r] = result;
      this.tally[result] = (this.tally[result] as number) + 1;
    }
    const dimensions: IdRun['dimensions'][number][] = [];
    layout.dimensions.forEach((d, k) => {
      dimensions[d.slot] = run.ids(k + 1);
    });
    builder.addRun({
      rows: n,
      results,
      maxResult,
      times: layout.timeAt >= 0 ? run.times : null,
      device: layout.device === null ? null : run.ids(DEVICE_DICTIONARY),
      dimensions,
    });
  }

  /** The result id of the row in its family: NO_WORD or TOO_MANY_WORDS when it has no usable result. */
  private resultOf(row: RowFields, family: number): number {
    const layout = this.layout;
    const words = layout.words;
    const catalog = layout.families[family] as Catalog;
    const code = layout.codeAt >= 0 ? row.code(layout.codeAt) : Number.NaN;
    if (words !== null) {
      const { statusAt, statusResultAt } = layout;
      const id = words.resultId(this.builder, catalog, family, code, row, statusAt, statusResultAt);
      if (id >= 0 || Number.isNaN(code)) return id;
    }
    return Number.isNaN(code) ? NO_WORD : this.builder.resultId(catalog, code, '');
  }

  /** Why a row has no usable result: its code's problem, its status word's, or both. */
  private resultProblem(row: RowFields, result: number): string {
    const { codeAt, statusAt } = this.layout;
    if (result === TOO_MANY_WORDS) {
      return `status word "${shortText(row.cell(statusAt))}" is one more than the ${MAX_STATUS_WORDS.toLocaleString('en-US')} distinct words a status column may hold`;
    }
    if (statusAt < 0) return codeProblem(row.cell(codeAt));
    const status = statusProblem(row.cell(statusAt));
    return codeAt < 0 ? status : `${codeProblem(row.cell(codeAt))}, and ${status}`;
  }

  private grow(id: number): void {
    const tally = new Float64Array(Math.max(id + 1, this.tally.length * 2));
    tally.set(this.tally);
    this.tally = tally;
  }

  /** Per result id, the rows written with it, each weighing its count (a result never written: 0). */
  resultTally(): Float64Array {
    return this.tally;
  }
}

function shortText(cell: Cell): string {
  const text = String(cell ?? '').trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Why a status field gives no word. */
export function statusProblem(cell: Cell): string {
  if (cell === undefined) return 'no status field';
  if (cell === null) return 'status is null';
  return 'empty status word';
}
