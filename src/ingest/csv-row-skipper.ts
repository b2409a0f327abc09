import type { ParseState } from './csv-reader.ts';
import { lenientCharCode, lenientSequenceLength } from './lenient-utf8.ts';
import { rowTooLarge } from './record-limit.ts';
import type { TableSink } from './table-sink.ts';

/** The bytes (and UTF-16 units) that end rows and quote fields in CSV. */
export const LF = 10;
export const CR = 13;
export const QUOTE = 34;

/** Where the scan is in the row: what the next character means. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote in a quoted field: it closes the field, is the first of `""`, or (text follows) a character. */
const QUOTE_SEEN = 3;
/** White space after a closing quote: the field has ended if a delimiter or line break comes next. */
const AFTER_QUOTE = 4;

/**
 * Finds where a row longer than the row limit ends, without holding it: text (or UTF-8 bytes) is given to
 * `scanText` (`scanBytes`) piece by piece, and only the parse state, the count of line breaks inside quoted
 * fields and whether the row is blank are kept. Row ends follow PapaParse's rules, as parseSome applies
 * them: a field that starts with a quote runs to a quote followed by a delimiter or line break (white space,
 * as `trim` sees it, may come between); `""` inside it is a quote; any other quote in it is a character;
 * every line break (LF, CRLF, CR alone) outside quotes ends the row, and inside quotes counts as one line.
 */
export class RowSkipper {
  private readonly delimiter: number;
  private readonly delimiterText: string;
  private readonly limit: number;
  private state = FIELD_START;
  /** A CR ended the last piece: whether an LF follows (one line break with it) is not known yet. */
  private pendingCr = false;
  private lineBreaks = 0;
  /** One field of nothing but white space and zero bytes so far: a blank line, skipped like short ones. */
  private blank = true;

  constructor(delimiter: string, limit: number) {
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterText = delimiter;
    this.limit = limit;
  }

