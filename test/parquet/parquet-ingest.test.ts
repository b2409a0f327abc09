import { zipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { type FleetEvent, generateEvents, groundTruth } from '../../bench/fleet-generator.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';

/** A generated fleet log as a Parquet file: codes as text (so dirty ones stay as written), times as TIMESTAMP. */
function fleetParquet(events: readonly FleetEvent[], rowGroupSize: number): Uint8Array {
  const column = (name: string, pick: (e: FleetEvent) => string) => ({
    name,
    data: events.map(pick),
    type: 'STRING' as const,
  });
  return new Uint8Array(
    parquetWriteBuffer({
      rowGroupSize,
      columnData: [
        column('result_code', (e) => e.rawCode),
        { name: 'timestamp', data: events.map((e) => new Date(e.time)), type: 'TIMESTAMP' },
        column('device_id', (e) => e.device),
        column('model', (e) => e.model),
        column('firmware', (e) => e.firmware),
        column('region', (e) => e.region),
        column('operation', (e) => e.operation),
        column('server', (e) => e.server),
        column('component', (e) => e.component),
      ],
    }),
  );
}

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
});
