import { type ChunkLender, concatBytes } from './byte-source.ts';
import { type FlatRecordReader, type FlatRecordSink, MAX_FLAT_RECORD_BYTES } from './json-flat-record.ts';
import { type JsonShape, type JsonStart, startJson } from './json-reader.ts';
import { CLOSE_OBJECT, COMMA, NEWLINE, OPEN_OBJECT, type Scanner } from './json-syntax.ts';
import { decodeLenient, decodeLenientText, incompleteTail } from './lenient-utf8.ts';
import { MAX_RECORD_CHARS } from './record-limit.ts';
import type { TableSink } from './table-sink.ts';

/** Bytes before the scan position kept for the text a message quotes (20 characters of up to 4 bytes). */
const BEFORE_BYTES = 84;

/** What a run of records read from bytes stopped at: the end of the bytes so far, or what the scanner reads. */
const WAIT = 0;
const HAND_OVER = 1;

/**
 * Reads UTF-8 JSON or NDJSON from its bytes: the scanner (json-record-scanner.ts, ndjson-scanner.ts) reads
 * the decoded text, as readJson does, until it is between records — between NDJSON lines, between the
 * elements of an array of records — and the mapping is chosen; from there the records that
 * FlatRecordReader reads are read straight from the bytes, never decoded, until one it does not read (or
 * anything else than a record: the array's end, a value that is no object). That one is decoded and given
 * to the scanner, a line at a time, until the scanner is between records again. So the scanner sees all but
 * the records read from bytes, in order and with their lines, and gives the same rows, rejections and
 * warnings; bytes that are not UTF-8 are only ever in decoded text, and reported from there.
 */
export async function readJsonBytes(
  chunks: AsyncIterable<Uint8Array>,
  sink: TableSink & FlatRecordSink,
  maxRecordChars = MAX_RECORD_CHARS,
  lender: ChunkLender | null = null,
): Promise<JsonShape> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head = new HeadDecoder(sink);
  const json = await startJson(
    async () => {
      // as decodeChunks: no empty text (the first text's U+FEFF is a BOM still, see startJson)
      for (;;) {
        const got = await iterator.next();
        const text = got.done ? head.end() : head.decode(got.value);
        if (text !== '') return text;
      }
    },
    sink,
    maxRecordChars,
    sink,
  );
  if (!json.ended) {
    const reader = new HybridReader(json, head, maxRecordChars, lender);
    for (;;) {
      const got = await iterator.next();
      if (got.done) break;
      reader.take(got.value, false);
    }
    reader.take(new Uint8Array(0), true);
  }
  json.scanner.end();
  json.table.finish();
  return json.shape;
}

/**
 * Decodes byte windows leniently (see lenient-utf8.ts), counting lines and reporting the first line of
 * bytes that are not UTF-8 to the sink; the file's BOM is dropped. While the shape is sniffed, whole chunks
 * (a sequence cut by a chunk's end waits in `pending`).
 */
class HeadDecoder {
  line = 1;
  pending: Uint8Array = new Uint8Array(0);
  private started = false;
  private readonly sink: TableSink;

  constructor(sink: TableSink) {
    this.sink = sink;
  }

  decode(chunk: Uint8Array): string {
    let bytes = this.pending.byteLength === 0 ? chunk : concatBytes([this.pending, chunk]);
    if (!this.started) {
      // the file's first chunk is its head (see openBytes), longer than a BOM
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    const cut = incompleteTail(bytes);
    this.pending = bytes.subarray(cut);
    return this.window(bytes, 0, cut);
  }

  end(): string | null {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return rest.byteLength === 0 ? null : this.window(rest, 0, rest.byteLength);
  }

  /** The text of bytes[from, to), counted and checked. */
  window(bytes: Uint8Array, from: number, to: number): string {
    const part = bytes.subarray(from, to);
    const { text, firstBadByte } = decodeLenient(part);
    if (firstBadByte >= 0) this.sink.badBytes?.(this.line + countLf(part, 0, firstBadByte));
    this.line += countLf(part, 0, part.byteLength);
    return text;
  }
}

/** The bytes after the sniffed head, read as records from bytes or as text by the scanner, turn by turn. */
class HybridReader {
  private readonly scanner: Scanner;
  private readonly flat: FlatRecordReader;
  private readonly ndjson: boolean;
  private readonly text: HeadDecoder;
  /** The longest record read from bytes: the row limit (in bytes, so in characters too), and the reader's. */
  private readonly limit: number;
  private bytes: Uint8Array;
  private at = 0;
  /** The chunk `bytes` is, when it is one (not a join), and whom to give it back to once read. */
  private lent: Uint8Array | null = null;
  private readonly lender: ChunkLender | null;
  /** Bytes before `bytes` (up to BEFORE_BYTES), for the text before a record handed over. */
  private recent: Uint8Array = new Uint8Array(0);
  private fromBytes = false;
  /** Records read from bytes since the scanner last heard. */
  private records = 0;
  /** Bytes were read since the scanner last heard (records, or the white space between them). */
  private moved = false;
  /** The next newline at or after `at` in `bytes` (-1: none; -2: not looked for). */
  private newline = -2;
  /** The next `}` at or after `at` in `bytes`, as far as text was given to the scanner (-1: none; -2: not looked for). */
  private nextClose = -2;

