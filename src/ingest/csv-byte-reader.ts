import { type ChunkLender, concatBytes } from './byte-source.ts';
import { type CsvDialect, sniffDialect } from './csv-reader.ts';
import { afterLineBreak, lineBreakAt, RowSplitter } from './csv-row-splitter.ts';
import { decodeLenientText } from './lenient-utf8.ts';
import type { ByteRowSink } from './table-sink.ts';

export type { CsvDialect } from './csv-reader.ts';
export type { ByteRowSink } from './table-sink.ts';

const SNIFF_BYTES = 64 * 1024;
/** A carried-over piece shorter than this is joined with the next chunk's first row only. */
const JOIN_LIMIT = 64 * 1024;

/** How a read may be split: the rest of the file from a row boundary is read elsewhere (another worker). */
export interface CsvSplit {
  /** Once the dialect is known: the byte offset (in this stream) to stop at, or null to read it all. */
  boundary(dialect: CsvDialect): Promise<number | null>;
  /**
   * Every row before the boundary was read, and one ended exactly there: true stops reading here (the
   * rest was read elsewhere), false reads on. `nextLine` is the line number the boundary's row starts on.
   */
  stop(nextLine: number): Promise<boolean>;
}

export interface CsvByteOptions {
  /** The bytes are a part of a file from a row boundary after its header: no header, no sniffing. */
  part?: { dialect: CsvDialect };
  split?: CsvSplit;
  /**
   * The lender of the chunks (see ChunkLender): each chunk is given back once no row still to be read
   * holds a view of it.
   */
  lender?: ChunkLender | null;
}

export interface CsvByteResult extends CsvDialect {
  /** The line number after the last row read (lines read + 1). */
  nextLine: number;
  /** The offset where reading stopped because the rest was read elsewhere; null when all was read here. */
  stoppedAt: number | null;
}

/**
 * Reads UTF-8 CSV straight from bytes. A row without a quote character — nearly all of them in real logs —
 * is split at delimiter bytes and handed over as byte ranges. From a row that has a quote on, a window of
 * text is decoded and given to PapaParse's parser (the reference this path is tested against), then the
 * byte path resumes at the next row boundary.
 */
export async function readCsvBytes(
  chunks: AsyncIterable<Uint8Array>,
  sink: ByteRowSink,
  options: CsvByteOptions = {},
): Promise<CsvByteResult> {
  const iterator = chunks[Symbol.asyncIterator]();
  const lender = options.lender ?? null;
  let buffer: Uint8Array = new Uint8Array(0);
  let start = 0;
  let dialect: CsvDialect;
  let reader: RowSplitter;
  if (options.part) {
    dialect = options.part.dialect;
    reader = new RowSplitter(dialect, sink, true, 1);
  } else {
    buffer = await gather(iterator, SNIFF_BYTES, lender);
    start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    const { sepLine, ...sniffed } = sniffDialect(
      decodeLenientText(buffer.subarray(start, start + SNIFF_BYTES)),
    );
    dialect = sniffed;
    // the sep= line is ASCII: as many bytes as characters; the header is on the line after it
    start += sepLine;
    reader = new RowSplitter(dialect, sink, false, sepLine > 0 ? 2 : 1);
  }
  const rows: RowsRead = { splitter: reader, lender };
  const boundary = options.split ? await options.split.boundary(dialect) : null;
  let stoppedAt: number | null = null;
  if (options.split && boundary !== null && boundary >= start) {
    const cut = cutAt(prepend(buffer.subarray(start), iterator), boundary - start);
    const carry = await readRows(rows, cut.before, new Uint8Array(0), 0, false);
    if (carry.byteLength === 0 && reader.headerRead && (await options.split.stop(reader.nextLine))) {
      stoppedAt = boundary;
      await iterator.return?.(); // the rest was read elsewhere: stop reading the stream ahead
    } else await readRows(rows, cut.after, carry, 0, true);
  } else {
    await readRows(rows, iterator, buffer, start, true);
  }
  reader.finish();
  return { ...dialect, nextLine: reader.nextLine, stoppedAt };
}

