import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSummary } from '../../src/report/summary.ts';
import { duckdb, sqlString } from '../support/duckdb.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { cli, cliWithInput, scratchFiles } from '../support/run-cli.ts';

/**
 * A warehouse export as DuckDB writes it (zstd, three row groups): a struct holding the SCOMO result (as
 * device twins nest their last result), a list, BIGINT, DECIMAL, DATE and TIMESTAMP_NS.
 * Row i: device dev-(i mod 37), code 1404 when i mod 5 = 0 else 1200, i minutes after 2026-10-01.
 */
const ROWS = 3000;
const NESTED_EXPORT = (path: string) => `COPY (
  SELECT 'dev-' || (i % 37) AS deviceId,
    TIMESTAMP_NS '2026-10-01 00:00:00' + to_minutes(i) AS reportedAt,
    {'resultCode': CASE WHEN i % 5 = 0 THEN 1404 ELSE 1200 END, 'session': i::BIGINT,
     'detail': {'phase': CASE WHEN i % 2 = 0 THEN 'download' ELSE 'install' END}} AS scomoResult,
    ['a', 'b'] AS tags, (i % 3)::BIGINT AS attempt, 9007199254740993::BIGINT AS big,
    1.5::DECIMAL(10, 2) AS ratio, DATE '2026-10-01' + (i // 1000)::INTEGER AS day
  FROM range(${ROWS}) t(i)
) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000)`;

const EXPECTED_TOTALS = {
  operations: ROWS,
  successes: ROWS - ROWS / 5,
  failures: ROWS / 5,
  unrecognized: 0,
  devices: 37,
  failingDevices: 37,
};

describe('Parquet as warehouses write it', () => {
  const scratch = scratchFiles('dmscope-parquet-');
  const path = join(scratch.dir, 'twin-export.parquet');
  let bytes: Uint8Array;
  beforeAll(async () => {
    await duckdb(NESTED_EXPORT(path));
    bytes = new Uint8Array(readFileSync(path));
  });

  it('flattens structs to dotted names and keeps lists as JSON text, with exact figures', async () => {
    const { dataset, report } = await ingestFiles({ 'twin-export.parquet': bytes });
    const summary = buildSummary(dataset, report);
    expect(summary.totals).toMatchObject(EXPECTED_TOTALS);
    expect(summary.columns).toMatchObject({
      code: 'scomoResult.resultCode',
      time: 'reportedAt',
      device: 'deviceId',
    });
    expect(summary.timeRange).toEqual({
      from: '2026-10-01T00:00:00.000Z',
      to: new Date(Date.UTC(2026, 9, 1) + (ROWS - 1) * 60_000).toISOString(),
    });
    // the dictionary's empty value aside
    const values = (name: string) => dataset.dimensionValues(name).filter((v) => v !== '');
    expect(values('scomoResult.detail.phase').sort()).toEqual(['download', 'install']);
    expect(values('tags')).toEqual(['["a","b"]']);
    // an INT64 beyond 2^53 keeps its digits; DATE is its ISO day
    expect(values('big')).toEqual(['9007199254740993']);
    expect(values('ratio')).toEqual(['1.5']);
    expect(values('day').sort()).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    expect(report.files[0]).toMatchObject({ format: 'parquet', rowsRead: ROWS, rowsRejected: 0 });
  });

  it('reads the same from the CLI: a file on disk, standard input, and gzip', () => {
    const fromDisk = cli('summarize', path, '--json');
    expect(fromDisk.stderr).toBe('');
    expect(fromDisk.status).toBe(0);
    const summary = JSON.parse(fromDisk.stdout);
    expect(summary.totals).toMatchObject(EXPECTED_TOTALS);
    expect(summary.source.format).toBe('parquet');
    for (const input of [bytes, gzipSync(bytes)]) {
      const piped = cliWithInput(input, 'summarize', '-', '--json');
      expect(piped.status).toBe(0);
      expect(JSON.parse(piped.stdout).totals).toEqual(summary.totals);
    }
    const table = cli('summarize', path);
    expect(table.stdout).toContain('3,000');
  });
});
