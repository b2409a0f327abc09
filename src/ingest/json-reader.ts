import type { Cell } from './field-parsers.ts';
import type { TableSink } from './table-sink.ts';

export type JsonShape = 'json' | 'ndjson';

/**
 * Streams JSON records without holding the whole text: a small scanner tracks nesting and strings to find
 * where each record object starts and ends, and only that slice goes through the engine's own JSON.parse.
 * Records are the objects of a top-level array (`[{…},…]`), of the first array of objects inside a top-level
 * object (`{"events": [{…},…]}`, any key), or one object per line (NDJSON / JSON Lines).
 * Nested objects are flattened to dotted column names (`result.code`).
 */
export async function readJson(chunks: AsyncIterable<string>, sink: TableSink): Promise<JsonShape> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let ended = false;
  while (head.length < 64 * 1024) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const table = new RecordTable(sink);
  const shape = isNdjson(head, ended) ? 'ndjson' : 'json';
  const scanner = shape === 'ndjson' ? new NdjsonScanner(table) : new RecordScanner(table);
  scanner.push(head);
  while (!ended) {
    const next = await iterator.next();
    if (next.done) break;
    scanner.push(next.value);
  }
  scanner.end();
  table.finish();
  return shape;
}

/** NDJSON when the first line is a whole JSON object and something follows it on a later line. */
function isNdjson(head: string, ended: boolean): boolean {
  const start = head.search(/\S/);
  if (start < 0 || head[start] !== '{') return false;
  const eol = head.indexOf('\n', start);
  if (eol < 0) return false;
  const first = head.slice(start, eol);
  try {
    const value: unknown = JSON.parse(first);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  } catch {
    return false;
  }
  const rest = head.slice(eol + 1).trimStart();
  if (rest === '') return ended; // a single-line file: one record
  return rest[0] === '{' || rest[0] === '[' || rest[0] === '"' || /^[-\d]/.test(rest);
}

interface Scanner {
  push(text: string): void;
  end(): void;
}

class NdjsonScanner implements Scanner {
  private carry = '';
  private line = 1;
  private readonly table: RecordTable;
  constructor(table: RecordTable) {
    this.table = table;
  }
  push(text: string): void {
    const buffer = this.carry + text;
    let start = 0;
    for (let eol = buffer.indexOf('\n'); eol !== -1; eol = buffer.indexOf('\n', start)) {
      this.handle(buffer.slice(start, eol));
      start = eol + 1;
    }
    this.carry = buffer.slice(start);
  }
  end(): void {
    if (this.carry !== '') this.handle(this.carry);
    this.carry = '';
  }
  private handle(text: string): void {
    const line = this.line++;
    const trimmed = text.trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      this.table.reject(line, `invalid JSON: ${(error as Error).message}`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.table.reject(line, 'the line is not a JSON object');
      return;
    }
    this.table.record(value as Record<string, unknown>, line);
  }
}

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/**
 * Finds record objects in a top-level array or in the first array of objects inside a top-level object.
 * State survives across chunks; only the text of the record being read is carried over.
 */
class RecordScanner implements Scanner {
  private readonly table: RecordTable;
  /** Container kinds from the top down: true for arrays. */
  private readonly stack: boolean[] = [];
  private inString = false;
  private escaped = false;
  /** Depth (stack length) at which record objects sit: 1 inside a top-level array, 2 inside a wrapper. */
  private recordDepth = -1;
  /** Set once a wrapper's record array has been read; later arrays are not records. */
  private recordArrayDone = false;
  private buffer = '';
  /** Offset in `buffer` where the current record starts, or -1 outside a record. */
  private recordStart = -1;
  private recordLine = 0;
  private line = 1;
  private topLevelValues = 0;
  private topLevelArray = false;
  private recordsInArray = 0;
  private halted = false;

  constructor(table: RecordTable) {
    this.table = table;
  }

  push(text: string): void {
    if (this.halted) return;
    const from = this.buffer.length;
    this.buffer = this.recordStart >= 0 ? this.buffer + text : text;
    this.scan(this.recordStart >= 0 ? from : 0);
    if (this.recordStart >= 0) {
      this.buffer = this.buffer.slice(this.recordStart);
      this.recordStart = 0;
    } else {
      this.buffer = '';
    }
  }

