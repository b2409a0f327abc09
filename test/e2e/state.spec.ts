/**
 * The page's state beyond the URL: saved named views across a reload, "Add files" appending with a
 * `source file` dimension, "Try the sample" asking before it replaces the user's files, and the header and
 * tabs on a phone.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  type FleetEvent,
  type GroundTruth,
  generateEvents,
  TruthTracker,
  writeCsv,
} from '../../bench/fleet-generator.ts';
import { appUrl, expect, expectInsideAndApart, summaryFigure, test, uploadFiles } from './dmscope-test.ts';

const count = new Intl.NumberFormat('en-US');

let workDir = '';

test.beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dmscope-e2e-state-'));
});

test.afterAll(async () => {
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

/**
 * A small generated fleet log written to a file (a file on disk keeps its time of last change, as a user's
 * does, so choosing it twice is choosing the same file), with its events and ground truth.
 */
async function generated(
  name: string,
  seed: number,
  rows: number,
): Promise<{ file: string; events: FleetEvent[]; truth: GroundTruth }> {
  const events = [...generateEvents({ seed, rows, dirty: 0.01, devices: 400 })];
  const { text, truth } = writeCsv(events);
  const file = join(workDir, name);
  await writeFile(file, text);
  return { file, events, truth };
}

async function expectFigures(page: Page, truth: GroundTruth): Promise<void> {
  const figures: [string, number][] = [
    ['Operations', truth.operations],
    ['Successes', truth.successes],
    ['Failures', truth.failures],
    ['Devices', truth.devices],
    ['Failing devices', truth.failingDevices],
  ];
  for (const [term, value] of figures) {
    await expect.poll(() => summaryFigure(page, term), { message: term }).toBe(count.format(value));
  }
}

test('"Add files" appends: the Summary is both files\' ground truth, and a source file filter narrows to one', async ({
  page,
}) => {
  const a = await generated('rollout-a.csv', 101, 1500);
  const b = await generated('rollout-b.csv', 202, 1000);
  // both files read as one: operations add up, devices are the union of both files' ids
  const both = new TruthTracker();
  for (const ev of [...a.events, ...b.events]) both.add(ev);
  const truth = both.result();
  expect(truth.operations).toBe(a.truth.operations + b.truth.operations);

  await page.goto(appUrl());
  await page.getByLabel('Upload logs').setInputFiles(a.file);
  await expectFigures(page, a.truth);
  await page.getByLabel('Add files').setInputFiles(b.file);
  await expectFigures(page, truth);
  await expect
    .poll(() => summaryFigure(page, 'Rejected rows'))
    .toBe(count.format(a.truth.rowsRejected + b.truth.rowsRejected));
  await expect(page.locator('.loaded-source')).toContainText('rollout-a.csv, rollout-b.csv');

  // the file each row came from is a dimension like any other
  const rateChart = page.getByRole('figure', { name: /^Failure rate by / });
  await rateChart.getByLabel('Break down by').selectOption('source file');
  await rateChart.getByText('Data table').click();
  await rateChart.getByRole('button', { name: 'Filter by source file rollout-b.csv' }).click();
  await expect(page.getByRole('region', { name: 'Active filters' })).toContainText(
    'source file: rollout-b.csv',
  );
  await expectFigures(page, b.truth);

  // the same file again is not counted twice, and the page says so
  await page.getByLabel('Add files').setInputFiles(a.file);
  await expect(page.getByRole('status').filter({ hasText: 'loaded already' })).toContainText('rollout-a.csv');
  await page.getByRole('button', { name: 'Remove filter source file: rollout-b.csv' }).click();
  await expectFigures(page, truth);

  // a file that cannot be read leaves the data as it was, and says why
  await page.getByLabel('Add files').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,age\nAda,36\n'),
  });
  const refusal = page
    .getByRole('alert')
    .filter({ hasText: 'Nothing was added; the loaded data is as it was.' });
  await expect(refusal).toContainText('people.csv');
  await expectFigures(page, truth);
});

