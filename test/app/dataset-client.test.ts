import { describe, expect, it } from 'vitest';
import { createDatasetClient, type WorkerPort } from '../../src/app/dataset-client.ts';
import type { RpcRequest, RpcResponse } from '../../src/worker/dataset-protocol.ts';

function fakePort() {
  const listeners: ((e: MessageEvent<RpcResponse>) => void)[] = [];
  const sent: RpcRequest[] = [];
  const port: WorkerPort = {
    postMessage: (m: RpcRequest) => sent.push(m),
    addEventListener: ((type: string, l: (e: MessageEvent<RpcResponse>) => void) => {
      if (type === 'message') listeners.push(l);
    }) as WorkerPort['addEventListener'],
    terminate: () => undefined,
  };
  const reply = (data: RpcResponse) => {
    for (const l of listeners) l({ data } as MessageEvent<RpcResponse>);
  };
  return { port, sent, reply };
}

describe('dataset client', () => {
  it('matches answers to requests by id and passes progress along', async () => {
    const { port, sent, reply } = fakePort();
    const client = createDatasetClient(port);
    const progress: number[] = [];
    const a = client.call('load', { files: [] }, (p) => progress.push(p.rows));
    const b = client.call('dimensionValues', { name: 'model', limit: 5 });
    expect(sent.map((m) => m.method)).toEqual(['load', 'dimensionValues']);
    const [first, second] = sent;
    reply({ id: second?.id ?? 0, kind: 'result', result: ['X100'] });
    reply({
      id: first?.id ?? 0,
      kind: 'progress',
      progress: { file: 'f', fileIndex: 0, files: 1, bytesRead: 1, totalBytes: 2, rows: 7 },
    });
    reply({ id: first?.id ?? 0, kind: 'error', error: { name: 'IngestError', message: 'f: empty' } });
    await expect(b).resolves.toEqual(['X100']);
    await expect(a).rejects.toMatchObject({ name: 'IngestError', message: 'f: empty' });
    expect(progress).toEqual([7]);
  });
});