  private scan(from: number): void {
    const s = this.buffer;
    const n = s.length;
    const stack = this.stack;
    let i = from;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        // jump to the next quote, then see whether an odd run of backslashes escapes it
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        const q = s.indexOf('"', i);
        const nl = s.indexOf('\n', i);
        if (nl !== -1 && (q === -1 || nl < q)) {
          this.line += countNewlines(s, i, q === -1 ? n : q);
        }
        if (q === -1) {
          this.escaped = trailingBackslashes(s, i, n) % 2 === 1;
          i = n;
          break;
        }
        if (trailingBackslashes(s, i, q) % 2 === 1) {
          i = q + 1;
          continue;
        }
        this.inString = false;
        i = q + 1;
        continue;
      }
      switch (c) {
        case QUOTE:
          if (this.isRecordPosition()) this.nonObjectElement();
          this.inString = true;
          break;
        case NEWLINE:
          this.line++;
          break;
        case OPEN_OBJECT:
          if (this.isRecordPosition()) {
            this.recordStart = i;
            this.recordLine = this.line;
          }
          if (stack.length === 0) this.topLevelValues++;
          stack.push(false);
          break;
        case OPEN_ARRAY:
          if (stack.length === 0) {
            this.topLevelValues++;
            this.recordDepth = 1;
            this.topLevelArray = true;
          } else if (stack.length === 1 && !stack[0] && this.recordDepth < 0 && !this.recordArrayDone) {
            this.recordDepth = 2;
          } else if (this.isRecordPosition()) {
            this.nonObjectElement();
          }
          stack.push(true);
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY: {
          const wasArray = stack.pop();
          if (wasArray === undefined || wasArray !== (c === CLOSE_ARRAY)) {
            this.structureError(i);
            return;
          }
          if (!wasArray && this.recordStart >= 0 && stack.length === this.recordDepth) {
            this.emit(s.slice(this.recordStart, i + 1));
            this.recordStart = -1;
          } else if (wasArray && stack.length === this.recordDepth - 1) {
            if (this.recordDepth === 2) this.recordArrayDone = true;
            this.recordDepth = -1;
          }
          break;
        }
        default:
          if (c > 32 && c !== 44 && c !== 58 && this.isRecordPosition()) {
            // a scalar element inside the record array: skip the rest of it
            this.nonObjectElement();
            while (i + 1 < n && !isStructural(s.charCodeAt(i + 1))) i++;
          }
      }
      i++;
    }
  }

  private isRecordPosition(): boolean {
    return this.recordDepth > 0 && this.recordStart < 0 && this.stack.length === this.recordDepth;
  }

  private nonObjectElement(): void {
    if (this.recordDepth === 2 && this.recordsInArray === 0) {
      // a wrapper's array of scalars ("tags": ["a"]) is not the record array: wait for another one
      this.recordDepth = -1;
      return;
    }
    this.table.reject(this.line, 'the array element is not a JSON object');
  }

  private emit(text: string): void {
    this.recordsInArray++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.table.reject(this.recordLine, `invalid JSON: ${(error as Error).message}`);
      return;
    }
    this.table.record(value as Record<string, unknown>, this.recordLine);
  }

  private structureError(at: number): void {
    this.table.warn(
      `JSON structure breaks at line ${this.line} (unbalanced bracket near "${this.buffer.slice(Math.max(0, at - 20), at + 1).trim()}"); reading stopped there.`,
    );
    this.recordStart = -1;
    this.stack.length = 0;
    this.recordDepth = -1;
    this.buffer = '';
    this.halted = true;
  }

  end(): void {
    if (this.halted) return;
    if (this.recordStart >= 0) {
      this.table.reject(
        this.recordLine,
        'the record is cut off: the file ends inside it (truncated export?)',
      );
    } else if (this.stack.length > 0) {
      this.table.warn('The file ends before the JSON is closed (truncated export?).');
    }
    if (this.topLevelValues === 0) {
      this.table.warn('The file holds no JSON value.');
    } else if (!this.topLevelArray && this.recordsInArray === 0) {
      this.table.warn('The JSON holds no array of records (expected [{…}, …] or {"events": [{…}, …]}).');
    }
  }
}

function isStructural(c: number): boolean {
  return (
    c === 44 || c === CLOSE_ARRAY || c === CLOSE_OBJECT || c === 32 || c === NEWLINE || c === 13 || c === 9
  );
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let at = s.indexOf('\n', from); at !== -1 && at < to; at = s.indexOf('\n', at + 1)) n++;
  return n;
}

function trailingBackslashes(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = to - 1; k >= from && s.charCodeAt(k) === BACKSLASH; k--) n++;
  return n;
}

/**
 * Turns record objects into rows aligned with a growing list of column names (first-seen order). Keys are
 * looked up in a Map, never used as object keys, so `__proto__` or `constructor` are ordinary columns.
 */
class RecordTable {
  private readonly sink: TableSink;
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private announced = 0;
  private cells: Cell[] = [];

  constructor(sink: TableSink) {
    this.sink = sink;
  }

  record(value: Record<string, unknown>, line: number): void {
    const cells = this.cells;
    cells.fill(undefined);
    this.flatten(value, '', cells);
    if (this.names.length !== this.announced) {
      this.announced = this.names.length;
      this.sink.columns(this.names.slice());
    }
    this.sink.row(cells, line);
  }

  private flatten(value: Record<string, unknown>, prefix: string, cells: Cell[]): void {
    for (const key of Object.keys(value)) {
      const v = value[key];
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        this.flatten(v as Record<string, unknown>, name, cells);
        continue;
      }
      let at = this.index.get(name);
      if (at === undefined) {
        at = this.names.length;
        this.names.push(name);
        this.index.set(name, at);
      }
      cells[at] = Array.isArray(v) ? JSON.stringify(v) : (v as Cell);
    }
  }

  reject(line: number, reason: string): void {
    this.sink.reject(line, reason);
  }

  warn(message: string): void {
    this.sink.warn(message);
  }

  finish(): void {
    if (this.names.length !== this.announced || this.announced === 0) this.sink.columns(this.names.slice());
  }
}
