import { ByteDictionary } from '../dataset/byte-dictionary.ts';
import type { TextColumnWriter } from '../dataset/growable-columns.ts';
import type { Cell } from './field-parsers.ts';
import { BACKSLASH, CLOSE_OBJECT, COLON, COMMA, OPEN_OBJECT, QUOTE } from './json-syntax.ts';
import { utf8SequenceLength } from './lenient-utf8.ts';
import { ByteFields, CellFields, type RowFields } from './row-writer.ts';

/** What the flat-record reader hands its records to (FileSink). */
export interface FlatRecordSink {
  /** How many leading columns a record's values are needed of (Infinity until the mapping is chosen). */
  fieldsNeeded(): number;
  /** One record, its values by column index; `line` is where it starts. */
  recordFields(fields: RowFields, line: number): void;
}

/** The record table's columns, as the reader looks its keys up. */
export interface RootColumns {
  /** The column of a top-level key holding a value (not an object) in records so far; -1: none. */
  rootColumn(key: string): number;
  readonly columnCount: number;
}

/** Records longer than this (in bytes) take the JSON.parse path: the byte copy stays small. */
export const MAX_FLAT_RECORD_BYTES = 64 * 1024;

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Integers of up to this many digits are read exactly a digit at a time (below 2^53). */
const EXACT_DIGITS = 15;
/** Places in a record whose key is predicted from the record before (see keyColumn). */
const MAX_PREDICTED_KEYS = 64;

const keyText = new TextDecoder();

/**
 * Reads a flat JSON record — an object whose values are strings, numbers, true, false or null, every key
 * one the record table has a column for — straight from its UTF-8 bytes, as JSON.parse and RecordTable
 * would: keys compared as bytes (a byte dictionary of the keys), only the values of the needed columns
 * read (strings as byte ranges for the byte dictionaries and the byte time parser, numbers, literals),
 * the others checked and skipped. Anything it does not read exactly so — an escape in a key or a needed
 * string, a nested object or array, a key without a column yet, a repeated key, invalid JSON, a record
 * over MAX_FLAT_RECORD_BYTES — makes `read` answer false, and the caller reads the record through
 * JSON.parse, unchanged: rejections, lines, warnings and new columns come from that path only.
 * The record's text is the decoded text the other path reads, encoded again (so bytes that were not UTF-8
 * have been reported and replaced already).
 */
export class FlatRecordReader {
  private readonly sink: FlatRecordSink;
  private readonly columns: RootColumns;
  private readonly encoder = new TextEncoder();
  private bytes = new Uint8Array(4096);
  /** Key bytes → column; made again whenever the table has gained columns (a key may have one now). */
  private keys: ByteDictionary | null = null;
  private keysFor = -1;
  /** Per column, its key's bytes; per place in a record, the column of the last record's key there. */
  private keyBytes: Uint8Array[] = [];
  private readonly order = new Int32Array(MAX_PREDICTED_KEYS);
  /** Per column, the record that last had its key (`stamp`): a repeated key is seen so. */
  private seen = new Int32Array(0);
  private stamp = 0;
  private needed = 0;
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private isString = new Uint8Array(0);
  private readonly cells: Cell[] = [];
  private readonly filled: number[] = [];
  private readonly byteFields = new ByteFields(() => {});
  private readonly cellFields = new CellFields();
  private fields: JsonFields | null = null;

  constructor(sink: FlatRecordSink, columns: RootColumns) {
    this.sink = sink;
    this.columns = columns;
  }

  /** Whether records can be read: once the mapping is chosen. */
  get ready(): boolean {
    return this.fields !== null || this.start();
  }

  /** Reads the record whose text is `text` (from line `line`) into the sink; false: it did not. */
  read(text: string, line: number): boolean {
    if (3 * text.length > MAX_FLAT_RECORD_BYTES || !this.ready) return false;
    if (this.bytes.length < 3 * text.length) this.bytes = new Uint8Array(MAX_FLAT_RECORD_BYTES);
    const n = this.encoder.encodeInto(text, this.bytes).written;
    return this.readBytes(this.bytes, 0, n, line, true) >= 0;
  }

  /**
   * Reads the record that starts at b[from] (JSON white space first allowed), from line `line`, into the
   * sink: returns where it ends (after its `}`), or -1 when it did not read it. It ends before `to`;
   * `whole`: nothing but white space follows it before `to` (a line of NDJSON). Only once `ready`.
   */
  readBytes(b: Uint8Array, from: number, to: number, line: number, whole: boolean): number {
    if (this.keysFor !== this.columns.columnCount) this.newKeys();
    this.clear();
    this.stamp++;
    const end = this.parse(b, from, Math.min(to, from + MAX_FLAT_RECORD_BYTES));
    if (end < 0 || (whole && skipBlank(b, end, to) !== to)) return -1;
    this.byteFields.set(b, this.starts, this.ends, this.needed, line);
    this.sink.recordFields(this.fields as JsonFields, line);
    return end;
  }

