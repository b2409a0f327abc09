import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type FleetEvent, generateEvents, groundTruth } from '../../bench/fleet-generator.ts';
import { parseArgs, runGenerate } from '../../bench/generate-cli.ts';
import { parquetBytes } from '../../bench/generator/parquet-writer.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const fleetParquet = (events: Iterable<FleetEvent>, rowGroupSize: number) =>
  parquetBytes(events, { rowGroupSize });

describe('Parquet files', () => {
  it('give the generator’s exact figures, read row group by row group', async () => {
    const events = [...generateEvents({ seed: 13, rows: 4000, dirty: 0.02 })];
    const truth = groundTruth(events);
    const bytes = fleetParquet(events, 700);
    const summary = await summarize('fleet.parquet', bytes);
    expect(summary.source.format).toBe('parquet');
    expect(summary.totals).toMatchObject({
      operations: truth.operations,
      successes: truth.successes,
      failures: truth.failures,
      unrecognized: truth.unrecognized,
      devices: truth.devices,
      failingDevices: truth.failingDevices,
    });
    expect(summary.source.rowsRead).toBe(truth.rowsRead);
    expect(summary.source.rowsRejected).toBe(truth.rowsRejected);
    expect(new Map(summary.byCode.map((c) => [c.code, c.count]))).toEqual(truth.byCode);
    expect(summary.columns).toMatchObject({ code: 'result_code', time: 'timestamp', device: 'device_id' });
    const first = Math.min(...events.map((e) => e.time));
    expect(summary.timeRange?.from).toBe(new Date(first).toISOString());
    // a rejected row's line is its row number in the file
    const firstRejected = events.findIndex((e) => e.code === null);
    expect(summary.source.rejectedSample[0]?.line).toBe(firstRejected + 1);
  });

  it('reads a Parquet file inside a ZIP archive as it reads one on its own', async () => {
    const events = [...generateEvents({ seed: 5, rows: 1500 })];
    const bytes = fleetParquet(events, 400);
    const alone = await summarize('fleet.parquet', bytes);
    const zipped = await summarize('export.zip', zipSync({ 'export/fleet.parquet': bytes }));
    expect(zipped.totals).toEqual(alone.totals);
    expect(zipped.source).toMatchObject({ files: ['export.zip/export/fleet.parquet'], format: 'parquet' });
  });

  it('stops between row groups when the load is cancelled', async () => {
    const bytes = fleetParquet([...generateEvents({ seed: 6, rows: 3000 })], 500);
    const controller = new AbortController();
    let turns = 0;
    const pause = () => {
      // the fourth turn comes before the third row group
      if (++turns === 4) controller.abort();
      return undefined;
    };
    const error = await ingestFiles({ 'fleet.parquet': bytes }, { signal: controller.signal, pause }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error | null)?.name).toBe('AbortError');
  });

  it('a file of `npm run generate -- --format parquet` gives its truth in the CLI JSON', async () => {
    const out = join(scratchFiles('dmscope-gen-parquet-').dir, 'fleet.parquet');
    const argv = [
      '--rows',
      '3000',
      '--seed',
      '8',
      '--dirty',
      '0.03',
      '--format',
      'parquet',
      '--row-group',
      '800',
    ];
    await runGenerate(parseArgs([...argv, '--out', out]));
    const truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8'));
    const { status, stdout } = cli('summarize', out, '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.source).toMatchObject({
      format: 'parquet',
      rowsRead: 3000,
      rowsRejected: truth.rowsRejected,
    });
    expect(summary.totals).toMatchObject({
      operations: truth.operations,
      successes: truth.successes,
      failures: truth.failures,
      unrecognized: truth.unrecognized,
      devices: truth.devices,
      failingDevices: truth.failingDevices,
      devicesUpperBound: false,
    });
    expect(summary.source.rejectedSample.map((r: { line: number }) => r.line)).toEqual(truth.rejectedLines);
  });
});
