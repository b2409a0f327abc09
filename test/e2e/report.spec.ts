import { readFile } from 'node:fs/promises';
import { CHART_SURFACE } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, test, uploadFiles } from './dmscope-test.ts';

test('"Download report (HTML)" writes one self-contained file with the Summary figures, filters and charts', async ({
  page,
  browser,
}) => {
  await page.goto(appUrl('#code=1405'));
  await uploadFiles(page, 'fleet-small.csv');
  await expect(
    page.getByRole('figure', { name: 'Failures over time' }).locator(CHART_SURFACE).first(),
  ).toBeVisible();
  const summary = page.getByRole('region', { name: 'Summary' });
  const figures = await summary
    .locator('.summary-figure')
    .evaluateAll((els) =>
      els.map((el) => [el.querySelector('dt')?.textContent ?? '', el.querySelector('dd')?.textContent ?? '']),
    );
  expect(figures.length).toBeGreaterThan(5);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download report (HTML) (filtered)' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^dmscope-report-.*\.html$/);
  const html = await readFile(await file.path(), 'utf8');

  for (const [term, figure] of figures) {
    expect(html, `the Summary's ${term}`).toContain(`<dt>${term}</dt><dd>${figure}</dd>`);
  }
  expect(html, 'the filter').toContain('Code 1405');
  expect(html, 'the source file').toContain('fleet-small.csv');
  expect(html, 'the time range').toMatch(/Time range: 2024-05-01 \d\d:\d\d UTC/);
  expect(html, 'a chart, inline').toMatch(/<svg[^>]*>/);
  expect(html).toContain('chart-bar');
  expect(html, 'the rejected rows').toContain('Rejected rows: 2');
  expect(html, 'nothing to fetch: no scripts, no external links or images').not.toMatch(
    /<script|<link|\ssrc=|href="http|url\(http/i,
  );

  // opens offline: the file alone, in a fresh page that records any request it makes
  const reader = await browser.newPage();
  const requested: string[] = [];
  await reader.route('**/*', (route) => {
    requested.push(route.request().url());
    return route.abort();
  });
  await reader.setContent(html);
  await expect(reader.getByRole('heading', { name: 'dmscope report' })).toBeVisible();
  await expect(reader.locator('figure svg').first()).toBeVisible();
  expect(requested, 'the report fetches nothing').toEqual([]);
  await reader.close();
});

test('printed, the page shows the figures and the current charts whole, without its controls', async ({
  page,
}) => {
  await page.goto(appUrl());
  await uploadFiles(page, 'fleet-small.csv');
  await expect(
    page.getByRole('figure', { name: 'Failures over time' }).locator(CHART_SURFACE).first(),
  ).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Download report (HTML)' })).toBeHidden();
  await expect(page.getByRole('tablist', { name: 'Views' })).toBeHidden();
  await expect(page.getByRole('button', { name: /as SVG$/ }).first()).toBeHidden();
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  const cut = await page.locator('figure.chart-card').evaluateAll(
    (cards, surface) =>
      cards.flatMap((card) => {
        const box = card.getBoundingClientRect();
        return [...card.querySelectorAll(surface)]
          .map((svg) => svg.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1))
          .map(() => card.getAttribute('aria-labelledby'));
      }),
    CHART_SURFACE,
  );
  expect(cut, 'no chart wider than its card').toEqual([]);
  expect(await page.locator('figure.chart-card').count()).toBeGreaterThan(2);
});

test.describe('from another tab, in the browser’s zone', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  for (const tab of ['Events', 'Download triage'] as const) {
    test(`the report from the ${tab} tab holds the Overview's key charts, each with its title, legend, filters, sources and time range (UTC)`, async ({
      page,
    }) => {
      const from = '2024-05-01T09:00:00.000Z';
      const to = '2024-05-01T14:00:00.000Z';
      await page.goto(appUrl(`#code=1405,1502&from=${from}&to=${to}`));
      await page.getByLabel('Times in').selectOption('local');
      await uploadFiles(page, 'fleet-small.csv');
      const chips = page.getByRole('region', { name: 'Active filters' });
      // the chip is in the page's zone (Kolkata, UTC+5:30); files say UTC
      await expect(chips).toContainText('Time: 2024-05-01 14:30 GMT+5:30 – 2024-05-01 19:30 GMT+5:30');
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('figure', { name: 'Failures over time' })).toHaveCount(0);

      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download report (HTML) (filtered)' }).click();
      const html = await readFile(await (await downloading).path(), 'utf8');

      const figures = new Map(
        html
          .split('<figure aria-label="')
          .slice(1)
          .map((part) => [part.slice(0, part.indexOf('"')), part.slice(0, part.indexOf('</figure>'))]),
      );
      const timeRange = /Time range: 2024-05-01 \d\d:\d\d UTC – 2024-05-01 \d\d:\d\d UTC/;
      for (const title of [
        'Failures by result code',
        'Failures over time',
        'Failures by stage',
        'Top failing devices',
      ]) {
        const svg = figures.get(title);
        expect(svg, `${title}: in the report`).toBeDefined();
        expect(svg, `${title}: its title`).toContain(`>${title}<`);
        expect(svg, `${title}: a bar`).toContain('chart-bar');
        expect(svg, `${title}: the filters, the time in UTC`).toContain(
          'Filters: Code 1405 · Code 1502 · Time: 2024-05-01 09:00 UTC – 2024-05-01 14:00 UTC',
        );
        expect(svg, `${title}: the source`).toContain('Source: fleet-small.csv');
        expect(svg, `${title}: the time range`).toMatch(timeRange);
      }
      // legends: the classes and the rate line of the time chart, the series of a breakdown
      expect(figures.get('Failures over time')).toContain('Failure rate (line, right axis)');
      expect(figures.get('Failures by stage')).toContain('>Failures<');
      expect(html, 'the filters, in UTC').toContain(
        '<li>Time: 2024-05-01 09:00 UTC – 2024-05-01 14:00 UTC</li>',
      );
      expect(html, 'the top failing devices').toMatch(/<caption>Top failing devices<\/caption>/);
      expect(html, 'the rejected rows').toContain('Rejected rows: 2');
      expect(html, 'the Summary').toMatch(/<dt>Operations<\/dt><dd>\d+<\/dd>/);
      // the drawing off screen is gone
      await expect(page.locator('.report-host')).toHaveCount(0);
    });
  }
});

test('printed from another view, the paper says where the key charts are', async ({ page }) => {
  await page.goto(appUrl('#view=events'));
  await uploadFiles(page, 'fleet-small.csv');
  const note = page.getByText(/^Printed from the Events view\. The key charts and the top failing devices/);
  await expect(note).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(note).toBeVisible();
  // the rest of what a report holds is on paper too: the Summary, its rejected rows, the source, the filters
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Rejected rows');
  await expect(page.getByRole('banner')).toContainText('fleet-small.csv');
  await expect(page.getByRole('region', { name: 'Active filters' })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('figure', { name: 'Failures over time' })).toBeVisible();
  await expect(note).toHaveCount(0);
});
