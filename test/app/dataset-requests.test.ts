/**
 * The page's client against the real dataset service, wired as dataset-worker.ts wires it (serveRpc), with
 * each message crossing a turn later as between threads: coalescing, data versions and errors end to end.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDatasetClient, type WorkerPort } from '../../src/app/dataset-client.ts';
import { Dataset } from '../../src/dataset/dataset.ts';
import type { IngestProgress } from '../../src/ingest/ingest.ts';
import type { DatasetRpc, RpcResponse } from '../../src/worker/dataset-protocol.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { SUPERSEDED, serveRpc } from '../../src/worker/rpc.ts';
import { SMALL_CSV } from './dashboard-fixture.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

function clientOverService() {
  const service = createDatasetService();
  const answers: RpcResponse[] = [];
  const client = createDatasetClient(() => {
    const listeners: ((event: MessageEvent<RpcResponse>) => void)[] = [];
    const serve = serveRpc<DatasetRpc, IngestProgress>(
      (method, params, onProgress) => service.handle(method, params, onProgress),
      (data) => {
        answers.push(data);
        setTimeout(() => {
          for (const l of listeners) l({ data } as MessageEvent<RpcResponse>);
        });
      },
      () => service.dataVersion,
    );
    const port: WorkerPort = {
      postMessage: (request) => setTimeout(() => serve(request)),
      addEventListener: ((type: string, listener: never) => {
        if (type === 'message') listeners.push(listener);
      }) as WorkerPort['addEventListener'],
      terminate() {},
    };
    return port;
  });
  return { client, service, answers };
}

const file = (text: string, name = 'fleet-small.csv') => new File([text], name, { type: 'text/csv' });
const view = (search: string) => ({ filter: {}, search, dimension: 'model', deviceLimit: 15 });

describe('dataset requests from the page', () => {
  it('a burst of 200 dashboard requests costs two computations: the first and the latest', async () => {
    const { client } = clientOverService();
    await client.call('load', { files: [file(SMALL_CSV)] });
    const overview = vi.spyOn(Dataset.prototype, 'overview');
    // each a different view (a search for one more device), as a burst of typing or filter clicks asks
    const burst = Array.from({ length: 200 }, (_, i) => client.call('dashboard', view(`dev-${i}`)));
    const settled = await Promise.allSettled(burst);
    expect(overview).toHaveBeenCalledTimes(2);
    const last = settled.at(-1);
    expect(last?.status).toBe('fulfilled');
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(198);
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: { name: SUPERSEDED } });
    // the latest answer is the one a single request for that view gets
    const alone = await client.call('dashboard', view('dev-199'));
    expect(last).toEqual({ status: 'fulfilled', value: alone });
  });

  it("a view asked while an older one's answers wait goes first; the older view's are dropped", async () => {
    const { client } = clientOverService();
    await client.call('load', { files: [file(SMALL_CSV)] });
    const older = client.call('dashboard', view('dev-1'));
    const olderAnalysis = client.call('analysis', { filter: {}, search: 'dev-1' });
    // the page moves on: the next view's figures, then its dashboard
    const figures = client.call('figures', { filter: {}, search: 'dev-2' });
    const newer = client.call('dashboard', view('dev-2'));
    await expect(older).rejects.toMatchObject({ name: SUPERSEDED });
    await expect(olderAnalysis).rejects.toMatchObject({ name: SUPERSEDED });
    const [early, data] = await Promise.all([figures, newer]);
    const { selectedRows, totalRows, totals, timeRange } = data;
    expect(early).toEqual({ selectedRows, totalRows, totals, timeRange });
    // the view shown now is answered in full, its analysis too
    await expect(client.call('analysis', { filter: {}, search: 'dev-2' })).resolves.toBeTruthy();
  });

  it('every answer carries the version of the load it was computed from; a failed load keeps it', async () => {
    const { client, answers } = clientOverService();
    const versions = () =>
      answers.flatMap((a) => (a.kind === 'result' || a.kind === 'error' ? [a.version] : []));
    await client.call('load', { files: [file(SMALL_CSV)] });
    await client.call('dashboard', view(''));
    await expect(client.call('load', { files: [file('', 'empty.csv')] })).rejects.toMatchObject({
      name: 'IngestError',
    });
    await client.call('dashboard', view('dev-1'));
    await client.call('remap', { mapping: {} });
    await client.call('dashboard', view(''));
    expect(versions()).toEqual([1, 1, 1, 1, 2, 2]);
  });

  it('an error in the worker reaches the page with its stack', async () => {
    const { client } = clientOverService();
    const error = (await client.call('dashboard', view('')).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ name: 'Error', message: 'No data is loaded yet.' });
    // thrown by the service's `current()`: its frame, not only the page's, is in the stack
    expect(error.stack).toMatch(/current/);
    expect(error.stack).toMatch(/dataset-service\.ts/);
  });
});
