import type { RecordTable } from './json-record-table.ts';
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  invalidJson,
  MAX_TRACKED_DEPTH,
  NEWLINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  type Scanner,
} from './json-syntax.ts';
import { recordLimitText } from './record-limit.ts';

/** What the array open for records holds, from its first element. */
const ARRAY_UNKNOWN = 0;
const ARRAY_RECORDS = 1;
const ARRAY_VALUES = 2;
/** An array of values found to hold an object later: said once. */
const ARRAY_VALUES_WARNED = 3;

/** Characters before an unbalanced bracket that its message quotes. */
const NEAR_CHARS = 20;

/** Key text kept for naming an array of records in messages. */
const MAX_KEY_CHARS = 200;

/**
 * Finds record objects in a top-level array, and in every array that a top-level object holds through
 * objects only (`{"data": {"events": [{…}]}}`): an array whose first element is an object is an array of
 * records, named by its keys (`data.events`) for the sink; one that starts with another value holds values
 * (`"tags": ["a"]`). Objects inside records, and arrays inside arrays, are part of their record or value.
 * State survives across chunks; only the text of the record being read is carried over, in pieces joined
 * once when the record closes (a record of many megabytes costs one pass, not one per chunk), and none of
 * a record longer than the table's `maxRecordChars`.
 */
export class RecordScanner implements Scanner {
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
  /** The chunk before ended inside a scalar element of the record array: one that goes on is not another. */
  private inScalar = false;
  /** Inside a record: its text from earlier chunks, and where it starts in this chunk (0 if earlier). */
  private inRecord = false;
  private recordPieces: string[] = [];
  /** Characters of the record in earlier chunks; past the table's `maxRecordChars` its text is no longer kept. */
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
  /** The next newline at or after the scan position in the chunk being scanned (-1: none left; -2: not looked for). */
  private nextNewline = -2;
  /** The last characters before the chunk being scanned, for the text a message quotes. */
  private before = '';

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
      if (this.recordChars > this.table.maxRecordChars) this.recordPieces = [];
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
    this.before =
      text.length >= NEAR_CHARS ? text.slice(-NEAR_CHARS) : (this.before + text).slice(-NEAR_CHARS);
  }

  idleLine(): number {
    const between =
      !this.halted &&
      !this.inString &&
      !this.inScalar &&
      !this.inRecord &&
      this.keyPieces === null &&
      this.depth === this.arrayDepth &&
      this.arrayKind === ARRAY_RECORDS;
    return between ? this.line : -1;
  }

  readElsewhere(records: number, line: number, before: string): void {
    this.records += records;
    this.line = line;
    this.before = before.slice(-NEAR_CHARS);
  }

  /**
   * The hot loop: every character of a JSON file outside strings passes here, so the per-character cases
   * stay in one switch in one function (a call per character would cost more than the work each case
   * does); strings are skipped a quote at a time (`skipString`), closing brackets handled per token.
   */
  private scan(s: string): void {
    const n = s.length;
    this.nextNewline = -2;
    const scalarGoesOn = this.inScalar;
    this.inScalar = false;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.skipString(s, i, n);
        continue;
      }
      const c = s.charCodeAt(i);
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
          this.openArrayAt(depth);
          this.open(1);
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          if (!this.close(c === CLOSE_ARRAY, s, i)) return;
          break;
        default:
          if (c > 32 && depth === this.arrayDepth) {
            // a scalar element inside the record array (unless the chunk starts in one): skip the rest of it
            if (i > 0 || !scalarGoesOn) this.valueElement();
            while (i + 1 < n && !isStructural(s.charCodeAt(i + 1))) i++;
            if (i + 1 === n) this.inScalar = true;
          }
      }
      i++;
    }
  }

  /**
   * Inside a string from `i`: jumps to its closing quote (one not escaped by an odd run of backslashes),
   * counting the newlines passed; returns where scanning goes on (n when the string goes on past the chunk).
   */
  private skipString(s: string, i: number, n: number): number {
    if (this.escaped) {
      this.escaped = false;
      return i + 1;
    }
    const q = s.indexOf('"', i);
    const stop = q === -1 ? n : q;
    let nextNewline = this.nextNewline;
    if (nextNewline === -2 || (nextNewline !== -1 && nextNewline < i)) nextNewline = s.indexOf('\n', i);
    if (nextNewline !== -1 && nextNewline < stop) {
      this.line += countNewlines(s, nextNewline, stop);
      nextNewline = s.indexOf('\n', stop);
    }
    this.nextNewline = nextNewline;
    if (q === -1) {
      this.escaped = trailingBackslashes(s, i, n) % 2 === 1;
      return n;
    }
    if (trailingBackslashes(s, i, q) % 2 === 1) return q + 1;
    this.inString = false;
    if (this.keyPieces !== null) this.keyRead(s, q);
    return q + 1;
  }

  /** An opening bracket at `depth`: the top-level array of records, an element, or a wrapper's array. */
  private openArrayAt(depth: number): void {
    if (depth === 0) {
      this.topLevelValues++;
      this.topLevelArray = true;
      this.openArray(ARRAY_RECORDS, '');
    } else if (depth === this.arrayDepth) {
      this.valueElement();
    } else if (depth === this.objectRun) {
      this.openArray(ARRAY_UNKNOWN, this.keys.length === 0 ? this.key : `${this.keys.join('.')}.${this.key}`);
    }
  }

  /** A closing bracket at `i`; false when it does not match its opening one (the scan stops there). */
  private close(isArray: boolean, s: string, i: number): boolean {
    const depth = this.depth;
    if (depth === 0 || (depth <= MAX_TRACKED_DEPTH && this.kinds[depth - 1] !== (isArray ? 1 : 0))) {
      this.structureError(s, i);
      return false;
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
    return true;
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
    const limit = this.table.maxRecordChars;
    if (this.recordChars + at + 1 - this.recordStart > limit) {
      this.table.reject(this.recordLine, `the record is too large to read (over ${recordLimitText(limit)})`);
      return;
    }
    const last = s.slice(this.recordStart, at + 1);
    const text = pieces.length === 0 ? last : pieces.join('') + last;
    if (this.table.readFlat(text, this.recordLine)) return;
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
    // the characters before the bracket, also those of earlier chunks: the same text however it was cut
    const near = (at >= NEAR_CHARS ? s.slice(at - NEAR_CHARS, at + 1) : this.before + s.slice(0, at + 1))
      .slice(-NEAR_CHARS - 1)
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
      'broken',
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
      this.table.warn('The file ends before the JSON is closed (truncated export?).', 'unclosed');
    }
    const tooDeep = `objects nest more than ${MAX_TRACKED_DEPTH.toLocaleString('en-US')} levels deep at line ${this.deepLine}, and records are not looked for deeper than that.`;
    if (this.records > 0) {
      if (this.deepLine > 0) this.table.warn(`${tooDeep.charAt(0).toUpperCase()}${tooDeep.slice(1)}`);
      return;
    }
    if (this.topLevelValues === 0) {
      this.table.warn('The JSON holds no value.', 'no-records');
    } else if (!this.topLevelArray && this.deepLine > 0) {
      this.table.warn(`The JSON holds no array of records: ${tooDeep}`, 'no-records');
    } else if (!this.topLevelArray) {
      this.table.warn(
        'The JSON holds no array of records (expected [{…}, …] or {"events": [{…}, …]}).',
        'no-records',
      );
    } else if (this.nonObjects > 0) {
      this.table.warn('The JSON array holds no objects, so no records (expected [{…}, …]).', 'no-records');
    } else {
      this.table.warn('The JSON array is empty: there are no records.', 'no-records');
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
