/** The read worker: reads Files ahead of ingest on a thread of its own (see read-service.ts). Thin on purpose. */
import type { ReadRequest, ReadResponse } from './read-protocol.ts';
import { createReadService } from './read-service.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ReadRequest>) => void) | null;
  postMessage(message: ReadResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const service = createReadService((message, transfer) => scope.postMessage(message, transfer ?? []));
scope.onmessage = (event: MessageEvent<ReadRequest>) => service.handle(event.data);
