/** Interactions in a loaded dashboard, timed in page time: filters, cross-filters, scrolling the table. */

import type { Page } from '@playwright/test';
import { CHART_BAR } from '../src/app/charts/chart-selectors.ts';
import { armChange, awaitChange, domQuiet, readSummary, scrollToLast, withTimeout } from './app-probes.ts';
import { log, sleep } from './bench-common.ts';
import { type Latency, latency, type SizeResult, stat } from './results.ts';

export const FILTER_ROUNDS = 10; // × (add + remove) = 20 filter and 20 cross-filter interactions
export const CLICK_TIMEOUT = 10_000;
export const CHANGE_TIMEOUT = 15_000;
/**
 * How long a click holds the button down, as a hand does (Playwright's default is none). A press focuses a
 * bar (roving focus); a chart that redrew its bars then lost the click, and only a held press showed it.
 */
export const PRESS_MS = 80;
/** How long the page must go without a DOM change before the bench reads the bars and clicks one. */
const QUIET_MS = 150;

async function chipsAndOps(page: Page): Promise<{ ops: string; chips: number }> {
  const figures = await page.evaluate(readSummary);
  const chips = await page.locator('section[aria-label="Active filters"] li.chip').count();
  return { ops: figures.Operations ?? '', chips };
}

/** Clicks (or calls `act`) and times, in page time, until the Summary and the chips show the result. */
async function timedChange(
  page: Page,
  act: () => Promise<void>,
  want: { chips: number; expectOps: string | null },
): Promise<{ ms: number | null; ops: string | null; longTaskMs: number | null }> {
  const before = await chipsAndOps(page);
  await page.evaluate(armChange, {
    prevOps: before.ops,
    expectOps: want.expectOps,
    chips: want.chips,
    timeoutMs: CHANGE_TIMEOUT,
  });
  try {
    await act();
  } catch (e) {
    // The page-side wait ends on its own timeout; the next armChange replaces it. Playwright's call log
    // says why (not visible, another element would receive the click, …): its last line goes to the log.
    const lines = (e as Error).message.split('\n').filter((l) => l.trim() !== '');
    log(
      `  interaction failed: ${lines[0]}${lines.length > 1 ? ` (${lines[lines.length - 1]?.trim()})` : ''}`,
    );
    return { ms: null, ops: null, longTaskMs: null };
  }
  const r = await awaitChange(page, CHANGE_TIMEOUT);
  if (r.timedOut) {
    log(
      r.clicked
        ? `  the Summary and chips did not show the change in ${CHANGE_TIMEOUT / 1000} s (the click hit ${r.clickTarget})`
        : '  the click reached the element but the page saw no click event (the press and the release were on different elements)',
    );
  }
  return { ms: r.ms, ops: r.operations, longTaskMs: r.longTaskMs };
}

/**
 * The views drawn with the current figures (the charts redraw just after the Summary, deferred), and the
 * page still for a moment, as a person looks before clicking: a late answer redraws charts too.
 */
async function settled(page: Page): Promise<void> {
  await page.locator('#views[aria-busy="false"]').waitFor({ timeout: CHANGE_TIMEOUT });
  await page.evaluate(domQuiet, { quietMs: QUIET_MS, timeoutMs: 3000 });
}

function chart(page: Page, title: RegExp) {
  return page.locator('figure.chart-card').filter({ has: page.locator('h2', { hasText: title }) });
}

/** Clickable bars of a chart (a bar narrower than 2 px is not something a person clicks). */
async function wideBars(page: Page, title: RegExp) {
  const bars = chart(page, title).locator(CHART_BAR);
  const n = await bars.count();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const box = await bars.nth(i).boundingBox();
    if (box !== null && box.width >= 2 && box.height >= 2) out.push(i);
  }
  return { bars, indices: out };
}

/**
 * 10 rounds of: click a bar of "Failure rate by <dimension>" (filter), click a bar of "Failures by result
 * code" (cross-filter on top of it), remove the code chip (cross-filter), remove the dimension chip (filter).
 */
export async function filterLatency(
  page: Page,
  total: string,
): Promise<{ filter: Latency; crossFilter: Latency }> {
  type Sample = { ms: number | null; longTaskMs: number | null; add: boolean };
  const filter: Sample[] = [];
  const cross: Sample[] = [];
  const clickOpts = { timeout: CLICK_TIMEOUT, delay: PRESS_MS };
  for (let round = 0; round < FILTER_ROUNDS; round++) {
    await settled(page);
    const dims = await wideBars(page, /^Failure rate by /);
    const dimIndex = dims.indices[round % Math.max(1, dims.indices.length)];
    if (dimIndex === undefined) break;
    const a = await timedChange(page, () => dims.bars.nth(dimIndex).click(clickOpts), {
      chips: 1,
      expectOps: null,
    });
    filter.push({ ...a, add: true });
    if (a.ops === null) break;
    await settled(page);
    const codes = await wideBars(page, /^Failures by result code/);
    const codeIndex = codes.indices[round % Math.max(1, Math.min(5, codes.indices.length))];
    if (codeIndex !== undefined) {
      const b = await timedChange(page, () => codes.bars.nth(codeIndex).click(clickOpts), {
        chips: 2,
        expectOps: null,
      });
      cross.push({ ...b, add: true });
      const removeCode = page.locator(
        'section[aria-label="Active filters"] button[aria-label^="Remove filter Code "]',
      );
      const c = await timedChange(page, () => removeCode.first().click(clickOpts), {
        chips: 1,
        expectOps: a.ops,
      });
      cross.push({ ...c, add: false });
    }
    const removeAll = page.locator('section[aria-label="Active filters"] button.chip-remove');
    const d = await timedChange(page, () => removeAll.first().click(clickOpts), {
      chips: 0,
      expectOps: total,
    });
    filter.push({ ...d, add: false });
    if (d.ops !== total) break;
  }
  const summarize = (xs: Sample[]): Latency => {
    const longTaskMs = xs.map((x) => x.longTaskMs);
    return {
      ...latency(xs.map((x) => x.ms)),
      addMedianMs: stat(xs.filter((x) => x.add).map((x) => x.ms)).median,
      removeMedianMs: stat(xs.filter((x) => !x.add).map((x) => x.ms)).median,
      longTaskMs,
      longTaskMedianMs: stat(longTaskMs).median,
    };
  };
  return { filter: summarize(filter), crossFilter: summarize(cross) };
}

export async function scrollLatency(page: Page, rows: number): Promise<SizeResult['app']['scroll']> {
  const expectedRowIndex = rows + 1; // aria-rowindex counts the header row as 1
  await page.getByRole('tab', { name: 'Events' }).click({ timeout: CLICK_TIMEOUT });
  const scroller = page.locator('section[aria-label="Event list, scrollable"]');
  await scroller.locator('tbody tr[aria-rowindex="2"]:not(.is-loading)').waitFor({ timeout: CHANGE_TIMEOUT });
  await sleep(200);
  const r = await withTimeout(
    page.evaluate(scrollToLast, { rowIndex: expectedRowIndex, timeoutMs: CHANGE_TIMEOUT }),
    CHANGE_TIMEOUT + 5000,
    'scrolling to the last row',
  );
  return {
    ms: r.ms,
    lastRowIndex: r.lastRowIndex,
    expectedRowIndex,
    reached: r.lastRowIndex === expectedRowIndex,
    lastRowText: r.lastRowText?.slice(0, 160) ?? null,
  };
}
