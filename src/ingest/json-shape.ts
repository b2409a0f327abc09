import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  isBlankChar,
  NEWLINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './json-syntax.ts';

export type JsonShape = 'json' | 'ndjson';

/**
 * NDJSON or one JSON document, told apart from the first value without holding the file: NDJSON when the
 * first value is an object that ends on its first line and another value starts on a later line, or when a
 * single one-line object is a record (holds no array of objects, nor an empty array, inside objects only).
 * A first value that spans lines is pretty-printed JSON; a first line longer than 64 KB that holds an array
 * of objects is a minified wrapper (`{"events":[{…},…]}`). Only the first value is scanned, incrementally,
 * so a long first line costs one pass; one longer than a record may be is NDJSON (its line is rejected as
 * too large, the lines after it are read), so no more than that is held.
 */
export class ShapeSniffer {
  private readonly maxRecordChars: number;
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

  constructor(maxRecordChars: number) {
    this.maxRecordChars = maxRecordChars;
  }

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
    if (this.seen > this.maxRecordChars) return this.arrayOfObjects ? 'json' : 'ndjson';
    return null;
  }

  end(): JsonShape {
    return this.closed && !this.arrayOfObjects ? 'ndjson' : 'json';
  }
}
