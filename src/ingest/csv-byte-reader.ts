import { type ChunkLender, concatBytes } from './byte-source.ts';
import { type CsvDialect, sniffDialect } from './csv-reader.ts';
import { afterLineBreak, lineBreakAt, RowSplitter } from './csv-row-splitter.ts';
import { decodeLenientText } from './lenient-utf8.ts';
import { MAX_RECORD_CHARS } from './record-limit.ts';
import type { ByteRowSink } from './table-sink.ts';

export type { CsvDialect } from './csv-reader.ts';
export type { ByteRowSink } from './table-sink.ts';

const SNIFF_BYTES = 64 * 1024;
/** A carried-over piece shorter than this is joined with the next chunk's first row only. */
const JOIN_LIMIT = 64 * 1024;

export interface CsvByteOptions {
  /** The longest row read, in characters (see record-limit.ts). */
  maxRecordChars?: number;
  /**
   * The lender of the chunks (see ChunkLender): each chunk is given back once no row still to be read
   * holds a view of it.
   */
  lender?: ChunkLender | null;
}

/**
 * Reads UTF-8 CSV straight from bytes. A row without a quote character — nearly all of them in real logs —
 * is split at delimiter bytes and handed over as byte ranges. From a row that has a quote on, a window of
 * text is decoded and given to PapaParse's parser (the reference this path is tested against), then the
 * byte path resumes at the next row boundary. A row longer than the row limit (in characters) is rejected
 * with its line: its bytes are only scanned for its end (RowSkipper), never decoded or held whole.
 */
export async function readCsvBytes(
  chunks: AsyncIterable<Uint8Array>,
  sink: ByteRowSink,
  options: CsvByteOptions = {},
): Promise<CsvDialect> {
  const iterator = chunks[Symbol.asyncIterator]();
  const lender = options.lender ?? null;
  const buffer = await gather(iterator, SNIFF_BYTES, lender);
  let start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const { sepLine, ...dialect } = sniffDialect(
    decodeLenientText(buffer.subarray(start, start + SNIFF_BYTES)),
  );
  // the sep= line is ASCII: as many bytes as characters; the header is on the line after it
  start += sepLine;
  const limit = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const reader = new RowSplitter(dialect, sink, sepLine > 0 ? 2 : 1, limit);
  await readRows({ splitter: reader, lender }, iterator, buffer, start);
  reader.finish();
  return dialect;
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

/** Reads the rows of `buffer[start…]` and of the chunks after it; the input's end ends the last row. */
async function readRows(
  rows: RowsRead,
  iterator: AsyncIterator<Uint8Array>,
  buffer: Uint8Array,
  start: number,
): Promise<void> {
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
    start = reader.consume(buffer, start, ended);
    if (ended) return;
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
      // while a row over the limit is skipped, the chunk goes to it whole: its end is looked for there
      const cut = reader.skipping ? 0 : afterLineBreak(chunk, lineBreakAt(chunk, 0));
      const previous = buffer;
      if (cut === 0 && rest.byteLength === 0) {
        buffer = chunk;
        start = 0;
      } else if (cut === 0) {
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
