import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

/**
 * The analyses on the page, with the sample (its story: Kestrel Mini on 5.0.0-rc2 runs out of memory,
 * alt-cdn-3 fails for two days): findings in words, devices by verdict with the ids to retry, Compare.
 */
test('findings, device outcomes with the retry list, and Compare', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();

  const findings = page.getByRole('region', { name: 'What is different about the failures' });
  await expect(findings.getByRole('listitem').first()).toHaveText(
    /^140[46] is [\d.]+× over-represented on firmware = 5\.0\.0-rc2: \d+ of its \d+ failures, on [\d.]+% of operations, p < 0\.001$/,
  );

  const outcomes = page.getByRole('region', { name: 'Device outcomes' });
  await expect(outcomes.getByText('Last attempt failed')).toBeVisible();
  const retryButton = outcomes.getByRole('button', { name: /^Download device ids to retry \((\d[\d,]*)\)$/ });
  const retryCount = Number(
    (/\(([\d,]+)\)/.exec((await retryButton.textContent()) ?? '')?.[1] ?? '').replace(/,/g, ''),
  );
  expect(retryCount).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent('download'), retryButton.click()]);
  expect(download.suggestedFilename()).toMatch(/^dmscope-devices-retry-\d{8}-\d{4}\.txt$/);
  const ids = (await readFile((await download.path()) as string, 'utf8')).split('\n');
  expect(ids.pop()).toBe(''); // one id per line, each line ended
  expect(ids).toHaveLength(retryCount);
  for (const id of ids) expect(id).toMatch(/^\d{15}$/); // the sample's IMEIs

  // a verdict filters the whole view to its devices: the Summary counts exactly them
  const never = outcomes.locator('.verdict-count', { hasText: 'Never succeeded' });
  const neverCount = ((await never.locator('dd').textContent()) ?? '').replace(/\D/g, '');
  await never.getByRole('button', { name: 'Never succeeded', exact: true }).click();
  await expect(never.getByRole('button', { name: 'Never succeeded', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(outcomes.getByRole('status')).toHaveText(/Showing only: never succeeded\./);
  await expect.poll(() => summaryFigure(page, 'Devices')).toBe(Number(neverCount).toLocaleString('en-US'));
  expect(page.url()).toContain('verdict=never_succeeded');
  await outcomes.getByRole('button', { name: 'Show all devices' }).click();
  await expect(outcomes.getByRole('status')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Compare' }).click();
  const compare = page.getByRole('region', { name: 'Compare A against B' });
  await compare.getByLabel('Dimension', { exact: true }).selectOption('firmware');
  await compare.getByLabel('A', { exact: true }).selectOption('5.0.0');
  await compare.getByLabel('B', { exact: true }).selectOption('5.0.0-rc2');
  await compare.getByRole('button', { name: 'Compare' }).click();
  await expect(compare.getByRole('status')).toHaveText(/^\d+ of the rows differ at q ≤ 0\.05/);
  const first = compare.getByRole('table').getByRole('row').nth(1);
  await expect(first.getByRole('rowheader')).toHaveText(
    /^✱ (code 140[46]|cause device|model = Kestrel Mini)$/,
  );
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
});
