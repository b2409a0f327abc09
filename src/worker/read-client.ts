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
  const reader = new ReadAhead(spawn, options.sliceBytes ?? 4 << 20, options.ahead ?? 3);
  if (options.startNow) reader.start();
  return (file, name) => {
    const base = blobSource(file, name);
    const lender = base.lender as ChunkLender;
    return { ...base, stream: () => reader.stream(file, lender) };
  };
}

/** One read worker shared by every stream it opens, and what each stream has received from it. */
class ReadAhead {
  private port: ReadPort | null = null;
  /** The worker could not start or stopped: every stream reads the rest of its File itself. */
  private broken = false;
  private nextId = 1;
  private readonly streams = new Map<number, OpenStream>();
  private readonly spawn: () => ReadPort;
  private readonly sliceBytes: number;
  private readonly ahead: number;

  constructor(spawn: () => ReadPort, sliceBytes: number, ahead: number) {
    this.spawn = spawn;
    this.sliceBytes = sliceBytes;
    this.ahead = ahead;
  }

  /** Starts the worker now; where it cannot be made (a policy forbids it, say), files are read here. */
  start(): void {
    try {
      this.started();
    } catch {
      this.broken = true;
    }
  }

  stream(blob: Blob, lender: ChunkLender): ReadableStream<Uint8Array> {
    if (this.broken) return blobSlices(blob, lender);
    const id = this.nextId++;
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
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          if (!opened) {
            opened = true;
            this.open(id, s);
          }
          await this.pull(id, s, controller);
        },
        cancel: async (reason) => {
          this.streams.delete(id);
          if (!this.broken && opened) this.port?.postMessage({ kind: 'close', id });
          await s.fallback?.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  private open(id: number, s: OpenStream): void {
    if (!this.broken) {
      try {
        const port = this.started();
        this.streams.set(id, s);
        port.postMessage({ kind: 'open', id, blob: s.blob, sliceBytes: this.sliceBytes, ahead: this.ahead });
      } catch {
        this.broken = true; // the worker could not be made (a policy forbids it, say)
      }
    }
    if (this.broken) s.fallback = blobSlices(s.blob, s.lender).getReader();
  }

  /** Delivers the stream's next slice, its end or its error, waiting for the worker when none has come. */
  private async pull(id: number, s: OpenStream, controller: ReadableStreamDefaultController<Uint8Array>) {
    for (;;) {
      const next = s.arrived.shift();
      if (next !== undefined) {
        controller.enqueue(next);
        if (!this.broken) this.port?.postMessage({ kind: 'more', id, slices: 1 });
        return;
      }
      if (s.error !== null) {
        this.streams.delete(id);
        throw s.error;
      }
      if (s.ended) {
        this.streams.delete(id);
        controller.close();
        return;
      }
      if (s.fallback !== null) {
        const { done, value } = await s.fallback.read();
        if (done) {
          this.streams.delete(id);
          controller.close();
        } else controller.enqueue(value);
        return;
      }
      await new Promise<void>((resolve) => {
        s.wake = resolve;
      });
    }
  }

  private started(): ReadPort {
    if (this.port !== null) return this.port;
    const port = this.spawn();
    port.onmessage = (event) => this.received(event.data);
    // the chunk could not load, or the worker died: each stream reads the rest of its file itself
    port.onerror = (event) => {
      event.preventDefault?.();
      this.stopped();
    };
    this.port = port;
    return port;
  }

  private received(message: ReadResponse): void {
    const s = this.streams.get(message.id);
    if (s === undefined || s.fallback !== null) return;
    if (message.kind === 'bytes') {
      const chunk = new Uint8Array(message.buffer, 0, message.length);
      // ingest gives it back once read, for the read worker to copy later slices into
      s.lender.lend(chunk, (buffer) => {
        if (!this.broken) this.port?.postMessage({ kind: 'recycle', buffer }, [buffer]);
      });
      s.arrived.push(chunk);
      s.received += message.length;
    } else if (message.kind === 'end') s.ended = true;
    else s.error = fromWireError(message.error);
    wake(s);
  }

  private stopped(): void {
    this.broken = true;
    this.port?.terminate();
    this.port = null;
    for (const s of this.streams.values()) {
      if (s.ended || s.error !== null) continue;
      s.fallback = blobSlices(s.blob.slice(s.received), s.lender).getReader();
      wake(s);
    }
  }
}

function wake(s: OpenStream): void {
  const w = s.wake;
  s.wake = null;
  w?.();
}
