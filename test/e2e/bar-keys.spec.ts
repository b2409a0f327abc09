import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { CHART_BAR } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, test, uploadFiles } from './dmscope-test.ts';

/** Presses Tab (no mouse, no programmatic focus) until `target` has focus. */
async function tabTo(page: Page, target: Locator, limit = 300): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} never took focus in ${limit} Tab presses`);
}

/** Tabs to the chart's bars (one tab stop), then presses ArrowDown until `target` has focus. */
async function arrowTo(page: Page, chart: Locator, target: Locator, limit = 40): Promise<void> {
  await tabTo(page, chart.locator('.bar-button[tabindex="0"]'));
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${target} never took focus in ${limit} ArrowDown presses`);
}

test('Enter or Space on a focused chart bar filters like a click', async ({ page }) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const chips = page.getByRole('region', { name: 'Active filters' });
  const codes = page.getByRole('figure', { name: 'Failures by result code' });
  const codeBar = codes.getByRole('button', { name: /^1405, \d+ operations? — filter$/ });
  await expect(codeBar).toHaveCount(1);

  // one tab stop per chart: every bar but one is out of the Tab order
  const bars = codes.locator('.bar-button');
  expect(await bars.count()).toBeGreaterThan(3);
  expect(
    await bars.evaluateAll((els) => els.filter((el) => el.getAttribute('tabindex') === '0').length),
  ).toBe(1);
  await arrowTo(page, codes, codeBar);
  await page.keyboard.press('Enter');
  await expect(chips.getByText('Code 1405')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' }).getByText(/Filtered: 3 of/)).toBeVisible();

  // Space on a bar of a breakdown chart: a cause
  // the charts redraw after the Summary (deferred): read the bar once they show the code's figures
  await expect(page.locator('#views')).toHaveAttribute('aria-busy', 'false');
  const causes = page.getByRole('figure', { name: /cause/i }).first();
  const causeBar = causes.getByRole('button', { name: / — filter$/ }).last();
  const cause = ((await causeBar.getAttribute('aria-label')) ?? '').split(',')[0] ?? '';
  expect(cause).not.toBe('');
  await arrowTo(page, causes, causeBar);
  await page.keyboard.press('Space');
  await expect(chips.getByText(cause, { exact: false })).toBeVisible();

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations, 'focusable bars stay axe-clean').toEqual([]);
});

test('a person’s click on a bar that is not the chart’s tab stop filters: focus moving redraws no bar under the pointer', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const chips = page.getByRole('region', { name: 'Active filters' }).locator('li.chip');
  for (const name of ['Failures by result code', /^Failure rate by /]) {
    await expect(page.locator('#views')).toHaveAttribute('aria-busy', 'false');
    const chart = page.getByRole('figure', { name });
    // the press focuses the bar (it becomes the tab stop); the release comes a moment later, as a hand's does
    const bar = chart.locator(`.bar-button[tabindex="-1"] :is(${CHART_BAR})`).last();
    await bar.scrollIntoViewIfNeeded();
    const box = await bar.boundingBox();
    expect(box, `${name}: a bar other than the tab stop`).not.toBeNull();
    if (box === null) return;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(120);
    await page.mouse.up();
    await expect(chips, `${name}: the click filtered`).toHaveCount(1);
    await page.getByRole('region', { name: 'Active filters' }).locator('button.chip-remove').first().click();
    await expect(chips).toHaveCount(0);
  }
});