  /** Once the mapping is chosen: the columns it needs. */
  private start(): boolean {
    const needed = this.sink.fieldsNeeded();
    if (!Number.isFinite(needed)) return false;
    this.needed = needed;
    this.starts = new Int32Array(needed);
    this.ends = new Int32Array(needed);
    this.isString = new Uint8Array(needed);
    this.cellFields.set(this.cells);
    this.fields = new JsonFields(this.byteFields, this.cellFields, this.isString);
    return true;
  }

  private newKeys(): void {
    const columns = this.columns;
    this.keysFor = columns.columnCount;
    const keyBytes: Uint8Array[] = [];
    this.keyBytes = keyBytes;
    this.order.fill(-1);
    this.keys = new ByteDictionary((b, from, to) => {
      const column = columns.rootColumn(keyText.decode(b.subarray(from, to)));
      if (column >= 0) keyBytes[column] = b.slice(from, to);
      return column;
    });
    if (this.seen.length < this.keysFor) this.seen = new Int32Array(Math.max(64, 2 * this.keysFor));
  }

  private clear(): void {
    const filled = this.filled;
    for (let k = 0; k < filled.length; k++) {
      const at = filled[k] as number;
      this.isString[at] = 0;
      this.cells[at] = undefined;
    }
    filled.length = 0;
  }

  /**
   * The object from b[i] on, within b[i, n), if it is one read exactly — every key known and once, values
   * flat — and where it ends; -1 otherwise.
   */
  private parse(b: Uint8Array, i: number, n: number): number {
    i = skipBlank(b, i, n);
    if (b[i] !== OPEN_OBJECT) return -1;
    i = skipBlank(b, i + 1, n);
    if (b[i] === CLOSE_OBJECT) return i + 1;
    const seen = this.seen;
    const stamp = this.stamp;
    const needed = this.needed;
    for (let k = 0; ; k++) {
      if (i >= n || b[i] !== QUOTE) return -1;
      const keyEnd = plainStringEnd(b, i + 1, n);
      if (keyEnd < 0) return -1;
      const column = this.keyColumn(b, i + 1, keyEnd, k);
      if (column < 0 || seen[column] === stamp) return -1;
      seen[column] = stamp;
      i = skipBlank(b, keyEnd + 1, n);
      if (i >= n || b[i] !== COLON) return -1;
      i = skipBlank(b, i + 1, n);
      i = column < needed ? this.value(b, i, n, column) : skipValue(b, i, n);
      if (i < 0) return -1;
      i = skipBlank(b, i, n);
      if (i >= n) return -1;
      const c = b[i];
      if (c === COMMA) i = skipBlank(b, i + 1, n);
      else return c === CLOSE_OBJECT ? i + 1 : -1;
    }
  }

  /**
   * The column of the key b[from, to), the `k`th of its record: records mostly repeat their keys in one
   * order, so the last record's `k`th key is compared first, byte by byte; others are looked up.
   */
  private keyColumn(b: Uint8Array, from: number, to: number, k: number): number {
    const order = this.order;
    if (k < MAX_PREDICTED_KEYS) {
      const predicted = order[k] as number;
      if (predicted >= 0 && sameBytes(this.keyBytes[predicted] as Uint8Array, b, from, to)) return predicted;
    }
    const column = (this.keys as ByteDictionary).idOf(b, from, to);
    if (k < MAX_PREDICTED_KEYS) order[k] = column;
    return column;
  }

  /** Reads the value at `i` into `column`; returns where it ends, or -1. */
  private value(b: Uint8Array, i: number, n: number, column: number): number {
    if (i >= n) return -1;
    const c = b[i] as number;
    let end: number;
    if (c === QUOTE) {
      end = plainStringEnd(b, i + 1, n);
      if (end < 0) return -1;
      this.isString[column] = 1;
      this.starts[column] = i + 1;
      this.ends[column] = end;
      end++;
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      end = numberEnd(b, i, n);
      if (end < 0) return -1;
      this.cells[column] = numberValue(b, i, end);
    } else {
      end = literalEnd(b, i, n);
      if (end < 0) return -1;
      this.cells[column] = c === 110 ? null : c === 116;
    }
    this.filled.push(column);
    return end;
  }
}

/**
 * A record's fields as the row writer asks for them: a string value through ByteFields (its bytes), any
 * other value — a number, true, false, null, or none — through CellFields, as the value JSON.parse gives.
 */
class JsonFields implements RowFields {
  private readonly bytes: ByteFields;
  private readonly cells: CellFields;
  private readonly isString: Uint8Array;

  constructor(bytes: ByteFields, cells: CellFields, isString: Uint8Array) {
    this.bytes = bytes;
    this.cells = cells;
    this.isString = isString;
  }

  cell(at: number): Cell {
    return this.isString[at] === 1 ? this.bytes.cell(at) : this.cells.cell(at);
  }

  code(at: number): number {
    return this.isString[at] === 1 ? this.bytes.code(at) : this.cells.code(at);
  }

  count(at: number): number {
    return this.isString[at] === 1 ? this.bytes.count(at) : this.cells.count(at);
  }

