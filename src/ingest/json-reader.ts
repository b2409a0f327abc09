import type { Cell } from './field-parsers.ts';
import { carriedTextBytes, isBlankText, type TableSink } from './table-sink.ts';

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
  // hold the text back only until its shape is known: usually the first line
  const held: string[] = [];
  const sniffer = new ShapeSniffer();
  let shape: JsonShape | null = null;
  let ended = false;
  let heldChars = 0;
  while (shape === null) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      shape = sniffer.end();
      break;
    }
    const text = held.length === 0 && next.value.charCodeAt(0) === 0xfeff ? next.value.slice(1) : next.value;
    held.push(text);
    heldChars += text.length;
    // one chunk is bounded; a first value that runs on over many is carried text
    if (held.length > 1) sink.carrying?.(carriedTextBytes(heldChars));
    shape = sniffer.push(text);
  }
  const table = new RecordTable(sink);
  const scanner = shape === 'ndjson' ? new NdjsonScanner(table) : new RecordScanner(table);
  sink.carrying?.(0); // the scanner reports what it carries of the held text
  for (const text of held) scanner.push(text);
  while (!ended) {
    const next = await iterator.next();
    if (next.done) break;
    scanner.push(next.value);
  }
  scanner.end();
  table.finish();
  return shape;
}

/**
 * NDJSON or one JSON document, told apart from the first value without holding the file: NDJSON when the
 * first value is an object that ends on its first line and another value starts on a later line, or when a
 * single one-line object is a record (holds no array of objects, nor an empty array). A first value that
 * spans lines is pretty-printed JSON; a first line longer than 64 KB that holds an array of objects is a
 * minified wrapper (`{"events":[{…},…]}`). Only the first value is scanned, incrementally, so a long first
 * line costs one pass.
 */
class ShapeSniffer {
  private seen = 0;
  private started = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** After a `[` directly inside the top-level object: whether its first element is an object. */
  private arrayOpened = false;
  private arrayOfObjects = false;
  /** The first value has closed; now looking at what follows. */
  private closed = false;
  private newlineAfter = false;

  push(text: string): JsonShape | null {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.closed) {
        if (c === NEWLINE) this.newlineAfter = true;
        else if (!isBlankChar(c)) {
          if (!this.newlineAfter) return 'json'; // more on the first line: not NDJSON
          return c === OPEN_OBJECT || c === OPEN_ARRAY || c === QUOTE || c === 45 || (c >= 48 && c <= 57)
            ? 'ndjson'
            : 'json';
        }
        continue;
      }
      if (!this.started) {
        if (isBlankChar(c)) continue;
        if (c !== OPEN_OBJECT) return 'json';
        this.started = true;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.arrayOpened && !isBlankChar(c)) {
        // an array of objects, or an empty one (an export of no events), is a wrapper's record array
        this.arrayOpened = false;
        if (c === OPEN_OBJECT || c === CLOSE_ARRAY) this.arrayOfObjects = true;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (c === OPEN_ARRAY && this.depth === 1) this.arrayOpened = true;
        this.depth++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth <= 0) this.closed = true;
      } else if (c === NEWLINE) return 'json'; // the first value spans lines
    }
    this.seen += text.length;
    if (!this.closed && this.arrayOfObjects && this.seen > 64 * 1024) return 'json';
    return null;
  }

  end(): JsonShape {
    return this.closed && !this.arrayOfObjects ? 'ndjson' : 'json';
  }
}

function isBlankChar(c: number): boolean {
  return c === 32 || c === NEWLINE || c === 13 || c === 9 || c === 0 || c === 0xfeff;
}

interface Scanner {
  push(text: string): void;
  end(): void;
}

/** One record per line; a line is held in pieces until its end arrives, so a long line costs one join. */
class NdjsonScanner implements Scanner {
  private pieces: string[] = [];
  /** Characters in `pieces`. */
  private carried = 0;
  private line = 1;
  private records = 0;
  private readonly table: RecordTable;
  constructor(table: RecordTable) {
    this.table = table;
  }
  push(text: string): void {
    let start = 0;
    for (let eol = text.indexOf('\n'); eol !== -1; eol = text.indexOf('\n', start)) {
      let line = text.slice(start, eol);
      if (this.pieces.length > 0) {
        this.pieces.push(line);
        line = this.pieces.join('');
        this.pieces = [];
        this.carried = 0;
        this.table.carrying(0);
      }
      this.handle(line);
      start = eol + 1;
    }
    if (start < text.length) {
      this.pieces.push(text.slice(start));
      this.carried += text.length - start;
      this.table.carrying(this.carried);
    }
  }
  end(): void {
    if (this.pieces.length > 0) this.handle(this.pieces.join(''));
    this.pieces = [];
    if (this.records === 0) this.table.warn('The JSON lines hold no record: no line is a JSON object.');
  }
  private handle(text: string): void {
    const line = this.line++;
    if (isBlankText(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.table.reject(line, invalidJson(error));
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.table.reject(line, 'the line is not a JSON object');
      return;
    }
    this.records++;
    this.table.record(value as Record<string, unknown>, line);
  }
}

function invalidJson(error: unknown): string {
  return error instanceof RangeError
    ? 'the record is nested too deeply to read'
    : `invalid JSON: ${(error as Error).message}`;
}

/** Nested objects become dotted column names down to this depth; deeper ones stay JSON text. */
const MAX_FLATTEN_DEPTH = 16;

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/**
 * Finds record objects in a top-level array or in the first array of objects inside a top-level object.
 * State survives across chunks; only the text of the record being read is carried over, in pieces joined
 * once when the record closes (a record of many megabytes costs one pass, not one per chunk).
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
  /** Inside a record: its text from earlier chunks, and where it starts in this chunk (0 if earlier). */
  private inRecord = false;
  private recordPieces: string[] = [];
  /** Characters in `recordPieces`. */
  private carried = 0;
  private recordStart = 0;
  private recordLine = 0;
  private line = 1;
  private topLevelValues = 0;
  private topLevelArray = false;
  private recordsInArray = 0;
  private nonObjects = 0;
  private halted = false;

