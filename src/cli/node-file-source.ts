import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { type ByteSource, endedEarly } from '../ingest/byte-source.ts';

/** The argument that names standard input, as in most command-line tools. */
export const STDIN = '-';

/**
 * Names of standard input, read from its descriptor: when it is a socket (a parent process's pipe in
 * Node or Python), opening it by path fails (ENXIO).
 */
const STDIN_NAMES = new Set([STDIN, '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/**
 * A file argument as a ByteSource: a regular file with its size (read in 1 MiB reads, which keep the
 * per-chunk overhead low); standard input (`-`), a FIFO, a device or a process substitution (`<(zcat …)`)
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
  return {
    name: basename(path),
    size: end - start,
    stream: () =>
      end <= start
        ? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
        : // createReadStream's end is inclusive
          webStream(createReadStream(path, { highWaterMark: 1 << 20, start, end: end - 1 })),
    slice: (from, to) => readRange(path, start + from, Math.min(start + to, end)),
  };
}

/** Bytes [start, end) of a file; a file shorter now than when it was looked at was cut while it was read. */
async function readRange(path: string, start: number, end: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(Math.max(0, end - start));
    let filled = 0;
    while (filled < bytes.byteLength) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, start + filled);
      if (bytesRead === 0) throw endedEarly(start + filled, end);
      filled += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