  constructor(json: JsonStart, text: HeadDecoder, maxRecordChars: number, lender: ChunkLender | null) {
    this.lender = lender;
    this.scanner = json.scanner;
    this.flat = json.table.flat as FlatRecordReader;
    this.ndjson = json.shape === 'ndjson';
    this.text = text;
    this.limit = Math.min(maxRecordChars, MAX_FLAT_RECORD_BYTES);
    this.bytes = text.pending;
  }

  /**
   * The next chunk (`last`: the input has ended, the chunk is empty). What is left of the chunk before (a
   * record or line it cuts) is finished with the head of this one, joined; the rest is read where it lies,
   * and the chunk given back to its lender once it is read.
   */
  take(chunk: Uint8Array, last: boolean): void {
    const rest = this.bytes.subarray(this.at);
    const before = lastBytes(this.recent, this.bytes.subarray(0, this.at));
    const head = this.limit + 1;
    const restBytes = rest.byteLength;
    if (restBytes > 0 && chunk.byteLength > head) {
      // past `head` bytes of the chunk, the record or line that `rest` starts ends, or is handed over; `rest`
      // is copied first: its chunk goes back to the lender (which may take the memory away at once)
      const beforeChunk = lastBytes(before, rest);
      this.moveTo(concatBytes([rest, chunk.subarray(0, head)]), 0, before);
      this.run(restBytes, false);
      const into = this.at - restBytes;
      const joined = this.bytes;
      if (into >= 0) this.moveTo(chunk, into, beforeChunk);
      else {
        const read = joined.subarray(0, this.at);
        this.moveTo(concatBytes([joined.subarray(this.at, restBytes), chunk]), 0, lastBytes(before, read));
      }
    } else if (restBytes === 0 || chunk.byteLength === 0) {
      this.moveTo(restBytes === 0 ? chunk : rest, 0, before);
    } else {
      this.moveTo(concatBytes([rest, chunk]), 0, before);
      this.lender?.giveBack(chunk); // copied
    }
    this.run(this.bytes.byteLength, last);
    if (last && this.fromBytes) this.handOver();
  }

  /**
   * Reads on at `at` in `bytes`, whose start follows `recent`; the chunk read before is given back to its
   * lender unless `bytes` still views it.
   */
  private moveTo(bytes: Uint8Array, at: number, recent: Uint8Array): void {
    const lent = this.lent;
    if (lent !== null && lent.buffer !== bytes.buffer) this.lender?.giveBack(lent);
    this.lent = bytes.buffer === lent?.buffer ? lent : bytes;
    this.recent = recent;
    this.bytes = bytes;
    this.at = at;
    this.newline = -2;
    this.nextClose = -2;
  }

  /** Reads the bytes from `at` until `until` (or as far as it can; `last`: all of them). */
  private run(until: number, last: boolean): void {
    while (this.at < until) {
      if (!this.fromBytes) {
        if (!this.textLine(last)) return;
        this.fromBytes = this.scanner.idleLine() >= 0 && this.flat.ready;
        continue;
      }
      const stop = this.ndjson ? this.lines(until, last) : this.elements(until, last);
      if (stop === WAIT) return;
      this.handOver();
    }
  }

