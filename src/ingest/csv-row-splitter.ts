import Papa from 'papaparse';
import { type CsvDialect, type ParseState, parseBounded } from './csv-reader.ts';
import { CR, LF, QUOTE, RowSkipper } from './csv-row-skipper.ts';
import {
  bytesForUnits,
  decodeLenient,
  decodeLenientText,
  incompleteTail,
  lenientLongerThan,
} from './lenient-utf8.ts';
import { type ByteRowSink, isBlankText, uniqueColumnNames } from './table-sink.ts';

/** Start with the rest of the line; grow (doubling) only while the quoted row is not complete. */
const TEXT_WINDOW = 1;

/**
 * Splits the rows of CSV bytes for a ByteRowSink: the header's names, then each row as byte ranges; rows
 * with quotes in the fields the sink needs go through PapaParse's parser. A row longer than the limit (in
 * characters) is rejected with its line: its bytes are only scanned for its end (RowSkipper).
 */
export class RowSplitter {
  private readonly sink: ByteRowSink;
  private readonly delimiter: number;
  private readonly parser: InstanceType<typeof Papa.Parser>;
  private readonly state: ParseState;
  private starts = new Int32Array(64);
  /** Bytes last reported to the sink's `carrying`. */
  private carried = 0;
  private ends = new Int32Array(64);
  /** The longest row read, in characters. */
  private readonly limit: number;
  /** Finds the end of a row longer than the limit, while one is being skipped. */
  private skipper: RowSkipper | null = null;

