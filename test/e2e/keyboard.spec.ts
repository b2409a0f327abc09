import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

/** Presses Tab (no mouse, no programmatic focus) until `target` has focus. */
async function tabTo(page: Page, target: Locator, limit = 250): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} never took focus in ${limit} Tab presses`);
}

async function noAxeViolations(page: Page, what: string): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations, what).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colours`, () => {
    test.use({ colorScheme });

    test('keyboard only: empty page → the sample → a filtered code → a device’s history → the exported summary, axe-clean throughout', async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.goto(appUrl());
      await noAxeViolations(page, 'empty page');
      await tabTo(page, page.getByRole('button', { name: 'Try the sample' }));
      await page.keyboard.press('Enter');
      await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
      await noAxeViolations(page, 'overview');

      // the skip link is the first stop, and lands on the views
      await page.keyboard.press('Shift+Tab');
      await tabTo(page, page.getByRole('button', { name: 'Skip to the charts' }));
      await page.keyboard.press('Enter');
      await expect(page.locator('#views')).toBeFocused();

      // the biggest failing code, filtered from the chart's data table
      const codes = page.getByRole('figure', { name: 'Failures by result code' });
      await tabTo(page, codes.getByText('Data table'));
      await page.keyboard.press('Enter');
      const filterButton = codes.getByRole('button', { name: /^Filter/ }).first();
      await tabTo(page, filterButton);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('region', { name: 'Active filters' }).getByRole('listitem')).toHaveCount(1);
      const operations = await summaryFigure(page, 'Operations');
      expect(Number(operations.replace(/,/g, ''))).toBeLessThan(6000);

      // a device's history from the top failing devices' table, closed with Escape
      const devices = page.getByRole('figure', { name: 'Top failing devices' });
      await tabTo(page, devices.getByText('Data table'));
      await page.keyboard.press('Enter');
      const historyButton = devices.getByRole('button', { name: /^History/ }).first();
      await tabTo(page, historyButton);
      await page.keyboard.press('Enter');
      const history = page.getByRole('dialog', { name: /Device history/ });
      await expect(history).toContainText('attempt');
      await noAxeViolations(page, 'overview with device history open');
      await page.keyboard.press('Escape');
      await expect(history).toHaveCount(0);
      await expect(historyButton).toBeFocused();

      // the other views, axe-clean
      await page.keyboard.press('Shift+Tab');
      await tabTo(page, page.getByRole('tab', { name: 'Overview' }));
      for (const tab of ['Download triage', 'Compare', 'Events']) {
        await page.keyboard.press('ArrowRight');
        await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
        await noAxeViolations(page, tab);
      }

      // the filtered summary, downloaded from the keyboard
      const download = page.waitForEvent('download');
      await tabTo(page, page.getByRole('button', { name: 'Download summary JSON (filtered)' }));
      await page.keyboard.press('Enter');
      const summary = JSON.parse(await readFile(await (await download).path(), 'utf8'));
      expect(summary.filter.codes).toHaveLength(1);
      expect(summary.totals.operations).toBe(Number(operations.replace(/,/g, '')));
    });
  });
}

test('the "failures only" switch keeps failed operations, as an outcome chip', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  const failures = await summaryFigure(page, 'Failures');
  await page.getByRole('checkbox', { name: 'Failures only' }).check();
  await expect(page.getByRole('listitem').filter({ hasText: 'Outcome: Failure' })).toBeVisible();
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(failures);
  await expect(page.locator('.filter-bar [aria-live="polite"]')).toContainText(`${failures} failures`);
  // the bar stays on screen while the charts scroll
  await page.mouse.wheel(0, 1500);
  await expect(page.getByRole('region', { name: 'Active filters' })).toBeInViewport();
  await page.getByRole('checkbox', { name: 'Failures only' }).uncheck();
  await expect(page.getByRole('listitem').filter({ hasText: 'Outcome: Failure' })).toHaveCount(0);
});
