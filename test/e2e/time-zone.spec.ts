import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { appUrl, expect, test, uploadFiles } from './dmscope-test.ts';

test.use({ timezoneId: 'Asia/Kolkata' });

async function download(page: Page, name: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name }).click();
  return readFile(await (await downloading).path(), 'utf8');
}

test('times show in UTC or the browser’s zone, the choice is kept, and the files still say UTC', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('2024-05-01 08:00 UTC – 2024-05-01 15:00 UTC');

  const zone = page.getByLabel('Times in');
  await zone.selectOption('local');
  // Kolkata is UTC+5:30
  await expect(summary).toContainText('2024-05-01 13:30 GMT+5:30 – 2024-05-01 20:30 GMT+5:30');

  // kept for the next visit
  await page.reload();
  await uploadFiles(page, 'fleet-small.csv');
  await expect(page.getByLabel('Times in')).toHaveValue('local');
  await expect(summary).toContainText('2024-05-01 13:30 GMT+5:30');

  // the files stay UTC
  const json = JSON.parse(await download(page, 'Download summary JSON'));
  expect(json.timeRange.from).toBe('2024-05-01T08:00:00.000Z');
  const html = await download(page, 'Download report (HTML)');
  expect(html).toContain('Time range: 2024-05-01 08:00 UTC – 2024-05-01 15:00 UTC');

  await page.getByLabel('Times in').selectOption('utc');
  await expect(summary).toContainText('2024-05-01 08:00 UTC – 2024-05-01 15:00 UTC');
});
