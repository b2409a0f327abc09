/**
 * Decompression bombs dropped on the page — a zero-filled tail without a line break, gzip and ZIP, and rows
 * of distinct 2 KB device ids — refused with the too-large message while the browser's processes stay under
 * 2 GB (VmRSS summed from /proc, as the benchmark measures it). The bombs are built here, ~4 MB each; each
 * decompresses a few hundred MB before it is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTree, startSampler } from '../../bench/proc-memory.ts';
import { writeGzipBomb, writeLongIdsGzip, writeZipBomb } from '../support/bombs.ts';
import { appUrl, expect, test } from './dmscope-test.ts';

const dir = mkdtempSync(join(tmpdir(), 'dmscope-bombs-'));
const ROWS = 'result_code,device_id,model\n1200,d1,A\n1404,d2,B\n';
const GB = 1e9;

for (const [name, write] of [
  ['tail.csv.gz', (path: string) => writeGzipBomb(path, ROWS, 4096)],
  ['bomb.zip', (path: string) => writeZipBomb(path, 'fleet.csv', ROWS, 4096)],
  ['ids.csv.gz', (path: string) => writeLongIdsGzip(path, 300_000)],
] as const) {
  test(`${name}, gigabytes in ~4 MB, is refused with the browser under 2 GB`, async ({ page }) => {
    test.setTimeout(300_000);
    const path = join(dir, name);
    write(path);
    await page.goto(appUrl());
    const sampler = startSampler(process.pid);
    // past 2 GB the page is closed at once: a failing load would otherwise take gigabytes more
    const watch = setInterval(() => {
      if (readTree(process.pid).total.rssBytes > 2 * GB) void page.close();
    }, 250);
    try {
      await page.getByLabel('Upload logs').setInputFiles(path);
      await expect(page.getByRole('alert')).toContainText('too large to analyse in memory', {
        timeout: 240_000,
      });
    } finally {
      clearInterval(watch);
    }
    const { peakRssBytes, samples } = sampler.stop();
    test.info().annotations.push({
      type: 'memory',
      description: `${name}: peak Σ RSS ${(peakRssBytes / GB).toFixed(2)} GB (at start ${((samples[0]?.rssBytes ?? 0) / GB).toFixed(2)} GB)`,
    });
    expect(peakRssBytes).toBeLessThan(2 * GB);
  });
}
