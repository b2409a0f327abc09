import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  await expect(page.locator('.recharts-surface, .event-body tr').first()).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: SHOT, fullPage: process.env.DMSCOPE_SHOT_FULL === '1' });
});

/**
 * Every view at the smallest and largest supported sizes, light and dark, for a person to look at:
 * `DMSCOPE_SHOTS_DIR=/tmp/shots npx playwright test screenshot` (skipped otherwise).
 */
const SHOTS_DIR = process.env.DMSCOPE_SHOTS_DIR;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const TABS = [
  ['overview', 'Overview'],
  ['triage', 'Download triage'],
  ['events', 'Events'],
] as const;

for (const size of SIZES) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${size.width}×${size.height} ${colorScheme}`, () => {
      test.use({ viewport: size, colorScheme });
      test(`every view after "Try the sample"`, async ({ page }) => {
        test.skip(SHOTS_DIR === undefined, 'set DMSCOPE_SHOTS_DIR to take the screenshots');
        await page.goto(appUrl());
        await page.getByRole('button', { name: 'Try the sample' }).click();
        await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
        for (const [id, name] of TABS) {
          await page.getByRole('tab', { name }).click();
          await expect(page.locator('.recharts-surface, .event-body tr').first()).toBeVisible();
          await page.waitForTimeout(300);
          const base = `${SHOTS_DIR}/${size.width}x${size.height}-${colorScheme}-${id}`;
          await page.screenshot({ path: `${base}.png` });
          await page.screenshot({ path: `${base}-full.png`, fullPage: true });
        }
        // The device history beside the table, at this width.
        await page.getByRole('table', { name: 'Events' }).locator('tbody .link-button').first().click();
        await expect(page.getByRole('dialog', { name: /Device history/ })).toContainText(/attempts/);
        await page.screenshot({
          path: `${SHOTS_DIR}/${size.width}x${size.height}-${colorScheme}-history.png`,
        });
      });
    });
  }
}
