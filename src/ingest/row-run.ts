import type { ByteIdsFactory } from '../dataset/byte-dictionary.ts';
import { FieldOp, RowScanner, ScanStop } from './row-scan.ts';
import type { RowWriter } from './row-writer.ts';

/** Where a file's mapped columns are, as the row scanner needs to know them (-1: no such column). */
export interface RunColumns {
  codeAt: number;
  timeAt: number;
  deviceAt: number;
  /** The dimensions' columns, in the order of the layout's dimensions. */
  dimensionsAt: readonly number[];
  /** The leading fields each row must have. */
  needed: number;
}

/** The scanner's dictionary of the device column; a layout's dimension k has dictionary k + 1. */
export const DEVICE_DICTIONARY = 0;

/**
 * Runs of plain CSV rows read by the row scanner (see row-scan.ts) and written by the file's RowWriter:
 * the reader hands each stretch of bytes to `read`, which gives back where the scanner stopped — before a
 * row the reader's JavaScript path reads (then it calls `read` again after it), or at the end of what has
 * arrived.
 */
export class RowRun {
  private readonly scanner: RowScanner;
  private writer: RowWriter | null = null;
  private readonly counted: (rows: number) => void;

  private constructor(scanner: RowScanner, counted: (rows: number) => void) {
    this.scanner = scanner;
    this.counted = counted;
  }

  /**
   * A run for a file whose rows are read as bytes split at `delimiter` (limit: the longest row, in
   * characters), or null: the scanner is missing (no WebAssembly SIMD, or not loaded) or a column has two
   * roles. The caller (fileLayout, file-layout.ts) asks only for layouts the scanner reads: one family, a
   * code column, no status words, counts or derived dimensions.
   */
  static create(
    delimiter: number,
    limit: number,
    columns: RunColumns,
    counted: (rows: number) => void,
  ): RowRun | null {
    const fields = fieldPlan(columns);
    if (fields === null) return null;
    const scanner = RowScanner.create(columns.dimensionsAt.length + 1);
    if (scanner === null) return null;
    scanner.configure(delimiter, limit, fields);
    return new RowRun(scanner, counted);
  }

  /** The ByteIds of dictionary `d`, for the text column writer of its column. */
  dictionary(d: number): ByteIdsFactory {
    return (resolve) => this.scanner.dictionary(d, resolve);
  }

  /** The writer of the file's rows, and where the line of a value first seen is told (ByteFields). */
  writeWith(writer: RowWriter, atLine: (line: number) => void): void {
    this.writer = writer;
    this.scanner.onLine = atLine;
  }

  /** Bytes the scanner holds (its dictionaries among them). */
  get byteSize(): number {
    return this.scanner.byteSize;
  }

  /** The line after the rows `read` read last. */
  line = 0;

  /**
   * Reads the rows of bytes[from, to) it can, from line `line` on; returns where it stopped, the line there
   * in `this.line`. `fresh`: these bytes were not given before (they are copied into the scanner's memory).
   */
  read(bytes: Uint8Array, from: number, to: number, line: number, fresh: boolean): number {
    if (fresh) this.scanner.load(bytes, from, to);
    const writer = this.writer as RowWriter;
    let at = from;
    for (;;) {
      const scan = this.scanner.scan(at, to, line);
      if (scan.rows.rows > 0) {
        writer.writeRun(scan.rows);
        this.counted(scan.rows.rows);
      }
      at = scan.at;
      line = scan.line;
      if (scan.why !== ScanStop.full) break;
    }
    this.line = line;
    return at;
  }
}

/** What the scanner reads of each needed field, or null when a column has two roles. */
function fieldPlan(columns: RunColumns): { op: number; dict: number }[] | null {
  const fields = Array.from({ length: columns.needed }, () => ({ op: FieldOp.skip as number, dict: 0 }));
  const give = (at: number, op: number, dict: number): boolean => {
    const field = fields[at];
    if (field === undefined || field.op !== FieldOp.skip) return false;
    field.op = op;
    field.dict = dict;
    return true;
  };
  if (!give(columns.codeAt, FieldOp.code, 0)) return null;
  if (columns.timeAt >= 0 && !give(columns.timeAt, FieldOp.time, 0)) return null;
  if (columns.deviceAt >= 0 && !give(columns.deviceAt, FieldOp.text, DEVICE_DICTIONARY)) return null;
  for (let k = 0; k < columns.dimensionsAt.length; k++) {
    if (!give(columns.dimensionsAt[k] as number, FieldOp.text, k + 1)) return null;
  }
  return fields;
}
