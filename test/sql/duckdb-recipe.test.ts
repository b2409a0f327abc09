import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEvents, groundTruth, outcomeOf, writeCsv } from '../../bench/fleet-generator.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import type { Filter } from '../../src/dataset/query-types.ts';
import { buildSummary, type SummaryJson } from '../../src/report/summary.ts';
import { duckdb, sqlString } from '../support/duckdb.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

/**
 * sql/duckdb.sql, run as shipped on a generated raw log: dmscope's summary of the aggregate it writes equals
 * dmscope's summary of the raw log — totals, codes, categories, every aggregated dimension and every day —
 * except the distinct-device figures, which the aggregate gives as upper bounds and says so.
 */
const RECIPE = readFileSync('sql/duckdb.sql', 'utf8');
const DIMENSIONS = ['model', 'firmware', 'region', 'server'];
const DAY = 86_400_000;

/** The generator's CSV as raw_results: its columns under the recipe's names, codes that are no integer NULL. */
const RAW_RESULTS = (csv: string) => `
  CREATE VIEW raw_results AS
  SELECT CAST("timestamp" AS TIMESTAMPTZ) AS event_time, device_id, 'scomo' AS family,
    TRY_CAST(trim(result_code) AS INTEGER) AS result_code, CAST(NULL AS VARCHAR) AS status,
    model, firmware, region, server
  FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)`;

interface Loaded {
  raw: { dataset: Dataset; summary: SummaryJson };
  aggregate: { dataset: Dataset; summary: SummaryJson };
  truth: ReturnType<typeof groundTruth>;
  /** From DuckDB: operations and rows of aggregate rows without a code, aggregate rows. */
  sql: Record<string, unknown>;
  /** From DuckDB: the sum of the devices column per code (rows with a code). */
  devicesByCode: { code: number; devices: number }[];
  parquetPath: string;
}

async function load(): Promise<Loaded> {
  const scratch = scratchFiles('dmscope-sql-');
  const events = [...generateEvents({ seed: 41, rows: 6000, dirty: 0.02 })];
  const { text } = writeCsv(events);
  const csvPath = scratch.write('raw.csv', text);
  const parquetPath = join(scratch.dir, 'dmscope-daily.parquet');
  // the recipe as shipped; only its output file is put in the scratch folder
  const recipe = RECIPE.replace("'dmscope-daily.parquet'", sqlString(parquetPath));
  expect(recipe).not.toBe(RECIPE);
  const [sql] = await duckdb(
    RAW_RESULTS(csvPath),
    recipe,
    `SELECT
       sum(operations) FILTER (WHERE result_code IS NULL)::INTEGER AS unusableOperations,
       count(*) FILTER (WHERE result_code IS NULL)::INTEGER AS unusableRows,
       count(*)::INTEGER AS rows
     FROM dmscope_daily`,
  );
  const devicesByCode = await duckdb(
    `SELECT result_code::INTEGER AS code, sum(devices)::INTEGER AS devices
     FROM read_parquet(${sqlString(parquetPath)}) WHERE result_code IS NOT NULL GROUP BY ALL`,
  );
  const read = async (name: string, bytes: Uint8Array | string) => {
    const { dataset, report } = await ingestFiles({ [name]: bytes });
    return { dataset, summary: buildSummary(dataset, report) };
  };
  return {
    raw: await read('raw.csv', text),
    aggregate: await read('dmscope-daily.parquet', new Uint8Array(readFileSync(parquetPath))),
    truth: groundTruth(events),
    sql: sql as Record<string, unknown>,
    devicesByCode: devicesByCode as { code: number; devices: number }[],
    parquetPath,
  };
}

/** The figures of a selection that an aggregate keeps exactly: all but the distinct devices. */
function exactFigures(dataset: Dataset, filter: Filter = {}) {
  const o = dataset.overview(dataset.select(filter), { dimensions: DIMENSIONS });
  const { devices: _d, failingDevices: _f, devicesUpperBound: _b, rows: _r, ...totals } = o.totals;
  return {
    totals,
    byCode: o.byCode.map((c) => [c.family, c.code, c.status, c.count]),
    byCategory: o.byCategory,
    byStage: o.byStage,
    byCause: o.byCause,
    byDimension: o.byDimension,
  };
}