  /**
   * Gives the scanner the bytes up to the next line's start or, in an array, past the next `}` (where a
   * record may end, in a file of one line), or all it can; false: it needs more.
   */
  private textLine(last: boolean): boolean {
    const bytes = this.bytes;
    const n = bytes.byteLength;
    let end = bytes.indexOf(NEWLINE, this.at);
    if (!this.ndjson) {
      if (this.nextClose !== -1 && this.nextClose < this.at)
        this.nextClose = bytes.indexOf(CLOSE_OBJECT, this.at);
      if (this.nextClose !== -1 && (end < 0 || this.nextClose < end)) end = this.nextClose;
    }
    let to = end < 0 ? n : end + 1;
    if (end < 0 && !last) to = this.at + incompleteTail(bytes.subarray(this.at));
    if (to === this.at) return false;
    this.scanner.push(this.text.window(bytes, this.at, to));
    this.at = to;
    this.newline = -2;
    return true;
  }

  /** Tells the scanner of the records read from bytes; it reads from `at` on. */
  private handOver(): void {
    this.fromBytes = false;
    if (!this.moved) return;
    this.moved = false;
    const before = lastBytes(this.recent, this.bytes.subarray(0, this.at));
    this.scanner.readElsewhere(this.records, this.text.line, decodeLenientText(before));
    this.records = 0;
  }

  /** NDJSON lines read from bytes while they can be. */
  private lines(until: number, last: boolean): number {
    const bytes = this.bytes;
    const n = bytes.byteLength;
    const flat = this.flat;
    let at = this.at;
    let line = this.text.line;
    let stop = WAIT;
    while (at < until) {
      let eol = bytes.indexOf(NEWLINE, at);
      if (eol < 0) {
        if (!last && n - at <= this.limit) break;
        eol = n;
      }
      if (eol - at > this.limit || flat.readBytes(bytes, at, eol, line, true) < 0) {
        stop = HAND_OVER;
        break;
      }
      this.records++;
      line++;
      at = Math.min(eol + 1, n);
    }
    this.advance(at, line);
    return stop;
  }

  /** Elements of an array of records read from bytes while they can be. */
  private elements(until: number, last: boolean): number {
    const bytes = this.bytes;
    const n = bytes.byteLength;
    let at = this.at;
    let line = this.text.line;
    let stop = WAIT;
    while (at < until) {
      // between elements the scanner passes white space, any control byte, and commas
      for (; at < n; at++) {
        const c = bytes[at] as number;
        if (c === NEWLINE) line++;
        else if (c > 32 && c !== COMMA) break;
      }
      if (at >= n) break;
      if (bytes[at] !== OPEN_OBJECT) {
        stop = HAND_OVER;
        break;
      }
      const end = this.flat.readBytes(bytes, at, Math.min(n, at + this.limit), line, false);
      if (end < 0) {
        if (last || n - at >= this.limit) stop = HAND_OVER;
        break;
      }
      line += this.newlines(at, end);
      this.records++;
      at = end;
    }
    this.advance(at, line);
    return stop;
  }

  /** Where reading from bytes stopped: byte `at`, at line `line`. */
  private advance(at: number, line: number): void {
    if (at !== this.at) this.moved = true;
    this.at = at;
    this.text.line = line;
  }

  /** Line feeds in bytes[from, to) (white space in a record spread over lines). */
  private newlines(from: number, to: number): number {
    let next = this.newline;
    if (next === -1) return 0;
    if (next < from) next = this.bytes.indexOf(NEWLINE, from);
    let count = 0;
    while (next !== -1 && next < to) {
      count++;
      next = this.bytes.indexOf(NEWLINE, next + 1);
    }
    this.newline = next;
    return count;
  }
}

/** The last BEFORE_BYTES bytes of `earlier` followed by `bytes`. */
function lastBytes(earlier: Uint8Array, bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength >= BEFORE_BYTES) return bytes.slice(bytes.byteLength - BEFORE_BYTES);
  const joined = concatBytes([earlier, bytes]);
  return joined.slice(Math.max(0, joined.byteLength - BEFORE_BYTES));
}

function countLf(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE, from); at !== -1 && at < to; at = bytes.indexOf(NEWLINE, at + 1))
    count++;
  return count;
}
