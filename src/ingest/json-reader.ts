import type { Cell } from './field-parsers.ts';
import { carriedTextBytes, isBlankText, MAX_COLUMNS, type TableSink, UniqueNames } from './table-sink.ts';

export type JsonShape = 'json' | 'ndjson';

/**
 * Streams JSON records without holding the whole text: a small scanner tracks nesting and strings to find
 * where each record object starts and ends, and only that slice goes through the engine's own JSON.parse.
 * Records are the objects of a top-level array (`[{…},…]`), of every array of objects that a top-level
 * object holds through objects only (`{"events": [{…},…]}`, `{"data": {"page1": […], "page2": […]}}`, any
 * keys), or one object per line (NDJSON / JSON Lines). Nested objects are flattened to dotted column names
 * (`result.code`). What the reader holds is bounded: a record's or line's text up to MAX_RECORD_CHARS,
 * container kinds up to MAX_TRACKED_DEPTH levels.
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
 * single one-line object is a record (holds no array of objects, nor an empty array, inside objects only).
 * A first value that spans lines is pretty-printed JSON; a first line longer than 64 KB that holds an array
 * of objects is a minified wrapper (`{"events":[{…},…]}`). Only the first value is scanned, incrementally,
 * so a long first line costs one pass; one longer than a record may be is NDJSON (its line is rejected as
 * too large, the lines after it are read), so no more than that is held.
 */
class ShapeSniffer {
  private seen = 0;
  private started = false;
  private depth = 0;
  /** How many of the open containers, from the top, are objects with no array around them. */
  private objectRun = 0;
  private inString = false;
  private escaped = false;
  /** After a `[` whose enclosing containers are all objects: whether its first element is an object. */
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
        if (this.depth === this.objectRun) {
          if (c === OPEN_OBJECT) this.objectRun++;
          else this.arrayOpened = true;
        }
        this.depth++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.objectRun > this.depth) this.objectRun = Math.max(0, this.depth);
        if (this.depth <= 0) this.closed = true;
      } else if (c === NEWLINE) return 'json'; // the first value spans lines
    }
    this.seen += text.length;
    if (!this.closed && this.arrayOfObjects && this.seen > 64 * 1024) return 'json';
    if (this.seen > MAX_RECORD_CHARS) return this.arrayOfObjects ? 'json' : 'ndjson';
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

/**
 * One record per line; a line is held in pieces until its end arrives, so a long line costs one join. A line
 * longer than MAX_RECORD_CHARS is not held: it is rejected as too large when its end arrives.
 */