describe('sql/duckdb.sql: the daily aggregate reads as the raw log does', () => {
  let l: Loaded;
  beforeAll(async () => {
    l = await load();
  });

  it('gives the raw log’s totals, codes, categories, stages and causes, and every dimension’s breakdown', () => {
    expect(l.raw.summary.totals.operations).toBe(l.truth.operations);
    expect(exactFigures(l.aggregate.dataset)).toEqual(exactFigures(l.raw.dataset));
    expect(l.aggregate.summary.columns).toMatchObject({
      code: 'result_code',
      time: 'day',
      count: 'operations',
      deviceCount: 'devices',
      device: null,
    });
  });

  it('gives each day’s and each model’s figures', () => {
    const start = Date.UTC(2026, 9, 1);
    for (let day = 0; day < 7; day++) {
      const window = { timeFrom: start + day * DAY, timeTo: start + (day + 1) * DAY };
      expect(exactFigures(l.aggregate.dataset, window)).toEqual(exactFigures(l.raw.dataset, window));
    }
    for (const model of l.raw.dataset.dimensionValues('model')) {
      const filter = { dimensions: [{ name: 'model', values: [model] }] };
      expect(exactFigures(l.aggregate.dataset, filter)).toEqual(exactFigures(l.raw.dataset, filter));
    }
  });

  it('states devices as upper bounds: the sums of its devices column, never below the raw log’s', () => {
    const raw = l.raw.summary.totals;
    const aggregate = l.aggregate.summary.totals;
    expect(raw.devicesUpperBound).toBe(false);
    expect(raw.devices).toBe(l.truth.devices);
    expect(aggregate.devicesUpperBound).toBe(true);
    // the sums, over the accepted rows, and over the failures' rows (outcomes from the generator's own table)
    const sum = (rows: { devices: number }[]) => rows.reduce((n, r) => n + r.devices, 0);
    expect(aggregate.devices).toBe(sum(l.devicesByCode));
    expect(aggregate.failingDevices).toBe(
      sum(l.devicesByCode.filter((r) => outcomeOf(r.code) === 'failure')),
    );
    expect(aggregate.devices).toBeGreaterThanOrEqual(raw.devices as number);
    expect(aggregate.failingDevices).toBeGreaterThanOrEqual(raw.failingDevices as number);
  });

  it('keeps the rows without a usable code, which dmscope rejects visibly', () => {
    expect(l.raw.summary.source.rowsRejected).toBe(l.truth.rowsRejected);
    expect(l.sql.unusableOperations).toBe(l.truth.rowsRejected);
    expect(l.aggregate.summary.source.rowsRejected).toBe(l.sql.unusableRows);
    expect(l.aggregate.summary.source.rowsRead).toBe(l.sql.rows);
  });

  it('the CLI labels the bound: "≤ N" in the table, devicesUpperBound in the JSON', () => {
    const table = cli('summarize', l.parquetPath);
    expect(table.status).toBe(0);
    const devices = (l.aggregate.summary.totals.devices as number).toLocaleString('en-US');
    expect(table.stdout).toMatch(new RegExp(`Devices\\s+≤ ${devices}\\n`));
    expect(table.stdout).toContain('Devices and failing devices are upper bounds (≤)');
    const json = JSON.parse(cli('summarize', l.parquetPath, '--json').stdout);
    expect(json.totals).toEqual(l.aggregate.summary.totals);
    // --devices none: no device figure at all, rather than a bound
    const without = JSON.parse(cli('summarize', l.parquetPath, '--json', '--devices', 'none').stdout);
    expect(without.totals).toMatchObject({ devices: null, failingDevices: null, devicesUpperBound: false });
    expect(without.columns.deviceCount).toBeNull();
  });
});
