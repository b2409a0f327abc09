/**
 * The dataset worker's side of the read worker (see read-service.ts): `open(file)` gives a ByteSource like
 * blobSource's, whose stream's slices are read on the read worker's thread, a few ahead of ingest. The
 * worker starts on first use (or at once, with `startNow`) and is kept for the next loads. If it cannot start or stops, every stream
 * carries on reading the rest of its File itself, from the first byte it has not received; where workers
 * cannot start workers, there is no read worker and files are read as blobSource reads them.
 */
import { type ByteSource, blobSlices, blobSource, type ChunkLender } from '../ingest/byte-source.ts';
import type { ReadRequest, ReadResponse } from './read-protocol.ts';
import { fromWireError } from './rpc.ts';

/** The slice of a Worker used here (a fake one in tests). */
export interface ReadPort {
  onmessage: ((event: MessageEvent<ReadResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ReadRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

export interface ReadAheadOptions {
  /** Bytes a slice: a few large reads cost far fewer round trips than many small ones. */
  sliceBytes?: number;
  /** Slices read before ingest takes them (3 × 4 MB in flight). */
  ahead?: number;
  spawn?: () => ReadPort;
  /**
   * Starts the worker now rather than at the first file: a worker takes tens of milliseconds to start
   * (a thread, its script), which the first file would otherwise wait for.
   */
  startNow?: boolean;
}

interface OpenStream {
  arrived: Uint8Array[];
  /** Bytes received from the read worker, delivered or not: where reading resumes without it. */
  received: number;
  ended: boolean;
  error: Error | null;
  /** Reading the rest itself, after the read worker stopped. */
  fallback: ReadableStreamDefaultReader<Uint8Array> | null;
  blob: Blob;
  /** The source's lender: slices are lent through it and given back to it (see ChunkLender). */
  lender: ChunkLender;
  wake: (() => void) | null;
}

const spawnWorker = (): ReadPort =>
  new Worker(new URL('./read-worker.ts', import.meta.url), { type: 'module' }) as unknown as ReadPort;

export function workerReadAhead(
  options: ReadAheadOptions = {},
): ((file: Blob, name?: string) => ByteSource) | undefined {
  const spawn = options.spawn ?? (typeof Worker === 'undefined' ? undefined : spawnWorker);
  if (spawn === undefined) return undefined;
  const sliceBytes = options.sliceBytes ?? 4 << 20;
  const ahead = options.ahead ?? 3;
  let port: ReadPort | null = null;
  let broken = false;
  let nextId = 1;
  const streams = new Map<number, OpenStream>();

  const wake = (s: OpenStream) => {
    const w = s.wake;
    s.wake = null;
    w?.();
  };

  const stopped = () => {
    broken = true;
    port?.terminate();
    port = null;
    for (const s of streams.values()) {
      if (s.ended || s.error !== null) continue;
      s.fallback = blobSlices(s.blob.slice(s.received), s.lender).getReader();
      wake(s);
    }
  };

  const started = (): ReadPort => {
    if (port !== null) return port;
    const p = spawn();
    p.onmessage = (event) => {
      const message = event.data;
      const s = streams.get(message.id);
      if (s === undefined || s.fallback !== null) return;
      if (message.kind === 'bytes') {
        const chunk = new Uint8Array(message.buffer, 0, message.length);
        // ingest gives it back once read, for the read worker to copy later slices into
        s.lender.lend(chunk, (buffer) => {
          if (!broken) port?.postMessage({ kind: 'recycle', buffer }, [buffer]);
        });
        s.arrived.push(chunk);
        s.received += message.length;
      } else if (message.kind === 'end') s.ended = true;
      else s.error = fromWireError(message.error);
      wake(s);
    };
    // the chunk could not load, or the worker died: each stream reads the rest of its file itself
    p.onerror = (event) => {
      event.preventDefault?.();
      stopped();
    };
    port = p;
    return p;
  };

  if (options.startNow) {
    try {
      started();
    } catch {
      broken = true; // the worker could not be made (a policy forbids it, say): files are read here
    }
  }

  function stream(blob: Blob, lender: ChunkLender): ReadableStream<Uint8Array> {
    if (broken) return blobSlices(blob, lender);
    const id = nextId++;
    const s: OpenStream = {
      arrived: [],
      received: 0,
      ended: false,
      error: null,
      fallback: null,
      blob,
      lender,
      wake: null,
    };
    let opened = false;
    const close = () => {
      streams.delete(id);
      if (!broken && opened) port?.postMessage({ kind: 'close', id });
    };
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (!opened) {
            opened = true;
            if (!broken) {
              try {
                const port = started();
                streams.set(id, s);
                port.postMessage({ kind: 'open', id, blob, sliceBytes, ahead });
              } catch {
                broken = true; // the worker could not be made (a policy forbids it, say)
              }
            }
            if (broken) s.fallback = blobSlices(blob, lender).getReader();
          }
          for (;;) {
            const next = s.arrived.shift();
            if (next !== undefined) {
              controller.enqueue(next);
              if (!broken) port?.postMessage({ kind: 'more', id, slices: 1 });
              return;
            }
            if (s.error !== null) {
              streams.delete(id);
              throw s.error;
            }
            if (s.ended) {
              streams.delete(id);
              controller.close();
              return;
            }
            if (s.fallback !== null) {
              const { done, value } = await s.fallback.read();
              if (done) {
                streams.delete(id);
                controller.close();
              } else controller.enqueue(value);
              return;
            }
            await new Promise<void>((resolve) => {
              s.wake = resolve;
            });
          }
        },
        async cancel(reason) {
          close();
          await s.fallback?.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  return (file, name) => {
    const base = blobSource(file, name);
    const lender = base.lender as ChunkLender;
    return { ...base, stream: () => stream(file, lender) };
  };
}
