/** Where ingest reads bytes from: a browser File/Blob, a Node file, or anything that can stream. */
export interface ByteSource {
  readonly name: string;
  /** Total size in bytes when known (progress bars); null for unknown-length streams. */
  readonly size: number | null;
  stream(): ReadableStream<Uint8Array>;
  /**
   * Where a reader gives back the chunks of this source's streams once it holds no view of them, for the
   * source to refill (see ChunkLender); absent when the source lends none.
   */
  readonly lender?: ChunkLender;
  /**
   * Bytes [start, end) of the source, where it can read them in any order (a File, a file on disk, bytes in
   * memory): formats whose index is at the end (Parquet's footer) read only what they need, in the order
   * they need it. Absent for streams (standard input, a pipe).
   */
  readonly slice?: (start: number, end: number) => Promise<Uint8Array>;
}

/** Bytes per read of a browser File: a few large reads cost far fewer round trips than Blob.stream()'s 64 KB. */
const SLICE_BYTES = 4 << 20;
/**
 * The first read is short, so that ingest starts on it while the next ones are read, instead of waiting for
 * a whole slice at the start of every load.
 */
export const FIRST_SLICE_BYTES = 256 << 10;

export function blobSource(blob: Blob, name?: string): ByteSource {
  const fileName = name ?? (blob as Blob & { name?: string }).name ?? 'upload';
  const lender = new ChunkLender();
  return {
    name: fileName,
    size: blob.size,
    lender,
    stream: () => blobSlices(blob, lender),
    slice: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
  };
}

/** Buffers given back and waiting to be refilled, at most, per stream. */
const MAX_SPARE = 4;

/**
 * Reads a Blob in 4 MB slices (a short first one), two slices ahead of the parser, so reading overlaps
 * parsing. Where Blob streams have a BYOB reader, the slices are lent through `lender` and read into the
 * buffers the reader gives back to it: a 1M-row file goes through a handful of buffers instead of a new 4 MB
 * one per slice, whose allocations and frees stall the other threads of the process (see read-service.ts).
 * Elsewhere each slice is read into a buffer of its own.
 */
export function blobSlices(blob: Blob, lender = new ChunkLender()): ReadableStream<Uint8Array> {
  const reader = byobReader(blob);
  const spare: ArrayBuffer[] = [];
  const giveBack = (given: ArrayBuffer) => {
    if (spare.length < MAX_SPARE) spare.push(given);
  };
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (offset >= blob.size) {
          controller.close();
          return;
        }
        const length = Math.min(offset === 0 ? FIRST_SLICE_BYTES : SLICE_BYTES, blob.size - offset);
        let chunk: Uint8Array;
        if (reader === null) {
          chunk = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
        } else {
          const fresh = () => new ArrayBuffer(offset === 0 ? length : Math.min(SLICE_BYTES, blob.size));
          const buffer = spare.pop() ?? fresh();
          chunk = new Uint8Array(
            await readFully(reader, buffer, length, { offset, size: blob.size }),
            0,
            length,
          );
          lender.lend(chunk, giveBack);
        }
        offset += length;
        controller.enqueue(chunk);
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 2 },
  );
}

/** A BYOB reader of the Blob's stream, or null where Blob streams have none. */
export function byobReader(blob: Blob): ReadableStreamBYOBReader | null {
  try {
    return blob.stream().getReader({ mode: 'byob' });
  } catch {
    return null;
  }
}

/**
 * Reads the reader's next `length` bytes into `buffer` (at least that long); resolves with the buffer,
 * which the reads transferred (the one given is detached). A stream that ends first is a file that changed
 * (see endedEarly): `file` says where in the file the read starts, and the file's size.
 */
export async function readFully(
  reader: ReadableStreamBYOBReader,
  buffer: ArrayBuffer,
  length: number,
  file: { offset: number; size: number },
): Promise<ArrayBuffer> {
  let filled = 0;
  let current = buffer;
  while (filled < length) {
    const { done, value } = await reader.read(new Uint8Array(current, filled, length - filled));
    if (value === undefined) throw new Error('The file could not be read.');
    current = value.buffer as ArrayBuffer;
    if (done) throw endedEarly(file.offset + filled, file.size);
    filled += value.byteLength;
  }
  return current;
}

/**
 * A source over bytes already in memory (tests, small samples, the engine warm-up): one chunk, or chunks
 * of `chunkBytes`, each handed over when the reader asks for it.
 */
