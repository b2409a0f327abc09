import { concatBytes, readChunks } from './byte-source.ts';
import { IngestError } from './ingest-error.ts';
import { LenientUtf8Stream } from './lenient-utf8.ts';

const HEAD_BYTES = 4096;

export interface OpenedBytes {
  /**
   * Text decoder label: "utf-8" (bytes that are not UTF-8 are read as Windows-1252), "utf-16le" or
   * "utf-16be" (from a byte-order mark, or from the zero bytes of ASCII text without one).
   */
  readonly encoding: string;
  /** "zip": head and rest are a ZIP archive's bytes, to be read entry by entry (see zip-entries.ts). */
  readonly compressed: 'gzip' | 'zip' | null;
  /** At least the first 4 KB (or the whole file), already unwrapped from gzip. */
  readonly head: Uint8Array;
  /** The bytes after `head`. */
  readonly rest: AsyncGenerator<Uint8Array>;
  /** Problems met while reading that did not stop it (damaged gzip data); filled as the bytes are read. */
  readonly warnings: string[];
}

/**
 * Opens a byte stream for reading: recognises gzip (from the bytes, not the name) and unwraps it, recognises
 * a ZIP archive (when `allowZip`), picks the encoding, and refuses empty and binary files with a message that
 * says what the file looks like.
 */
export async function openBytes(
  file: string,
  stream: ReadableStream<Uint8Array>,
  onBytes: (n: number) => void,
  chunkSize?: number,
  signal?: AbortSignal,
  allowZip = true,
): Promise<OpenedBytes> {
  return openChunks(file, readChunks(stream, chunkSize, signal), onBytes, chunkSize, signal, allowZip);
}

/** `openBytes` over chunks already being read (a ZIP entry's). */
export async function openChunks(
  file: string,
  source: AsyncGenerator<Uint8Array>,
  onBytes: (n: number) => void,
  chunkSize?: number,
  signal?: AbortSignal,
  allowZip = true,
): Promise<OpenedBytes> {
  const warnings: string[] = [];
  let { head, rest } = await peek(source, HEAD_BYTES, onBytes);
  let compressed: 'gzip' | null = null;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    compressed = 'gzip';
    const unzipped = toStream(head, rest).pipeThrough(
      new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
    const chunks = untilDamaged(readChunks(unzipped, chunkSize, signal), warnings, signal);
    ({ head, rest } = await peek(chunks, HEAD_BYTES, () => undefined));
  }
  if (head.byteLength === 0) {
    throw new IngestError(file, warnings[0] ?? 'the file is empty.');
  }
  if (isZip(head)) {
    if (!allowZip || compressed) {
      throw new IngestError(file, 'this is a ZIP archive inside an archive; unpack it first.');
    }
    return { encoding: 'utf-8', compressed: 'zip', head, rest, warnings };
  }
  const encoding = textEncoding(head);
  if (encoding === 'utf-8') refuseBinary(file, head);
  return { encoding, compressed, head, rest, warnings };
}

/**
 * Decompressed bytes until the gzip data breaks off (a truncated download, damaged bytes, junk after the
 * end): what came before is kept and analysed, like the rows of a truncated CSV, and a warning says so.
 */
async function* untilDamaged(
  chunks: AsyncGenerator<Uint8Array>,
  warnings: string[],
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  } catch (error) {
    if (signal?.aborted || (error as Error).name === 'AbortError') throw error;
    warnings.push(
      bytes === 0
        ? 'the gzip data is damaged: nothing could be decompressed.'
        : `the gzip data breaks off after ${bytes.toLocaleString('en-US')} bytes (damaged or truncated file): what came before is analysed, its last row may be cut short.`,
    );
  }
}

function isZip(head: Uint8Array): boolean {
  // a local file header, or the end record of an archive with no files
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && head[3] === head[2] + 1;
}

/**
 * All the bytes as text chunks; the BOM is dropped and characters split across chunks are decoded whole.
 * UTF-8 bytes that are not UTF-8 are read as Windows-1252, and `onBadBytes` gets the first such line.
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
  const first = decoder.decode(opened.head, { stream: true });
  if (first) yield first;
  for await (const chunk of opened.rest) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
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

/** The head, then the rest, as a stream of pieces of at most INFLATE_STEP_BYTES. */
function toStream(head: Uint8Array, rest: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  let piece = head;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (piece.byteLength === 0) {
        const next = await rest.next();
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

function textEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return utf16WithoutBom(head) ?? 'utf-8';
}

/**
 * UTF-16 without a byte-order mark ("Unicode text" from some Windows tools): mostly ASCII text, so nearly
 * every second byte is zero — the odd ones for little-endian, the even ones for big-endian.
 */
function utf16WithoutBom(head: Uint8Array): string | null {
  const pairs = Math.min(head.byteLength >> 1, 1024);
  if (pairs < 2) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let p = 0; p < pairs; p++) {
    const even = head[2 * p] === 0;
    const odd = head[2 * p + 1] === 0;
    if (even && !odd) zeroEven++;
    else if (odd && !even) zeroOdd++;
  }
  if (zeroOdd >= pairs * 0.9) return 'utf-16le';
  if (zeroEven >= pairs * 0.9) return 'utf-16be';
  return null;
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

function refuseBinary(file: string, head: Uint8Array): void {
  for (const [magic, what] of SIGNATURES) {
    if (magic.every((byte, i) => head[i] === byte)) {
      throw new IngestError(file, `this is ${what}, not a CSV or JSON log.`);
    }
  }
  // zero bytes and line breaks at the end are a zero-filled tail (a log cut off by a crash), not binary
  let n = Math.min(head.byteLength, HEAD_BYTES);
  while (n > 0 && (head[n - 1] === 0 || head[n - 1] === 10 || head[n - 1] === 13)) n--;
  if (n === 0) throw new IngestError(file, 'the file holds only zero bytes (NUL), no text.');
  // text has next to no control characters, in any encoding; binary data has about one byte in ten
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) control += 8;
    else if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > n * 0.1) {
    throw new IngestError(file, 'this looks like a binary file, not a CSV or JSON log.');
  }
}
