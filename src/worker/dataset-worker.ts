/**
 * The module worker the dashboard starts: ingest and every query run here, off the main thread.
 * Thin on purpose: it only moves messages in and out of the dataset service.
 */
import type { DatasetRpc, LoadProgress, RpcRequest, RpcResponse } from './dataset-protocol.ts';
import { createDatasetService } from './dataset-service.ts';
import { workerReadAhead } from './read-client.ts';
import { serveRpc } from './rpc.ts';

// The project compiles against the DOM lib; this is the slice of the worker global scope used here.
interface WorkerScope {
  name: string;
  onmessage: ((event: MessageEvent<RpcRequest>) => void) | null;
  postMessage(message: RpcResponse): void;
}

const scope = self as unknown as WorkerScope;
// Held until this worker ends, however it ends: the page is granted the same lock then, and starts another.
navigator.locks
  ?.request(scope.name, () => {
    scope.postMessage({ id: 0, kind: 'lifeline' });
    return new Promise<never>(() => undefined);
  })
  .catch(() => undefined);
// started with the page, so that the first file does not wait for it to start
const openFile = workerReadAhead({ startNow: true });
const service = createDatasetService(openFile ? { openFile } : {});
// while the page waits for a file (after the messages already queued, such as a load)
setTimeout(() => void service.warmUp(), 0);

const serve = serveRpc<DatasetRpc, LoadProgress>(
  (method, params, onProgress) => service.handle(method, params, onProgress),
  (answer) => scope.postMessage(answer),
  () => service.dataVersion,
);
scope.onmessage = (event: MessageEvent<RpcRequest>) => serve(event.data);