  /** `line`: the header's line number. */
  constructor(dialect: CsvDialect, sink: ByteRowSink, line: number, limit: number) {
    this.sink = sink;
    this.limit = limit;
    this.delimiter = dialect.delimiter.charCodeAt(0);
    // as the text reader parses (see parseSome): every line break ends a row
    this.parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: '\n' });
    this.state = { dialect, headerDone: false, line, width: 0 };
    sink.readsBytes?.(this.delimiter, limit);
  }

  /** Tells the sink how many bytes of a row that has not ended are held (a long row: see readRows). */
  carrying(bytes: number): void {
    if (bytes === 0 && this.carried === 0) return;
    this.carried = bytes;
    this.sink.carrying?.(bytes);
  }

  /** A row longer than the limit is being skipped: the bytes read so far did not hold its end. */
  get skipping(): boolean {
    return this.skipper !== null;
  }

  /**
   * Handles every complete row of bytes[from…]; all of it when `last`. Returns where the carry starts.
   * Every line break ends a row: LF, CRLF, or CR alone — so a CR that is the last byte before more bytes
   * come may be half a CRLF, and its row waits for them.
   */
  consume(bytes: Uint8Array, from: number, last: boolean): number {
    const n = bytes.byteLength;
    let pos = from;
    if (this.skipper !== null) {
      pos = this.skipRow(bytes, pos, last);
      if (pos < 0) return -pos - 1;
    }
    let nextQuote = bytes.indexOf(QUOTE, pos);
    // found once and again only when passed, so a file without CRs (or LFs) is not searched per row
    let nextLf = bytes.indexOf(LF, pos);
    let nextCr = bytes.indexOf(CR, pos);
    // these bytes are new to the row scanner until it first reads them
    let fresh = true;
    while (pos < n) {
      // runs of plain rows go to the row scanner where the sink has one; it stops before a row read here
      const run = this.state.headerDone ? (this.sink.rowRun?.() ?? null) : null;
      if (run !== null) {
        pos = run.read(bytes, pos, n, this.state.line, fresh);
        fresh = false;
        this.state.line = run.line;
        if (pos >= n) break;
        if (nextQuote >= 0 && nextQuote < pos) nextQuote = bytes.indexOf(QUOTE, pos);
      }
      if (nextLf >= 0 && nextLf < pos) nextLf = bytes.indexOf(LF, pos);
      if (nextCr >= 0 && nextCr < pos) nextCr = bytes.indexOf(CR, pos);
      // where this line ends (its line break's first byte) and where the next one starts
      let end = nextCr >= 0 && (nextLf < 0 || nextCr < nextLf) ? nextCr : nextLf;
      let next: number;
      if (end < 0 || (end === n - 1 && bytes[end] === CR && !last)) {
        if (!last) return this.carryFrom(bytes, pos);
        end = n;
        next = n;
      } else {
        next = end === nextCr && nextLf === end + 1 ? end + 2 : end + 1;
      }
      if (nextQuote >= 0 && nextQuote < end) {
        const after = this.quoteAfterNeeded(bytes, pos, nextQuote);
        if (after >= 0) {
          pos = after;
          nextQuote = bytes.indexOf(QUOTE, pos);
          continue;
        }
        if (this.skipper !== null) return -after - 1;
        pos = this.quotedRows(bytes, pos, last);
        if (pos < 0) return this.carryFrom(bytes, -pos - 1); // needs more bytes
        nextQuote = bytes.indexOf(QUOTE, pos);
        continue;
      }
      if (end - pos > this.limit && this.overLimit(bytes, pos, end)) {
        pos = this.skipRow(bytes, pos, last);
        if (pos < 0) return -pos - 1;
        continue;
      }
      this.plainRow(bytes, pos, end);
      pos = next;
    }
    return pos;
  }

  private plainRow(bytes: Uint8Array, start: number, end: number): void {
    const line = this.state.line;
    this.state.line++;
    const sink = this.sink;
    const delimiter = this.delimiter;
    const needed = this.state.headerDone ? sink.fieldsNeeded() : Number.POSITIVE_INFINITY;
    let count = 0;
    let at = start;
    // a loop over the bytes, not indexOf per field: fields are a few bytes long, and each indexOf call
    // costs more than looking at them
    for (let i = start; ; i++) {
      if (i === end || bytes[i] === delimiter) {
        if (count === this.starts.length) this.growFields();
        this.starts[count] = at;
        this.ends[count] = i;
        count++;
        if (i === end || count >= needed) break;
        at = i + 1;
      }
    }
    // blank line: one field, the whole content, and only white space
    if (count === 1 && this.ends[0] === end && isBlankBytes(bytes, start, end)) return;
    if (!this.state.headerDone) {
      this.state.headerDone = true;
      this.state.width = count;
      const names: string[] = [];
      for (let k = 0; k < count; k++) {
        const name = decodeLenient(bytes.subarray(this.starts[k] as number, this.ends[k] as number));
        if (name.firstBadByte >= 0) sink.badBytes?.(line);
        names.push(name.text);
      }
      sink.columns(uniqueColumnNames(names));
      return;
    }
    sink.rowBytes(bytes, this.starts, this.ends, count, line);
  }

  /**
   * A row whose first quote lies after the fields the sink needs (a quoted note in the last column — the
   * usual reason a log row has quotes): the needed fields are split at delimiter bytes as in a plain row,
   * and the rest is only scanned for where the row ends, by PapaParse's rules (a field that starts with a
   * quote runs to its closing quote, "" inside it being a quote; other fields run to a delimiter or the
   * line's end). Returns where the next row starts, or -1 when PapaParse should read the row: the quote is
   * in a needed field, the row does not end within these bytes, or a closing quote is followed by anything
   * but a delimiter or the line's end.
   */
  private quoteAfterNeeded(bytes: Uint8Array, pos: number, quoteAt: number): number {
    if (!this.state.headerDone) return -1;
    const needed = this.sink.fieldsNeeded();
    if (!Number.isFinite(needed)) return -1;
    const delimiter = this.delimiter;
    let count = 0;
    let at = pos;
    while (count < needed) {
      const d = bytes.indexOf(delimiter, at);
      if (d < 0 || d > quoteAt) return -1;
      if (count === this.starts.length) this.growFields();
      this.starts[count] = at;
      this.ends[count] = d;
      count++;
      at = d + 1;
    }
    const end = this.rowEnd(bytes, at);
    if (end < 0) return -1;
    if (end - pos > this.limit && this.overLimit(bytes, pos, end)) return this.skipRow(bytes, pos, false);
    const line = this.state.line;
    this.state.line += 1 + lineBreaksIn(bytes, pos, end);
    this.sink.rowBytes(bytes, this.starts, this.ends, count, line);
    return afterLineBreak(bytes, end);
  }

  /**
   * Where the row whose field starts at `at` ends (its line break's first byte), or -1 (see above; also
   * when that line break is a CR that ends the bytes, which may be half a CRLF).
   */
  private rowEnd(bytes: Uint8Array, at: number): number {
    const n = bytes.byteLength;
    const delimiter = this.delimiter;
    for (;;) {
      if (at >= n) return -1;
      if (bytes[at] === QUOTE) {
        let q = bytes.indexOf(QUOTE, at + 1);
        for (;;) {
          if (q < 0 || q + 1 >= n) return -1;
          if (bytes[q + 1] !== QUOTE) break;
          q = bytes.indexOf(QUOTE, q + 2);
        }
        const next = bytes[q + 1];
        if (next === delimiter) {
          at = q + 2;
          continue;
        }
        if (next === LF) return q + 1;
        return next === CR && q + 2 < n ? q + 1 : -1;
      }
      const lineEnd = lineBreakAt(bytes, at);
      if (lineEnd < 0 || (bytes[lineEnd] === CR && lineEnd + 1 >= n)) return -1;
      const d = bytes.indexOf(delimiter, at);
      if (d < 0 || d > lineEnd) return lineEnd;
      at = d + 1;
    }
  }

  private growFields(): void {
    const grow = (a: Int32Array) => {
      const next = new Int32Array(a.length * 2);
      next.set(a);
      return next;
    };
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
  }

  /**
   * Rows from `pos` that may hold quotes go through PapaParse: decode a window ending at a line boundary,
   * parse its complete rows, and return the byte offset after them — or -(pos + 1) when the window cannot
   * hold one complete row before the buffer ends (more bytes are needed).
   */
  private quotedRows(bytes: Uint8Array, pos: number, last: boolean): number {
    const n = bytes.byteLength;
    for (let size = TEXT_WINDOW; ; size *= 2) {
      let end = n;
      if (pos + size < n) {
        const lineBreak = lineBreakAt(bytes, pos + size);
        if (lineBreak >= 0) end = afterLineBreak(bytes, lineBreak);
      }
      if (end === n && !last) return -(pos + 1);
      // the file's last bytes: what PapaParse makes of them is final (an open quote swallows the rest)
      const final = end === n;
      const line = this.state.line;
      const { text, firstBadByte } = decodeLenient(bytes.subarray(pos, end));
      const { consumed, overLong } = parseBounded(
        this.parser,
        text,
        final,
        this.state,
        this.sink,
        this.limit,
      );
      if (consumed > 0 || final || overLong) {
        let length: number;
        if (firstBadByte < 0) length = utf8Length(text, consumed);
        else {
          length = bytesForUnits(bytes, pos, consumed);
          if (firstBadByte < length)
            this.sink.badBytes?.(line + lineBreaksIn(bytes, pos, pos + firstBadByte));
        }
        return overLong ? this.skipRow(bytes, pos + length, last) : pos + length;
      }
    }
  }

  /** Whether the row bytes[from, to) is longer than the limit in characters (it is in bytes). */
  private overLimit(bytes: Uint8Array, from: number, to: number): boolean {
    return lenientLongerThan(bytes, from, to, this.limit);
  }

  /**
   * Where to carry from when the reading of bytes[pos…] waits for more bytes: `pos` — unless the row that
   * starts there is longer than the limit, ended or not (PapaParse also waits before a last row that has
   * ended: it may be followed by more of the file); then it is skipped, and only bytes of a UTF-8 sequence
   * cut short are carried.
   */
  private carryFrom(bytes: Uint8Array, pos: number): number {
    const n = bytes.byteLength;
    if (this.skipper !== null || n - pos <= this.limit) return pos;
    const to = pos + incompleteTail(bytes.subarray(pos));
    const probe = new RowSkipper(this.state.dialect.delimiter, this.limit);
    const after = probe.scanBytes(bytes.subarray(pos, to), 0);
    // where the row's text ends: before its line break, or before a CR at the end that may be half a CRLF
    let rowEnd = after < 0 ? to : pos + after - 1;
    if (after < 0 ? probe.crPending : bytes[rowEnd] === LF && bytes[rowEnd - 1] === CR) rowEnd--;
    if (!this.overLimit(bytes, pos, rowEnd)) return pos;
    const next = this.skipRow(bytes, pos, false);
    return next < 0 ? -next - 1 : this.consume(bytes, next, false);
  }

  /**
   * Skips the row longer than the limit that starts (or, while skipping, goes on) at `pos`: returns where
   * the next row starts, or -(k + 1) when the row goes on past the bytes and bytes[k…] (a UTF-8 sequence
   * cut short) must be carried. The input's end (`last`) ends it.
   */
  private skipRow(bytes: Uint8Array, pos: number, last: boolean): number {
    if (this.skipper === null) this.skipper = new RowSkipper(this.state.dialect.delimiter, this.limit);
    const n = bytes.byteLength;
    // a UTF-8 sequence cut short by the end of the bytes is scanned with the bytes after it
    const to = last ? n : pos + incompleteTail(bytes.subarray(pos));
    const end = this.skipper.scanBytes(bytes.subarray(pos, to), 0);
    if (end >= 0) {
      this.endSkip();
      return pos + end;
    }
    if (!last) return -(to + 1);
    this.endSkip();
    return n;
  }

  private endSkip(): void {
    this.skipper?.end(this.state, this.sink);
    this.skipper = null;
  }

  finish(): void {
    if (this.skipper !== null) this.endSkip();
    if (!this.state.headerDone) this.sink.columns([]);
  }
}

