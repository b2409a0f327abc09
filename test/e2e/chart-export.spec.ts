import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { CHART_BAR } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, test, uploadFiles } from './dmscope-test.ts';

async function download(page: Page, name: string): Promise<{ path: string; filename: string }> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name }).click();
  const file = await downloadPromise;
  return { path: await file.path(), filename: file.suggestedFilename() };
}

/** A PNG's width and height from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('a chart with a legend exports the chart itself, with its title, legend, filters, files and time range', async ({
  page,
}) => {
  await page.goto(appUrl('#code=1405'));
  await uploadFiles(page, 'fleet-small.csv');
  const title = 'Failures over time';
  const figure = page.getByRole('figure', { name: title });
  await expect(figure.locator(CHART_BAR).first()).toBeVisible();

  const svgFile = await download(page, `Download ${title} as SVG`);
  expect(svgFile.filename).toBe('failures-over-time.svg');
  const svg = await readFile(svgFile.path, 'utf8');
  const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)?.[1]);
  expect(width, 'the exported image is the chart, not a 28 px legend swatch').toBeGreaterThan(300);
  expect(svg).toContain('chart-bar');
  expect(svg).toContain(title);
  expect(svg, 'the legend').toContain('Client error');
  expect(svg, 'the active filters').toContain('Code 1405');
  expect(svg, 'the source file').toContain('fleet-small.csv');
  expect(svg, 'the time range').toMatch(/2024-05-01 08:05.*2024-05-01 12:00/s);

  const pngFile = await download(page, `Download ${title} as PNG`);
  const png = await readFile(pngFile.path);
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(pngSize(png).width).toBeGreaterThan(600);
  expect(pngSize(png).height).toBeGreaterThan(400);
});

test('the summary JSON follows the filters, and its button says so', async ({ page }) => {
  await page.goto(appUrl('#code=1405'));
  await uploadFiles(page, 'fleet-small.csv');
  const file = await download(page, 'Download summary JSON (filtered)');
  const summary = JSON.parse(await readFile(file.path, 'utf8'));
  expect(summary.schema).toBe('dmscope.summary/1');
  expect(summary.totals).toMatchObject({ operations: 3, failures: 3 });
  expect(summary.filter).toMatchObject({ codes: [1405] });
  // the whole input is still described: the rejected rows count the files, not the selection
  expect(summary.source.rowsRejected).toBe(2);

  await page.getByRole('button', { name: 'Clear all' }).click();
  const all = JSON.parse(await readFile((await download(page, 'Download summary JSON')).path, 'utf8'));
  expect(all.totals.operations).toBe(18);
  expect(all.filter).toBeNull();
});
