import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { CHART_BAR, CHART_SURFACE } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, test } from './dmscope-test.ts';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '../../public/sample/fleet-sample.csv');
const SHOT = process.env.DMSCOPE_SHOT ?? '/tmp/dmscope-shot.png';

/** What an ops engineer sees at 1280×800 after loading the sample: saved for a person to look at. */
test('screenshot after loading the sample', async ({ page }) => {
  const file = process.env.DMSCOPE_SHOT_FILE;
  test.skip(file === undefined && !existsSync(SAMPLE), 'public/sample/fleet-sample.csv is not generated yet');
  await page.setViewportSize({
    width: Number(process.env.DMSCOPE_SHOT_WIDTH ?? 1280),
    height: Number(process.env.DMSCOPE_SHOT_HEIGHT ?? 800),
  });
  if (process.env.DMSCOPE_SHOT_DARK === '1') await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(appUrl(process.env.DMSCOPE_SHOT_HASH ?? ''));
  if (file !== undefined) await page.getByLabel('Upload logs').setInputFiles(file);
  else await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  await expect(page.locator(`${CHART_SURFACE}, .event-body tr`).first()).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: SHOT, fullPage: process.env.DMSCOPE_SHOT_FULL === '1' });
});

/**
 * Every view at a phone's, a tablet's, a laptop's and a large screen's width, light and dark, after the
 * sample and with a filter, for a person to look at:
 * `DMSCOPE_SHOTS_DIR=/tmp/shots npx playwright test screenshot` (skipped otherwise).
 */
const SHOTS_DIR = process.env.DMSCOPE_SHOTS_DIR;
const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const TABS = [
  ['triage', 'Download triage'],
  ['events', 'Events'],
] as const;

/** The whole page, and the same in screen-high parts a person can read at full size (`-partN.png`). */
async function shootPage(page: Page, path: string): Promise<void> {
  await page.screenshot({ path: `${path}.png`, fullPage: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, part = 1; y < height; y += viewport.height, part++) {
    const clip = { x: 0, y, width: viewport.width, height: Math.min(viewport.height, height - y) };
    await page.screenshot({ path: `${path}-part${part}.png`, fullPage: true, clip });
  }
}

for (const size of SIZES) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${size.width}×${size.height} ${colorScheme}`, () => {
      test.use({ viewport: size, colorScheme });
      test(`every view after "Try the sample", and with a filter`, async ({ page }) => {
        test.skip(SHOTS_DIR === undefined, 'set DMSCOPE_SHOTS_DIR to take the screenshots');
        test.setTimeout(120_000);
        const base = `${SHOTS_DIR}/${size.width}-${colorScheme}`;
        await page.goto(appUrl());
        await page.getByRole('button', { name: 'Try the sample' }).click();
        await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
        await expect(page.locator(CHART_SURFACE).first()).toBeVisible();
        await page.waitForTimeout(300);
        await shootPage(page, `${base}-overview`);
        // the biggest failing code as a filter: every chart follows it
        await page
          .getByRole('figure', { name: 'Failures by result code' })
          .locator(CHART_BAR)
          .first()
          .click();
        await expect(page.getByRole('region', { name: 'Active filters' }).getByRole('listitem')).toHaveCount(
          1,
        );
        await page.waitForTimeout(300);
        await shootPage(page, `${base}-filtered`);
        for (const [id, name] of TABS) {
          await page.getByRole('tab', { name }).click();
          await expect(page.locator(`${CHART_SURFACE}, .event-body tr`).first()).toBeVisible();
          await page.waitForTimeout(300);
          await shootPage(page, `${base}-filtered-${id}`);
        }
        // the device history beside the table, or as a sheet over it
        await page.getByRole('table', { name: 'Events' }).locator('tbody .link-button').first().click();
        await expect(page.getByRole('dialog', { name: /Device history/ })).toContainText(/attempt/);
        await page.screenshot({ path: `${base}-history.png` });
      });
    });
  }
}
