/**
 * Component tests run against the real core: the worker's service, in-process, on the same fixture the
 * browser tests use. A fake Worker port would only prove the fake.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetClient } from '../../src/app/dataset-client.ts';
import { bytesSource } from '../../src/ingest/ingest.ts';
import type { DashboardData, DatasetInfo, DatasetRpc, RpcMethod } from '../../src/worker/dataset-protocol.ts';
import { createDatasetService, type DatasetService } from '../../src/worker/dataset-service.ts';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../e2e/fixtures');
export const SMALL_CSV = readFileSync(join(FIXTURE_DIR, 'fleet-small.csv'), 'utf8');

export async function loadedService(text = SMALL_CSV, name = 'fleet-small.csv') {
  const service = createDatasetService();
  const info = await service.loadSources([bytesSource(name, text)]);
  return { service, info };
}

export async function dashboardFor(
  service: DatasetService,
  params: Partial<DatasetRpc['dashboard']['params']> = {},
): Promise<DashboardData> {
  return service.handle(
    'dashboard',
    { filter: {}, search: '', dimension: 'model', deviceLimit: 15, ...params },
    () => undefined,
  );
}

/** A DatasetClient over an in-process service; `load` reads the File's text like the worker reads its stream. */
export function inProcessClient(service: DatasetService = createDatasetService()): DatasetClient & {
  calls: RpcMethod[];
} {
  const calls: RpcMethod[] = [];
  return {
    calls,
    async call(method, params, onProgress) {
      calls.push(method);
      if (method === 'load') {
        const { files, mapping, profiles } = params as DatasetRpc['load']['params'];
        const sources = await Promise.all(files.map(async (f) => bytesSource(f.name, await f.text())));
        return (await service.loadSources(sources, mapping, profiles)) as DatasetInfo as never;
      }
      return service.handle(method, params, onProgress ?? (() => undefined));
    },
    // the service runs in this thread: it never stops on its own
    onRestart: () => () => undefined,
    dispose() {},
  };
}

/** jsdom has no ResizeObserver; the charts (their box's width) and the table ask for one. */
export function installResizeObserver(): void {
  if (typeof globalThis.ResizeObserver !== 'undefined') return;
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}