  time(at: number): number {
    return this.isString[at] === 1 ? this.bytes.time(at) : this.cells.time(at);
  }

  textId(at: number, column: TextColumnWriter): number {
    return this.isString[at] === 1 ? this.bytes.textId(at, column) : this.cells.textId(at, column);
  }

  textIdAfterSlash(at: number, column: TextColumnWriter): number {
    return this.isString[at] === 1
      ? this.bytes.textIdAfterSlash(at, column)
      : this.cells.textIdAfterSlash(at, column);
  }
}

function sameBytes(key: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  if (key.length !== to - from) return false;
  for (let k = 0; k < key.length; k++) if (key[k] !== b[from + k]) return false;
  return true;
}

/** Past JSON white space (space, tab, LF, CR) from `i`, up to `n`. */
function skipBlank(b: Uint8Array, i: number, n: number): number {
  for (; i < n; i++) {
    const c = b[i];
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  }
  return n;
}

/**
 * The closing quote of a string from `i` (after its opening one), before `n`, without escapes or control
 * characters and in well-formed UTF-8; -1 for any other.
 */
function plainStringEnd(b: Uint8Array, i: number, n: number): number {
  for (; i < n; i++) {
    const c = b[i] as number;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 32) return -1;
    if (c >= 0x80) {
      const length = utf8SequenceLength(b, i, n);
      if (length === 0) return -1;
      i += length - 1;
    }
  }
  return -1;
}

/** Past a JSON string from `i` (after its quote), escapes and all, before `n`; -1 if it is not one. */
function stringEnd(b: Uint8Array, i: number, n: number): number {
  for (; i < n; i++) {
    const c = b[i] as number;
    if (c === QUOTE) return i + 1;
    if (c < 32) return -1;
    if (c === BACKSLASH) {
      const e = b[++i] as number;
      if (e === 117 /* u */) {
        for (let k = i + 1; k < i + 5; k++) if (k >= n || !isHex(b[k] as number)) return -1;
        i += 4;
      } else if (!isEscape(e)) return -1;
    } else if (c >= 0x80) {
      const length = utf8SequenceLength(b, i, n);
      if (length === 0) return -1;
      i += length - 1;
    }
  }
  return -1;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** `"`, `\`, `/`, b, f, n, r, t. */
function isEscape(c: number): boolean {
  return (
    c === QUOTE || c === BACKSLASH || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116
  );
}

/** Past the value at `i` that is not read: a string, number or literal (a nested one is not read here). */
function skipValue(b: Uint8Array, i: number, n: number): number {
  if (i >= n) return -1;
  const c = b[i] as number;
  if (c === QUOTE) return stringEnd(b, i + 1, n);
  if (c === MINUS || (c >= ZERO && c <= NINE)) return numberEnd(b, i, n);
  return literalEnd(b, i, n);
}

/** Past `true`, `false` or `null` at `i`, before `n`; -1 for anything else. */
function literalEnd(b: Uint8Array, i: number, n: number): number {
  const c = b[i];
  if (c === 102) {
    return i + 5 <= n && b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101
      ? i + 5
      : -1;
  }
  if (i + 4 > n) return -1;
  if (c === 116) return b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101 ? i + 4 : -1;
  if (c === 110) return b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108 ? i + 4 : -1;
  return -1;
}

function isDigit(c: number | undefined): boolean {
  return (c as number) >= ZERO && (c as number) <= NINE;
}

/** Past the digits from `k`, before `n`. */
function digitsEnd(b: Uint8Array, k: number, n: number): number {
  while (k < n && isDigit(b[k])) k++;
  return k;
}

/**
 * Past a JSON number at `i` (`-`, no leading zeros, fraction, exponent), before `n`; -1 if it is not one
 * or may go on past `n`.
 */
function numberEnd(b: Uint8Array, i: number, n: number): number {
  let k = b[i] === MINUS ? i + 1 : i;
  if (k >= n) return -1;
  if (b[k] === ZERO) k++;
  else if (isDigit(b[k])) k = digitsEnd(b, k, n);
  else return -1;
  if (k < n && b[k] === DOT) {
    if (++k >= n || !isDigit(b[k])) return -1;
    k = digitsEnd(b, k, n);
  }
  if (k < n && (b[k] === 101 || b[k] === 69)) {
    k++;
    if (k < n && (b[k] === 43 || b[k] === MINUS)) k++;
    if (k >= n || !isDigit(b[k])) return -1;
    k = digitsEnd(b, k, n);
  }
  return k < n ? k : -1;
}

/** The number JSON.parse gives for the JSON number b[from, to). */
function numberValue(b: Uint8Array, from: number, to: number): number {
  const negative = b[from] === MINUS;
  const first = negative ? from + 1 : from;
  if (to - first <= EXACT_DIGITS) {
    let value = 0;
    let k = first;
    for (; k < to; k++) {
      const d = (b[k] as number) - ZERO;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    if (k === to) return negative ? -value : value;
  }
  // a fraction, an exponent or many digits: the engine's own conversion, as JSON.parse rounds
  return Number(keyText.decode(b.subarray(from, to)));
}
