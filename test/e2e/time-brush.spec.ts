/**
 * The time brush of "Failures over time": a drag (mouse or finger) or Shift+arrows and Enter keeps a range
 * of buckets, "Zoom out" steps back one level, Back undoes a step. The Summary's figures for the kept range
 * are checked against the sample's events read in node, filtered by time here, not by the product.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Totals } from '../../src/dataset/query-types.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { totals } from '../support/reference-queries.ts';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '../../public/sample/fleet-sample.csv');
const SHOTS_DIR = process.env.DMSCOPE_SHOTS_DIR;

interface Window {
  from: number;
  to: number;
}

/** The sample's figures over the events whose time is in [from, to) (all events without a window). */
async function truth(window: Window | null): Promise<Totals> {
  const { dataset } = await ingestFiles({ 'fleet-sample.csv': await readFile(SAMPLE) });
  const rows: number[] = [];
  for (let row = 0; row < dataset.rowCount; row++) {
    const { time } = dataset.event(row);
    if (window === null || (time !== null && time >= window.from && time < window.to)) rows.push(row);
  }
  return totals(dataset, { rows: Uint32Array.from(rows), size: rows.length });
}

/** The Summary shows exactly `expected`'s figures (polled: the worker answers after the view changes). */
async function expectSummary(page: Page, expected: Totals): Promise<void> {
  const count = (n: number | null) => (n ?? 0).toLocaleString('en-US');
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(count(expected.operations));
  expect(await summaryFigure(page, 'Failures')).toBe(count(expected.failures));
  expect(await summaryFigure(page, 'Successes')).toBe(count(expected.successes));
  expect(await summaryFigure(page, 'Failure rate')).toBe(`${(expected.failureRate * 100).toFixed(1)}%`);
  expect(await summaryFigure(page, 'Devices')).toBe(count(expected.devices));
  expect(await summaryFigure(page, 'Failing devices')).toBe(count(expected.failingDevices));
}

/** The time window the URL holds (the filter the page applies), or null. */
function urlWindow(page: Page): Window | null {
  const p = new URLSearchParams(new URL(page.url()).hash.slice(1));
  const from = p.get('from');
  const to = p.get('to');
  return from === null || to === null ? null : { from: Date.parse(from), to: Date.parse(to) };
}

