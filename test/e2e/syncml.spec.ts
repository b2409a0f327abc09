import { generateFile } from '../../bench/fleet-generator.ts';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

const count = (n: number) => n.toLocaleString('en-US');

test('a SyncML message log is read in the browser, its figures the generator’s ground truth', async ({
  page,
}) => {
  const { text, truth } = generateFile('syncml', { seed: 7, rows: 3000, dirty: 0.02 });
  await page.goto(appUrl());
  await page
    .getByLabel('Upload logs')
    .setInputFiles({ name: 'dm-sessions.xml', mimeType: 'application/xml', buffer: Buffer.from(text) });
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(count(truth.operations));
  expect(await summaryFigure(page, 'Failures')).toBe(count(truth.failures));
  expect(await summaryFigure(page, 'Devices')).toBe(count(truth.devices));
  expect(await summaryFigure(page, 'Rejected rows')).toBe(count(truth.rowsRejected));
});
