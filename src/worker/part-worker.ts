/**
 * The second worker: reads the second half of a big CSV file while the dataset worker reads the first (see
 * src/ingest/file-parts.ts), and sends its columns back as transferred buffers. Thin on purpose.
 */
import { blobSource } from '../ingest/byte-source.ts';
import { readPart } from '../ingest/file-parts.ts';
import type { PartRequest, PartResponse } from './part-protocol.ts';
import { yieldingSource } from './yielding-source.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<PartRequest>) => void) | null;
  postMessage(message: PartResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const running = new Map<number, AbortController>();

scope.onmessage = (event: MessageEvent<PartRequest>) => {
  const request = event.data;
  if (request.kind === 'cancel') {
    running.get(request.id)?.abort();
    return;
  }
  const { id, blob, plan } = request;
  const controller = new AbortController();
  running.set(id, controller);
  // a turn of the event loop every few milliseconds, so a cancel is seen while reading
  const source = yieldingSource(blobSource(blob, plan.file), controller.signal);
  readPart(source, plan, (bytes) => scope.postMessage({ kind: 'progress', id, bytes }), controller.signal)
    .then(
      (part) => {
        const buffers = new Set<ArrayBufferLike>();
        const { builder } = part;
        for (const column of [builder.codeIds, builder.time, builder.count, builder.device?.ids]) {
          if (column) buffers.add(column.buffer);
        }
        for (const d of builder.dimensions) buffers.add(d.ids.buffer);
        scope.postMessage({ kind: 'result', id, part }, [...buffers] as ArrayBuffer[]);
      },
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        scope.postMessage({ kind: 'error', id, error: { name: e.name, message: e.message } });
      },
    )
    .finally(() => running.delete(id));
};
