/**
 * Decompression bombs and strings past the memory budget, through the CLI at its default budget: a
 * zero-filled tail is skipped as it streams by, distinct long ids are refused with the message; the
 * process's peak memory stays well under 2 GB. Each run decompresses ~1 GB, so these take a while; the
 * bombs are built here, a few MB each.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGzipBomb, writeLongIdsGzip, writeZipBomb } from '../support/bombs.ts';
import { cliPeakRss, scratchFiles } from '../support/run-cli.ts';

const { dir } = scratchFiles('dmscope-bombs-');
const ROWS = 'result_code,device_id,model\n1200,d1,A\n1404,d2,B\n';
const GB = 1e9;
const TOO_LARGE =
  /too large to analyse in memory: after [\d,]+ rows .* Split the log \(by day or region\) and load the parts one at a time/;

describe('the CLI reads through a zero-filled tail without holding it', () => {
  // a tail is one blank line past the row limit: skipped as it is decompressed, never held, so the rows
  // before it (and any after it) are analysed; it takes the time its gigabyte takes to decompress
  it('a 1 MB gzip of a few rows and a 1 GiB zero-filled tail with no line break', () => {
    const path = join(dir, 'tail.csv.gz');
    writeGzipBomb(path, ROWS, 1024);
    const run = cliPeakRss('summarize', path, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).source).toMatchObject({ rowsRead: 2, rowsRejected: 0 });
    expect(run.peakRssBytes).toBeLessThan(GB);
  }, 300_000);

  it('a 1 MB ZIP whose one entry inflates to a few rows and a 1 GiB zero-filled tail', () => {
    const path = join(dir, 'bomb.zip');
    writeZipBomb(path, 'fleet.csv', ROWS, 1024);
    const run = cliPeakRss('summarize', path, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).source).toMatchObject({ rowsRead: 2, rowsRejected: 0 });
    expect(run.peakRssBytes).toBeLessThan(GB);
  }, 300_000);
});

describe('the CLI refuses what would exhaust its memory, and stays under 2 GB', () => {
  it('a gzip of rows whose device ids are 2 KB each and all different', () => {
    const path = join(dir, 'ids.csv.gz');
    writeLongIdsGzip(path, 300_000);
    const run = cliPeakRss('summarize', path, '--json');
    expect(run.stderr).toMatch(TOO_LARGE);
    expect(run.stderr).toMatch(/the dataset would pass 512 MiB/);
    expect(run.status).toBe(2);
    expect(run.peakRssBytes).toBeLessThan(2 * GB);
  }, 300_000);
});
