/**
 * What the read worker does, without the worker: reads Blobs in slices and posts each slice's buffer as
 * soon as it has it, at most `ahead` slices before the dataset worker asks for more.
 *
 * Why a worker of its own: a Blob's bytes reach a worker in many small tasks on that worker's own thread.
 * A worker's read-ahead cannot progress while that worker parses a slice without a turn of its event loop,
 * so the reading must happen on another thread; a transferred buffer costs the dataset worker one message.
 *
 * Without new memory: the dataset worker gives each slice's buffer back once ingest is done with it (see
 * ChunkLender in byte-source.ts), and the next slices are read into those same buffers, through one BYOB
 * reader of the Blob's stream: one thread's allocations and frees stall the others of the process, so no
 * slice gets a new buffer (measurements in docs/performance.md). Where Blob streams have no BYOB
 * reader, each slice is read with arrayBuffer() into a buffer of its own.
 */
import { byobReader, FIRST_SLICE_BYTES, readFully } from '../ingest/byte-source.ts';
import type { ReadRequest, ReadResponse } from './read-protocol.ts';
import { toWireError } from './rpc.ts';

interface OpenRead {
  blob: Blob;
  sliceBytes: number;
  offset: number;
  /** The Blob's stream, read into given-back buffers; null until the first read, or without BYOB. */
  reader: ReadableStreamBYOBReader | null;
  /** Slices it may still read before the next `more`. */
  credit: number;
  reading: boolean;
}

/** Buffers given back and not yet refilled, at most (those read ahead, and a few more). */
const MAX_SPARE = 8;

export interface ReadServiceOptions {
  /** Reads slices with arrayBuffer() even where Blob streams have a BYOB reader (tests). */
  noByob?: boolean;
}

export function createReadService(
  post: (message: ReadResponse, transfer?: Transferable[]) => void,
  options: ReadServiceOptions = {},
) {
  const open = new Map<number, OpenRead>();
  /** Buffers the dataset worker gave back, for the next slices. */
  const spare: ArrayBuffer[] = [];
  let buffersMade = 0;

  /** Reads the next `length` bytes into a given-back buffer (a new one while there is none). */
  function readInto(read: OpenRead, length: number): Promise<ArrayBuffer> {
    const at = spare.findIndex((b) => b.byteLength >= length);
    if (at < 0) buffersMade++;
    // a new buffer is slice-sized, to be given back and refilled (the first, short one is not given back)
    const fresh = read.offset === 0 ? length : Math.min(read.sliceBytes, read.blob.size);
    const buffer = at < 0 ? new ArrayBuffer(fresh) : (spare.splice(at, 1)[0] as ArrayBuffer);
    return readFully(read.reader as ReadableStreamBYOBReader, buffer, length, {
      offset: read.offset,
      size: read.blob.size,
    });
  }

  async function pump(id: number): Promise<void> {
    const read = open.get(id);
    if (read === undefined || read.reading) return;
    read.reading = true;
    try {
      while (read.credit > 0 && read.offset < read.blob.size) {
        const slice = read.offset === 0 ? Math.min(read.sliceBytes, FIRST_SLICE_BYTES) : read.sliceBytes;
        const end = Math.min(read.offset + slice, read.blob.size);
        if (read.offset === 0 && !options.noByob) read.reader = byobReader(read.blob);
        const buffer =
          read.reader === null
            ? await read.blob.slice(read.offset, end).arrayBuffer()
            : await readInto(read, end - read.offset);
        if (open.get(id) !== read) return; // closed while reading
        const length = end - read.offset;
        read.offset = end;
        read.credit--;
        post({ kind: 'bytes', id, buffer, length }, [buffer]);
      }
      if (read.offset >= read.blob.size) {
        close(id);
        post({ kind: 'end', id });
      }
    } catch (error) {
      if (open.get(id) !== read) return; // closed while reading: the reader's cancel ended the read
      close(id);
      post({ kind: 'error', id, error: toWireError(error) });
    } finally {
      read.reading = false;
    }
  }

  function close(id: number): void {
    const read = open.get(id);
    open.delete(id);
    read?.reader?.cancel().catch(() => undefined);
    if (open.size === 0) spare.length = 0;
  }

  return {
    handle(request: ReadRequest): void {
      if (request.kind === 'open') {
        const { id, blob, sliceBytes, ahead } = request;
        open.set(id, {
          blob,
          sliceBytes: Math.max(1, sliceBytes),
          offset: 0,
          reader: null,
          credit: ahead,
          reading: false,
        });
        void pump(id);
      } else if (request.kind === 'recycle') {
        // between loads, nothing is kept: the buffers would hold tens of MB for nobody
        if (open.size > 0 && spare.length < MAX_SPARE) spare.push(request.buffer);
      } else if (request.kind === 'more') {
        const read = open.get(request.id);
        if (read === undefined) return;
        read.credit += request.slices;
        void pump(request.id);
      } else {
        close(request.id);
      }
    },
    /** Reads in progress (tests). */
    get openReads(): number {
      return open.size;
    },
    /** Buffers given back and waiting to be refilled (tests). */
    get spareBuffers(): number {
      return spare.length;
    },
    /** Buffers it has had to make for BYOB reads (tests). */
    get buffersMade(): number {
      return buffersMade;
    },
  };
}
