import { describe, expect, it } from 'vitest';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import { inferColumns } from '../../src/ingest/column-inference.ts';
import { IngestError } from '../../src/ingest/ingest-error.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { byDimension, totals } from '../support/reference-queries.ts';

function infer(header: string[], rows: string[][]) {
  const result = inferColumns(header, rows, [scomoCatalog]);
  if (!result.ok) throw new Error(result.reason);
  return result.mapping;
}

const ROW = ['1404', '2026-10-01T08:00:00Z', '356938035643809', 'Kestrel Mini', '5.0.0-rc2', '3'];

describe('column inference', () => {
  it.each([
    [['result_code', 'timestamp', 'device_id', 'model', 'firmware', 'count']],
    [['ResultCode', 'EventTime', 'DevId', 'Model', 'FwVersion', 'Count']],
    [['Result Code', 'Time', 'IMEI', 'Device Model', 'Firmware', 'n']],
    [['resultCode', 'receivedAt', 'serialNumber', 'model', 'fw', 'total']],
    [['Item/Data', 'Received', 'MEID', 'model', 'sw_version', 'count']],
    [['status', 'ts', 'device', 'hw', 'firmware', 'events']],
    [['scomo.result', 'created_at', 'sn', 'model', 'build', 'qty']],
  ])('maps %j', (header) => {
    const rows = [ROW, ['1200', '2026-10-01T09:00:00Z', '356938035643810', 'Aurora', '4.3.0', '10']];
    const mapping = infer(header, rows);
    expect(mapping).toMatchObject({ code: header[0], time: header[1], device: header[2], count: header[5] });
    expect(mapping.dimensions).toEqual([header[3], header[4]]);
  });

  it('finds the code column from its values when no name says so', () => {
    const mapping = infer(
      ['when', 'what', 'box'],
      [
        ['2026-10-01 08:00:00', '1200', 'a'],
        ['2026-10-01 09:00:00', '1404', 'b'],
        ['2026-10-01 10:00:00', '1502', 'c'],
      ],
    );
    expect(mapping).toMatchObject({ code: 'what', time: 'when', device: null });
  });

  it('prefers the named code column over another column of code-like numbers', () => {
    const mapping = infer(
      ['http_status', 'result_code'],
      [
        ['1200', '1404'],
        ['1200', '1200'],
      ],
    );
    expect(mapping.code).toBe('result_code');
  });

  it('passes over a "status" column of words for one with codes', () => {
    const mapping = infer(
      ['status', 'data'],
      [
        ['FAILED', '1404'],
        ['OK', '1200'],
      ],
    );
    expect(mapping.code).toBe('data');
  });

  it('leaves identifiers, free text and numeric measures out of the dimensions', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [
      '1200',
      `evt-${i}`,
      `note ${i}`,
      String(1000 + i * 7),
      i % 2 ? 'A' : 'B',
    ]);
    const mapping = infer(['code', 'event_id', 'note', 'bytes', 'model'], rows);
    expect(mapping.dimensions).toEqual(['model']);
    expect(mapping.ignored).toEqual([
      { name: 'event_id', reason: 'identifier' },
      { name: 'note', reason: 'free text' },
      { name: 'bytes', reason: 'numeric measure' },
    ]);
  });

  it('applies overrides, including "no such column"', () => {
    const result = inferColumns(
      ['a', 'b', 'c', 'device_id'],
      [['1200', '1404', '2026-10-01', 'd']],
      [scomoCatalog],
      { code: 'b', time: null, device: null, dimensions: ['a'] },
    );
    expect(result).toMatchObject({
      ok: true,
      mapping: { code: 'b', time: null, device: null, dimensions: ['a'] },
    });
    const missing = inferColumns(['a'], [['1']], [scomoCatalog], { code: 'zz' });
    expect(missing).toEqual({ ok: false, reason: 'no column named "zz"; the columns are "a".' });
  });

  it('fails with the columns it saw when there is no code column', async () => {
    const attempt = ingestFiles({ 'people.csv': 'name,age,city\nAda,36,London\nAlan,41,Wilmslow\n' });
    await expect(attempt).rejects.toBeInstanceOf(IngestError);
    await expect(attempt).rejects.toThrow(/no result-code column found.*"name", "age", "city"/);
  });

  it('merges files with different headers into one dataset by dimension name', async () => {
    const { dataset, report } = await ingestFiles({
      'a.csv': 'result_code,device_id,model\n1200,d1,A\n1404,d2,B\n',
      'b.csv': 'Result Code;IMEI;model;region\n1404;d2;B;eu\n1505;d3;C;us\n',
    });
    expect(report.columns).toEqual({
      code: 'result_code | Result Code',
      status: null,
      time: null,
      device: 'device_id | IMEI',
      count: null,
      deviceCount: null,
      // the rows came from two files: each row's file is a dimension of its own (source-file.test.ts)
      dimensions: ['model', 'region', 'source file'],
    });
    expect(totals(dataset)).toMatchObject({ operations: 4, devices: 3, failingDevices: 2 });
    expect(byDimension(dataset, 'region').map((v) => v.value)).toEqual(['', 'eu', 'us']);
  });
});
