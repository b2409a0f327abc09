import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/ingest.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const ROWS = 3000;
const GROUP = 1000;

/** 3,000 rows in three row groups of 1,000; every fifth row fails with 1404. */
function logParquet(): Uint8Array {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  return new Uint8Array(
    parquetWriteBuffer({
      rowGroupSize: GROUP,
      codec: 'UNCOMPRESSED',
      columnData: [
        { name: 'result_code', data: rows.map((i) => (i % 5 === 0 ? 1404 : 1200)), type: 'INT32' },
        { name: 'device_id', data: rows.map((i) => `dev-${i % 37}`), type: 'STRING' },
      ],
    }),
  );
}

async function refusal(bytes: Uint8Array): Promise<string> {
  const error = await ingestFiles({ 'export.parquet': bytes }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  return (error as IngestError).message;
}

describe('hostile Parquet', () => {
  const good = logParquet();

  it('a file cut short (its footer gone) is refused with a message that says so', async () => {
    for (const cut of [good.byteLength - 1, good.byteLength - 200, Math.floor(good.byteLength / 2), 4, 8]) {
      const message = await refusal(good.subarray(0, cut));
      expect(message).toMatch(/^export\.parquet: this Parquet file cannot be read: its footer/);
      expect(message).toContain('export or copy it again');
    }
  });

  it('a damaged footer is refused, never read as rows', async () => {
    const footerLength = new DataView(good.buffer, good.byteOffset).getUint32(good.byteLength - 8, true);
    const damaged = good.slice();
    damaged.fill(0xff, good.byteLength - 8 - footerLength, good.byteLength - 8);
    expect(await refusal(damaged)).toContain('its footer');
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(huge.byteLength - 8, 0x7fffffff, true);
    expect(await refusal(huge)).toContain('its footer');
  });

  it('a row group that cannot be decoded has its rows rejected with the reason; the others are read', async () => {
    const metadata = parquetMetadata(good.buffer as ArrayBuffer);
    const column = metadata.row_groups[1]?.columns[0]?.meta_data;
    const damaged = good.slice();
    damaged.fill(0xff, Number(column?.data_page_offset), Number(column?.data_page_offset) + 24);
    const { report } = await ingestFiles({ 'export.parquet': damaged });
    expect(report.rowsRead).toBe(ROWS);
    expect(report.rowsRejected).toBe(GROUP);
    expect(report.rejectedSample[0]).toMatchObject({ file: 'export.parquet', line: GROUP + 1 });
    expect(report.rejectedSample[0]?.reason).toContain('row group 2 (rows 1001–2000) could not be decoded');
  });

  it('a row group larger than the load may hold stops the load with the too-large message', async () => {
    const error = await ingestFiles({ 'export.parquet': good }, { maxDatasetBytes: 4096 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toMatch(/^export\.parquet: too large to analyse in memory/);
  });

  it('the CLI exits 2 with one line for a truncated file, and reads the whole one', () => {
    const scratch = scratchFiles('dmscope-bad-parquet-');
    const cut = cli('summarize', scratch.write('cut.parquet', good.subarray(0, good.byteLength - 100)));
    expect(cut.status).toBe(2);
    expect(cut.stderr.trim().split('\n')).toHaveLength(1);
    expect(cut.stderr).toContain('cut.parquet: this Parquet file cannot be read');
    const whole = cli('summarize', scratch.write('whole.parquet', good), '--json');
    expect(JSON.parse(whole.stdout).totals).toMatchObject({
      operations: ROWS,
      failures: ROWS / 5,
      devices: 37,
    });
  });

  it('a text log whose first header starts with PAR1 is read as text, not as Parquet', async () => {
    const { report } = await ingestFiles({ 'par.csv': 'PAR1_site,result_code\nA,1404\nB,1200\n' });
    expect(report).toMatchObject({ format: 'csv', rowsRead: 2, rowsRejected: 0 });
  });
});
