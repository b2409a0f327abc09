import { type ChunkLender, concatBytes, readChunks } from './byte-source.ts';
import { gunzipStream } from './gunzip.ts';
import { IngestError } from './ingest-error.ts';
import { LenientUtf8Stream } from './lenient-utf8.ts';
import { ENCODING_SAMPLE, textEncoding } from './text-encoding.ts';

/** The bytes the binary check looks at. */
const HEAD_BYTES = 4096;

export interface OpenedBytes {
  /**
   * Text decoder label: "utf-8" (bytes that are not UTF-8 are read as Windows-1252), "utf-16le" or
   * "utf-16be" (from a byte-order mark, or from the line breaks of text without one), or a legacy encoding
   * recognised from the first bytes ("windows-1251", "shift_jis", …; see text-encoding.ts).
   */
  readonly encoding: string;
  /** "zip": head and rest are a ZIP archive's bytes, to be read entry by entry (see zip-entries.ts). */
  readonly compressed: 'gzip' | 'zip' | null;
  /** At least the first 64 KB (or the whole file), already unwrapped from gzip. */
  readonly head: Uint8Array;
  /** The bytes after `head`. */
  readonly rest: AsyncGenerator<Uint8Array>;
  /**
   * "parquet": head and rest are a Parquet file's bytes (its "PAR1" magic), read by the Parquet reader
   * rather than as text; null for text.
   */
  readonly binaryFormat: 'parquet' | null;
  /** Problems met while reading that did not stop it (damaged gzip data); filled as the bytes are read. */
  readonly warnings: string[];
  /** Takes back the chunks of `rest` a reader is done with (see ChunkLender); null when they are not lent. */
  readonly lender: ChunkLender | null;
}

/** How a file's bytes are opened. */
export interface OpenOptions {
  /** Called with the size of each chunk read (before decompression). */
  onBytes: (n: number) => void;
  /** Re-cut the chunks to this many bytes (tests). */
  chunkSize?: number | undefined;
  signal?: AbortSignal | undefined;
  /** The source's lender: chunks copied into the head go back to it, and `rest`'s are its loans. */
  lender?: ChunkLender | undefined;
  /** False for a ZIP archive's entry: an archive inside it is refused. */
  allowZip?: boolean;
}

/**
 * Opens a byte stream for reading: recognises gzip (from the bytes, not the name) and unwraps it, recognises
 * a ZIP archive, picks the encoding, and refuses empty and binary files with a message that says what the
 * file looks like. `size`, when known, is how many bytes the stream must deliver (see readChunks).
 */
export async function openBytes(
  file: string,
  stream: ReadableStream<Uint8Array>,
  size: number | null,
  options: OpenOptions,
): Promise<OpenedBytes> {
  return openChunks(file, readChunks(stream, options.chunkSize, options.signal, size), options);
}

/** `openBytes` over chunks already being read (a ZIP entry's). */
export async function openChunks(
  file: string,
  source: AsyncGenerator<Uint8Array>,
  options: OpenOptions,
): Promise<OpenedBytes> {
  const { onBytes, chunkSize, signal, allowZip = true } = options;
  const lender = options.lender ?? null;
  const warnings: string[] = [];
  let { head, rest } = await peek(source, ENCODING_SAMPLE, onBytes, lender);
  let compressed: 'gzip' | null = null;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    compressed = 'gzip';
    const read = { failed: false };
    const unzipped = toStream(head, rest, read).pipeThrough(await gunzipStream());
    const chunks = untilDamaged(readChunks(unzipped, chunkSize, signal), warnings, signal, read);
    ({ head, rest } = await peek(chunks, ENCODING_SAMPLE, () => undefined, null));
  }
  if (head.byteLength === 0) {
    throw new IngestError(file, warnings[0] ?? 'the file is empty.');
  }
  if (isZip(head)) {
    if (!allowZip || compressed) {
      throw new IngestError(file, 'this is a ZIP archive inside an archive; unpack it first.');
    }
    const zipLender = compressed ? null : lender;
    return {
      encoding: 'utf-8',
      compressed: 'zip',
      binaryFormat: null,
      head,
      rest,
      warnings,
      lender: zipLender,
    };
  }
  if (isParquet(head)) {
    return { encoding: 'binary', compressed, binaryFormat: 'parquet', head, rest, warnings, lender: null };
  }
  refuseSignature(file, head);
  const encoding = textEncoding(head);
  if (!encoding.startsWith('utf-16')) refuseBinary(file, head);
  if (encoding !== 'utf-8' && !encoding.startsWith('utf-16')) {
    warnings.push(
      `the file is not UTF-8: it was read as ${encoding} (recognised from its first ${ENCODING_SAMPLE / 1024} KB). If its letters look wrong, save it as UTF-8 and load it again.`,
    );
  }
  // decompressed chunks are not lent
  return {
    encoding,
    compressed,
    binaryFormat: null,
    head,
    rest,
    warnings,
    lender: compressed ? null : lender,
  };
}

