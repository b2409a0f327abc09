/**
 * Kibana-style filtering: a value left out (NOT) from the facet list and from a chip's editor changes the
 * Summary to the sample's ground truth, Back undoes it, the keyboard does it all, and axe stays clean.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

const TRUTH = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/fleet-sample.truth.json'), 'utf8'),
) as { operations: number; failures: number; byCode: Record<string, number> };
const SHOTS_DIR = process.env.DMSCOPE_SHOTS_DIR;
const count = new Intl.NumberFormat('en-US');

/** The Summary's operations and failures, as the page writes them. */
async function expectFigures(page: Page, operations: number, failures: number): Promise<void> {
  await expect
    .poll(() => summaryFigure(page, 'Operations'), { message: 'Operations' })
    .toBe(count.format(operations));
  await expect
    .poll(() => summaryFigure(page, 'Failures'), { message: 'Failures' })
    .toBe(count.format(failures));
}

async function tabTo(page: Page, target: Locator, key = 'Tab', limit = 300): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${target} never took focus in ${limit} presses of ${key}`);
}

async function noAxeViolations(page: Page, what: string): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations, what).toEqual([]);
}

async function loadSample(page: Page): Promise<void> {
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  await expectFigures(page, TRUTH.operations, TRUTH.failures);
}

const chips = (page: Page) => page.getByRole('region', { name: 'Active filters' }).getByRole('listitem');
/** 1404 and 1406 are failures in the SCOMO catalog: each leaves the operations and the failures. */
const c1404 = TRUTH.byCode['1404'] ?? 0;
const c1406 = TRUTH.byCode['1406'] ?? 0;

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colours`, () => {
    test.use({ colorScheme });

    test('a value left out from the facet list: NOT chip, the ground truth in the Summary, Back undoes it', async ({
      page,
    }) => {
      test.setTimeout(240_000);
      await loadSample(page);
      const facets = page.getByRole('region', { name: 'Fields' });
      const code = facets.locator('.facet', {
        has: page.getByRole('heading', { name: 'Code', exact: true }),
      });
      // the code facet counts the sample's codes (operations, failures)
      await expect(
        code.getByText(`${count.format(c1404)} ops · ${count.format(c1404)} failed`),
      ).toBeVisible();
      await noAxeViolations(page, 'facet list open');
      await facets.getByRole('button', { name: 'Filter out Code 1404' }).click();
      await expect(chips(page)).toHaveText(['NOT Code 1404×']);
      await expectFigures(page, TRUTH.operations - c1404, TRUTH.failures - c1404);
      expect(new URL(page.url()).hash).toContain('-code=1404');
      // the facet still lists 1404 (its own filter is not applied to it) and shows it left out
      await expect(facets.getByRole('button', { name: 'Filter out Code 1404' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      // a dimension's value left out and kept: the two parts add up to the whole
      const model = facets.locator('.facet', {
        has: page.getByRole('heading', { name: 'model', exact: true }),
      });
      const first = model.getByRole('button', { name: /^Filter out model: / }).first();
      const name = ((await first.getAttribute('aria-label')) ?? '').replace('Filter out ', '');
      await first.click();
      await expect(chips(page)).toHaveText(['NOT Code 1404×', `NOT ${name}×`]);
      const without = Number((await summaryFigure(page, 'Operations')).replace(/,/g, ''));
      await page.goBack();
      await expectFigures(page, TRUTH.operations - c1404, TRUTH.failures - c1404);
      await facets.getByRole('button', { name: `Filter for ${name}` }).click();
      const only = Number((await summaryFigure(page, 'Operations')).replace(/,/g, ''));
      expect(without + only).toBe(TRUTH.operations - c1404);
      await page.goBack();
      await page.goBack();
      await expect(chips(page)).toHaveCount(0);
      await expectFigures(page, TRUTH.operations, TRUTH.failures);
      if (SHOTS_DIR)
        await page.screenshot({ path: join(SHOTS_DIR, `facets-1280-${colorScheme}.png`), fullPage: false });
    });

    test('keyboard only: a chip editor turns an include into NOT, adds a value, Escape returns focus, axe-clean', async ({
      page,
    }) => {
      test.setTimeout(240_000);
      await loadSample(page);
      await page.locator('body').focus();
      await tabTo(page, page.getByRole('button', { name: 'Filter for Code 1404' }));
      await page.keyboard.press('Enter');
      await expectFigures(page, c1404, c1404);
      const edit = page.getByRole('button', { name: 'Edit filter Code 1404' });
      await tabTo(page, edit, 'Shift+Tab');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Edit filter: Code' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('radio', { name: /include/ })).toBeFocused();
      await noAxeViolations(page, 'chip editor open');
      if (SHOTS_DIR) await page.screenshot({ path: join(SHOTS_DIR, `chip-editor-1280-${colorScheme}.png`) });
      // Escape closes it and focus returns to the chip
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(edit).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(dialog.getByRole('radio', { name: /include/ })).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(dialog.getByRole('radio', { name: /exclude/ })).toBeChecked();
      await tabTo(page, dialog.getByRole('checkbox', { name: /^1406 / }));
      await page.keyboard.press('Space');
      await tabTo(page, dialog.getByRole('button', { name: 'Apply' }));
      await page.keyboard.press('Enter');
      await expect(dialog).toHaveCount(0);
      await expect(chips(page)).toHaveText(['NOT Code 1404×', 'NOT Code 1406×']);
      await expect(page.getByRole('button', { name: 'Edit filter NOT Code 1404' })).toBeFocused();
      await expectFigures(page, TRUTH.operations - c1404 - c1406, TRUTH.failures - c1404 - c1406);
      await noAxeViolations(page, 'NOT chips');
      if (SHOTS_DIR) await page.screenshot({ path: join(SHOTS_DIR, `not-chips-1280-${colorScheme}.png`) });
      // Back undoes the edit, then the include
      await page.goBack();
      await expect(chips(page)).toHaveText(['Code 1404×']);
      await expectFigures(page, c1404, c1404);
      await page.goBack();
      await expectFigures(page, TRUTH.operations, TRUTH.failures);
    });

    test('at 390 px the facet list is a disclosure, nothing is wider than the screen', async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: 390, height: 844 });
      await loadSample(page);
      const toggle = page.getByRole('button', { name: 'Fields: values and counts' });
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      const facets = page.getByRole('region', { name: 'Fields' });
      await facets.getByRole('button', { name: 'Filter out Code 1404' }).click();
      await expectFigures(page, TRUTH.operations - c1404, TRUTH.failures - c1404);
      await page.getByRole('button', { name: 'Edit filter NOT Code 1404' }).click();
      await expect(page.getByRole('dialog', { name: 'Edit filter: Code' })).toBeVisible();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide).toBeLessThanOrEqual(390);
      await noAxeViolations(page, '390 px, editor open');
      if (SHOTS_DIR) {
        await page.screenshot({ path: join(SHOTS_DIR, `chip-editor-390-${colorScheme}.png`) });
        await page.keyboard.press('Escape');
        await facets.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS_DIR, `facets-390-${colorScheme}.png`), fullPage: true });
      }
    });
  });
}
