import { CHART_BAR } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, summaryFigure, test, uploadFiles } from './dmscope-test.ts';

test('each filter and tab change is a history entry: Back undoes it, Forward redoes it, the data stays', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  const codeChip = page.getByRole('listitem').filter({ hasText: 'Code 1405' });
  const eventsTab = page.getByRole('tab', { name: 'Events' });

  await page.getByRole('figure', { name: 'Failures by result code' }).locator(CHART_BAR).first().click();
  await expect(codeChip).toBeVisible();
  await eventsTab.click();
  await expect(eventsTab).toHaveAttribute('aria-selected', 'true');

  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await expect(codeChip).toBeVisible();
  await page.goBack();
  await expect(codeChip).toHaveCount(0);
  // the figures follow the view once the worker has answered: poll, not one read
  await expect
    .poll(() => summaryFigure(page, 'Operations'), { message: 'the loaded data is still there' })
    .toBe('18');

  await page.goForward();
  await expect(codeChip).toBeVisible();
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe('3');
  await page.goForward();
  await expect(eventsTab).toHaveAttribute('aria-selected', 'true');
});

test('leaving the page with data loaded asks first; an empty page does not', async ({ page }) => {
  await page.goto(appUrl());
  const leaving = () =>
    page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
  expect(await leaving()).toBe(false);
  await uploadFiles(page, 'fleet-small.csv');
  expect(await leaving()).toBe(true);
});

test('focus lands on the next chip after removing one, and on the opener after closing device history', async ({
  page,
}) => {
  await page.goto(appUrl('#view=events&sort=device&code=1405,1502'));
  await uploadFiles(page, 'fleet-small.csv');
  await page.getByRole('button', { name: 'Remove filter Code 1405' }).click();
  await expect(page.getByRole('button', { name: 'Remove filter Code 1502' })).toBeFocused();
  await page.getByRole('button', { name: 'Remove filter Code 1502' }).click();
  const focusedTag = () => page.evaluate(() => document.activeElement?.tagName ?? 'none');
  expect(await focusedTag(), 'focus stays in the filter bar').not.toBe('BODY');
  await expect(page.getByRole('region', { name: 'Active filters' }).locator(':focus')).toHaveCount(1);

  const opener = page.getByRole('button', { name: 'dev-002' }).first();
  await opener.click();
  const history = page.getByRole('dialog', { name: /Device history/ });
  await expect(history).toContainText('attempts');
  await history.getByRole('button', { name: 'Close' }).click();
  await expect(history).toHaveCount(0);
  await expect(opener).toBeFocused();

  await opener.click();
  await expect(history).toContainText('attempts');
  await page.keyboard.press('Escape');
  await expect(history).toHaveCount(0);
  await expect(opener).toBeFocused();
});
