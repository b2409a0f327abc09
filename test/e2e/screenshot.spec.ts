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