export function bytesSource(name: string, bytes: Uint8Array | string, chunkBytes?: number): ByteSource {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const step = chunkBytes !== undefined && chunkBytes > 0 ? chunkBytes : Math.max(1, data.byteLength);
  return {
    name,
    size: data.byteLength,
    slice: async (start, end) => data.slice(start, end),
    stream: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= data.byteLength) {
            controller.close();
            return;
          }
          controller.enqueue(data.subarray(at, at + step));
          at += step;
        },
      });
    },
  };
}

/**
 * The chunks a source lends its reader, whose memory it wants back: a fresh 4 MB buffer per chunk stalls
 * the other threads of the process (its allocation, the collections it sets off, its free). A source lends
 * each chunk it will refill (`lend`); a reader that has let go of every view of a chunk gives it back
 * (`giveBack`). Only a whole lent chunk is given back, only once, and only to the lender that lent it; a
 * reader that never gives chunks back just leaves them to the collector.
 */
export class ChunkLender {
  private readonly loans = new WeakMap<
    ArrayBufferLike,
    { length: number; giveBack: (buffer: ArrayBuffer) => void }
  >();

  /** Lends `chunk` (a view from the start of its buffer); `giveBack` receives its buffer. */
  lend(chunk: Uint8Array, giveBack: (buffer: ArrayBuffer) => void): void {
    if (chunk.byteOffset === 0 && chunk.buffer instanceof ArrayBuffer) {
      this.loans.set(chunk.buffer, { length: chunk.byteLength, giveBack });
    }
  }

  /**
   * Gives a chunk's memory back, if it is a whole chunk this lender lent. The caller must hold no view of it
   * any more: a worker's source transfers the buffer away, so a view kept by mistake reads as empty.
   */
  giveBack(chunk: Uint8Array): void {
    const loan = this.loans.get(chunk.buffer);
    if (loan === undefined || chunk.byteOffset !== 0 || chunk.byteLength !== loan.length) return;
    this.loans.delete(chunk.buffer);
    loan.giveBack(chunk.buffer as ArrayBuffer);
  }
}

/**
 * The error of a source that ends before the size it has: the file was cut (or replaced) while it was read.
 * Its bytes are not a log that ends there, so it is not read as one: like a browser's File that changed
 * after it was chosen, it is a NotReadableError, which ingest refuses with the file's name.
 */
export function endedEarly(read: number, size: number): Error {
  const detail = `it ended after ${read.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes`;
  return Object.assign(new Error(detail), { name: 'NotReadableError' });
}

/**
 * Reads a stream as a sequence of byte chunks, optionally re-cut to `chunkSize` bytes. Re-cutting exists so
 * tests can prove that a chunk of a few bytes (splitting UTF-8 sequences, CRLF pairs and quoted fields)
 * gives the same result as one chunk. A stream of a source whose size is known (`size`) must deliver all of
 * it: ending sooner throws `endedEarly`.
 */
export async function* readChunks(
  stream: ReadableStream<Uint8Array>,
  chunkSize?: number,
  signal?: AbortSignal,
  size: number | null = null,
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  // a slow source (a network drive, a stalled pipe) must not delay cancelling: cancel ends a pending read
  const onAbort = () => {
    reader.cancel().catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let read = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw abortError();
      const { done, value } = await reader.read();
      if (signal?.aborted) throw abortError();
      if (done) {
        if (size !== null && read < size) throw endedEarly(read, size);
        return;
      }
      if (!value || value.byteLength === 0) continue;
      read += value.byteLength;
      if (!chunkSize || value.byteLength <= chunkSize) {
        yield value;
        continue;
      }
      for (let at = 0; at < value.byteLength; at += chunkSize) {
        yield value.subarray(at, Math.min(at + chunkSize, value.byteLength));
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export function abortError(): Error {
  const error = new Error('Loading was cancelled.');
  error.name = 'AbortError';
  return error;
}

/** The parts as one array: the part itself when only one is not empty, else a copy of them all. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const nonEmpty = parts.filter((p) => p.byteLength > 0);
  if (nonEmpty.length === 1) return nonEmpty[0] as Uint8Array;
  const out = new Uint8Array(nonEmpty.reduce((sum, p) => sum + p.byteLength, 0));
  let at = 0;
  for (const part of nonEmpty) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