/**
 * Decompressed bytes until the gzip data breaks off (a truncated download, damaged bytes, junk after the
 * end): what came before is kept and analysed, like the rows of a truncated CSV, and a warning says so.
 * When it is the compressed bytes' source that failed (`read.failed`: a file that could not be read, or
 * was cut while it was read), the data is not at fault: that error goes on.
 */
async function* untilDamaged(
  chunks: AsyncGenerator<Uint8Array>,
  warnings: string[],
  signal: AbortSignal | undefined,
  read: { failed: boolean },
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  } catch (error) {
    if (signal?.aborted || (error as Error).name === 'AbortError' || read.failed) throw error;
    warnings.push(
      bytes === 0
        ? 'the gzip data is damaged: nothing could be decompressed.'
        : `the gzip data breaks off after ${bytes.toLocaleString('en-US')} bytes (damaged or truncated file): what came before is analysed, its last row may be cut short.`,
    );
  }
}

/**
 * Parquet's magic, "PAR1", starts (and ends) the file, and what follows it — the first page header, or the
 * footer of a file without rows — is a Thrift compact struct whose first field is an i32 (byte 0x15):
 * Apache Parquet format, "File Format" and parquet.thrift (PageHeader.type, FileMetaData.version). The
 * second byte keeps a text log whose first header is "PAR1…" a text log.
 */
function isParquet(head: Uint8Array): boolean {
  const magic = head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
  return magic && (head.byteLength === 4 || head[4] === 0x15);
}

function isZip(head: Uint8Array): boolean {
  // a local file header, or the end record of an archive with no files
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && head[3] === head[2] + 1;
}

/**
 * All the bytes as text chunks; the BOM is dropped and characters split across chunks are decoded whole.
 * UTF-8 bytes that are not UTF-8 are read as Windows-1252, and `onBadBytes` gets the first such line. In
 * other encodings a byte sequence the encoding does not have becomes U+FFFD, which no legacy encoding
 * and no well-formed UTF-16 holds: values that differ only there read the same, and a warning says where.
 */
export async function* decodeChunks(
  opened: OpenedBytes,
  onBadBytes: (line: number) => void = () => undefined,
): AsyncGenerator<string> {
  if (opened.encoding === 'utf-8') {
    const decoder = new LenientUtf8Stream(onBadBytes);
    const head = opened.head;
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    let pending = head.subarray(bom);
    for await (const chunk of opened.rest) {
      const text = decoder.decode(pending, false);
      if (text) yield text;
      pending = chunk;
    }
    const tail = decoder.decode(pending, true);
    if (tail) yield tail;
    return;
  }
  const decoder = new TextDecoder(opened.encoding);
  let line = 1;
  let reported = false;
  const checked = (text: string) => {
    if (reported) return text;
    const bad = text.indexOf('\ufffd');
    line += countLineFeeds(text, bad === -1 ? text.length : bad);
    if (bad !== -1) {
      reported = true;
      opened.warnings.push(
        `line ${line} is the first with bytes that are not ${opened.encoding}: they were read as \ufffd, so values that differ only there are counted as one.`,
      );
    }
    return text;
  };
  const first = checked(decoder.decode(opened.head, { stream: true }));
  if (first) yield first;
  for await (const chunk of opened.rest) {
    const text = checked(decoder.decode(chunk, { stream: true }));
    if (text) yield text;
  }
  const tail = checked(decoder.decode());
  if (tail) yield tail;
}

