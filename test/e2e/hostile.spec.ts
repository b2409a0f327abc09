import type { Page, Worker } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { CHART_BAR } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, summaryFigure, test, uploadFiles } from './dmscope-test.ts';

/** A tiny CSV with a known number of rows: `failures` of them 1404, the rest 1200. */
function csv(rows: number, failures: number, extra = ''): string {
  const lines = ['result_code,device_id,model'];
  for (let i = 0; i < rows; i++) lines.push(`${i < failures ? 1404 : 1200},dev-${i},${extra || 'Aurora X2'}`);
  return `${lines.join('\n')}\n`;
}

function file(name: string, text: string | Uint8Array) {
  return { name, mimeType: 'application/octet-stream', buffer: Buffer.from(text) };
}

test('after an unusable file the page keeps the loaded data, and a good file still loads', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  expect(await summaryFigure(page, 'Operations')).toBe('18');

  await page
    .getByLabel('Upload logs')
    .setInputFiles(file('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])));
  await expect(page.getByRole('alert')).toContainText('PNG image');
  expect(await summaryFigure(page, 'Operations')).toBe('18');

  await page.getByLabel('Upload logs').setInputFiles(file('good.csv', csv(7, 3)));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('7');
  expect(await summaryFigure(page, 'Failures')).toBe('3');
});

test('markup in the data is shown as text, never run; __proto__ columns pollute nothing', async ({
  page,
}) => {
  await page.goto(appUrl());
  const hostile = [
    'result_code,device_id,model,__proto__',
    '1404,"<img src=x onerror=""window.__pwned=1"">",<script>window.__pwned=1</script>,p',
    '1200,=HYPERLINK("x"),<b>bold</b>,q',
  ].join('\n');
  await page.getByLabel('Upload logs').setInputFiles(file('hostile.csv', hostile));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('2');
  await page.getByRole('tab', { name: 'Events' }).click();
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(table).toContainText('<script>window.__pwned=1</script>');
  await expect(table.locator('img, b, script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => Object.keys(Object.prototype).length)).toBe(0);
});

test('twenty files at once merge into one dataset', async ({ page }) => {
  await page.goto(appUrl());
  const files = Array.from({ length: 20 }, (_, i) => file(`part-${i}.csv`, csv(i + 1, i % 3)));
  await page.getByLabel('Upload logs').setInputFiles(files);
  const operations = files.reduce((sum, _, i) => sum + i + 1, 0); // 210
  const failures = files.reduce((sum, _, i) => sum + (i % 3), 0);
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(String(operations));
  expect(await summaryFigure(page, 'Failures')).toBe(String(failures));
});

test('a ZIP of logs is opened in the browser, each file read', async ({ page }) => {
  await page.goto(appUrl());
  const zip = zipSync({
    'export/a.csv': strToU8(csv(5, 2)),
    'export/b.ndjson': strToU8('{"code":1505,"device":"z"}\n'),
  });
  await page.getByLabel('Upload logs').setInputFiles(file('logs.zip', zip));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('6');
  expect(await summaryFigure(page, 'Failures')).toBe('3');
});

test('dimensions named constructor, toString, valueOf, hasOwnProperty and __proto__ filter like any other', async ({
  page,
}) => {
  const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
  const lines = [`result_code,device_id,region,${names.join(',')}`];
  for (let i = 0; i < 12; i++) {
    const values = names.map((_, k) => `v${(i + k) % 3}`);
    lines.push(`${i % 2 === 0 ? 1404 : 1200},dev-${i},${i < 6 ? 'eu' : 'us'},${values.join(',')}`);
  }
  // a filter on another dimension is active first, as in a shared link
  await page.goto(appUrl('#d.region=eu'));
  await page.getByLabel('Upload logs').setInputFiles(file('hostile-names.csv', `${lines.join('\n')}\n`));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('6');
  const chips = page.getByRole('region', { name: 'Active filters' });
  const rateChart = page.getByRole('figure', { name: /^Failure rate by / });
  for (const name of names) {
    await rateChart.getByLabel('Break down by').selectOption(name);
    await expect(rateChart).toHaveAccessibleName(`Failure rate by ${name}`);
    await rateChart.getByText('Data table').click();
    await rateChart.getByRole('button', { name: `Filter by ${name} v0` }).click();
    await expect(chips).toContainText(`${name}: v0`);
    // rows 0–5 are eu; of those, the one with this column's value v0 is at a different row per column
    await expect.poll(() => summaryFigure(page, 'Operations')).toBe('2');
    await page.getByRole('button', { name: `Remove filter ${name}: v0` }).click();
    await expect.poll(() => summaryFigure(page, 'Operations')).toBe('6');
    await rateChart.getByText('Data table').click();
  }
  await expect(chips).toContainText('region: eu');
  expect(await page.evaluate(() => Object.keys(Object.prototype).length)).toBe(0);
});

/** The page's dataset worker (the newest, after a restart). */
async function datasetWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => w.url().includes('dataset-worker'))).toBe(true);
  const workers = page.workers().filter((w) => w.url().includes('dataset-worker'));
  return workers[workers.length - 1] as Worker;
}

