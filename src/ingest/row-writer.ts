import type { DatasetBuilder } from '../dataset/dataset-builder.ts';
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
  codeAt: number;
  timeAt: number;
  deviceAt: number;
  countAt: number;
  /** An aggregate's distinct devices per row (-1: none). */
  deviceCountAt: number;
  device: TextColumnWriter | null;
  /** The device is the part of the device column's value after its last `/` (AWS IoT's `thingArn`). */
  deviceAfterSlash?: boolean;
  /** Per dimension: its column index, builder slot and writer. */
  dimensions: readonly { column: number; slot: number; writer: TextColumnWriter }[];
}

/**
 * The one path by which a row becomes a dataset row or a rejection, whichever way its fields came: a usable
 * code, a usable count (when there is a count column) and distinct-devices figure (when there is one), a time (kept without one when unreadable, and
 * counted), then the ids of its text values.
 */
export class RowWriter {
  badTimes = 0;
  firstBadTime = 0;
  private readonly builder: DatasetBuilder;
  private readonly layout: RowLayout;
  private readonly dimIds: Int32Array;

  constructor(builder: DatasetBuilder, layout: RowLayout) {
    this.builder = builder;
    this.layout = layout;
    this.dimIds = new Int32Array(builder.dimensionCount);
  }

  /** Writes the row; returns why it is rejected, or null when it was written. */
  write(row: RowFields, line: number): string | null {
    const layout = this.layout;
    const code = row.code(layout.codeAt);
    if (Number.isNaN(code)) return codeProblem(row.cell(layout.codeAt));
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
    const builder = this.builder;
    builder.addResolved(builder.codeId(code), time, count, device, dimIds);
    return null;
  }
}
