/**
 * The e2e `test`: every test opens the built dashboard and fails on any page error, console error or a
 * request that leaves the page's origin.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function appUrl(hash = ''): string {
  const url = process.env.DMSCOPE_E2E_URL;
  if (!url) throw new Error('DMSCOPE_E2E_URL is not set: run through playwright.config.ts (global setup)');
  return url + hash;
}

interface Guard {
  problems: string[];
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page }, use) => {
      const guard: Guard = { problems: [] };
      const origin = new URL(appUrl()).origin;
      page.on('pageerror', (error) => guard.problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') guard.problems.push(`console error: ${message.text()}`);
      });
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) guard.problems.push(`request left the origin: ${url}`);
      });
      await use(guard);
      expect(guard.problems, 'page errors, console errors or off-origin requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The Summary landmark's figure for a term, read the way DESIGN.md promises: the <dd> after its <dt>. */
export async function summaryFigure(page: Page, term: string): Promise<string> {
  const summary = page.getByRole('region', { name: 'Summary' });
  const dd = summary
    .locator('dt', { hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
  return (await dd.textContent())?.trim() ?? '';
}

const count = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** The Summary's figures a ground truth gives (bench/fleet-generator.ts). */
export interface Figures {
  operations: number;
  successes: number;
  failures: number;
  unrecognized: number;
  devices: number;
  failingDevices: number;
  rowsRejected: number;
}

/** What the Summary must read for a ground truth: DESIGN.md's terms, en-US thousands separators. */
function expectedSummary(t: Figures): [string, string][] {
  return [
    ['Operations', count.format(t.operations)],
    ['Successes', count.format(t.successes)],
    ['Failures', count.format(t.failures)],
    ['Failure rate', percent.format(t.operations === 0 ? 0 : t.failures / t.operations)],
    ['Unrecognized codes', count.format(t.unrecognized)],
    ['Devices', count.format(t.devices)],
    ['Failing devices', count.format(t.failingDevices)],
    ['Rejected rows', count.format(t.rowsRejected)],
  ];
}

/** Waits until the Summary shows exactly the ground truth's figures. */
export async function expectSummary(page: Page, truth: Figures): Promise<void> {
  for (const [term, figure] of expectedSummary(truth)) {
    await expect.poll(() => summaryFigure(page, term), { message: term }).toBe(figure);
  }
}

export async function uploadFiles(page: Page, ...names: string[]): Promise<void> {
  await page.getByLabel('Upload logs').setInputFiles(names.map((n) => join(FIXTURES, n)));
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
}

/** A box on the page and the text it holds (for the message of a failed layout check). */
export interface TextBox {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Each box lies inside the screen's width and overlaps no other (by more than a pixel). */
export function expectInsideAndApart(boxes: readonly TextBox[], width: number): void {
  for (const [i, a] of boxes.entries()) {
    expect(a.left, a.text).toBeGreaterThanOrEqual(0);
    expect(a.right, a.text).toBeLessThanOrEqual(width);
    for (const b of boxes.slice(i + 1)) {
      const overlap =
        a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
    }
  }
}
