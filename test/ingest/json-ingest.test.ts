import { describe, expect, it } from 'vitest';
import { ingestFiles, summarize } from '../support/ingest-text.ts';

const RECORDS = [
  { result_code: 1200, time: '2026-10-01T08:00:00Z', device_id: 'd1', model: 'A' },
  { result_code: '1404', time: '2026-10-01T09:00:00Z', device_id: 'd2', model: 'B' },
  { result_code: ' 1404 ', time: '2026-10-01T10:00:00Z', device_id: 'd2', model: 'B' },
  { result_code: 1200, time: '2026-10-01T11:00:00Z', device_id: 'd2', model: 'B' },
  { result_code: 1417, time: '2026-10-01T12:00:00Z', device_id: 'd3', model: 'A' },
  { result_code: 'ERR', time: '2026-10-01T12:30:00Z', device_id: 'd4', model: 'A' },
  { time: '2026-10-01T12:40:00Z', device_id: 'd5', model: 'A' },
  { result_code: null, time: '2026-10-01T12:50:00Z', device_id: 'd6', model: 'A' },
];
const TOTALS = { operations: 5, successes: 2, failures: 2, unrecognized: 1, devices: 3, failingDevices: 1 };

describe('JSON shapes', () => {
  it('reads an array of objects', async () => {
    const summary = await summarize('a.json', JSON.stringify(RECORDS, null, 2));
    expect(summary.source.format).toBe('json');
    expect(summary.totals).toMatchObject(TOTALS);
    expect(summary.source.rowsRead).toBe(8);
    expect(summary.source.rejectedSample.map((r) => r.reason)).toEqual([
      'result code "ERR" is not an integer',
      'no result-code field',
      'result code is null',
    ]);
  });

  it('gives the line where each rejected record starts in a pretty-printed array', async () => {
    const text = JSON.stringify(RECORDS, null, 2);
    const { report } = await ingestFiles({ 'a.json': text });
    const lines = text.split('\n');
    for (const rejected of report.rejectedSample) {
      expect(lines[rejected.line - 1]?.trim()).toBe('{');
    }
    expect(report.rejectedSample[0]?.line).toBe(1 + 5 * 6 + 1);
  });

  it('reads an object that wraps the array, under any key, skipping arrays that are not records', async () => {
    const text = JSON.stringify({
      source: 'dm-1',
      tags: ['x', 'y'],
      exported: { by: 'ops' },
      items: RECORDS,
    });
    const summary = await summarize('w.json', text);
    expect(summary.totals).toMatchObject(TOTALS);
  });

  it('reads NDJSON with a line number for each bad line', async () => {
    const lines = RECORDS.map((r) => JSON.stringify(r));
    lines.splice(2, 0, '{"result_code": 1200, broken', '', '[1,2]');
    const { dataset, report } = await ingestFiles({ 'n.ndjson': `${lines.join('\n')}\n` });
    expect(report.format).toBe('ndjson');
    expect(dataset.totals(dataset.all())).toMatchObject(TOTALS);
    expect(report.rowsRead).toBe(10);
    expect(report.rejectedSample[0]).toMatchObject({ line: 3 });
    expect(report.rejectedSample[0]?.reason).toMatch(/^invalid JSON/);
    expect(report.rejectedSample[1]).toEqual({
      file: 'n.ndjson',
      line: 5,
      reason: 'the line is not a JSON object',
    });
  });

  it('flattens nested objects to dotted column names', async () => {
    const records = [
      {
        result: { code: 1404, message: 'oom' },
        device: { id: 'd1', model: 'K' },
        at: '2026-10-01T08:00:00Z',
      },
      { result: { code: 1200, message: 'ok' }, device: { id: 'd1', model: 'K' }, at: '2026-10-01T09:00:00Z' },
    ];
    const { dataset, report } = await ingestFiles({ 'nested.json': JSON.stringify(records) });
    expect(report.files[0]?.mapping).toMatchObject({ code: 'result.code', device: 'device.id', time: 'at' });
    expect(dataset.dimensionNames).toContain('device.model');
    expect(dataset.devices(dataset.all(), 10)[0]).toMatchObject({ device: 'd1', eventuallySucceeded: true });
  });

  it('treats __proto__ and constructor keys as data', async () => {
    const text =
      '[{"code":1200,"__proto__":"p","constructor":"c"},{"code":1404,"__proto__":"q","constructor":"c"}]';
    const { dataset } = await ingestFiles({ 'p.json': text });
    expect(dataset.dimensionNames).toEqual(['__proto__', 'constructor']);
    expect(dataset.event(1).dimensions).toEqual(['q', 'c']);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it('gives the same result for any chunk size, including strings with escaped quotes and braces', async () => {
    const records = RECORDS.map((r, i) => ({ ...r, note: `say "}{][" \\ ${i} é 🚀` }));
    const text = JSON.stringify({ events: records }, null, 1);
    const whole = await summarize('c.json', text);
    for (const chunkSize of [1, 2, 3, 5, 8]) {
      expect(await summarize('c.json', text, { chunkSize })).toEqual(whole);
    }
    const ndjson = records.map((r) => JSON.stringify(r)).join('\r\n');
    const ndWhole = await summarize('c.ndjson', ndjson);
    expect(ndWhole.totals).toMatchObject(TOTALS);
    for (const chunkSize of [1, 3, 7]) {
      expect(await summarize('c.ndjson', ndjson, { chunkSize })).toEqual(ndWhole);
    }
  });

  it('reports a truncated array: complete records kept, the cut one rejected', async () => {
    const text = JSON.stringify(RECORDS.slice(0, 4)).slice(0, -30);
    const { dataset, report } = await ingestFiles({ 't.json': text });
    expect(dataset.rowCount).toBe(3);
    expect(report.rejectedSample[0]?.reason).toMatch(/cut off/);
  });

  it('refuses JSON that holds no records, saying why', async () => {
    await expect(ingestFiles({ 'x.json': '{"a": {"b": 1},\n "c": 2}' })).rejects.toThrow(
      /no array of records/,
    );
  });
});
