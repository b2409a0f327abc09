/**
 * What the built page promises before any data: a small first download (issue 4: initial JavaScript
 * ≤ 300 KB gzip, heavier parts later: the charts once the page is drawn and idle) and a strict Content-Security-Policy that the whole
 * journey runs under without a single violation.
 */
import { gzipSync } from 'node:zlib';
import { CHART_BAR } from '../../src/app/charts/chart-selectors.ts';
import { appUrl, expect, test } from './dmscope-test.ts';

const INITIAL_JS_BUDGET = 300 * 1024;
/** A class name only the Overview's chart drawing holds (time-chart-svg.tsx). */
const CHARTS = 'time-chart-rate';

test('the empty page loads under 300 KB of gzipped JavaScript; the charts come after it is drawn', async ({
  page,
}) => {
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    const url = response.url();
    if (new URL(url).pathname.endsWith('.js') && !scripts.has(url)) scripts.set(url, response.body());
  });
  const gzipSize = async (urls: Iterable<string>) => {
    let sum = 0;
    for (const url of urls) sum += gzipSync(await (scripts.get(url) as Promise<Buffer>)).length;
    return sum;
  };
  // what the page needs to be drawn: everything fetched by its load event
  await page.goto(appUrl(), { waitUntil: 'load' });
  const initial = [...scripts.keys()];
  await expect(page.getByRole('heading', { name: /Drop device-update logs/ })).toBeVisible();
  const initialGzip = await gzipSize(initial);
  test.info().annotations.push({
    type: 'initial JavaScript',
    description: `${initial.length} files, ${(initialGzip / 1024).toFixed(1)} KB gzip`,
  });
  expect(initialGzip).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  for (const url of initial) {
    expect((await scripts.get(url))?.includes(CHARTS), `the charts in the initial ${url}`).toBe(false);
  }

  // Then, while the page waits for a file, the chart chunks arrive (the view warm-up draws them off
  // screen): everything fetched before a file is chosen still fits the budget.
  await page.waitForLoadState('networkidle');
  const holding = async (text: string) => {
    for (const url of scripts.keys()) if ((await scripts.get(url))?.includes(text)) return true;
    return false;
  };
  await expect.poll(() => holding(CHARTS)).toBe(true);
  expect(await gzipSize(scripts.keys())).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
});

test('the built page runs under a strict CSP without a violation', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await page.goto(appUrl());
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name = '', ...sources]) => [name, sources]),
  );
  // 'wasm-unsafe-eval': WebAssembly may be compiled (the row scanner), and no script may be eval'd
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get('style-src')).toEqual(["'self'"]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  // workers are files of the site; none is made from a blob: or data: URL
  expect(directives.get('worker-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  for (const [name, sources] of directives) {
    for (const source of sources) {
      const allowed = [
        "'self'",
        "'none'",
        'data:',
        'blob:',
        ...(name === 'script-src' ? ["'wasm-unsafe-eval'"] : []),
      ];
      expect(allowed, `${name} ${source}`).toContain(source);
    }
  }

  // The whole journey: sample, every view, a tooltip, a chart exported as PNG, the event table.
  await page.getByRole('button', { name: 'Try the sample' }).click();
  // the sample's rows past the mapping's sample were read by the row scanner, compiled under this CSP
  const scanned = page.getByRole('region', { name: 'Summary' });
  await expect(scanned).toHaveAttribute('data-rows-scanned', /^[1-9]\d*$/);
  const codeChart = page.getByRole('figure', { name: 'Failures by result code' });
  await codeChart.locator(CHART_BAR).first().hover();
  await expect(page.locator('.chart-tooltip-code')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Failures by stage as PNG' }).click();
  await download;
  await page.getByRole('tab', { name: 'Download triage' }).click();
  await expect(page.getByRole('figure', { name: 'Download failures by likely cause' })).toBeVisible();
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('table', { name: 'Events' }).locator('tbody tr').first()).toBeVisible();

  const violations = await page.evaluate(
    () => (window as unknown as { cspViolations: string[] }).cspViolations,
  );
  expect(violations).toEqual([]);
});
