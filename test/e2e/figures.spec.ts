import type { Locator } from '@playwright/test';
import { AXIS_TICK, CHART_BAR, NUMBER_AXIS } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, test, uploadFiles } from './dmscope-test.ts';

test('with a code filter, the breakdown by model shows the code’s share of each model’s operations and says so', async ({
  page,
}) => {
  await page.goto(appUrl('#code=1404'));
  await page.getByRole('button', { name: 'Try the sample' }).click();
  const chart = page.getByRole('figure', { name: /by model/ });
  await expect(chart).toContainText(/share of .*operations/i);
  await expect(chart.getByRole('heading')).toContainText('1404');
  await chart.getByText('Data table').click();
  const shares = await chart.locator('table tbody tr td:nth-child(2)').allTextContents();
  expect(shares.length).toBeGreaterThan(1);
  const percents = shares.map((s) => Number(s.replace('%', '')));
  expect(
    percents.every((p) => p >= 0 && p < 100),
    shares.join(' '),
  ).toBe(true);
  expect(percents.some((p) => p > 0)).toBe(true);
});

/**
 * The numbers of an axis's ticks, or null for a category axis: one whose ticks are not all numbers, or do
 * not start at zero as every count and rate axis does (device ids are numbers too).
 */
async function tickNumbers(axis: Locator): Promise<number[] | null> {
  const texts = await axis.locator(AXIS_TICK).allTextContents();
  const numbers = texts.map((t) => Number(t.replace(/[,%]/g, '')));
  return numbers.length > 1 && numbers.every(Number.isFinite) && numbers.includes(0) ? numbers : null;
}

/** 1, 2, 2.5 or 5 times a power of ten. */
function isNiceStep(step: number): boolean {
  const power = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const mantissa = Math.round((step / power) * 1000) / 1000;
  return [1, 2, 2.5, 5, 10].includes(mantissa);
}

test('number axes tick at 1, 2, 2.5 or 5 × 10^k', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(
    page.getByRole('figure', { name: 'Failures over time' }).locator(CHART_BAR).first(),
  ).toBeVisible();
  let checked = 0;
  for (const axis of await page.locator(NUMBER_AXIS).all()) {
    const ticks = await tickNumbers(axis);
    if (ticks === null) continue;
    checked++;
    const sorted = [...ticks].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      const step = (sorted[i] as number) - (sorted[i - 1] as number);
      expect(isNiceStep(step), `ticks ${sorted.join(', ')}`).toBe(true);
    }
  }
  expect(checked).toBeGreaterThanOrEqual(4);
});

test('counts read in the singular for one: "1 failure of 1 operation", "1 attempt"', async ({ page }) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const texts: string[] = [];
  for (const name of ['Top failing devices', 'Failures over time', 'Failure rate by model']) {
    const bars = page.getByRole('figure', { name }).locator(CHART_BAR);
    await expect(bars.first()).toBeVisible();
    for (const bar of await bars.all()) {
      // the pointer where a person puts it: over the time chart, the brush's drag layer lies above the bars
      await bar.scrollIntoViewIfNeeded();
      const box = await bar.boundingBox();
      if (box === null) continue;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      texts.push((await page.locator('.chart-tooltip').first().textContent()) ?? '');
    }
  }
  expect(texts.join(' ')).toMatch(/\b1 failure\b/);
  for (const text of texts)
    expect(text).not.toMatch(/(^|[^\d,.])1 (failures|operations|attempts|successes)\b/);
});

test('a device id the data does not hold opens a history that says so, not "never failed"', async ({
  page,
}) => {
  await page.goto(appUrl('#view=events&history=no-such-device'));
  await uploadFiles(page, 'fleet-small.csv');
  const history = page.getByRole('dialog', { name: /Device history/ });
  await expect(history).toContainText('not in this data');
  await expect(history).not.toContainText('never failed');
});

test('rates tell the truth: the time range in the Summary, a failure-rate line over time, x / n and a 95% interval on rate bars', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText(
    'Time range: 2024-05-01 08:00 UTC – 2024-05-01 15:00 UTC',
  );
  const overTime = page.getByRole('figure', { name: 'Failures over time' });
  await expect(overTime.locator('.time-chart-rate-line')).toHaveCount(1);
  await expect(overTime).toContainText('failure rate as a line');

  const byModel = page.getByRole('figure', { name: 'Failure rate by model' });
  const bars = byModel.locator(CHART_BAR);
  await expect(bars.first()).toBeVisible();
  const fractions = await byModel.locator('text.bar-fraction').allTextContents();
  expect(fractions.length).toBe(await bars.count());
  // X100: 10 rows, 2 rejected (no code, "OK"); of its 8 operations 3 failed (1405 × 3; 1417 is unrecognized)
  expect(fractions).toContain('3 / 8');
  await expect(byModel.locator('.bar-rows-whisker')).not.toHaveCount(0);
  await byModel.getByText('Data table').click();
  await expect(byModel.getByRole('columnheader', { name: '95% interval' })).toBeVisible();
  await expect(byModel.locator('tbody tr').first()).toContainText('(small sample)');
});
