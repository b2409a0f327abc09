/**
 * What the read worker does, without the worker: reads Blobs in slices and posts each slice's buffer as
 * soon as it has it, at most `ahead` slices before the dataset worker asks for more.
 *
 * Why a worker of its own: a Blob's bytes reach a worker in many small tasks on that worker's own thread.
 * When the dataset worker read its own File, its read-ahead could not progress while ingest ran (one
 * slice of 4 MB is ~100 ms of parsing without a turn of the event loop), so every slice was still being
 * read when ingest asked for it: ~20 ms of waiting per slice, a fifth of a 1M-row load. Here the reading
 * happens on another thread, and a transferred buffer costs the dataset worker one message.
 */
import type { ReadRequest, ReadResponse } from './read-protocol.ts';

interface OpenRead {
  blob: Blob;
  sliceBytes: number;
  offset: number;
  /** Slices it may still read before the next `more`. */
  credit: number;
  reading: boolean;
}

export function createReadService(post: (message: ReadResponse, transfer?: Transferable[]) => void) {
  const open = new Map<number, OpenRead>();

  async function pump(id: number): Promise<void> {
    const read = open.get(id);
    if (read === undefined || read.reading) return;
    read.reading = true;
    try {
      while (read.credit > 0 && read.offset < read.blob.size) {
        const end = Math.min(read.offset + read.sliceBytes, read.blob.size);
        const buffer = await read.blob.slice(read.offset, end).arrayBuffer();
        if (open.get(id) !== read) return; // closed while reading
        read.offset = end;
        read.credit--;
        post({ kind: 'bytes', id, buffer }, [buffer]);
      }
      if (read.offset >= read.blob.size) {
        open.delete(id);
        post({ kind: 'end', id });
      }
    } catch (error) {
      open.delete(id);
      const e = error instanceof Error ? error : new Error(String(error));
      post({ kind: 'error', id, error: { name: e.name, message: e.message } });
    } finally {
      read.reading = false;
    }
  }

  return {
    handle(request: ReadRequest): void {
      if (request.kind === 'open') {
        const { id, blob, sliceBytes, ahead } = request;
        open.set(id, { blob, sliceBytes: Math.max(1, sliceBytes), offset: 0, credit: ahead, reading: false });
        void pump(id);
      } else if (request.kind === 'more') {
        const read = open.get(request.id);
        if (read === undefined) return;
        read.credit += request.slices;
        void pump(request.id);
      } else {
        open.delete(request.id);
      }
    },
    /** Reads in progress (tests). */
    get openReads(): number {
      return open.size;
    },
  };
}
