import { parquetWriteBuffer } from 'hyparquet-writer';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

/** `rows` rows in row groups of 500: `failures` of them 1404, the rest 1200, on 40 devices. */
function parquet(rows: number, failures: number): Buffer {
  const index = Array.from({ length: rows }, (_, i) => i);
  return Buffer.from(
    parquetWriteBuffer({
      rowGroupSize: 500,
      columnData: [
        { name: 'result_code', data: index.map((i) => (i < failures ? 1404 : 1200)), type: 'INT32' },
        { name: 'device_id', data: index.map((i) => `dev-${i % 40}`), type: 'STRING' },
        {
          name: 'timestamp',
          data: index.map((i) => new Date(Date.UTC(2026, 9, 1) + i * 60_000)),
          type: 'TIMESTAMP',
        },
      ],
    }),
  );
}

function file(name: string, buffer: Buffer) {
  return { name, mimeType: 'application/octet-stream', buffer };
}

test('a Parquet export is read in the browser; a truncated one is refused and the page goes on', async ({
  page,
}) => {
  await page.goto(appUrl());
  const upload = page.getByLabel('Upload logs');
  const good = parquet(2400, 300);
  await upload.setInputFiles(file('export.parquet', good));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('2,400');
  expect(await summaryFigure(page, 'Failures')).toBe('300');
  expect(await summaryFigure(page, 'Devices')).toBe('40');

  await upload.setInputFiles(file('cut.parquet', good.subarray(0, good.byteLength - 64)));
  await expect(page.getByRole('alert')).toContainText('cut.parquet: this Parquet file cannot be read');
  expect(await summaryFigure(page, 'Operations')).toBe('2,400');

  await upload.setInputFiles(file('next.parquet', parquet(700, 7)));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('700');
  expect(await summaryFigure(page, 'Failures')).toBe('7');
});

test('a warehouse aggregate (sql/ recipes’ shape) shows its devices as upper bounds', async ({ page }) => {
  await page.goto(appUrl());
  const aggregate = Buffer.from(
    parquetWriteBuffer({
      columnData: [
        { name: 'day', data: ['2026-10-01', '2026-10-01', '2026-10-02'], type: 'STRING' },
        { name: 'family', data: ['scomo', 'scomo', 'scomo'], type: 'STRING' },
        { name: 'result_code', data: [1200, 1404, 1404], type: 'INT32' },
        { name: 'model', data: ['A', 'A', 'B'], type: 'STRING' },
        { name: 'operations', data: [1000n, 300n, 50n], type: 'INT64' },
        { name: 'devices', data: [900n, 280n, 50n], type: 'INT64' },
      ],
    }),
  );
  await page.getByLabel('Upload logs').setInputFiles(file('dmscope-daily.parquet', aggregate));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('1,350');
  expect(await summaryFigure(page, 'Failures')).toBe('350');
  expect(await summaryFigure(page, 'Devices')).toBe('≤ 1,230');
  expect(await summaryFigure(page, 'Failing devices')).toBe('≤ 330');
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText(
    'Devices and failing devices are upper bounds (≤)',
  );
});