test('a saved view is applied after a reload, warns when the data lacks its fields, and is deleted', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const all = await summaryFigure(page, 'Operations');
  await page.getByRole('tab', { name: 'Download triage' }).click();
  await page.getByRole('checkbox', { name: 'Failures only' }).check();
  const failures = await summaryFigure(page, 'Failures');
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(failures);

  const panel = page.locator('details.saved-views');
  await panel.locator('summary').click();
  await panel.getByLabel('Name of this view').fill('Failed downloads');
  await panel.getByRole('button', { name: 'Save this view' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved the view “Failed downloads”.');

  // a new visit: the data is loaded again, the view is not
  page.on('dialog', (dialog) => dialog.accept()); // leaving with data loaded asks first
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(all);
  const again = page.locator('details.saved-views');
  await again.locator('summary').click();
  await again.getByRole('button', { name: 'Apply view Failed downloads' }).click();
  await expect(page.getByRole('tab', { name: 'Download triage' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('checkbox', { name: 'Failures only' })).toBeChecked();
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(failures);
  // applying it was a history entry: Back undoes it
  await page.goBack();
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(all);
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');

  // a view on a dimension this data does not have says so instead of showing the figures of nothing
  await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('dmscope.savedViews.v1') ?? '{}');
    stored.views.push({ name: 'EU only', hash: '#d.carrier=acme', savedAt: new Date().toISOString() });
    localStorage.setItem('dmscope.savedViews.v1', JSON.stringify(stored));
    window.dispatchEvent(new StorageEvent('storage', { key: 'dmscope.savedViews.v1' }));
  });
  await expect(again.getByText('needs the dimension “carrier”')).toBeVisible();
  await again.getByRole('button', { name: 'Apply view EU only' }).click();
  await expect(again.getByRole('alert')).toHaveText(
    'The view “EU only” was not applied: it uses the dimension “carrier”, which the loaded data does not have.',
  );
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(all);

  await again.getByRole('button', { name: 'Rename view Failed downloads' }).click();
  await again.getByLabel('New name for Failed downloads').fill('Download failures');
  await again.getByLabel('New name for Failed downloads').press('Enter');
  await expect(again.getByRole('button', { name: 'Rename view Download failures' })).toBeFocused();
  await again.getByRole('button', { name: 'Delete view Download failures' }).click();
  await again.getByRole('button', { name: 'Delete view EU only' }).click();
  await expect(again.getByText('No saved views yet')).toBeVisible();
  await page.reload();
  await uploadFiles(page, 'fleet-small.csv');
  await page.locator('details.saved-views').locator('summary').click();
  await expect(page.locator('details.saved-views').getByText('No saved views yet')).toBeVisible();
});

test('stored saved views that cannot be read are ignored with a note, not a crash', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('dmscope.savedViews.v1', '{"version":1,"views":['));
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  await expect(page.locator('details.saved-views')).toHaveAttribute('open', '');
  await expect(page.getByText('damaged (not JSON) and were ignored')).toBeVisible();
});

