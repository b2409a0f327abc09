import Papa from 'papaparse';
import { type CsvDialect, type ParseState, parseSome, sniffDialect } from './csv-reader.ts';
import { bytesForUnits, decodeLenient, decodeLenientText } from './lenient-utf8.ts';
import type { TableSink } from './table-sink.ts';
import { isBlankText, uniqueColumnNames } from './table-sink.ts';

/** A sink that can take a row as byte ranges, so values it has seen before never become strings. */
export interface ByteRowSink extends TableSink {
  /** How many leading fields each row must have split out (Infinity until the mapping is chosen). */
  fieldsNeeded(): number;
  /**
   * One data row: field k is bytes[starts[k], ends[k]) for k < count; a row with fewer fields than
   * needed has count < fieldsNeeded().
   */
  rowBytes(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, line: number): void;
}

const SNIFF_BYTES = 64 * 1024;
/** A carried-over piece shorter than this is joined with the next chunk's first row only. */
const JOIN_LIMIT = 64 * 1024;
/** Start with the rest of the line; grow (doubling) only while the quoted row is not complete. */
const TEXT_WINDOW = 1;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Reads UTF-8 CSV straight from bytes. A row without a quote character — nearly all of them in real logs —
 * is split at delimiter bytes and handed over as byte ranges. From a row that has a quote on, a window of
 * text is decoded and given to PapaParse's parser (the reference this path is tested against), then the
 * byte path resumes at the next row boundary.
 */
export async function readCsvBytes(
  chunks: AsyncIterable<Uint8Array>,
  sink: ByteRowSink,
): Promise<CsvDialect> {
  const iterator = chunks[Symbol.asyncIterator]();
  let buffer: Uint8Array = new Uint8Array(0);
  let ended = false;
  /** Appends chunks until the buffer holds `atLeast` bytes (at least one chunk); false when none came. */
  const pull = async (atLeast: number): Promise<boolean> => {
    const parts = [buffer];
    let size = buffer.byteLength;
    let got = false;
    while (!got || size < atLeast) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      parts.push(next.value);
      size += next.value.byteLength;
      got = true;
    }
    buffer = concat(parts, size);
    return got;
  };
  await pull(SNIFF_BYTES);
  let start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const dialect = sniffDialect(decodeLenientText(buffer.subarray(start, start + SNIFF_BYTES)));
  const reader = new RowSplitter(dialect, sink);
  for (;;) {
    start = reader.consume(buffer, start, ended);
    if (ended) break;
    const rest = buffer.subarray(start);
    if (rest.byteLength < JOIN_LIMIT) {
      // The usual case: a few bytes of a row cut by the chunk boundary. Finish that row from the head of
      // the next chunk and read the rest of the chunk where it lies, instead of copying megabytes per chunk.
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        buffer = rest;
        start = 0;
        continue;
      }
      const chunk = next.value;
      const cut = chunk.indexOf(reader.terminator) + 1;
      if (cut === 0) {
        buffer = concat([rest, chunk], rest.byteLength + chunk.byteLength);
        start = 0;
        continue;
      }
      const joined = concat([rest, chunk.subarray(0, cut)], rest.byteLength + cut);
      const used = reader.consume(joined, 0, false);
      buffer = used === joined.byteLength ? chunk : concat([joined.subarray(used), chunk.subarray(cut)], 0);
      start = used === joined.byteLength ? cut : 0;
      continue;
    }
    buffer = rest;
    start = 0;
    // what is left is one long incomplete row: gather as many bytes again before looking at it again, so a
    // row of many megabytes is scanned a few times, not once per chunk (which would be quadratic)
    if (!(await pull(buffer.byteLength * 2))) {
      start = reader.consume(buffer, 0, true);
      break;
    }
  }
  reader.finish();
  return dialect;
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const nonEmpty = parts.filter((p) => p.byteLength > 0);
  if (nonEmpty.length === 1) return nonEmpty[0] as Uint8Array;
  const out = new Uint8Array(size || nonEmpty.reduce((sum, p) => sum + p.byteLength, 0));
  let at = 0;
  for (const part of nonEmpty) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