/** A line of nothing but white space (or zero bytes): decoded only when it has non-ASCII bytes. */
function isBlankBytes(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if (b === 32 || (b >= 9 && b <= 13) || b === 0) continue;
    return b >= 0x80 && isBlankText(decodeLenientText(bytes.subarray(from, to)));
  }
  return true;
}

/**
 * Line breaks inside a row's bytes [from, to): LF, and CR not followed by LF (also when that LF is the row's
 * terminator: then CR LF is the one line break that ends the row). The same count the PapaParse path makes
 * from the row's fields.
 */
function lineBreaksIn(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === LF || (b === CR && bytes[i + 1] !== LF)) n++;
  }
  return n;
}

/**
 * The first line break at or after `from` (LF, or CR alone or of a CRLF), or -1. A CR is looked for only up
 * to the next LF, byte by byte: an indexOf for a CR that a file does not have would scan to the end.
 */
export function lineBreakAt(bytes: Uint8Array, from: number): number {
  const lf = bytes.indexOf(LF, from);
  const to = lf < 0 ? bytes.byteLength : lf;
  for (let i = from; i < to; i++) if (bytes[i] === CR) return i;
  return lf;
}

/** Where the line after the line break at `at` starts (a CRLF is one line break); 0 when `at` is -1. */
export function afterLineBreak(bytes: Uint8Array, at: number): number {
  if (at < 0) return 0;
  return bytes[at] === CR && bytes[at + 1] === LF ? at + 2 : at + 1;
}

/** Bytes taken by the first `chars` UTF-16 units of `text` when encoded as UTF-8. */
function utf8Length(text: string, chars: number): number {
  let bytes = 0;
  for (let i = 0; i < chars; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
