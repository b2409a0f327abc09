/**
 * Promise-based calls into the dataset worker (see worker/rpc.ts for the rules every call keeps: data
 * versions, one dashboard request in flight plus one waiting, errors with their stacks).
 *
 * The worker can stop: an error it did not handle, or the browser ending it (out of memory). Then every
 * request in flight fails with a `WorkerStopped` error, a new worker is started for the next requests, and
 * `onRestart` listeners are told why. The data the old worker held is gone with it.
 */
import type {
  DatasetRpc,
  LoadProgress,
  RpcMethod,
  RpcRequest,
  RpcResponse,
} from '../worker/dataset-protocol.ts';
import { createRpcClient, WorkerError } from '../worker/rpc.ts';

/** The part of a Worker the client needs (tests pass a fake). */
export interface WorkerPort {
  postMessage(message: RpcRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RpcResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * Starts a worker. `exited` is for a stop the worker cannot report with an error event (the browser ended
 * it); calls for a worker the client has already let go are ignored.
 */
export type SpawnWorker = (exited: (reason: string) => void) => WorkerPort;

export interface DatasetClient {
  call<M extends RpcMethod>(
    method: M,
    params: DatasetRpc[M]['params'],
    onProgress?: (progress: LoadProgress) => void,
  ): Promise<DatasetRpc[M]['result']>;
  /** Calls `listener` with the reason each time the worker stopped and a new one took its place. */
  onRestart(listener: (reason: string) => void): () => void;
  dispose(): void;
}

/** The name of the error a request fails with when its worker stopped before answering. */
export const WORKER_STOPPED = 'WorkerStopped';

export function createDatasetClient(spawn: SpawnWorker): DatasetClient {
  const restartListeners = new Set<(reason: string) => void>();
  let port: WorkerPort | null = null;
  const rpc = createRpcClient<DatasetRpc, LoadProgress>(
    (request) => {
      if (port === null) throw new WorkerError(WORKER_STOPPED, 'The analysis worker was shut down.');
      port.postMessage(request);
    },
    // filter clicks in a burst: the view asked for last is the only one worth computing next
    { latestOnly: ['dashboard', 'figures', 'facets'] },
  );

  /** A worker's end, however it is learnt; only the current worker's counts, and only once. */
  function stopped(worker: WorkerPort, reason: string): void {
    if (worker !== port) return;
    worker.terminate();
    port = start();
    rpc.failAll(new WorkerError(WORKER_STOPPED, `The analysis worker stopped (${reason}).`));
    for (const listener of restartListeners) listener(reason);
  }

  function start(): WorkerPort {
    const worker = spawn((reason) => stopped(worker, reason));
    worker.addEventListener('message', (event: MessageEvent<RpcResponse>) => {
      if (worker !== port || event.data.kind === 'lifeline') return;
      rpc.receive(event.data);
    });
    // An error the worker did not handle: what it was doing, and the state it holds, cannot be trusted.
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault?.();
      stopped(worker, event.message || 'it could not start or run');
    });
    return worker;
  }

  port = start();

  return {
    call: (method, params, onProgress) => rpc.call(method, params, onProgress),
    onRestart(listener) {
      restartListeners.add(listener);
      return () => restartListeners.delete(listener);
    },
    dispose() {
      const worker = port;
      port = null;
      worker?.terminate();
      rpc.failAll(new WorkerError(WORKER_STOPPED, 'The analysis worker was shut down.'));
    },
  };
}

export function startDatasetWorker(): DatasetClient {
  return createDatasetClient((exited) => {
    const lock = `dmscope-dataset ${randomId()}`;
    // written out here: the build finds a worker only in this form, `new Worker(new URL(…))`
    const worker = new Worker(new URL('../worker/dataset-worker.ts', import.meta.url), {
      type: 'module',
      name: lock,
    });
    const lifeline = watchLifeline(worker, lock, exited);
    return {
      postMessage: (message) => worker.postMessage(message),
      addEventListener: worker.addEventListener.bind(worker) as WorkerPort['addEventListener'],
      terminate() {
        lifeline.abort();
        worker.terminate();
      },
    };
  });
}

/**
 * A worker the browser ends (out of memory) fires no event in the page. But the locks a context holds
 * are freed when it ends: the worker holds a Web Lock named after itself for its whole life and says so
 * (`lifeline`), then the page asks for the same lock, which it is granted only once the worker has ended.
 * Where there are no Web Locks (not a secure context), only the worker's error events are seen.
 */
function watchLifeline(worker: Worker, lock: string, exited: (reason: string) => void): AbortController {
  const controller = new AbortController();
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks === undefined) return controller;
  const onHeld = (event: MessageEvent<RpcResponse>) => {
    if (event.data.kind !== 'lifeline') return;
    worker.removeEventListener('message', onHeld);
    locks
      .request(lock, { signal: controller.signal }, () => {
        if (!controller.signal.aborted) exited('the browser ended it, perhaps for lack of memory');
      })
      .catch(() => undefined); // aborted: the page terminated the worker itself
  };
  worker.addEventListener('message', onHeld);
  return controller;
}

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
