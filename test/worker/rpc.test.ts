import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/ingest-error.ts';
import {
  createRpcClient,
  fromWireError,
  type Handler,
  type RpcAnswer,
  type RpcRequest,
  STALE_ANSWER,
  SUPERSEDED,
  serveRpc,
  toWireError,
} from '../../src/worker/rpc.ts';

type TestRpc = {
  echo: { params: { text: string }; result: string };
  view: { params: { filter: number }; result: number };
  load: { params: { rows: number }; result: number };
  fail: { params: Record<string, never>; result: never };
};

/** Client and server back to back; every message crosses a turn later, as between threads. */
function channel(handle: Handler<TestRpc, number>, options: { latestOnly?: (keyof TestRpc)[] } = {}) {
  let version = 0;
  const answers: RpcAnswer<number>[] = [];
  const client = createRpcClient<TestRpc, number>(
    (request) => setTimeout(() => serve(structuredClone(request))),
    options,
  );
  const serve = serveRpc<TestRpc, number>(
    handle,
    (answer) => {
      answers.push(answer);
      setTimeout(() => client.receive(structuredClone(answer)));
    },
    () => version,
  );
  return { client, answers, bump: () => version++ };
}

function throwsDeepInTheWorker(): never {
  throw new RangeError('the code column holds no codes');
}

describe('rpc', () => {
  it('an error crosses with its name, message and the worker-side stack', async () => {
    const { client } = channel((method) => {
      if (method === 'fail') throwsDeepInTheWorker();
      return 'x' as never;
    });
    const error = await client.call('fail', {}).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'RangeError', message: 'the code column holds no codes' });
    expect(error.stack).toContain('throwsDeepInTheWorker');
  });

  it('passes progress to its call, then the result', async () => {
    const { client } = channel(async (method, params, onProgress) => {
      onProgress(1);
      onProgress(2);
      return (method === 'echo' ? (params as { text: string }).text : 0) as never;
    });
    const seen: number[] = [];
    await expect(client.call('echo', { text: 'hi' }, (p) => seen.push(p))).resolves.toBe('hi');
    expect(seen).toEqual([1, 2]);
  });

  it('a burst of calls to a latestOnly method costs two computations: the first and the latest', async () => {
    const computed: number[] = [];
    const { client } = channel(
      (_method, params) => {
        computed.push((params as { filter: number }).filter);
        return (params as { filter: number }).filter * 10;
      },
      { latestOnly: ['view'] },
    );
    const calls = Array.from({ length: 1000 }, (_, i) => client.call('view', { filter: i }));
    const settled = await Promise.allSettled(calls);
    expect(computed).toEqual([0, 999]);
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 0 });
    expect(settled[999]).toEqual({ status: 'fulfilled', value: 9990 });
    for (const s of settled.slice(1, 999))
      expect(s).toMatchObject({ status: 'rejected', reason: { name: SUPERSEDED } });
    // the lane is free again: the next call is computed at once
    await expect(client.call('view', { filter: 5 })).resolves.toBe(50);
    expect(computed).toEqual([0, 999, 5]);
  });

  it('other methods are never held back by a latestOnly lane', async () => {
    const { client } = channel(
      (method, params) => (method === 'echo' ? (params as { text: string }).text : 1) as never,
      { latestOnly: ['view'] },
    );
    const texts = await Promise.all(['a', 'b', 'c'].map((text) => client.call('echo', { text })));
    expect(texts).toEqual(['a', 'b', 'c']);
  });

  it("every answer carries the version of the data it was computed from; a load's, the new one", async () => {
    const { client, answers, bump } = channel((method, params) => {
      if (method === 'load') bump();
      return (params as { rows?: number }).rows ?? 0;
    });
    await client.call('view', { filter: 1 });
    await client.call('load', { rows: 3 });
    await client.call('view', { filter: 1 });
    expect(answers.map((a) => (a.kind === 'progress' ? null : a.version))).toEqual([0, 1, 1]);
  });

  it('an answer older than one already had is never delivered: its call fails with StaleAnswer', async () => {
    const client = createRpcClient<TestRpc, number>(() => undefined);
    const first = client.call('view', { filter: 1 });
    const afterLoad = client.call('view', { filter: 2 });
    const late = client.call('view', { filter: 3 });
    client.receive({ id: 1, kind: 'result', version: 0, result: 1 });
    client.receive({ id: 2, kind: 'result', version: 1, result: 2 });
    client.receive({ id: 3, kind: 'error', version: 0, error: { name: 'Error', message: 'old' } });
    await expect(first).resolves.toBe(1);
    await expect(afterLoad).resolves.toBe(2);
    await expect(late).rejects.toMatchObject({ name: STALE_ANSWER });
  });

  it('failAll fails the call in flight and the one waiting, and forgets the data version', async () => {
    const sent: RpcRequest<TestRpc>[] = [];
    const client = createRpcClient<TestRpc, number>((r) => sent.push(r), { latestOnly: ['view'] });
    const newer = client.call('load', { rows: 1 });
    client.receive({ id: 1, kind: 'result', version: 5, result: 1 });
    await expect(newer).resolves.toBe(1);
    const inFlight = client.call('view', { filter: 1 });
    const waiting = client.call('view', { filter: 2 });
    expect(sent.map((r) => r.method)).toEqual(['load', 'view']);
    client.failAll(new Error('the worker stopped'));
    await expect(inFlight).rejects.toThrow('the worker stopped');
    await expect(waiting).rejects.toThrow('the worker stopped');
    // a new worker counts from 0 again, and its answers are delivered
    const fresh = client.call('view', { filter: 3 });
    const request = sent.at(-1);
    expect(request).toMatchObject({ method: 'view', params: { filter: 3 } });
    client.receive({ id: request?.id ?? 0, kind: 'result', version: 0, result: 30 });
    await expect(fresh).resolves.toBe(30);
  });

  it('a request that cannot be sent fails its call', async () => {
    const client = createRpcClient<TestRpc, number>(() => {
      throw new Error('no worker');
    });
    await expect(client.call('echo', { text: 'a' })).rejects.toThrow('no worker');
  });
});

describe('errors across the boundary', () => {
  it('carry an IngestError’s column names, so the page can offer the mapping for a refused file', () => {
    const refused = fromWireError(
      structuredClone(toWireError(new IngestError('a.csv', 'no result-code column found.', ['at', 'unit']))),
    );
    expect(refused.name).toBe('IngestError');
    expect(refused.message).toBe('a.csv: no result-code column found.');
    expect(refused.columns).toEqual(['at', 'unit']);
    expect(fromWireError(toWireError(new IngestError('b.csv', 'the file is empty.'))).columns).toBeNull();
    expect(fromWireError(toWireError(new Error('boom'))).columns).toBeNull();
  });
});
