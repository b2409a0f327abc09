import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ByteSource } from '../ingest/byte-source.ts';

/** A file on disk as a ByteSource; 1 MiB reads keep the per-chunk overhead low. */
export function nodeFileSource(path: string): ByteSource {
  const size = statSync(path).size;
  return {
    name: basename(path),
    size,
    stream: () =>
      Readable.toWeb(
        createReadStream(path, { highWaterMark: 1 << 20 }),
      ) as unknown as ReadableStream<Uint8Array>,
  };
}
