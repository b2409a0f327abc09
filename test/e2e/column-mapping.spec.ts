import { appUrl, expect, summaryFigure, test, uploadFiles } from './dmscope-test.ts';

const NO_CODES = [
  'at,unit,model,reading',
  '2024-05-01T08:00:00Z,u1,X100,fine',
  '2024-05-01T09:00:00Z,u2,X200,broken',
  '2024-05-01T10:00:00Z,u3,X100,fine',
].join('\n');

test('a file refused for want of a code column gets the mapping panel, and a column picked there loads it', async ({
  page,
}) => {
  await page.goto(appUrl());
  await page.getByLabel('Upload logs').setInputFiles({
    name: 'no-codes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${NO_CODES}\n`),
  });
  await expect(page.getByRole('alert')).toContainText('no result-code column');
  const form = page.getByRole('form', { name: 'Column mapping' });
  await expect(form).toBeVisible();
  await form.getByLabel('Result code column').selectOption('reading');
  await form.getByRole('button', { name: /Re-read/ }).click();
  // every row's "code" is a word: all rejected, and said so loudly
  await expect(page.getByRole('alert')).toContainText(/every row was rejected/i);
  expect(await summaryFigure(page, 'Failure rate')).not.toBe('0.0%');
});

test('remapping the code to a text column rejects every row: a loud alert, never a calm 0.0%', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  await page.getByText(/^Column mapping/).click();
  const form = page.getByRole('form', { name: 'Column mapping' });
  await form.getByLabel('Result code column').selectOption('model');
  await form.getByRole('button', { name: /Re-read/ }).click();
  await expect(page.getByRole('alert')).toContainText(/every row was rejected/i);
  await expect(page.getByRole('alert')).toContainText('model');
  expect(await summaryFigure(page, 'Failure rate')).not.toBe('0.0%');
});
