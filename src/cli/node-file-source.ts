import { createReadStream, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { type ByteSource, ChunkLender, endedEarly, FIRST_SLICE_BYTES } from '../ingest/byte-source.ts';

/** The argument that names standard input, as in most command-line tools. */
export const STDIN = '-';

/**
 * Names of standard input, read from its descriptor: when it is a socket (a parent process's pipe in
 * Node or Python), opening it by path fails (ENXIO).
 */
const STDIN_NAMES = new Set([STDIN, '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/** Bytes per read of a regular file (after a short first one, FIRST_SLICE_BYTES, as for a browser File). */
const SLICE_BYTES = 4 << 20;
/** Buffers given back and waiting to be refilled, at most. */
const MAX_SPARE = 4;

/**
 * A file argument as a ByteSource: a regular file with its size (read straight into a few lent buffers: see
 * fileSlices); standard input (`-`), a FIFO, a device or a process substitution (`<(zcat …)`)
 * as a stream of unknown length, read to its end — their size on disk says nothing about their bytes.
 */
export function nodeFileSource(path: string): ByteSource {
  if (STDIN_NAMES.has(path)) return streamSource('stdin', () => process.stdin);
  const stat = statSync(path);
  if (!stat.isFile()) {
    return streamSource(basename(path), () => createReadStream(path, { highWaterMark: 1 << 20 }));
  }
  return rangeSource(path, 0, stat.size);
}

function streamSource(name: string, open: () => Readable): ByteSource {
  return { name, size: null, stream: () => webStream(open()) };
}

function webStream(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}

/** Bytes [start, end) of a file on disk. */
function rangeSource(path: string, start: number, end: number): ByteSource {
  const lender = new ChunkLender();
  return {
    name: basename(path),
    size: end - start,
    lender,
    stream: () => fileSlices(path, start, end, lender),
    slice: (from, to) => readRange(path, start + from, Math.min(start + to, end)),
  };
}

/**
 * Bytes [start, end) of a file as a stream of slices read with the file's handle, one slice ahead of the
 * reader: a short first one, so that ingest starts at once, then SLICE_BYTES ones. Each slice is lent
 * through `lender` and read into a buffer ingest gave back when there is one: no copy of the bytes (Node's
 * stream-to-web adapter copies every chunk) and a few buffers for the whole file instead of a new one per
 * slice. A file that ends sooner than `end` was cut while it was read (endedEarly).
 */
function fileSlices(
  path: string,
  start: number,
  end: number,
  lender: ChunkLender,
): ReadableStream<Uint8Array> {
  const spare: ArrayBuffer[] = [];
  // every slice after the first fits a buffer this long (the first one's, shorter, is left to the collector)
  const bufferBytes = Math.min(SLICE_BYTES, end - start);
  const giveBack = (buffer: ArrayBuffer) => {
    if (spare.length < MAX_SPARE && buffer.byteLength >= bufferBytes) spare.push(buffer);
  };
  let handle: FileHandle | null = null;
  let at = start;
  const close = async () => {
    const open = handle;
    handle = null;
    await open?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (at >= end) {
          await close();
          controller.close();
          return;
        }
        handle ??= await open(path, 'r');
        const length = Math.min(at === start ? FIRST_SLICE_BYTES : SLICE_BYTES, end - at);
        const buffer = spare.pop() ?? new ArrayBuffer(at === start ? length : bufferBytes);
        const chunk = new Uint8Array(buffer, 0, length);
        try {
          await readInto(handle, chunk, at, end);
        } catch (error) {
          await close();
          throw error;
        }
        at += length;
        lender.lend(chunk, giveBack);
        controller.enqueue(chunk);
      },
      cancel: close,
    },
    { highWaterMark: 1 },
  );
}

/** Fills `bytes` from the file at `position`; a file that ends first was cut (`end`: its size when opened). */
async function readInto(handle: FileHandle, bytes: Uint8Array, position: number, end: number): Promise<void> {
  let filled = 0;
  while (filled < bytes.byteLength) {
    const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, position + filled);
    if (bytesRead === 0) throw endedEarly(position + filled, end);
    filled += bytesRead;
  }
}

/** Bytes [start, end) of a file; a file shorter now than when it was looked at was cut while it was read. */
async function readRange(path: string, start: number, end: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(Math.max(0, end - start));
    await readInto(handle, bytes, start, end);
    return bytes;
  } finally {
    await handle.close();
  }
}
