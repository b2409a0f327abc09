import { strToU8, zipSync } from 'fflate';
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