  /** Scans text[from…]: where the text after the row's line break starts, or -1 when the row goes on. */
  scanText(text: string, from: number): number {
    const n = text.length;
    let i = this.afterPendingCr(from < n ? text.charCodeAt(from) : -1, from);
    if (i < 0) return i === -1 ? -1 : -i - 2;
    let nextLf = -2;
    let nextCr = -2;
    let nextStop = -2;
    let stopState = -1;
    while (i < n) {
      if (this.jumps()) {
        // only a line break, and the quote or delimiter that changes the state, matter: jump to the next one
        if (nextLf !== -1 && nextLf < i) nextLf = text.indexOf('\n', i);
        if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf('\r', i);
        if (stopState !== this.state || (nextStop !== -1 && nextStop < i)) {
          stopState = this.state;
          nextStop = text.indexOf(this.state === QUOTED ? '"' : this.delimiterText, i);
        }
        i = nearest(nextLf, nextCr, nextStop);
        if (i < 0) return -1;
      } else if (this.blankRun()) {
        const from = i;
        while (i < n && this.isBlankRunChar(text.charCodeAt(i))) i++;
        if (i > from) this.state = UNQUOTED;
        if (i === n) return -1;
      }
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        if (c === CR && i + 1 === n) {
          this.pendingCr = true;
          return -1;
        }
        const lf = c === CR && text.charCodeAt(i + 1) === LF ? 1 : 0;
        if (this.lineBreak()) return i + 1 + lf;
        i += 1 + lf;
      } else {
        this.step(c);
        i++;
      }
    }
    return -1;
  }

  /**
   * scanText over the lenient UTF-8 decoding of bytes[from…] (see lenient-utf8.ts), without decoding it:
   * the bytes that matter are ASCII; other characters are decoded one by one, only where white space
   * matters. The bytes must not end inside a UTF-8 sequence, unless the input ends there.
   */
  scanBytes(bytes: Uint8Array, from: number): number {
    const n = bytes.byteLength;
    let i = this.afterPendingCr(from < n ? (bytes[from] as number) : -1, from);
    if (i < 0) return i === -1 ? -1 : -i - 2;
    let nextLf = -2;
    let nextCr = -2;
    let nextStop = -2;
    let stopState = -1;
    while (i < n) {
      if (this.jumps()) {
        if (nextLf !== -1 && nextLf < i) nextLf = bytes.indexOf(LF, i);
        if (nextCr !== -1 && nextCr < i) nextCr = bytes.indexOf(CR, i);
        if (stopState !== this.state || (nextStop !== -1 && nextStop < i)) {
          stopState = this.state;
          nextStop = bytes.indexOf(this.state === QUOTED ? QUOTE : this.delimiter, i);
        }
        i = nearest(nextLf, nextCr, nextStop);
        if (i < 0) return -1;
      } else if (this.blankRun()) {
        // a zero-filled tail (a log cut off by a crash) is a blank line of any length: skip it fast
        const from = i;
        while (i < n && this.isBlankRunChar(bytes[i] as number)) i++;
        if (i > from) this.state = UNQUOTED;
        if (i === n) return -1;
      }
      const c = bytes[i] as number;
      if (c === LF || c === CR) {
        if (c === CR && i + 1 === n) {
          this.pendingCr = true;
          return -1;
        }
        const lf = c === CR && bytes[i + 1] === LF ? 1 : 0;
        if (this.lineBreak()) return i + 1 + lf;
        i += 1 + lf;
      } else if (c < 0x80) {
        this.step(c);
        i++;
      } else {
        const length = lenientSequenceLength(bytes, i, n);
        this.step(lenientCharCode(bytes, i, length));
        i += length;
      }
    }
    return -1;
  }

  /**
   * Finishes the line break a CR ending the last piece started (`c`: the next character, -1 if none):
   * returns where to scan on, -1 when there is nothing to scan yet, or -(k + 2) when the row ended and the
   * text after it starts at k.
   */
  private afterPendingCr(c: number, from: number): number {
    if (!this.pendingCr) return from;
    if (c === -1) return -1;
    this.pendingCr = false;
    const lf = c === LF ? 1 : 0;
    return this.lineBreak() ? -(from + lf) - 2 : from + lf;
  }

  /** In the one unquoted field of a row blank so far: a run of blank ASCII characters keeps it blank. */
  private blankRun(): boolean {
    return this.blank && (this.state === FIELD_START || this.state === UNQUOTED);
  }

  /** Zero, space, tab, VT, FF, unless it is the delimiter (`sep= ` names space, a tab may be one). */
  private isBlankRunChar(c: number): boolean {
    return (c === 0 || c === 32 || c === 9 || c === 11 || c === 12) && c !== this.delimiter;
  }

  /** Inside a field of a row known not to be blank, only quotes, delimiters and line breaks matter. */
  private jumps(): boolean {
    return !this.blank && (this.state === UNQUOTED || this.state === QUOTED);
  }

  /** The piece scanned last ended with a CR that may be half a CRLF. */
  get crPending(): boolean {
    return this.pendingCr;
  }

  /**
   * The row has ended (its line break was scanned, or the input ended): it is rejected with its line, or
   * skipped if blank, and the next row's line is counted on.
   */
  end(state: ParseState, sink: TableSink): void {
    if (!this.blank) sink.reject(state.line, rowTooLarge(this.limit));
    state.line += 1 + this.lineBreaks;
  }

  /** A line break: true when it ends the row, false when it is inside a quoted field. */
  private lineBreak(): boolean {
    if (this.state !== QUOTED) return true;
    this.lineBreaks++;
    return false;
  }

  private step(c: number): void {
    switch (this.state) {
      case FIELD_START:
        if (c === QUOTE) this.state = QUOTED;
        else if (c === this.delimiter) this.blank = false;
        else {
          this.state = UNQUOTED;
          if (!isBlankChar(c)) this.blank = false;
        }
        return;
      case UNQUOTED:
        if (c === this.delimiter) {
          this.state = FIELD_START;
          this.blank = false;
        } else if (!isBlankChar(c)) this.blank = false;
        return;
      case QUOTED:
        if (c === QUOTE) this.state = QUOTE_SEEN;
        else if (!isBlankChar(c)) this.blank = false;
        return;
      default:
        // QUOTE_SEEN or AFTER_QUOTE
        if (c === this.delimiter) {
          this.state = FIELD_START;
          this.blank = false;
        } else if (c === QUOTE && this.state === QUOTE_SEEN) {
          this.state = QUOTED; // "" inside a quoted field
          this.blank = false;
        } else if (isTrimSpace(c)) this.state = AFTER_QUOTE;
        else {
          // the quote was a character of the field, and so is the white space after it
          this.blank = false;
          this.state = c === QUOTE ? QUOTE_SEEN : QUOTED;
        }
    }
  }
}

/** The nearest of three positions (-1: none). */
function nearest(a: number, b: number, c: number): number {
  let m = a;
  if (b >= 0 && (m < 0 || b < m)) m = b;
  if (c >= 0 && (m < 0 || c < m)) m = c;
  return m;
}

/** White space to `String.prototype.trim` (line breaks are handled apart). */
function isTrimSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || c === 9 || c === 11 || c === 12;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What a blank line may hold besides line breaks (see isBlankText). */
function isBlankChar(c: number): boolean {
  return c === 0 || isTrimSpace(c);
}
