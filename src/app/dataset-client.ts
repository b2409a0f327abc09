/**
 * Promise-based calls into the dataset worker: each request carries an id, and the worker answers with
 * progress messages and one result or error for that id.
 */
import type { IngestProgress } from '../ingest/ingest.ts';
import type { DatasetRpc, RpcMethod, RpcRequest, RpcResponse } from '../worker/dataset-protocol.ts';

/** The part of a Worker the client needs (tests pass a fake). */
export interface WorkerPort {
  postMessage(message: RpcRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RpcResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface DatasetClient {
  call<M extends RpcMethod>(
    method: M,
    params: DatasetRpc[M]['params'],
    onProgress?: (progress: IngestProgress) => void,
  ): Promise<DatasetRpc[M]['result']>;
  dispose(): void;
}

/** Raised in the page when the worker reports a failure; `name` is the worker-side error's name. */
export class WorkerError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((progress: IngestProgress) => void) | undefined;
}

export function createDatasetClient(port: WorkerPort): DatasetClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();

  port.addEventListener('message', (event: MessageEvent<RpcResponse>) => {
    const message = event.data;
    const entry = pending.get(message.id);
    if (entry === undefined) return;
    if (message.kind === 'progress') {
      entry.onProgress?.(message.progress);
      return;
    }
    pending.delete(message.id);
    if (message.kind === 'result') entry.resolve(message.result);
    else entry.reject(new WorkerError(message.error.name, message.error.message));
  });
  port.addEventListener('error', (event: ErrorEvent) => {
    const error = new WorkerError('WorkerError', event.message || 'The data worker stopped unexpectedly.');
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  });

  return {
    call(method, params, onProgress) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
        port.postMessage({ id, method, params });
      });
    },
    dispose() {
      port.terminate();
      pending.clear();
    },
  };
}

export function startDatasetWorker(): DatasetClient {
  const worker = new Worker(new URL('../worker/dataset-worker.ts', import.meta.url), {
    type: 'module',
    name: 'dmscope-dataset',
  });
  return createDatasetClient(worker as unknown as WorkerPort);
}
