import { readChunks } from './byte-source.ts';
import { IngestError } from './ingest-error.ts';

const HEAD_BYTES = 4096;

export interface OpenedBytes {
  /** Text decoder label ("utf-8", "utf-16le", "utf-16be"), from the byte-order mark. */
  readonly encoding: string;
  readonly compressed: 'gzip' | null;
  /** At least the first 4 KB (or the whole file), already unwrapped from gzip. */
  readonly head: Uint8Array;
  /** The bytes after `head`. */
  readonly rest: AsyncGenerator<Uint8Array>;
}

/**
 * Opens a byte stream for reading: recognises gzip (from the bytes, not the name) and unwraps it, picks the
 * encoding from a byte-order mark, and refuses empty and binary files with a message that says what the
 * file looks like.
 */
export async function openBytes(
  file: string,
  stream: ReadableStream<Uint8Array>,
  onBytes: (n: number) => void,
  chunkSize?: number,
  signal?: AbortSignal,
): Promise<OpenedBytes> {
  let source = readChunks(stream, chunkSize, signal);
  let { head, rest } = await peek(source, HEAD_BYTES, onBytes);
  let compressed: 'gzip' | null = null;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    compressed = 'gzip';
    const unzipped = toStream(head, rest).pipeThrough(
      new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
    source = readChunks(unzipped, chunkSize, signal);
    ({ head, rest } = await peek(source, HEAD_BYTES, () => undefined));
  }
  if (head.byteLength === 0) throw new IngestError(file, 'the file is empty.');
  const encoding = bomEncoding(head);
  if (encoding === 'utf-8') refuseBinary(file, head);
  return { encoding, compressed, head, rest };
}

/** All the bytes as text chunks; the BOM is dropped and characters split across chunks are decoded whole. */
export async function* decodeChunks(opened: OpenedBytes): AsyncGenerator<string> {
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
  const head = concat(parts, size);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (done) return;
    for await (const chunk of source) {
      onBytes(chunk.byteLength);
      yield chunk;
    }
  }
  return { head, rest: rest() };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

function toStream(head: Uint8Array, rest: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  let sentHead = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentHead) {
        sentHead = true;
        controller.enqueue(head);
        return;
      }
      const next = await rest.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}

function bomEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

const SIGNATURES: readonly [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable'],
  [[0x4d, 0x5a], 'an executable'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'a legacy Office document'],
];

function refuseBinary(file: string, head: Uint8Array): void {
  for (const [magic, what] of SIGNATURES) {
    if (magic.every((byte, i) => head[i] === byte)) {
      throw new IngestError(file, `this is ${what}, not a CSV or JSON log.`);
    }
  }
  let control = 0;
  const n = Math.min(head.byteLength, HEAD_BYTES);
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) control += 8;
    else if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > n * 0.1) {
    throw new IngestError(file, 'this looks like a binary file, not a CSV or JSON log.');
  }
}
