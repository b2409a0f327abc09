import { describe, expect, it, vi } from 'vitest';
import { Dataset } from '../../src/dataset/dataset.ts';
import { bytesSource } from '../../src/ingest/ingest.ts';
import type { SummaryJson } from '../../src/report/summary.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { deepBracketsGzip } from '../support/deep-brackets.ts';
import { legacyBytes } from '../support/legacy-bytes.ts';
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

  it('keeps a NOT filter apart from its include in every cache, and answers facets under the rest of the view', async () => {
    const { service } = await loadedService();
    const only = await dashboardFor(service, { filter: { codes: [1405] } });
    const without = await dashboardFor(service, { filter: { not: { codes: [1405] } } });
    expect(only.selectedRows).toBe(3);
    expect(without.selectedRows).toBe(18 - 3);
    expect(without.byCode.some((c) => c.code === 1405)).toBe(false);
    const csv = (f: object) =>
      service.handle('exportCsv', { filter: f, search: '', sort: null }, () => undefined);
    expect((await csv({ not: { codes: [1405] } })).trim().split('\n')).toHaveLength(1 + 15);
    const facets = (filter: object) =>
      service.handle('facets', { filter, search: '', limit: 50 }, () => undefined);
    const codes = (await facets({ not: { codes: [1405] } })).find((f) => f.field === 'codes');
    // the code facet leaves out the code filter itself: 1405 is listed with its 3 operations
    expect(codes?.values.find((v) => v.value === '1405')?.operations).toBe(3);
    const outcomes = (await facets({ not: { codes: [1405] } })).find((f) => f.field === 'outcomes');
    expect(outcomes?.values.find((v) => v.value === 'failure')?.operations).toBe(10 - 3);
  });

  it('brings back the view before a filter at once when the filter is removed, and only recent views', async () => {
    const { service } = await loadedService();
    const overview = vi.spyOn(Dataset.prototype, 'overview');
    const byModel = { dimensions: [{ name: 'model', values: ['X100'] }] };
    const before = await dashboardFor(service, { filter: byModel });
    expect(overview).toHaveBeenCalledTimes(1);
    // a code filter's view takes two scans: its own, and the code's share of each value's operations
    await dashboardFor(service, { filter: { ...byModel, codes: [1405] } });
    expect(overview).toHaveBeenCalledTimes(3);
    // the code chip removed: the model view again, not computed again
    expect(await dashboardFor(service, { filter: byModel })).toBe(before);
    expect(overview).toHaveBeenCalledTimes(3);
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
    expect(history.verdict).toMatchObject({ verdict: 'succeeded_after_failures', failures: 1, retry: false });

    const csv = await service.handle(
      'exportCsv',
      { filter: { codes: [1405] }, search: '', sort: null },
      noop,
    );
    expect(csv.trim().split(/\r?\n/)).toHaveLength(4);
  });

  it('reads epoch µs and ns times, and shows and downloads a time out of range as no time', async () => {
    const t = Date.UTC(2026, 9, 1, 8, 15, 30);
    const csv = [
      'result_code,timestamp,device_id',
      `1200,${t * 1000},d1`,
      `1404,${t}000000,d2`,
      '1404,123456789012345678901234,d3',
      `1200,${t},d3`,
      `1200,${t / 1000},d3`,
    ].join('\n');
    const good = `{"result_code": 1200, "timestamp": ${t / 1000}, "device_id": "d4"}`;
    const json = `[${good}, ${good}, {"result_code": 1404, "timestamp": 1e300, "device_id": "d5"}, ${good}, ${good}]`;
    const service = createDatasetService();
    const info = await service.loadSources([bytesSource('us-ns.csv', csv), bytesSource('far.json', json)]);
    expect(info.report.warnings).toEqual([
      'us-ns.csv: 1 row has a time that could not be read (first at line 4); it is kept without a time.',
      'far.json: 1 row has a time that could not be read (first at line 1); it is kept without a time.',
    ]);
    const data = await dashboardFor(service);
    expect(data.totals.operations).toBe(10);
    expect(data.timeRange).toEqual({ from: t, to: t });
    const noop = () => undefined;
    const csvOut = await service.handle('exportCsv', { filter: {}, search: '', sort: null }, noop);
    expect(
      csvOut
        .trim()
        .split(/\r?\n/)
        .map((line) => line.split(',')[0]),
    ).toEqual([
      'time',
      '2026-10-01T08:15:30.000Z',
      '2026-10-01T08:15:30.000Z',
      '',
      '2026-10-01T08:15:30.000Z',
      '2026-10-01T08:15:30.000Z',
      '2026-10-01T08:15:30.000Z',
      '2026-10-01T08:15:30.000Z',
      '',
      '2026-10-01T08:15:30.000Z',
      '2026-10-01T08:15:30.000Z',
    ]);
    const summary = (await service.handle('summary', { filter: {}, search: '' }, noop)) as SummaryJson;
    expect(summary.timeRange).toEqual({ from: '2026-10-01T08:15:30.000Z', to: '2026-10-01T08:15:30.000Z' });
  });

  it("reads a CRLF export concatenated with an LF one row by row, and Excel's sep= line", async () => {
    const line = (i: number) => `${i === 7 ? 'oops' : 1404},d${i}`;
    const crlf = Array.from({ length: 5 }, (_, i) => `${line(i)}\r\n`).join('');
    const lf = Array.from({ length: 95 }, (_, i) => `${line(i + 5)}\n`).join('');
    const service = createDatasetService();
    const mixed = await service.loadSources([bytesSource('mixed.csv', `code,device\r\n${crlf}${lf}`)]);
    expect(mixed.rowCount).toBe(99);
    expect(mixed.report.rejectedSample).toEqual([
      { file: 'mixed.csv', line: 9, reason: 'result code "oops" is not an integer' },
    ]);
    const excel = await service.loadSources([
      bytesSource('excel.csv', 'sep=;\r\ncode;model\r\n1404;A\r\nx;B\r\n'),
    ]);
    expect(excel.rowCount).toBe(1);
    expect(excel.dimensionNames).toEqual(['model']);
    expect(excel.report.rejectedSample).toEqual([
      { file: 'excel.csv', line: 4, reason: 'result code "x" is not an integer' },
    ]);
  });

  it('re-reads the same files with another mapping', async () => {
    const { service } = await loadedService();
    const info = await service.handle('remap', { mapping: { dimensions: ['model'] } }, () => undefined);
    expect(info.dimensionNames).toEqual(['model']);
    expect(info.rowCount).toBe(18);
  });

  it('re-reads the same files in the family the mapping names, and says so with a warning', async () => {
    const { service, info: before } = await loadedService();
    expect(before.catalog).toBe('scomo');
    const info = await service.handle('remap', { mapping: { catalog: 'fumo' } }, () => undefined);
    expect(info.catalog).toBe('fumo');
    expect(info.report.files[0]?.catalog).toMatchObject({ id: 'fumo', given: true });
    expect(info.report.warnings.some((w) => /OMA-DM FUMO result codes recognises only 0 of/.test(w))).toBe(
      true,
    );
  });

  it('loads every array of records of a wrapped JSON export and names the metadata array it skipped', async () => {
    const event = (code: number, device: string) => ({ result_code: code, device_id: device, model: 'X' });
    const text = JSON.stringify({
      meta: [{ exporter: 'dm-1', version: 2 }],
      page1: [event(1200, 'd1'), event(1404, 'd2')],
      page2: [event(1404, 'd3')],
      data: { more: [event(1200, 'd3')] },
    });
    const { service, info } = await loadedService(text, 'export.json');
    expect(info.rowCount).toBe(4);
    expect(info.dimensionNames).toEqual(['model']);
    expect(info.report).toMatchObject({ rowsRead: 4, rowsRejected: 0 });
    expect(info.report.warnings).toEqual([
      'export.json: the array "meta" holds 1 record without a result-code field ("result_code"): skipped, not read as rows.',
    ]);
    expect((await dashboardFor(service)).totals).toMatchObject({ operations: 4, failures: 2, devices: 3 });
  });

  it('refuses a gzip of 300 million [ with a message, in bounded memory', async () => {
    const service = createDatasetService();
    await expect(service.loadSources([bytesSource('deep.json.gz', deepBracketsGzip())])).rejects.toThrow(
      'deep.json.gz: The JSON array holds no objects, so no records (expected [{…}, …]).',
    );
  }, 120_000);

  it('a cancelled load rejects with AbortError and keeps the previous data', async () => {
    const { service } = await loadedService();
    const big = `result_code\n${'1200\n'.repeat(200_000)}`;
    const loading = service.loadSources([bytesSource('big.csv', big)]);
    await service.handle('cancel', {}, () => undefined);
    await expect(loading).rejects.toMatchObject({ name: 'AbortError' });
    expect((await dashboardFor(service)).totals.operations).toBe(18);
  });

  it('reads a Shift-JIS log whose characters hold the "|" byte: every model as written, none split', async () => {
    // ポ is 83 7C in Shift-JIS: read as bytes, its second byte would end the field
    const models = ['ポータル', 'ポート', '東京'];
    const rows = Array.from({ length: 30 }, (_, i) => `${i % 3 ? 1200 : 1404}|d${i}|${models[i % 3]}`);
    const service = createDatasetService();
    const info = await service.loadSources([
      bytesSource('sjis.csv', legacyBytes('shift_jis', ['code|device|model', ...rows].join('\r\n'))),
    ]);
    expect(info.report.files[0]?.encoding).toBe('shift_jis');
    expect(info.report.rowsRejected).toBe(0);
    const data = await dashboardFor(service, { dimension: 'model' });
    expect(data.dimension?.values.map((v) => [v.value, v.operations]).sort()).toEqual(
      models.map((m) => [m, 10]).sort(),
    );
  });
});