/** A bucket's window, read from its accessible name ("2026-10-03 00:00 UTC – 2026-10-04 00:00 UTC: …"). */
async function bucketWindow(bucket: Locator): Promise<Window> {
  const label = (await bucket.getAttribute('aria-label')) ?? '';
  const m = label.match(/^(\d{4}-\d\d-\d\d \d\d:\d\d) UTC – (\d{4}-\d\d-\d\d \d\d:\d\d) UTC: /);
  if (m === null) throw new Error(`a bucket named “${label}”`);
  const at = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00Z`);
  return { from: at(m[1] as string), to: at(m[2] as string) };
}

function chartOf(page: Page): Locator {
  return page.getByRole('figure', { name: 'Failures over time' });
}

function bucketsOf(page: Page): Locator {
  return chartOf(page).locator('.bucket-stops [role="button"]');
}

async function centre(bucket: Locator): Promise<{ x: number; y: number }> {
  const box = await bucket.boundingBox();
  if (box === null) throw new Error('the bucket is not drawn');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses the mouse on bucket `a`, drags to bucket `b`; releases unless told to hold. */
async function drag(page: Page, a: number, b: number, hold = false): Promise<Window> {
  const buckets = bucketsOf(page);
  await chartOf(page).scrollIntoViewIfNeeded();
  const start = await centre(buckets.nth(a));
  const end = await centre(buckets.nth(b));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 8 });
  const window = {
    from: (await bucketWindow(buckets.nth(Math.min(a, b)))).from,
    to: (await bucketWindow(buckets.nth(Math.max(a, b)))).to,
  };
  if (!hold) await page.mouse.up();
  return window;
}

async function trySample(page: Page): Promise<void> {
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(bucketsOf(page).first()).toBeAttached();
}

test('a drag across the time chart keeps that range: the Summary is the ground truth; Zoom out and Back step back', async ({
  page,
}) => {
  await trySample(page);
  const all = await truth(null);
  await expectSummary(page, all);
  expect(await bucketsOf(page).count()).toBeGreaterThan(4);

  // days 2 to 4 of the sample, dragged right to left
  const days = await drag(page, 3, 1);
  expect(days.to - days.from).toBe(3 * 86_400_000);
  await expect.poll(() => urlWindow(page)).toEqual(days);
  await expectSummary(page, await truth(days));
  const chips = page.getByRole('region', { name: 'Active filters' });
  await expect(chips).toContainText(
    `Time: ${new Date(days.from).toISOString().slice(0, 16).replace('T', ' ')} UTC – `,
  );

  // zoomed in, the chart shows that range in finer buckets; a second drag zooms further
  await expect.poll(() => bucketsOf(page).count()).toBeGreaterThan(24);
  const hours = await drag(page, 5, 12);
  await expect.poll(() => urlWindow(page)).toEqual(hours);
  await expectSummary(page, await truth(hours));

  // Zoom out: back to the days; Back undoes the zoom out; Full range: everything; Back undoes that
  await chartOf(page).getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(() => urlWindow(page)).toEqual(days);
  await expectSummary(page, await truth(days));
  await page.goBack();
  await expect.poll(() => urlWindow(page)).toEqual(hours);
  await expectSummary(page, await truth(hours));
  await chartOf(page).getByRole('button', { name: 'Full range' }).click();
  await expect.poll(() => urlWindow(page)).toBeNull();
  await expectSummary(page, all);
  await expect(chartOf(page).getByRole('button', { name: 'Zoom out' })).toHaveCount(0);
  await page.goBack();
  await expect.poll(() => urlWindow(page)).toEqual(hours);
  // the stack came back with the URL: two steps out lead to the full range
  await chartOf(page).getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(() => urlWindow(page)).toEqual(days);
  await chartOf(page).getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(() => urlWindow(page)).toBeNull();
  await expectSummary(page, all);
});

/** Presses Tab (no mouse, no programmatic focus) until a bucket of the time chart has focus. */
async function tabToBuckets(page: Page): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const on = await page.evaluate(() => document.activeElement?.closest('.bucket-stops') !== null);
    if (on) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('no bucket of the time chart took focus in 300 Tab presses');
}

const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

test('by keyboard: one tab stop, arrows move between buckets, Shift+arrows choose a range, Enter keeps it', async ({
  page,
}) => {
  await trySample(page);
  const buckets = bucketsOf(page);
  const labels = await buckets.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  for (const label of labels) {
    expect(label).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d UTC – .* UTC: [\d,]+ failures? of [\d,]+ operations? — filter$/,
    );
  }
  await tabToBuckets(page);
  expect(await focusedLabel(page)).toBe(labels[0]);
  expect(
    await buckets.evaluateAll((els) => els.filter((el) => el.getAttribute('tabindex') === '0').length),
  ).toBe(1);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toBe(labels[2]);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  expect(await focusedLabel(page)).toBe(labels[4]);
  await expect(chartOf(page).locator('.brush-status')).toContainText(/^Selected .*Release or press Enter/);
  const range = {
    from: (await bucketWindow(buckets.nth(2))).from,
    to: (await bucketWindow(buckets.nth(4))).to,
  };
  await page.keyboard.press('Enter');
  await expect.poll(() => urlWindow(page)).toEqual(range);
  await expectSummary(page, await truth(range));

  // Tab past the chart and back: one stop; Space keeps one bucket; Escape drops a range being chosen
  await expect.poll(() => bucketsOf(page).count()).toBeGreaterThan(24);
  await page.keyboard.press('Shift+Tab');
  await tabToBuckets(page);
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Escape');
  await expect(chartOf(page).locator('.brush-status')).toBeEmpty();
  await page.keyboard.press('End');
  const last = await bucketWindow(buckets.last());
  await page.keyboard.press('Space');
  await expect.poll(() => urlWindow(page)).toEqual(last);
  await expectSummary(page, await truth(last));
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`zoomed and mid-drag, the page stays axe-clean (${colorScheme})`, async ({ page }) => {
    test.setTimeout(120_000); // axe over the whole loaded page takes tens of seconds on a busy machine
    await page.emulateMedia({ colorScheme });
    await trySample(page);
    await drag(page, 1, 2);
    await expect(chartOf(page).getByRole('button', { name: 'Zoom out' })).toBeVisible();
    await drag(page, 2, 6, true);
    await expect(chartOf(page).locator('.brush-status')).toContainText('Selected');
    // while a range is chosen its figures are under the chart; the tooltip would only cover the range
    await expect(chartOf(page).locator('.chart-hover')).toBeHidden();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations).toEqual([]);
    await page.mouse.up();
  });
}

test.describe('in the browser’s zone, by touch', () => {
  test.use({ timezoneId: 'Asia/Kolkata', hasTouch: true });

  test('a finger drag keeps the range, and the time chip shows it in the chosen zone', async ({ page }) => {
    await trySample(page);
    await page.getByLabel('Times in').selectOption('local');
    const buckets = bucketsOf(page);
    await chartOf(page).scrollIntoViewIfNeeded();
    const a = await centre(buckets.nth(1));
    const b = await centre(buckets.nth(3));
    const range = {
      from: (await bucketWindow(buckets.nth(1))).from,
      to: (await bucketWindow(buckets.nth(3))).to,
    };
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [a] });
    for (let i = 1; i <= 8; i++) {
      const x = a.x + ((b.x - a.x) * i) / 8;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: a.y }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => urlWindow(page)).toEqual(range);
    await expectSummary(page, await truth(range));
    // Kolkata is UTC+5:30: the chip writes the window's ends in that zone
    const local = (ms: number) => {
      const d = new Date(ms + 5.5 * 3_600_000).toISOString();
      return `${d.slice(0, 10)} ${d.slice(11, 16)} GMT+5:30`;
    };
    await expect(page.getByRole('region', { name: 'Active filters' })).toContainText(
      `Time: ${local(range.from)} – ${local(range.to)}`,
    );
  });
});

/**
 * The chart with a range being brushed and once zoomed, at a phone's and a laptop's width, for a person to
 * look at: `DMSCOPE_SHOTS_DIR=/tmp/shots npx playwright test time-brush` (skipped otherwise).
 */
for (const width of [390, 1280]) {
  test(`screenshot: the time chart brushed at ${width} px`, async ({ page }) => {
    test.skip(SHOTS_DIR === undefined, 'DMSCOPE_SHOTS_DIR is not set');
    await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
    await trySample(page);
    await drag(page, 1, 3, true);
    await chartOf(page).screenshot({ path: join(SHOTS_DIR as string, `time-brush-${width}-brushing.png`) });
    await page.mouse.up();
    await expect(chartOf(page).getByRole('button', { name: 'Zoom out' })).toBeVisible();
    await page.mouse.move(0, 0);
    await chartOf(page).screenshot({ path: join(SHOTS_DIR as string, `time-brush-${width}-zoomed.png`) });
    await page.screenshot({ path: join(SHOTS_DIR as string, `time-brush-${width}-page.png`) });
  });
}