  constructor(table: RecordTable) {
    this.table = table;
  }

  push(text: string): void {
    if (this.halted) return;
    if (this.inRecord) this.recordStart = 0;
    this.scan(text);
    if (this.inRecord && !this.halted) {
      this.recordPieces.push(text.slice(this.recordStart));
      this.carried += text.length - this.recordStart;
      this.table.carrying(this.carried);
    } else if (this.carried > 0) {
      this.carried = 0;
      this.table.carrying(0);
    }
  }

  private scan(s: string): void {
    const n = s.length;
    const stack = this.stack;
    /** The next newline at or after the scan position (-1: none left), found lazily. */
    let nextNewline = -2;
    let i = 0;
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
        const stop = q === -1 ? n : q;
        if (nextNewline === -2 || (nextNewline !== -1 && nextNewline < i)) nextNewline = s.indexOf('\n', i);
        if (nextNewline !== -1 && nextNewline < stop) {
          this.line += countNewlines(s, nextNewline, stop);
          nextNewline = s.indexOf('\n', stop);
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
            this.inRecord = true;
            this.recordStart = i;
            this.recordPieces = [];
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
            this.structureError(s, i);
            return;
          }
          if (!wasArray && this.inRecord && stack.length === this.recordDepth) {
            const last = s.slice(this.recordStart, i + 1);
            this.inRecord = false;
            this.emit(this.recordPieces.length === 0 ? last : this.recordPieces.join('') + last);
            this.recordPieces = [];
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
    return this.recordDepth > 0 && !this.inRecord && this.stack.length === this.recordDepth;
  }

  private nonObjectElement(): void {
    if (this.recordDepth === 2 && this.recordsInArray === 0) {
      // a wrapper's array of scalars ("tags": ["a"]) is not the record array: wait for another one
      this.recordDepth = -1;
      return;
    }
    this.nonObjects++;
    this.table.reject(this.line, 'the array element is not a JSON object');
  }

  private emit(text: string): void {
    this.recordsInArray++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.table.reject(this.recordLine, invalidJson(error));
      return;
    }
    this.table.record(value as Record<string, unknown>, this.recordLine);
  }

  private structureError(s: string, at: number): void {
    const near = s
      .slice(Math.max(0, at - 20), at + 1)
      .replace(/\s+/g, ' ')
      .trim();
    // the record being read is counted as rejected; what follows the break cannot be told apart reliably
    if (this.inRecord) {
      this.table.reject(
        this.recordLine,
        `the JSON structure breaks inside the record (unbalanced bracket near "${near}")`,
      );
    }
    this.table.warn(
      `The JSON structure breaks at line ${this.line} (unbalanced bracket near "${near}"); reading stopped there.`,
    );
    this.inRecord = false;
    this.recordPieces = [];
    this.stack.length = 0;
    this.recordDepth = -1;
    this.halted = true;
  }

  end(): void {
    if (this.halted) return;
    if (this.inRecord) {
      this.table.reject(
        this.recordLine,
        'the record is cut off: the file ends inside it (truncated export?)',
      );
    } else if (this.stack.length > 0) {
      this.table.warn('The file ends before the JSON is closed (truncated export?).');
    }
    if (this.recordsInArray > 0) return;
    if (this.topLevelValues === 0) {
      this.table.warn('The JSON holds no value.');
    } else if (!this.topLevelArray) {
      this.table.warn('The JSON holds no array of records (expected [{…}, …] or {"events": [{…}, …]}).');
    } else if (this.nonObjects > 0) {
      this.table.warn('The JSON array holds no objects, so no records (expected [{…}, …]).');
    } else {
      this.table.warn('The JSON array is empty: there are no records.');
    }
  }
}

/** JSON text of a nested value; one nested tens of thousands deep (which overflows the stack) is a marker. */
function jsonText(value: object): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return '(nested too deeply to show)';
    throw error;
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
    this.flatten(value, '', cells, 0);
    if (this.names.length !== this.announced) {
      this.announced = this.names.length;
      this.sink.columns(this.names.slice());
    }
    this.sink.row(cells, line);
  }

  private flatten(value: Record<string, unknown>, prefix: string, cells: Cell[], depth: number): void {
    for (const key of Object.keys(value)) {
      const v = value[key];
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_FLATTEN_DEPTH) {
        this.flatten(v as Record<string, unknown>, name, cells, depth + 1);
        continue;
      }
      let at = this.index.get(name);
      if (at === undefined) {
        at = this.names.length;
        this.names.push(name);
        this.index.set(name, at);
      }
      // arrays, and objects nested deeper than any log needs, are kept as their JSON text
      cells[at] = v !== null && typeof v === 'object' ? jsonText(v) : (v as Cell);
    }
  }

  reject(line: number, reason: string): void {
    this.sink.reject(line, reason);
  }

  /** The scanner holds `chars` characters of a record that has not ended. */
  carrying(chars: number): void {
    this.sink.carrying?.(carriedTextBytes(chars));
  }

  warn(message: string): void {
    this.sink.warn(message);
  }

  finish(): void {
    if (this.names.length !== this.announced || this.announced === 0) this.sink.columns(this.names.slice());
  }
}
