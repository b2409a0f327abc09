/**
 * Decompression bombs dropped on the page, the browser's processes staying under 2 GB (VmRSS summed from
 * /proc, as the benchmark measures it): a zero-filled tail without a line break, gzip and ZIP, is skipped
 * as it is decompressed and the rows before it analysed; rows of distinct 2 KB device ids are refused with
 * the too-large message after a few hundred MB. The bombs are built here, a few MB each.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readTree, startSampler } from '../../bench/proc-memory.ts';
import { writeGzipBomb, writeLongIdsGzip, writeZipBomb } from '../support/bombs.ts';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

const dir = mkdtempSync(join(tmpdir(), 'dmscope-bombs-'));
const ROWS = 'result_code,device_id,model\n1200,d1,A\n1404,d2,B\n';
const GB = 1e9;

/** Watches the browser's processes while `load` runs; past 2 GB the page is closed at once. */
async function underTwoGb(page: Page, name: string, load: () => Promise<void>): Promise<void> {
  const sampler = startSampler(process.pid);
  // a failing load would otherwise take gigabytes more
  const watch = setInterval(() => {
    if (readTree(process.pid).total.rssBytes > 2 * GB) void page.close();
  }, 250);
  try {
    await load();
  } finally {
    clearInterval(watch);
  }
  const { peakRssBytes, peakRssByType, samples } = sampler.stop();
  const byType = Object.entries(peakRssByType)
    .map(([type, bytes]) => `${type} ${(bytes / GB).toFixed(2)}`)
    .join(', ');
  test.info().annotations.push({
    type: 'memory',
    description: `${name}: peak Σ RSS ${(peakRssBytes / GB).toFixed(2)} GB (at start ${((samples[0]?.rssBytes ?? 0) / GB).toFixed(2)} GB; peaks by process type, GB: ${byType})`,
  });
  expect(peakRssBytes).toBeLessThan(2 * GB);
}

// a zero-filled tail is one blank line past the row limit: skipped as it is decompressed, never held
for (const [name, write] of [
  ['tail.csv.gz', (path: string) => writeGzipBomb(path, ROWS, 1024)],
  ['bomb.zip', (path: string) => writeZipBomb(path, 'fleet.csv', ROWS, 1024)],
] as const) {
  test(`${name}, a few rows and a 1 GiB zero-filled tail in ~1 MB, is analysed with the browser under 2 GB`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const path = join(dir, name);
    write(path);
    await page.goto(appUrl());
    await underTwoGb(page, name, async () => {
      await page.getByLabel('Upload logs').setInputFiles(path);
      await expect.poll(() => summaryFigure(page, 'Operations'), { timeout: 240_000 }).toBe('2');
    });
  });
}

test('ids.csv.gz, gigabytes in ~4 MB, is refused with the browser under 2 GB', async ({ page }) => {
  test.setTimeout(300_000);
  const path = join(dir, 'ids.csv.gz');
  writeLongIdsGzip(path, 300_000);
  await page.goto(appUrl());
  await underTwoGb(page, 'ids.csv.gz', async () => {
    await page.getByLabel('Upload logs').setInputFiles(path);
    await expect(page.getByRole('alert')).toContainText('too large to analyse in memory', {
      timeout: 240_000,
    });
  });
});