class NdjsonScanner implements Scanner {
  private pieces: string[] = [];
  /** Characters of the current line seen in earlier chunks (held in `pieces` unless the line is too long). */
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
      if (this.carried + eol - start > MAX_RECORD_CHARS) this.handle(null);
      else {
        let line = text.slice(start, eol);
        if (this.pieces.length > 0) {
          this.pieces.push(line);
          line = this.pieces.join('');
        }
        this.handle(line);
      }
      if (this.pieces.length > 0) this.table.carrying(0);
      this.pieces = [];
      this.carried = 0;
      start = eol + 1;
    }
    if (start < text.length) {
      this.carried += text.length - start;
      if (this.carried > MAX_RECORD_CHARS) this.pieces = [];
      else this.pieces.push(text.slice(start));
      this.table.carrying(this.pieces.length > 0 ? this.carried : 0);
    }
  }
  end(): void {
    if (this.carried > 0) this.handle(this.carried > MAX_RECORD_CHARS ? null : this.pieces.join(''));
    this.pieces = [];
    if (this.records === 0) this.table.warn('The JSON lines hold no record: no line is a JSON object.');
  }
  /** `text` is null for a line too large to hold. */
  private handle(text: string | null): void {
    const line = this.line++;
    if (text === null) {
      this.table.reject(line, `the line is too large to read (over ${RECORD_LIMIT_TEXT})`);
      return;
    }
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

/** Distinct keys past MAX_COLUMNS that are counted for the warning (a bound on the memory counting takes). */
const MAX_UNTRACKED_COUNTED = 1_000_000;

/** Nested objects become dotted column names down to this depth; deeper ones stay JSON text. */
const MAX_FLATTEN_DEPTH = 16;

/**
 * The longest record (or NDJSON line) held as text to be parsed: far beyond any log's record (docs/input.md
 * promises 10 MB ones), far below what the engine can hold as one string (~512 M characters). A longer one
 * is rejected as too large, and reading goes on after it.
 */
export const MAX_RECORD_CHARS = 64_000_000;
const RECORD_LIMIT_TEXT = '64 million characters';

/**
 * Levels of nesting whose kinds (object or array) the record scanner keeps, to check that brackets match and
 * to find arrays of records; deeper levels are only counted. Records are not looked for deeper than this
 * (a warning says so); inside a record, deeper values are left to JSON.parse like any other.
 */
export const MAX_TRACKED_DEPTH = 1000;

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const COMMA = 44;
const COLON = 58;

/** What the array open for records holds, from its first element. */
const ARRAY_UNKNOWN = 0;
const ARRAY_RECORDS = 1;
const ARRAY_VALUES = 2;
/** An array of values found to hold an object later: said once. */
const ARRAY_VALUES_WARNED = 3;

/** Key text kept for naming an array of records in messages. */
const MAX_KEY_CHARS = 200;

/**
 * Finds record objects in a top-level array, and in every array that a top-level object holds through
 * objects only (`{"data": {"events": [{…}]}}`): an array whose first element is an object is an array of
 * records, named by its keys (`data.events`) for the sink; one that starts with another value holds values
 * (`"tags": ["a"]`). Objects inside records, and arrays inside arrays, are part of their record or value.
 * State survives across chunks; only the text of the record being read is carried over, in pieces joined
 * once when the record closes (a record of many megabytes costs one pass, not one per chunk), and none of
 * a record longer than MAX_RECORD_CHARS.
 */
class RecordScanner implements Scanner {
  private readonly table: RecordTable;
  /** Kinds of the open containers from the top (1: array), for the first MAX_TRACKED_DEPTH levels. */
  private readonly kinds = new Uint8Array(MAX_TRACKED_DEPTH);
  /** Open containers; those deeper than MAX_TRACKED_DEPTH are only counted. */
  private depth = 0;
  /**
   * How many open containers, from the top, are objects with no array around them: the wrapper objects in
   * which arrays of records are looked for. 0 while the top-level value is an array.
   */
  private objectRun = 0;
  /** The key of each wrapper object below the top-level one, and the last key read in the innermost. */
  private readonly keys: string[] = [];
  private key = '';
  /** In a wrapper object, the next string is a key. */
  private expectKey = false;
  /** A key being read: its text from earlier chunks (null when no key is being read), and its start here. */
  private keyPieces: string | null = null;
  private keyFrom = 0;
  /** The array whose elements may be records: the depth of its elements (-1: none open), and what it holds. */
  private arrayDepth = -1;
  private arrayKind = ARRAY_UNKNOWN;
  private arrayPath = '';
  private inString = false;
  private escaped = false;
  /** Inside a record: its text from earlier chunks, and where it starts in this chunk (0 if earlier). */
  private inRecord = false;
  private recordPieces: string[] = [];
  /** Characters of the record in earlier chunks; past MAX_RECORD_CHARS its text is no longer kept. */
  private recordChars = 0;
  /** Characters of record text last reported as carried (see TableSink.carrying). */
  private carried = 0;
  private recordStart = 0;
  private recordLine = 0;
  private line = 1;
  private topLevelValues = 0;
  private topLevelArray = false;
  private records = 0;
  private nonObjects = 0;
  /** The line where wrapper objects first nested deeper than MAX_TRACKED_DEPTH (0: they did not). */
  private deepLine = 0;
  private halted = false;

  constructor(table: RecordTable) {
    this.table = table;
  }

  push(text: string): void {
    if (this.halted) return;
    if (this.inRecord) this.recordStart = 0;
    if (this.keyPieces !== null) this.keyFrom = 0;
    this.scan(text);
    if (this.inRecord && !this.halted) {
      this.recordChars += text.length - this.recordStart;
      if (this.recordChars > MAX_RECORD_CHARS) this.recordPieces = [];
      else this.recordPieces.push(text.slice(this.recordStart));
    }
    const held = this.recordPieces.length > 0 ? this.recordChars : 0;
    if (held !== this.carried) {
      this.carried = held;
      this.table.carrying(held);
    }
    if (this.halted) return;
    if (this.keyPieces !== null && this.keyPieces.length <= MAX_KEY_CHARS) {
      this.keyPieces += text.slice(this.keyFrom, this.keyFrom + MAX_KEY_CHARS + 1);
    }
  }

  private scan(s: string): void {
    const n = s.length;
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
        if (this.keyPieces !== null) this.keyRead(s, q);
        i = q + 1;
        continue;
      }
      const depth = this.depth;
      switch (c) {
        case QUOTE:
          if (depth === this.arrayDepth) this.valueElement();
          else if (this.expectKey && depth === this.objectRun && depth > 0) {
            this.keyPieces = '';
            this.keyFrom = i + 1;
          }
          this.inString = true;
          break;
        case NEWLINE:
          this.line++;
          break;
        case COMMA:
          if (depth === this.objectRun && depth > 0) this.expectKey = true;
          break;
        case COLON:
          this.expectKey = false;
          break;
        case OPEN_OBJECT:
          if (depth === this.arrayDepth) this.objectElement(i);
          else if (depth === this.objectRun) this.openWrapper();
          this.open(0);
          break;
        case OPEN_ARRAY:
          if (depth === 0) {
            this.topLevelValues++;
            this.topLevelArray = true;
            this.openArray(ARRAY_RECORDS, '');
          } else if (depth === this.arrayDepth) {
            this.valueElement();
          } else if (depth === this.objectRun) {
            this.openArray(
              ARRAY_UNKNOWN,
              this.keys.length === 0 ? this.key : `${this.keys.join('.')}.${this.key}`,
            );
          }
          this.open(1);
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY: {
          const isArray = c === CLOSE_ARRAY;
          if (depth === 0 || (depth <= MAX_TRACKED_DEPTH && this.kinds[depth - 1] !== (isArray ? 1 : 0))) {
            this.structureError(s, i);
            return;
          }
          const d = depth - 1;
          this.depth = d;
          if (d === this.arrayDepth && this.inRecord) this.recordRead(s, i);
          else if (isArray && d === this.arrayDepth - 1) this.arrayDepth = -1;
          else if (!isArray && d < this.objectRun) {
            this.objectRun = d;
            if (d > 0) this.key = this.keys.pop() ?? '';
          }
          if (d === this.objectRun) this.expectKey = false;
          break;
        }
        default:
          if (c > 32 && depth === this.arrayDepth) {
            // a scalar element inside the record array: skip the rest of it
            this.valueElement();
            while (i + 1 < n && !isStructural(s.charCodeAt(i + 1))) i++;
          }
      }
      i++;
    }
  }

  private open(kind: number): void {
    if (this.depth < MAX_TRACKED_DEPTH) this.kinds[this.depth] = kind;
    this.depth++;
  }

  /** An object that is the top-level value or a member of a wrapper: a wrapper itself. */
  private openWrapper(): void {
    const depth = this.depth;
    if (depth === 0) this.topLevelValues++;
    if (depth >= MAX_TRACKED_DEPTH) {
      if (this.deepLine === 0) this.deepLine = this.line;
      return;
    }
    if (depth > 0) this.keys.push(this.key);
    this.key = '';
    this.objectRun = depth + 1;
    this.expectKey = true;
  }

  private openArray(kind: number, path: string): void {
    this.arrayDepth = this.depth + 1;
    this.arrayKind = kind;
    this.arrayPath = path;
  }

  private objectElement(at: number): void {
    if (this.arrayKind === ARRAY_UNKNOWN) {
      this.arrayKind = ARRAY_RECORDS;
      this.table.section(this.arrayPath);
    }
    if (this.arrayKind === ARRAY_RECORDS) {
      this.inRecord = true;
      this.recordStart = at;
      this.recordPieces = [];
      this.recordChars = 0;
      this.recordLine = this.line;
    } else if (this.arrayKind === ARRAY_VALUES) {
      this.arrayKind = ARRAY_VALUES_WARNED;
      this.table.warn(
        `the array "${this.arrayPath}" holds objects after other values; it is not read as records.`,
      );
    }
  }

  /** An element of the array of records that is not an object. */
  private valueElement(): void {
    if (this.arrayKind === ARRAY_UNKNOWN) this.arrayKind = ARRAY_VALUES;
    else if (this.arrayKind === ARRAY_RECORDS) {
      this.nonObjects++;
      this.table.reject(this.line, 'the array element is not a JSON object');
    }
  }

  /** The key whose closing quote is at `q`. */
  private keyRead(s: string, q: number): void {
    const pieces = this.keyPieces as string;
    this.keyPieces = null;
    const raw = pieces.length > MAX_KEY_CHARS ? pieces : pieces + s.slice(this.keyFrom, q);
    if (raw.length > MAX_KEY_CHARS) this.key = `${raw.slice(0, MAX_KEY_CHARS)}…`;
    else if (raw.includes('\\')) {
      try {
        this.key = JSON.parse(`"${raw}"`);
      } catch {
        this.key = raw;
      }
    } else this.key = raw;
  }

  /** The record that started at `recordLine` closes at `at`. */
  private recordRead(s: string, at: number): void {
    this.inRecord = false;
    this.records++;
    const pieces = this.recordPieces;
    this.recordPieces = [];
    if (this.recordChars + at + 1 - this.recordStart > MAX_RECORD_CHARS) {
      this.table.reject(this.recordLine, `the record is too large to read (over ${RECORD_LIMIT_TEXT})`);
      return;
    }
    const last = s.slice(this.recordStart, at + 1);
    const text = pieces.length === 0 ? last : pieces.join('') + last;
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
    this.depth = 0;
    this.arrayDepth = -1;
    this.halted = true;
  }

  end(): void {
    if (this.halted) return;
    if (this.inRecord) {
      this.table.reject(
        this.recordLine,
        'the record is cut off: the file ends inside it (truncated export?)',
      );
    } else if (this.depth > 0) {
      this.table.warn('The file ends before the JSON is closed (truncated export?).');
    }
    const tooDeep = `objects nest more than ${MAX_TRACKED_DEPTH.toLocaleString('en-US')} levels deep at line ${this.deepLine}, and records are not looked for deeper than that.`;
    if (this.records > 0) {
      if (this.deepLine > 0) this.table.warn(`${tooDeep.charAt(0).toUpperCase()}${tooDeep.slice(1)}`);
      return;
    }
    if (this.topLevelValues === 0) {
      this.table.warn('The JSON holds no value.');
    } else if (!this.topLevelArray && this.deepLine > 0) {
      this.table.warn(`The JSON holds no array of records: ${tooDeep}`);
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

/** A key path seen in records: its column when it holds values, its keys below when it holds objects. */
interface KeyNode {
  /** Its keys joined by dots: the column's name unless another path already has that name. */
  readonly path: string;
  column: number;
  children: Map<string, KeyNode> | null;
}

/**
 * Turns record objects into rows aligned with a growing list of column names (first-seen order). Keys are
 * looked up in Maps, never used as object keys, so `__proto__` or `constructor` are ordinary columns. A
 * column is a key path, so a key `"a.b"` and a nested `{"a": {"b"}}` are two columns; the one seen later
 * gets a made-unique name (`a.b (2)`), like a repeated CSV header.
 * Only the first MAX_COLUMNS key paths become columns; later new ones are only counted (up to
 * MAX_UNTRACKED_COUNTED), so a file with a new key in every record costs a constant per key.
 */
class RecordTable {
  private readonly sink: TableSink;
  private readonly root: KeyNode = { path: '', column: -1, children: null };
  private readonly taken = new UniqueNames();
  private readonly names: string[] = [];
  private readonly untracked = new Set<string>();
  private announced = 0;
  private announcedUntracked = 0;
  private cells: Cell[] = [];
  /** The cells the last record set: only they are cleared for the next. */
  private readonly filled: number[] = [];

  constructor(sink: TableSink) {
    this.sink = sink;
  }

  record(value: Record<string, unknown>, line: number): void {
    const cells = this.cells;
    for (const at of this.filled) cells[at] = undefined;
    this.filled.length = 0;
    this.flatten(value, this.root, cells, 0);
    this.announce();
    this.sink.row(cells, line);
  }

  /** Tells the sink of names seen since it last heard (it copies only those). */
  private announce(): void {
    if (this.names.length === this.announced && this.untracked.size === this.announcedUntracked) return;
    this.announced = this.names.length;
    this.announcedUntracked = this.untracked.size;
    this.sink.columns(this.names, this.untracked.size);
  }

  private flatten(value: Record<string, unknown>, parent: KeyNode, cells: Cell[], depth: number): void {
    let children = parent.children;
    if (children === null) children = parent.children = new Map();
    for (const key of Object.keys(value)) {
      const v = value[key];
      let node = children.get(key);
      if (node === undefined) {
        const path = parent === this.root ? key : `${parent.path}.${key}`;
        // past the cap a new key path (and whatever it holds) is only counted, never tracked
        if (this.full(path)) continue;
        node = { path, column: -1, children: null };
        children.set(key, node);
      }
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_FLATTEN_DEPTH) {
        this.flatten(v as Record<string, unknown>, node, cells, depth + 1);
        continue;
      }
      let at = node.column;
      if (at < 0) {
        if (this.full(node.path)) continue;
        at = node.column = this.names.length;
        this.names.push(this.taken.take(node.path));
      }
      // arrays, and objects nested deeper than any log needs, are kept as their JSON text
      this.filled.push(at);
      cells[at] = v !== null && typeof v === 'object' ? jsonText(v) : (v as Cell);
    }
  }

  /** Whether the columns are full (MAX_COLUMNS); if so, `path` is counted among the untracked. */
  private full(path: string): boolean {
    if (this.names.length < MAX_COLUMNS) return false;
    if (this.untracked.size < MAX_UNTRACKED_COUNTED) this.untracked.add(path);
    return true;
  }

  section(path: string): void {
    this.sink.section?.(path);
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
    if (this.announced === 0) this.sink.columns(this.names, this.untracked.size);
    else this.announce();
  }
}
