import { describe, expect, it, vi } from 'vitest';
import { Dataset } from '../../src/dataset/dataset.ts';
import { bytesSource } from '../../src/ingest/ingest.ts';
import { dashboardFor, loadedService, SMALL_CSV } from './dashboard-fixture.ts';

describe('dataset worker service (real core, fixture with hand-counted totals)', () => {
  it('loads and reports the fixture totals', async () => {
    const { service, info } = await loadedService();
    expect(info.rowCount).toBe(18);
    expect(info.report.rowsRejected).toBe(2);
    const data = await dashboardFor(service);
    expect(data.totals).toMatchObject({
      operations: 18,
      successes: 7,
      failures: 10,
      unrecognized: 1,
      devices: 14,
      failingDevices: 8,
    });
    // Failure codes only (no successes), biggest first.
    expect(data.byCode[0]).toMatchObject({ code: 1405, count: 3 });
    expect(data.byCode.some((c) => c.outcome === 'success')).toBe(false);
    expect(data.triage.failures).toBe(5);
    expect(data.triage.serverDimension).toBe('download_server');
    expect(data.triage.modelDimension).toBe('model');
  });

  it('answers a cross-filter and the global search as a selection', async () => {
    const { service } = await loadedService();
    expect((await dashboardFor(service, { filter: { codes: [1405] } })).selectedRows).toBe(3);
    // "cdn-b" matches the download_server dimension; "1505" a code; "dev-00" devices 001…009 (13 rows).
    expect((await dashboardFor(service, { search: 'cdn-b' })).selectedRows).toBe(8);
    expect((await dashboardFor(service, { search: '1505' })).selectedRows).toBe(2);
    expect((await dashboardFor(service, { search: 'dev-00' })).selectedRows).toBe(13);
    // Search ANDs with the filter.
    expect(
      (await dashboardFor(service, { search: 'cdn-b', filter: { codes: [1502, 1405] } })).selectedRows,
    ).toBe(2);
  });

  it('brings back the view before a filter at once when the filter is removed, and only recent views', async () => {
    const { service } = await loadedService();
    const overview = vi.spyOn(Dataset.prototype, 'overview');
    const byModel = { dimensions: [{ name: 'model', values: ['X100'] }] };
    const before = await dashboardFor(service, { filter: byModel });
    await dashboardFor(service, { filter: { ...byModel, codes: [1405] } });
    expect(overview).toHaveBeenCalledTimes(2);
    // the code chip removed: the model view again, not computed again
    expect(await dashboardFor(service, { filter: byModel })).toBe(before);
    expect(overview).toHaveBeenCalledTimes(2);
    // two other views later, it has to be computed again (with the same figures)
    await dashboardFor(service, { filter: { codes: [1402] } });
    await dashboardFor(service, { filter: { codes: [1505] } });
    const again = await dashboardFor(service, { filter: byModel });
    expect(again).not.toBe(before);
    expect(again).toEqual(before);
    // a new load drops them
    await service.loadSources([bytesSource('fleet-small.csv', SMALL_CSV.replace(',X100,', ',X300,'))]);
    overview.mockClear();
    expect((await dashboardFor(service, { filter: byModel })).selectedRows).toBe(before.selectedRows - 1);
    expect(overview).toHaveBeenCalledTimes(1);
    overview.mockRestore();
  });

  it('serves sorted windows, device history and the CSV export', async () => {
    const { service } = await loadedService();
    const noop = () => undefined;
    const window = await service.handle(
      'rows',
      { filter: {}, search: '', sort: { column: 'code', desc: true }, offset: 0, limit: 3 },
      noop,
    );
    expect(window.total).toBe(18);
    expect(window.rows.map((r) => r.code)).toEqual([1505, 1505, 1502]);
    expect(window.rows[0]).toMatchObject({ index: 0, category: 'download_server_error', stage: 'download' });

    const history = await service.handle('deviceHistory', { device: 'dev-002' }, noop);
    expect(history.events.map((e) => e.code)).toEqual([1405, 1200]);
    expect(history.eventuallySucceeded).toBe(true);

    const csv = await service.handle(
      'exportCsv',
      { filter: { codes: [1405] }, search: '', sort: null },
      noop,
    );
    expect(csv.trim().split(/\r?\n/)).toHaveLength(4);
  });

  it('re-reads the same files with another mapping', async () => {
    const { service } = await loadedService();
    const info = await service.handle('remap', { mapping: { dimensions: ['model'] } }, () => undefined);
    expect(info.dimensionNames).toEqual(['model']);
    expect(info.rowCount).toBe(18);
  });

  it('a cancelled load rejects with AbortError and keeps the previous data', async () => {
    const { service } = await loadedService();
    const big = `result_code\n${'1200\n'.repeat(200_000)}`;
    const loading = service.loadSources([bytesSource('big.csv', big)]);
    await service.handle('cancel', {}, () => undefined);
    await expect(loading).rejects.toMatchObject({ name: 'AbortError' });
    expect((await dashboardFor(service)).totals.operations).toBe(18);
  });
});
