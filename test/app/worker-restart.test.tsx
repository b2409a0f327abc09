// @vitest-environment jsdom
/**
 * The dataset worker can die: an error it did not handle, or the browser killing it for memory. The page
 * says so, starts a new worker, and loads again; it is never left at "Reading… 0 B".
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/app.tsx';
import { createDatasetClient, type WorkerPort } from '../../src/app/dataset-client.ts';
import { bytesSource, type IngestProgress } from '../../src/ingest/ingest.ts';
import type { DatasetRpc, RpcRequest, RpcResponse } from '../../src/worker/dataset-protocol.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { serveRpc } from '../../src/worker/rpc.ts';
import { installResizeObserver, SMALL_CSV } from './dashboard-fixture.ts';

/**
 * A worker in this thread: the real dataset service behind serveRpc (as dataset-worker.ts wires it), which
 * the test can stop with an unhandled error, or stall (it stops answering loads).
 */
function inThreadWorker() {
  const service = createDatasetService();
  const listeners = new Map<string, ((event: never) => void)[]>();
  let dead = false;
  let stallLoads = false;
  const emit = (type: string, event: unknown) => {
    for (const l of listeners.get(type) ?? []) l(event as never);
  };
  const serve = serveRpc<DatasetRpc, IngestProgress>(
    (method, params, onProgress) =>
      method === 'load'
        ? Promise.all(
            (params as DatasetRpc['load']['params']).files.map(async (f) =>
              bytesSource(f.name, await f.text()),
            ),
          ).then((sources) => service.loadSources(sources))
        : service.handle(method, params, onProgress),
    (data: RpcResponse) => queueMicrotask(() => !dead && emit('message', { data })),
    () => service.dataVersion,
  );
  const port: WorkerPort = {
    postMessage(request: RpcRequest) {
      if (dead || (stallLoads && request.method === 'load')) return;
      serve(request);
    },
    addEventListener: ((type: string, listener: (event: never) => void) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    }) as WorkerPort['addEventListener'],
    terminate() {
      dead = true;
    },
  };
  return {
    port,
    crash(message: string) {
      emit('error', { message, preventDefault() {} });
      dead = true;
    },
    stall() {
      stallLoads = true;
    },
  };
}

let workers: ReturnType<typeof inThreadWorker>[] = [];
const exits: ((reason: string) => void)[] = [];
function client() {
  return createDatasetClient((exited) => {
    const worker = inThreadWorker();
    workers.push(worker);
    exits.push(exited);
    return worker.port;
  });
}

const upload = (name = 'fleet-small.csv') =>
  userEvent.upload(screen.getByLabelText('Upload logs'), new File([SMALL_CSV], name, { type: 'text/csv' }));

beforeEach(() => {
  installResizeObserver();
  history.replaceState(null, '', '/');
  workers = [];
  exits.length = 0;
});
afterEach(cleanup);

describe('a dataset worker that dies', () => {
  it('while data is loaded: the page says so, and a file loads again in a new worker', async () => {
    render(<App client={client()} />);
    await upload();
    expect(await screen.findByRole('region', { name: 'Summary' })).toBeTruthy();

    workers[0]?.crash('Uncaught Error: boom');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/analysis worker stopped.*boom.*load the files again/is);
    // its figures are gone with it: the page no longer shows them
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: 'Summary' })).toBeNull());

    await upload();
    expect(await screen.findByRole('region', { name: 'Summary' })).toBeTruthy();
    expect(workers).toHaveLength(2);
  });

  it('while it reads a file, silently (killed for memory): the load ends with the reason, and loading works again', async () => {
    render(<App client={client()} />);
    workers[0]?.stall();
    await upload('huge.csv');
    expect(await screen.findByText(/Reading/)).toBeTruthy();

    exits[0]?.('it was closed, perhaps out of memory');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/analysis worker stopped while reading huge\.csv/i);
    expect(alert.textContent).toMatch(/out of memory/);
    expect(screen.queryByText(/Reading/)).toBeNull();

    await upload();
    expect(await screen.findByRole('region', { name: 'Summary' })).toBeTruthy();
    expect(workers).toHaveLength(2);
  });
});