class RowSplitter {
  private readonly sink: ByteRowSink;
  private readonly delimiter: number;
  private readonly newline: CsvDialect['newline'];
  /** The byte that ends a line: LF (also for CRLF) or CR. */
  readonly terminator: number;
  private readonly parser: InstanceType<typeof Papa.Parser>;
  private readonly state: ParseState;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);

  constructor(dialect: CsvDialect, sink: ByteRowSink) {
    this.sink = sink;
    this.delimiter = dialect.delimiter.charCodeAt(0);
    this.newline = dialect.newline;
    this.terminator = dialect.newline === '\r' ? CR : LF;
    this.parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline });
    this.state = { dialect, headerDone: false, line: 1, width: 0 };
  }

  /** Handles every complete row of bytes[from…]; all of it when `last`. Returns where the carry starts. */
  consume(bytes: Uint8Array, from: number, last: boolean): number {
    const n = bytes.byteLength;
    const crlf = this.newline === '\r\n';
    let pos = from;
    let nextQuote = bytes.indexOf(QUOTE, pos);
    // a CR inside an LF row, or an LF inside a CR row, is a line break of its own (see lineBreaksIn)
    const strayByte = this.terminator === LF ? CR : LF;
    let nextStray = crlf ? -1 : bytes.indexOf(strayByte, pos);
    while (pos < n) {
      // where this line ends (the terminator's first byte) and where the next one starts
      let end = bytes.indexOf(this.terminator, pos);
      let stray = false;
      // in CRLF files a bare LF is data
      while (crlf && end >= 0 && (end === 0 || bytes[end - 1] !== CR)) {
        stray = true;
        end = bytes.indexOf(LF, end + 1);
      }
      let next: number;
      if (end < 0) {
        if (!last) return pos;
        end = n;
        next = n;
      } else {
        next = end + 1;
        if (crlf) end--;
      }
      if (nextQuote >= 0 && nextQuote < end) {
        pos = this.quotedRows(bytes, pos, last);
        if (pos < 0) return -pos - 1; // needs more bytes
        nextQuote = bytes.indexOf(QUOTE, pos);
        continue;
      }
      if (crlf) {
        const cr = bytes.indexOf(CR, pos);
        stray ||= cr >= 0 && cr < end;
      } else if (nextStray >= 0 && nextStray < end) {
        stray = true;
      }
      this.plainRow(bytes, pos, end, stray ? lineBreaksIn(bytes, pos, end) : 0);
      pos = next;
      if (nextStray >= 0 && nextStray < pos) nextStray = bytes.indexOf(strayByte, pos);
    }
    return pos;
  }

  private plainRow(bytes: Uint8Array, start: number, end: number, extraLines: number): void {
    const line = this.state.line;
    this.state.line += 1 + extraLines;
    const sink = this.sink;
    const delimiter = this.delimiter;
    const needed = this.state.headerDone ? sink.fieldsNeeded() : Number.POSITIVE_INFINITY;
    let count = 0;
    let at = start;
    for (;;) {
      if (count === this.starts.length) this.growFields();
      const d = bytes.indexOf(delimiter, at);
      const fieldEnd = d < 0 || d > end ? end : d;
      this.starts[count] = at;
      this.ends[count] = fieldEnd;
      count++;
      if (fieldEnd === end || count >= needed) break;
      at = fieldEnd + 1;
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
        const terminator = bytes.indexOf(this.terminator, pos + size);
        if (terminator >= 0) end = terminator + 1;
      }
      if (end === n && !last) return -(pos + 1);
      // the file's last bytes: what PapaParse makes of them is final (an open quote swallows the rest)
      const final = end === n;
      const line = this.state.line;
      const { text, firstBadByte } = decodeLenient(bytes.subarray(pos, end));
      const consumed = parseSome(this.parser, text, final, this.state, this.sink);
      if (consumed > 0 || final) {
        if (firstBadByte < 0) return pos + utf8Length(text, consumed);
        const length = bytesForUnits(bytes, pos, consumed);
        if (firstBadByte < length) this.sink.badBytes?.(line + lineBreaksIn(bytes, pos, pos + firstBadByte));
        return pos + length;
      }
    }
  }

  finish(): void {
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
