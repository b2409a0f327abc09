/**
 * Loading as a user lives it: the sample, a large generated log, Cancel half-way, and a second file chosen
 * while the first is still being read.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  formatByteChunks,
  type GroundTruth,
  generateEvents,
  TruthTracker,
} from '../../bench/fleet-generator.ts';
import {
  appUrl,
  expect,
  expectSummary,
  type Figures,
  summaryFigure,
  test,
  uploadFiles,
} from './dmscope-test.ts';

const SAMPLE_TRUTH = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/fleet-sample.truth.json');
const LARGE_ROWS = 300_000;
/**
 * The browser reads the generated file this many times over as one File (Blob parts that reference the
 * same file on disk, so nothing is copied): about 3M rows and 370 MB, which no ingest finishes before the
 * test presses Cancel, however fast it gets.
 */
const LARGE_COPIES = 10;

const count = new Intl.NumberFormat('en-US');

let workDir = '';
let largeCsv = '';
let largeTruth: GroundTruth;

test.beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dmscope-e2e-large-'));
  largeCsv = join(workDir, 'fleet-300k.csv');
  const tracker = new TruthTracker();
  const out = createWriteStream(largeCsv);
  for (const chunk of formatByteChunks(
    'csv',
    generateEvents({ seed: 4242, rows: LARGE_ROWS, dirty: 0.002 }),
    {
      truth: tracker,
    },
  )) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  largeTruth = tracker.result();
});

test.afterAll(async () => {
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

/**
 * Chooses, through the "Upload logs" input, one File made of the generated CSV followed by its data rows
 * again and again (`copies` times in all). The page gets the file on disk through a helper input of its
 * own, so the dashboard sees only the big file.
 */
async function chooseLargeFile(page: Page, copies: number): Promise<void> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'e2e-source';
    input.hidden = true;
    document.body.append(input);
  });
  await page.locator('#e2e-source').setInputFiles(largeCsv);
  await page.evaluate(async (n) => {
    const helper = document.getElementById('e2e-source') as HTMLInputElement;
    const source = helper.files?.[0];
    helper.remove();
    if (source === undefined) throw new Error('the helper input has no file');
    const head = await source.slice(0, 4096).text();
    const rows = source.slice(new TextEncoder().encode(head.slice(0, head.indexOf('\n') + 1)).length);
    const parts: Blob[] = [source];
    for (let i = 1; i < n; i++) parts.push(rows);
    const big = new File(parts, 'fleet-large.csv', { type: 'text/csv' });
    const transfer = new DataTransfer();
    transfer.items.add(big);
    const upload = document.querySelector<HTMLInputElement>('input[aria-label="Upload logs"]');
    if (upload === null) throw new Error('no Upload logs input');
    upload.files = transfer.files;
    upload.dispatchEvent(new Event('change', { bubbles: true }));
  }, copies);
}

/** Waits until the progress bar has moved past zero and then moved again; returns its value. */
async function progressMoves(page: Page): Promise<number> {
  const bar = page.getByRole('progressbar', { name: 'Loading progress' });
  await expect(bar).toBeVisible();
  const value = async () => Number((await bar.getAttribute('value')) ?? 0);
  await expect.poll(value, { timeout: 20_000 }).toBeGreaterThan(0);
  const first = await value();
  await expect.poll(value, { timeout: 20_000 }).toBeGreaterThan(first);
  const max = Number((await bar.getAttribute('max')) ?? 0);
  const now = await value();
  expect(now).toBeLessThan(max);
  return now;
}

test('"Try the sample" shows exactly the figures of its ground truth', async ({ page }) => {
  const truth = JSON.parse(await readFile(SAMPLE_TRUTH, 'utf8')) as Figures;
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  await expectSummary(page, truth);
  await expect(page.getByRole('figure', { name: 'Failures by result code' })).toBeVisible();
});

test('Cancel stops a large load half-way and keeps the data loaded before it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(appUrl());

  // The data loaded before: the generated 300k-row log, whose Summary must match its ground truth.
  await page.getByLabel('Upload logs').setInputFiles(largeCsv);
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible({ timeout: 60_000 });
  await expectSummary(page, largeTruth);
  await expect(page.locator('.loaded-source')).toContainText('fleet-300k.csv');

  await chooseLargeFile(page, LARGE_COPIES);
  await expect(page.getByRole('region', { name: 'Loading' })).toContainText('Reading fleet-large.csv');
  await progressMoves(page);
  await expect(page.getByRole('region', { name: 'Loading' })).toContainText(/[1-9][\d,]* rows/);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(page.getByRole('region', { name: 'Loading' })).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Loading was cancelled' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Still the 300k-row log, and the dashboard still answers.
  await expectSummary(page, largeTruth);
  await expect(page.locator('.loaded-source')).toContainText('fleet-300k.csv');
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(
    page.getByRole('heading', { name: `${count.format(largeTruth.operations)} of ` }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  const stageChart = page.getByRole('figure', { name: 'Failures by stage' });
  await stageChart.getByText('Data table').click();
  await stageChart.getByRole('button', { name: 'Filter by stage Download' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Stage: Download' })).toBeVisible();
  await expect.poll(() => summaryFigure(page, 'Operations')).not.toBe(count.format(largeTruth.operations));

  // And it loads again afterwards.
  await uploadFiles(page, 'fleet-small.csv');
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('18');
});

test('a file chosen while another is loading replaces it cleanly', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(appUrl());
  await chooseLargeFile(page, LARGE_COPIES);
  await progressMoves(page);

  await page
    .getByLabel('Upload logs')
    .setInputFiles(join(dirname(fileURLToPath(import.meta.url)), 'fixtures/fleet-small.csv'));
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Loading' })).toBeHidden();
  await expectSummary(page, {
    operations: 18,
    successes: 7,
    failures: 10,
    unrecognized: 1,
    devices: 14,
    failingDevices: 8,
    rowsRejected: 2,
  });
  await expect(page.locator('.loaded-source')).toHaveText('fleet-small.csv · 18 events');
  // The abandoned load never comes back to overwrite it, and is not reported as an error.
  await page.waitForTimeout(1500);
  expect(await summaryFigure(page, 'Operations')).toBe('18');
  await expect(page.getByRole('region', { name: 'Loading' })).toBeHidden();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('heading', { name: '18 of 18 events' })).toBeVisible();
  const workers = page.workers().map((w) => w.url());
  // the files were read ahead on the read worker's thread, not the dataset worker's
  expect(workers).toContainEqual(expect.stringMatching(/read-worker/));
});

test('while it waits for a file, the page draws its charts once off screen, then removes them', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const seen = { hosts: 0, bars: 0, removed: false };
    (globalThis as unknown as { __warmUp: typeof seen }).__warmUp = seen;
    new MutationObserver(() => {
      const host = document.querySelector('.warm-up-host');
      if (host !== null) {
        if (seen.hosts === 0) seen.hosts = 1;
        seen.bars = Math.max(seen.bars, host.querySelectorAll('.chart-bar').length);
      } else if (seen.hosts > 0) seen.removed = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(appUrl());
  const warmUp = () => page.evaluate(() => (globalThis as unknown as { __warmUp: object }).__warmUp);
  await expect.poll(warmUp, { timeout: 15_000 }).toMatchObject({ hosts: 1, removed: true });
  // it was drawn for real (bars laid out), not left to its timeout, and nothing of it shows
  expect(((await warmUp()) as { bars: number }).bars).toBeGreaterThan(10);
  await expect(page.getByRole('figure')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Drop device-update logs/ })).toBeVisible();
});