test('"Try the sample" asks before replacing the user\'s files: Cancel keeps them, Replace loads the sample', async ({
  page,
}) => {
  await page.goto(appUrl());
  // nothing to replace: no question
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.locator('.loaded-source')).toContainText('fleet-sample.csv');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await uploadFiles(page, 'fleet-small.csv');
  await expect(page.locator('.loaded-source')).toContainText('fleet-small.csv');
  const sample = page.getByRole('button', { name: 'Try the sample' });
  await sample.click();
  const dialog = page.getByRole('dialog', { name: 'Replace the loaded data with the sample?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('fleet-small.csv');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(sample).toBeFocused();
  await expect(page.locator('.loaded-source')).toContainText('fleet-small.csv');

  // Escape cancels too
  await sample.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.loaded-source')).toContainText('fleet-small.csv');

  await sample.click();
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(page.locator('.loaded-source')).toContainText('fleet-sample.csv');
  await expect(page.locator('.loaded-source')).not.toContainText('fleet-small.csv');
});

/** The boxes of the elements, each inside the screen's width, none over another. */
async function expectApartOnScreen(page: Page, selector: string, width: number): Promise<void> {
  const boxes = await page.locator(selector).evaluateAll((elements) =>
    elements
      .map((el) => ({ text: el.textContent?.trim() ?? '', box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .map(({ text, box }) => ({ text, left: box.left, right: box.right, top: box.top, bottom: box.bottom })),
  );
  expect(boxes.length).toBeGreaterThan(0);
  expectInsideAndApart(boxes, width);
}

test('at 390 px the header keeps the primary action in view, the rest behind "More actions", and every tab shows', async ({
  page,
}) => {
  const width = 390;
  await page.setViewportSize({ width, height: 844 });
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const header = page.locator('header');
  const headerBox = await header.boundingBox();
  const summaryBox = await page.getByRole('region', { name: 'Summary' }).boundingBox();
  // the figures start within the first screen, not below a stack of buttons
  expect(headerBox?.height ?? 999).toBeLessThan(140);
  expect(summaryBox?.y ?? 999).toBeLessThan(300);
  await expect(page.getByRole('button', { name: 'Download events CSV' })).toBeHidden();
  const more = page.getByRole('button', { name: 'More actions' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expectApartOnScreen(page, 'header .button, header h1', width);

  // keyboard: the disclosure opens, its controls are reachable, Escape closes it and returns focus
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Download events CSV' })).toBeVisible();
  await expectApartOnScreen(page, 'header .button, header .zone-switch, header h1', width);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Add files')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'false');

  // every tab's box on the screen without scrolling the tab row, none over another
  await expectApartOnScreen(page, '[role="tab"]', width);
  const tabRow = page.getByRole('tablist', { name: 'Views' });
  const hidden = await tabRow.evaluate((row) => row.scrollWidth - row.clientWidth);
  expect(hidden, 'no tab hidden past the end of the tab row').toBeLessThanOrEqual(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(width);
});

/**
 * The header at a phone's, a tablet's and a laptop's width, light and dark, closed and open, for a person to
 * look at: `DMSCOPE_SHOTS_DIR=/tmp/shots npx playwright test state` (skipped otherwise).
 */
const SHOTS_DIR = process.env.DMSCOPE_SHOTS_DIR;
for (const width of [390, 768, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`header screenshots at ${width} px, ${colorScheme}`, async ({ page }) => {
      test.skip(SHOTS_DIR === undefined, 'set DMSCOPE_SHOTS_DIR to take screenshots');
      const dir = SHOTS_DIR ?? '';
      await mkdir(dir, { recursive: true });
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await page.goto(appUrl());
      await page.screenshot({ path: join(dir, `header-${width}-${colorScheme}-empty.png`) });
      await uploadFiles(page, 'fleet-small.csv');
      await page.getByRole('tab', { name: 'Overview' }).waitFor();
      await page.screenshot({ path: join(dir, `header-${width}-${colorScheme}-loaded.png`) });
      const more = page.getByRole('button', { name: 'More actions' });
      if (await more.isVisible()) {
        await more.click();
        await page.screenshot({ path: join(dir, `header-${width}-${colorScheme}-more.png`) });
        await more.click();
      }
      await page.getByRole('tab', { name: 'Events' }).click();
      await page.screenshot({ path: join(dir, `header-${width}-${colorScheme}-events.png`) });
      await page.locator('details.saved-views').locator('summary').click();
      if (await more.isVisible()) await more.click();
      await page.getByRole('button', { name: 'Try the sample' }).click();
      await page.screenshot({ path: join(dir, `header-${width}-${colorScheme}-dialog.png`) });
    });
  }
}
