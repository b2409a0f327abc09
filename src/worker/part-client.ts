/**
 * The dataset worker's side of the part worker: a PartReader that hands the second half of a big CSV file
 * (a slice of the File, which crosses workers without a copy) to a second module worker, started on first
 * use and kept for the next loads. Where workers cannot start workers, there is no PartReader and every
 * file is read in one pass.
 */
import type { FilePart, PartReader } from '../ingest/file-parts.ts';
import type { PartRequest, PartResponse } from './part-protocol.ts';

/** Below this size, a file is read by one worker: a second one would not pay for its start. */
export const PART_MIN_BYTES = 8 << 20;

interface Pending {
  resolve: (part: FilePart) => void;
  reject: (error: Error) => void;
  onBytes: (n: number) => void;
}

export function workerPartReader(minBytes = PART_MIN_BYTES): PartReader | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
    worker?.terminate();
    worker = null;
  };

  const started = (): Worker => {
    if (worker !== null) return worker;
    const w = new Worker(new URL('./part-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<PartResponse>) => {
      const message = event.data;
      const p = pending.get(message.id);
      if (p === undefined) return;
      if (message.kind === 'progress') p.onBytes(message.bytes);
      else {
        pending.delete(message.id);
        if (message.kind === 'result') p.resolve(message.part);
        else p.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
      }
    };
    // the chunk could not load, or the worker died (out of memory): the dataset worker reads on itself
    w.onerror = (event) => {
      event.preventDefault();
      failAll(`the second reader stopped: ${event.message || 'it could not start'}`);
    };
    worker = w;
    return w;
  };

  const post = (request: PartRequest) => started().postMessage(request);

  return {
    minBytes,
    read({ source, start, end, plan, onBytes, signal }) {
      const blob = source.blob;
      if (blob === undefined) return Promise.reject(new Error('this source has no Blob to share'));
      const id = nextId++;
      return new Promise<FilePart>((resolve, reject) => {
        pending.set(id, { resolve, reject, onBytes });
        signal.addEventListener('abort', () => post({ kind: 'cancel', id }), { once: true });
        post({ kind: 'read', id, blob: blob.slice(start, end), plan });
      });
    },
  };
}
