import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { CHART_BAR } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, summaryFigure, test, uploadFiles } from './dmscope-test.ts';

test('empty state says which files are accepted', async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByRole('heading', { name: /Drop device-update logs/ })).toBeVisible();
  await expect(page.getByText(/CSV.*header row/)).toBeVisible();
  await expect(page.getByText(/NDJSON/)).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
});

test('uploading a CSV shows the exact Summary figures', async ({ page }) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const expected: [string, string][] = [
    ['Operations', '18'],
    ['Successes', '7'],
    ['Failures', '10'],
    ['Failure rate', '55.6%'],
    ['Unrecognized codes', '1'],
    ['Devices', '14'],
    ['Failing devices', '8'],
    ['Rejected rows', '2'],
  ];
  for (const [term, figure] of expected) expect(await summaryFigure(page, term), term).toBe(figure);

  // Rejected rows open to their lines and reasons.
  await page.getByText(/Show rejected rows/).click();
  const rejected = page.getByRole('table', { name: 'Rejected rows' });
  await expect(rejected.getByRole('row')).toHaveCount(3);
  await expect(rejected).toContainText('fleet-small.csv');
});

test('several files in several formats merge into one dataset', async ({ page }) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv', 'fleet-extra.ndjson');
  expect(await summaryFigure(page, 'Operations')).toBe('22');
  expect(await summaryFigure(page, 'Successes')).toBe('10');
  expect(await summaryFigure(page, 'Failures')).toBe('11');
  expect(await summaryFigure(page, 'Failure rate')).toBe('50.0%');
  expect(await summaryFigure(page, 'Devices')).toBe('17');
  expect(await summaryFigure(page, 'Failing devices')).toBe('9');
  expect(await summaryFigure(page, 'Rejected rows')).toBe('2');
});

test('clicking a chart bar filters the table; CSV export holds the filtered events; the hash restores the view', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');

  // The biggest failure code is 1405 (3 events): its bar is the first in "Failures by result code".
  const codeChart = page.getByRole('figure', { name: 'Failures by result code' });
  await codeChart.locator(CHART_BAR).first().click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Code 1405' })).toBeVisible();
  expect(await summaryFigure(page, 'Operations')).toBe('3');

  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('heading', { name: '3 of 18 events' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Events' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('1405');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download events CSV' }).click();
  const download = await downloadPromise;
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).every((line) => line.includes('1405'))).toBe(true);
  expect(csv).toContain('dev-005');

  // The view is in the hash: reload, drop the same file, and the same filter and tab come back.
  const hash = new URL(page.url()).hash;
  expect(hash).toContain('code=1405');
  expect(hash).toContain('view=events');
  await page.reload();
  await uploadFiles(page, 'fleet-small.csv');
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: '3 of 18 events' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Code 1405' })).toBeVisible();

  // Chips come off one by one or all at once.
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByRole('heading', { name: '18 of 18 events' })).toBeVisible();
});

test('a device opens its history in time order', async ({ page }) => {
  await page.goto(appUrl('#view=events&sort=device'));
  await uploadFiles(page, 'fleet-small.csv');
  await page.getByRole('button', { name: 'dev-002' }).first().click();
  const history = page.getByRole('dialog', { name: /Device history/ });
  await expect(history).toContainText('succeeded after 1 failure');
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('1405');
  await expect(rows.nth(1)).toContainText('1200');
});

test('the loaded dashboard has no axe violations in any view', async ({ page }) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  for (const tab of ['Overview', 'Download triage', 'Events']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations, tab).toEqual([]);
  }
});

test('an unusable file is reported in an alert, not a blank page', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByLabel('Upload logs').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello\nthis is not a log\n'),
  });
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Drop device-update logs/ })).toBeVisible();
});

test('a million events scroll all the way to the last one', async ({ page }) => {
  test.setTimeout(120_000);
  const lines = ['device_id,result_code'];
  for (let i = 0; i < 1_000_000; i++)
    lines.push(`dev-${String(i).padStart(7, '0')},${i % 10 === 0 ? 1405 : 1200}`);
  await page.goto(appUrl('#view=events'));
  await page.getByLabel('Upload logs').setInputFiles({
    name: 'million.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
  await expect(page.getByRole('heading', { name: '1,000,000 of 1,000,000 events' })).toBeVisible({
    timeout: 60_000,
  });
  expect(await summaryFigure(page, 'Operations')).toBe('1,000,000');
  expect(await summaryFigure(page, 'Failures')).toBe('100,000');

  const scroller = page.getByRole('region', { name: 'Event list, scrollable' });
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table.locator('tbody tr[aria-rowindex="2"]')).toContainText('dev-0000000');
  // The End key scrolls a focused region natively; then the very last row must be on screen.
  await scroller.focus();
  await page.keyboard.press('End');
  const last = table.locator('tbody tr[aria-rowindex="1000001"]');
  await expect(last).toContainText('dev-0999999');
  // the region is at its very end…
  await expect
    .poll(() => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop))
    .toBeLessThanOrEqual(1);
  // …and, with the region on screen, so is the last row. Where the page itself stands depends on what
  // its focus scrolled into view while sections above were still settling: in 2 runs of 4, the region's
  // foot was below the window, its last row with it.
  await scroller.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  // Halfway down shows rows from the middle.
  await scroller.evaluate((el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  });
  await expect(
    table
      .locator('tbody tr')
      .filter({ hasText: /dev-0(49|50)\d{5}/ })
      .first(),
  ).toBeVisible();
});

test('charts export as SVG and PNG; the summary downloads as dmscope.summary/1', async ({ page }) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const title = 'Failures by stage';

  let downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download ${title} as SVG` }).click();
  let download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('failures-by-stage.svg');
  const svg = await readFile(await download.path(), 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg).toContain('Download');

  downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download ${title} as PNG` }).click();
  download = await downloadPromise;
  const png = await readFile(await download.path());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download summary JSON' }).click();
  download = await downloadPromise;
  const summary = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(summary.schema).toBe('dmscope.summary/1');
  expect(summary.totals).toMatchObject({
    operations: 18,
    successes: 7,
    failures: 10,
    devices: 14,
    failingDevices: 8,
  });
  expect(summary.source.rowsRejected).toBe(2);
});