function countLineFeeds(text: string, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** All the bytes as chunks, head first. */
export async function* byteChunks(opened: OpenedBytes): AsyncGenerator<Uint8Array> {
  yield opened.head;
  yield* opened.rest;
}

async function peek(
  source: AsyncGenerator<Uint8Array>,
  atLeast: number,
  onBytes: (n: number) => void,
  lender: ChunkLender | null,
): Promise<{ head: Uint8Array; rest: AsyncGenerator<Uint8Array> }> {
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < atLeast) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    parts.push(next.value);
    size += next.value.byteLength;
    onBytes(next.value.byteLength);
  }
  const head = concatBytes(parts);
  // parts copied into the head are no longer read: a slice lent by a reader goes back to be refilled
  if (lender !== null && head !== parts.find((p) => p.byteLength > 0)) {
    for (const part of parts) lender.giveBack(part);
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (done) return;
    for await (const chunk of source) {
      onBytes(chunk.byteLength);
      yield chunk;
    }
  }
  return { head, rest: rest() };
}

/**
 * Compressed bytes handed to the decompressor at a time. A decompressor lets out all it makes of a chunk at
 * once (gzip expands up to ~1,000×: 4 MB of a gzip bomb are ~4 GB); the next step waits until that output
 * has been read, so a step of 16 KB bounds what decompression holds to ~16 MB.
 */
const INFLATE_STEP_BYTES = 16 << 10;

/**
 * The head, then the rest, as a stream of pieces of at most INFLATE_STEP_BYTES; `read.failed` says whether
 * it was reading the rest that failed.
 */
function toStream(
  head: Uint8Array,
  rest: AsyncGenerator<Uint8Array>,
  read: { failed: boolean },
): ReadableStream<Uint8Array> {
  let piece = head;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (piece.byteLength === 0) {
        const next = await rest.next().catch((error: unknown) => {
          read.failed = true;
          throw error;
        });
        if (next.done) {
          controller.close();
          return;
        }
        piece = next.value;
      }
      controller.enqueue(piece.subarray(0, INFLATE_STEP_BYTES));
      piece = piece.subarray(INFLATE_STEP_BYTES);
    },
    async cancel() {
      await rest.return(undefined);
    },
  });
}

const SIGNATURES: readonly [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable'],
  [[0x4d, 0x5a], 'an executable'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'a legacy Office document'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive (dmscope reads gzip and ZIP)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'an xz archive (dmscope reads gzip and ZIP)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'a Zstandard archive (dmscope reads gzip and ZIP)'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive (dmscope reads gzip and ZIP)'],
  [[0x42, 0x5a, 0x68, 0x39], 'a bzip2 archive (dmscope reads gzip and ZIP)'],
];

function refuseSignature(file: string, head: Uint8Array): void {
  for (const [magic, what] of SIGNATURES) {
    if (magic.every((byte, i) => head[i] === byte)) {
      throw new IngestError(file, `this is ${what}, not a CSV or JSON log.`);
    }
  }
}

/** Refuses bytes of one byte per character (UTF-8, legacy encodings) that are not text. */
function refuseBinary(file: string, head: Uint8Array): void {
  // zero bytes and line breaks at the end are a zero-filled tail (a log cut off by a crash), not binary
  let n = Math.min(head.byteLength, HEAD_BYTES);
  while (n > 0 && (head[n - 1] === 0 || head[n - 1] === 10 || head[n - 1] === 13)) n--;
  if (n === 0) throw new IngestError(file, 'the file holds only zero bytes (NUL), no text.');
  // Text has next to no control characters other than NUL; random or compressed data has one byte in ten.
  // A NUL is data in a text log (padding, a C string's end), so it takes NULs in a fifth of the bytes
  // (or in fewer beside other control bytes) to call a file binary, never a few NULs in a small file. ESC
  // is not counted: it starts the colour codes of a log copied from a terminal.
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) control += 0.25;
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (control > n * 0.05) {
    throw new IngestError(file, 'this looks like a binary file, not a CSV or JSON log.');
  }
}