test('a dataset worker that dies is replaced: the page says so and loads again', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByLabel('Upload logs').setInputFiles(file('a.csv', csv(7, 3)));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('7');

  // an error the worker does not handle
  const first = await datasetWorker(page);
  const replaced = new Promise((resolve) => first.once('close', resolve));
  await first.evaluate(() => {
    setTimeout(() => {
      throw new Error('boom');
    });
  });
  await expect(page.getByRole('alert')).toContainText('The analysis worker stopped (Uncaught Error: boom)');
  await replaced;
  await page.getByLabel('Upload logs').setInputFiles(file('b.csv', csv(5, 1)));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('5');

  // ended without an error event, as the browser ends a worker that ran out of memory
  const second = await datasetWorker(page);
  expect(second).not.toBe(first);
  await second.evaluate(() => self.close());
  await expect(page.getByRole('alert')).toContainText('The analysis worker stopped (the browser ended it');
  await page.getByLabel('Upload logs').setInputFiles(file('c.csv', csv(4, 2)));
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('4');
  expect(await summaryFigure(page, 'Failures')).toBe('2');
});

test('zero-width and bidi characters in ids are shown as markers: two ids never look like one', async ({
  page,
}) => {
  const lines = ['result_code,device_id,model'];
  for (let i = 0; i < 3; i++)
    lines.push('1404,dev-7,Aurora', '1404,dev-\u200B7,Aurora', '1404,dev-8,Au\u202Erora');
  await page.goto(appUrl());
  await page.getByLabel('Upload logs').setInputFiles(file('ids.csv', `${lines.join('\n')}\n`));
  await expect.poll(() => summaryFigure(page, 'Devices')).toBe('3');

  const devices = page.getByRole('figure', { name: 'Top failing devices' });
  // the axis labels (an SVG text with the full label as its title)
  const labels = devices.locator('svg text title');
  await expect(labels).toHaveCount(3);
  expect((await labels.allTextContents()).sort()).toEqual(['dev-7', 'dev-8', 'dev-⟨U+200B⟩7']);
  await expect(devices.locator('svg')).toContainText('dev-⟨U+200B⟩7');
  // the tooltip of the bar under the pointer
  const tooltips: string[] = [];
  for (let bar = 0; bar < 3; bar++) {
    await devices.locator(CHART_BAR).nth(bar).hover();
    // each bar's tooltip names another device
    const title = page.locator('.chart-tooltip strong');
    await expect(title).toHaveCount(1);
    if (bar > 0) await expect(title).not.toHaveText(tooltips[bar - 1] as string);
    tooltips.push((await title.textContent()) ?? '');
  }
  expect(tooltips.sort()).toEqual(['dev-7', 'dev-8', 'dev-⟨U+200B⟩7']);
  const byModel = page.getByRole('figure', { name: 'Failure rate by model' });
  await expect(byModel.locator('svg')).toContainText('Au⟨U+202E⟩rora');

  await page.getByRole('tab', { name: 'Events' }).click();
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table).toContainText('dev-⟨U+200B⟩7');
  await table.getByRole('button', { name: 'dev-⟨U+200B⟩7' }).first().click();
  await expect(page.getByRole('heading', { name: 'Device history: dev-⟨U+200B⟩7' })).toBeVisible();
  expect(await page.evaluate(() => /\u200B|\u202E/.test(document.body.innerText))).toBe(false);
});
