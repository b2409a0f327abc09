import { describe, expect, it } from 'vitest';
import { createDatasetClient, type WorkerPort } from '../../src/app/dataset-client.ts';
import type { RpcRequest, RpcResponse } from '../../src/worker/dataset-protocol.ts';

function fakePort() {
  const listeners: ((e: MessageEvent<RpcResponse>) => void)[] = [];
  const errorListeners: ((e: ErrorEvent) => void)[] = [];
  const sent: RpcRequest[] = [];
  let terminated = false;
  const port: WorkerPort = {
    postMessage: (m: RpcRequest) => sent.push(m),
    addEventListener: ((type: string, l: never) => {
      if (type === 'message') listeners.push(l);
      if (type === 'error') errorListeners.push(l);
    }) as WorkerPort['addEventListener'],
    terminate: () => {
      terminated = true;
    },
  };
  const reply = (data: RpcResponse) => {
    for (const l of listeners) l({ data } as MessageEvent<RpcResponse>);
  };
  /** An error the worker did not handle, as the browser reports it on the Worker object. */
  const fail = (message: string) => {
    for (const l of errorListeners) l({ message, preventDefault() {} } as ErrorEvent);
  };
  return { port, sent, reply, fail, terminated: () => terminated };
}

/** A client over fake workers; `workers` lists every one it started, `exit` stops one without an event. */
function clientOverFakes() {
  const workers: (ReturnType<typeof fakePort> & { exit(reason: string): void })[] = [];
  const client = createDatasetClient((exited) => {
    const fake = { ...fakePort(), exit: exited };
    workers.push(fake);
    return fake.port;
  });
  return { client, workers };
}

describe('dataset client', () => {
  it('matches answers to requests by id and passes progress along', async () => {
    const { client, workers } = clientOverFakes();
    const { sent, reply } = workers[0] as (typeof workers)[number];
    const progress: number[] = [];
    const a = client.call('load', { files: [] }, (p) => progress.push(p.rows));
    const b = client.call('dimensionValues', { name: 'model', limit: 5 });
    expect(sent.map((m) => m.method)).toEqual(['load', 'dimensionValues']);
    const [first, second] = sent;
    reply({ id: second?.id ?? 0, kind: 'result', version: 0, result: ['X100'] });
    reply({
      id: first?.id ?? 0,
      kind: 'progress',
      progress: { file: 'f', fileIndex: 0, files: 1, bytesRead: 1, totalBytes: 2, rows: 7 },
    });
    reply({
      id: first?.id ?? 0,
      kind: 'error',
      version: 0,
      error: { name: 'IngestError', message: 'f: empty' },
    });
    await expect(b).resolves.toEqual(['X100']);
    await expect(a).rejects.toMatchObject({ name: 'IngestError', message: 'f: empty' });
    expect(progress).toEqual([7]);
  });

  it.each([
    ['reports an error it did not handle', (w: { fail(m: string): void }) => w.fail('Uncaught Error: boom')],
    ['stops without a word (killed for memory)', (w: { exit(r: string): void }) => w.exit('it was closed')],
  ])('when its worker %s, fails what was asked, starts a new worker and says so', async (_, stop) => {
    const { client, workers } = clientOverFakes();
    const stops: string[] = [];
    client.onRestart((reason) => stops.push(reason));
    const old = workers[0] as (typeof workers)[number];
    const load = client.call('load', { files: [] });
    stop(old);
    await expect(load).rejects.toMatchObject({ name: 'WorkerStopped' });
    expect(old.terminated()).toBe(true);
    expect(workers).toHaveLength(2);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatch(/boom|closed/);

    // the next request goes to the new worker and is answered
    const fresh = workers[1] as (typeof workers)[number];
    const again = client.call('dimensionValues', { name: 'model', limit: 5 });
    expect(old.sent).toHaveLength(1);
    const request = fresh.sent[0];
    expect(request?.method).toBe('dimensionValues');
    // what the old worker still says is not taken for the new one's answer
    old.reply({ id: request?.id ?? 0, kind: 'result', version: 0, result: ['stale'] });
    old.fail('late');
    fresh.reply({ id: request?.id ?? 0, kind: 'result', version: 0, result: ['X100'] });
    await expect(again).resolves.toEqual(['X100']);
    expect(workers).toHaveLength(2);
    expect(stops).toHaveLength(1);
  });

  it('keeps one dashboard request in flight and one waiting; a stop fails both', async () => {
    const { client, workers } = clientOverFakes();
    const old = workers[0] as (typeof workers)[number];
    const view = (search: string) => ({ filter: {}, search, dimension: null, deviceLimit: 15 });
    const first = client.call('dashboard', view('a'));
    const replaced = client.call('dashboard', view('b'));
    const waiting = client.call('dashboard', view('c'));
    expect(old.sent.map((m) => m.params)).toEqual([view('a')]);
    await expect(replaced).rejects.toMatchObject({ name: 'Superseded' });
    old.exit('it was closed');
    await expect(first).rejects.toMatchObject({ name: 'WorkerStopped' });
    await expect(waiting).rejects.toMatchObject({ name: 'WorkerStopped' });
    expect((workers[1] as (typeof workers)[number]).sent).toEqual([]);
  });

  it('a worker it terminated itself is not reported as stopped', () => {
    const { client, workers } = clientOverFakes();
    const stops: string[] = [];
    client.onRestart((reason) => stops.push(reason));
    client.dispose();
    (workers[0] as (typeof workers)[number]).exit('terminated');
    expect(stops).toEqual([]);
    expect(workers).toHaveLength(1);
  });
});
