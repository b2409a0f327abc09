import { describe, expect, it } from 'vitest';
import { eventsToCsv } from '../../src/dataset/csv-export.ts';
import { ingestFiles } from '../support/ingest-text.ts';

/** An aggregate (distinct devices per row) and a raw log (one device per row), read as one dataset. */
const AGGREGATE = [
  'day,result_code,model,operations,devices',
  '2026-10-01,1200,A,10,4',
  '2026-10-01,1404,A,3,2',
  '2026-10-02,1404,B,5,5',
  '2026-10-02,1502,B,2,1',
].join('\n');
const RAW = [
  'timestamp,result_code,device_id,model',
  '2026-10-03T08:00:00Z,1404,d1,A',
  '2026-10-03T09:00:00Z,1200,d1,A',
  '2026-10-03T10:00:00Z,1200,d2,B',
].join('\n');

describe('distinct devices of aggregates', () => {
  it('are the sums of the devices column over the selection, failures over failed rows, marked as bounds', async () => {
    const { dataset } = await ingestFiles({ 'daily.csv': AGGREGATE });
    const totals = (filter = {}) => dataset.overview(dataset.select(filter)).totals;
    expect(totals()).toMatchObject({
      operations: 20,
      failures: 10,
      devices: 12,
      failingDevices: 8,
      devicesUpperBound: true,
    });
    expect(totals({ dimensions: [{ name: 'model', values: ['B'] }] })).toMatchObject({
      devices: 6,
      failingDevices: 6,
    });
    expect(totals({ codes: [1200] })).toMatchObject({ devices: 4, failingDevices: 0 });
  });

  it('add to the exact distinct ids of rows that name a device, also in the part of an overview', async () => {
    const { dataset } = await ingestFiles({ 'daily.csv': AGGREGATE, 'raw.csv': RAW });
    const o = dataset.overview(dataset.all(), { part: { filter: { stages: ['download'] } } });
    // 12 + 2 distinct raw devices; failing 8 + d1
    expect(o.totals).toMatchObject({
      operations: 23,
      devices: 14,
      failingDevices: 9,
      devicesUpperBound: true,
    });
    // download stage: 1404 and 1502 rows of the aggregate (2 + 5 + 1) and d1's 1404
    expect(o.part?.totals).toMatchObject({ devices: 9, failingDevices: 9, devicesUpperBound: true });
  });

  it('a raw log alone keeps exact figures', async () => {
    const { dataset } = await ingestFiles({ 'raw.csv': RAW });
    expect(dataset.overview(dataset.all()).totals).toMatchObject({
      devices: 2,
      failingDevices: 1,
      devicesUpperBound: false,
    });
  });

  it('a devices value that is no count rejects its row with the reason', async () => {
    const { report } = await ingestFiles({ 'daily.csv': `${AGGREGATE}\n2026-10-03,1200,A,1,many` });
    expect(report.rejectedSample).toEqual([
      { file: 'daily.csv', line: 6, reason: 'distinct-devices count "many" is not a non-negative integer' },
    ]);
  });

  it('an export of an aggregate keeps its devices column, and reads back with the same figures', async () => {
    const { dataset } = await ingestFiles({ 'daily.csv': AGGREGATE });
    const rows = Uint32Array.from({ length: dataset.rowCount }, (_, i) => i);
    const exported = eventsToCsv(dataset, rows);
    expect(exported.split('\r\n')[0]).toContain(',count,devices,');
    const again = await ingestFiles({ 'export.csv': exported });
    expect(again.dataset.overview(again.dataset.all()).totals).toEqual(
      dataset.overview(dataset.all()).totals,
    );
  });
});
