import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ByteSource } from '../ingest/byte-source.ts';

/** A file on disk as a ByteSource; 1 MiB reads keep the per-chunk overhead low. */
export function nodeFileSource(path: string): ByteSource {
  return rangeSource(path, 0, statSync(path).size);
}

/** Bytes [start, end) of a file on disk. */
function rangeSource(path: string, start: number, end: number): ByteSource {
  return {
    name: basename(path),
    size: end - start,
    slice: (from, to) => rangeSource(path, start + from, start + Math.min(to, end - start)),
    stream: () =>
      end <= start
        ? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
        : (Readable.toWeb(
            // createReadStream's end is inclusive
            createReadStream(path, { highWaterMark: 1 << 20, start, end: end - 1 }),
          ) as unknown as ReadableStream<Uint8Array>),
  };
}