/** The first chunks, joined, until they hold at least `atLeast` bytes or the stream ends. */
async function gather(
  iterator: AsyncIterator<Uint8Array>,
  atLeast: number,
  lender: ChunkLender | null,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < atLeast) {
    const next = await iterator.next();
    if (next.done) break;
    parts.push(next.value);
    size += next.value.byteLength;
  }
  return joinAndGiveBack(parts, lender);
}

/** The parts as one array (see concatBytes); the parts it copied are given back to their lender. */
function joinAndGiveBack(parts: readonly Uint8Array[], lender: ChunkLender | null): Uint8Array {
  const joined = concatBytes(parts);
  if (lender !== null) for (const part of parts) if (part.buffer !== joined.buffer) lender.giveBack(part);
  return joined;
}

/** The rows being read: the splitter they go through, and the lender of the chunks they come in. */
interface RowsRead {
  splitter: RowSplitter;
  lender: ChunkLender | null;
}

async function* prepend(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head.byteLength > 0) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** The chunks before byte `at` (the chunk across it is cut), and an iterator over the bytes from there on. */
function cutAt(
  iterator: AsyncIterator<Uint8Array>,
  at: number,
): { before: AsyncIterator<Uint8Array>; after: AsyncIterator<Uint8Array> } {
  let seen = 0;
  let left: Uint8Array | null = null;
  async function* before(): AsyncGenerator<Uint8Array> {
    while (seen < at) {
      const next = await iterator.next();
      if (next.done) return;
      const chunk = next.value;
      if (seen + chunk.byteLength > at) {
        left = chunk.subarray(at - seen);
        yield chunk.subarray(0, at - seen);
        seen = at;
        return;
      }
      seen += chunk.byteLength;
      yield chunk;
    }
  }
  async function* after(): AsyncGenerator<Uint8Array> {
    if (left !== null) yield left;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { before: before(), after: after() };
}

/**
 * Reads the rows of `buffer[start…]` and of the chunks after it. With `final`, the input's end ends the
 * last row; otherwise the bytes of an incomplete last row are returned (empty when the input ended at a
 * row boundary).
 */
async function readRows(
  rows: RowsRead,
  iterator: AsyncIterator<Uint8Array>,
  buffer: Uint8Array,
  start: number,
  final: boolean,
): Promise<Uint8Array> {
  const { splitter: reader, lender } = rows;
  let ended = false;
  /** Appends chunks until the buffer holds `atLeast` bytes (at least one chunk). */
  const pull = async (atLeast: number): Promise<void> => {
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
      // the pieces, the copy they are joined into, and the copies made before it, which may not be freed yet
      reader.carrying(3 * size);
    }
    buffer = joinAndGiveBack(parts, lender);
  };
  for (;;) {
    start = reader.consume(buffer, start, ended && final);
    if (ended) return buffer.subarray(start);
    const rest = buffer.subarray(start);
    if (rest.byteLength < JOIN_LIMIT) {
      reader.carrying(0);
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
      const cut = afterLineBreak(chunk, lineBreakAt(chunk, 0));
      const previous = buffer;
      if (cut === 0) {
        buffer = concatBytes([rest, chunk]);
        start = 0;
      } else {
        const joined = concatBytes([rest, chunk.subarray(0, cut)]);
        const used = reader.consume(joined, 0, false);
        const all = used === joined.byteLength;
        buffer = all ? chunk : concatBytes([joined.subarray(used), chunk.subarray(cut)]);
        start = all ? cut : 0;
      }
      // what is left of the previous chunk (`rest`) was copied, and so was the new one unless it is `buffer`
      if (lender !== null) {
        for (const done of [previous, chunk]) if (done.buffer !== buffer.buffer) lender.giveBack(done);
      }
      continue;
    }
    buffer = rest;
    start = 0;
    // what is left is one long incomplete row: gather as many bytes again before looking at it again, so a
    // row of many megabytes is scanned a few times, not once per chunk (which would be quadratic)
    await pull(buffer.byteLength * 2);
  }
}
