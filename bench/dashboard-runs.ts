/** One load of a file in the dashboard, in its own browser context: load time, memory, figures shown. */

import type { Browser, BrowserContext, Page } from '@playwright/test';
import { CHART_BAR } from '../src/app/charts/chart-selectors.ts';
import {
  armLoad,
  awaitLoad,
  datasetBytes,
  type LoadTiming,
  measureUaMemory,
  NAME_SHIM,
  readSummary,
  withTimeout,
} from './app-probes.ts';
import { log, sleep } from './bench-common.ts';
import { countFormat, type DataFile } from './bench-data.ts';
import {
  descendants,
  type ProcFilter,
  processInfo,
  readTree,
  renderers,
  type SamplerResult,
  startSampler,
  withoutRenderers,
} from './proc-memory.ts';
import type { AppRun, BenchResults, MemoryResult } from './results.ts';

async function gcEverywhere(page: Page): Promise<void> {
  const expr = 'typeof gc === "function" ? (gc(), true) : false';
  await page.evaluate(expr).catch(() => false);
  for (const worker of page.workers()) await worker.evaluate(expr).catch(() => false);
}

export function medianOrNull(values: readonly (number | null)[]): number | null {
  const seen = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return seen.length === 0 ? null : (seen[Math.floor(seen.length / 2)] as number);
}

function median3(read: () => number): Promise<number> {
  return (async () => {
    const values: number[] = [];
    for (let i = 0; i < 3; i++) {
      values.push(read());
      await sleep(50);
    }
    return values.sort((a, b) => a - b)[1] as number;
  })();
}

/** Where the dashboard is served and how its pages are opened; notes what each page opened saw. */
export interface AppPages {
  url: string;
  /** Page time at which the view warm-up was done, per page opened (see WATCH_WARM_UP); null: not seen in 5 s. */
  warmUpDoneMs: (number | null)[];
}

/**
 * Page side, before the app runs: notes when the view warm-up's off-screen drawing (src/app/view-warm-up.tsx)
 * leaves the page, in page time.
 */
const WATCH_WARM_UP = `globalThis.__dmscopeWarmUp = {};
new MutationObserver(() => {
  const w = globalThis.__dmscopeWarmUp;
  const host = document.querySelector('.warm-up-host');
  if (host !== null) w.seen = true;
  else if (w.seen && w.doneMs === undefined) w.doneMs = performance.now();
}).observe(document, { childList: true, subtree: true });`;

async function newAppPage(browser: Browser, app: AppPages) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: NAME_SHIM });
  await context.addInitScript({ content: WATCH_WARM_UP });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const fetched: string[] = [];
  page.on('response', (r) => fetched.push(r.url()));
  await withTimeout(page.goto(app.url, { waitUntil: 'load' }), 30_000, 'opening the dashboard');
  await page.getByLabel('Upload logs').waitFor({ state: 'attached', timeout: 15_000 });
  // A user takes a few seconds to pick a file; by then the page has drawn its charts once off screen
  // (the view warm-up, ~1 s after it opens). Wait for that, so no run measures it competing with the load.
  const done = await page
    .waitForFunction(
      () => (globalThis as unknown as { __dmscopeWarmUp: { doneMs?: number } }).__dmscopeWarmUp.doneMs,
      null,
      { timeout: 5000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>)
    .catch(() => null);
  app.warmUpDoneMs.push(done);
  await sleep(500); // the worker starts, fonts and styles settle
  return { context, page, pageErrors, fetched, crashed: () => crashed };
}

interface AppLoad {
  run: AppRun;
  figures: Record<string, string> | null;
  page: Page | null;
  context: BrowserContext | null;
  crashed: () => boolean;
  /** Every URL the page fetched before the file was chosen. */
  startupFetches: string[];
}

export async function loadInApp(
  browser: Browser,
  app: AppPages,
  data: DataFile,
  timeoutMs: number,
): Promise<AppLoad> {
  const pidsBefore = new Set(descendants(process.pid));
  // Count this page's renderer, not the anchors page's or a closed page's that is still exiting.
  const keep = withoutRenderers(renderers(process.pid));
  const run: AppRun = {
    ms: null,
    summaryMs: null,
    chartsMs: null,
    nodeMs: null,
    firstProgressMs: null,
    firstFiguresMs: null,
    partialShown: false,
    progressUpdates: 0,
    charts: 0,
    memory: null,
    error: null,
    pageErrors: [],
  };
  let opened: Awaited<ReturnType<typeof newAppPage>>;
  try {
    opened = await newAppPage(browser, app);
  } catch (e) {
    run.error = `could not open the dashboard: ${(e as Error).message.split('\n')[0]}`;
    return { run, figures: null, page: null, context: null, crashed: () => false, startupFetches: [] };
  }
  const { context, page, pageErrors, fetched, crashed } = opened;
  let startupFetches: string[] = [];
  let sampler: ReturnType<typeof startSampler> | null = null;
  let baseline = 0;
  try {
    const before = await memoryBefore(page, keep);
    baseline = before.rssBytes;
    const expectedOps = countFormat.format(data.truth.operations);
    await page.evaluate(armLoad, { expectedOps, timeoutMs, bar: CHART_BAR });
    startupFetches = [...fetched];
    sampler = startSampler(process.pid, 50, keep);
    const started = performance.now();
    await page.getByLabel('Upload logs').setInputFiles(data.path, { timeout: 60_000 });
    let timing: LoadTiming;
    try {
      timing = await awaitLoad(page, timeoutMs);
    } finally {
      run.nodeMs = performance.now() - started;
    }
    const sampled = sampler.stop();
    sampler = null;
    Object.assign(run, {
      ms: timing.ms,
      summaryMs: timing.summaryMs,
      chartsMs: timing.chartsMs,
      firstProgressMs: timing.firstProgressMs,
      firstFiguresMs: timing.firstFiguresMs,
      partialShown: timing.partialShown,
      progressUpdates: timing.progressUpdates,
      charts: timing.charts,
    });
    if (timing.alert !== null) run.error = `the dashboard showed an alert: ${timing.alert}`;
    else if (timing.timedOut) run.error = `no Summary and charts within ${Math.round(timeoutMs / 1000)} s`;
    const figures = await page.evaluate(readSummary);
    run.memory = await memoryAfter(page, keep, pidsBefore, before, sampled);
    run.pageErrors = pageErrors;
    return { run, figures, page, context, crashed, startupFetches };
  } catch (e) {
    run.error = crashed() ? 'the page crashed' : ((e as Error).message.split('\n')[0] ?? 'failed');
    if (sampler !== null) run.failedPeakDeltaRssBytes = sampler.stop().peakRssBytes - baseline;
    run.pageErrors = pageErrors;
    return { run, figures: null, page, context, crashed, startupFetches };
  }
}

/** What the browser holds before the file is chosen, after a GC: the baseline of every memory figure. */
async function memoryBefore(page: Page, keep: ProcFilter) {
  await gcEverywhere(page);
  const ua = await withTimeout(page.evaluate(measureUaMemory), 30_000, 'measuring memory');
  await sleep(300);
  const rssBytes = await median3(() => readTree(process.pid, keep).total.rssBytes);
  const tree = readTree(process.pid, keep).total;
  return { ua, rssBytes, tree };
}

/** The load's memory: its peak (sampled while it ran) and what it holds after a GC, over the baseline. */
async function memoryAfter(
  page: Page,
  keep: ProcFilter,
  pidsBefore: ReadonlySet<number>,
  before: Awaited<ReturnType<typeof memoryBefore>>,
  sampled: SamplerResult,
): Promise<MemoryResult> {
  const rendererPids = descendants(process.pid).filter((p) => !pidsBefore.has(p));
  const rendererHwm = Math.max(
    0,
    ...rendererPids
      .map(processInfo)
      .filter((p) => p !== null && p.type === 'renderer')
      .map((p) => p?.hwmBytes ?? 0),
  );
  const bytes = await page.evaluate(datasetBytes);
  await gcEverywhere(page);
  const uaAfter = await withTimeout(page.evaluate(measureUaMemory), 30_000, 'measuring memory');
  await sleep(300);
  const held = await median3(() => readTree(process.pid, keep).total.rssBytes);
  const heldTree = readTree(process.pid, keep).total;
  const baseline = before.rssBytes;
  return {
    baselineRssBytes: baseline,
    peakRssBytes: sampled.peakRssBytes,
    peakDeltaRssBytes: sampled.peakRssBytes - baseline,
    peakDeltaAnonBytes: sampled.peakAnonBytes - before.tree.anonBytes,
    heldDeltaRssBytes: held - baseline,
    heldDeltaAnonBytes: heldTree.anonBytes - before.tree.anonBytes,
    rendererHwmBytes: rendererHwm > 0 ? rendererHwm : null,
    uaBeforeBytes: before.ua.bytes,
    uaAfterBytes: uaAfter.bytes,
    uaWorkerAfterBytes: uaAfter.workerBytes,
    uaNote: uaAfter.note,
    datasetBytes: bytes,
    peakDeltaByType: deltaByType(sampled.peakRssByType, before.tree.rssByType),
    heldDeltaByType: deltaByType(heldTree.rssByType, before.tree.rssByType),
    samples: sampled.samples.length,
    maxSampleGapMs: Math.round(sampled.maxGapMs),
  };
}

function deltaByType(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of new Set([...Object.keys(now), ...Object.keys(before)]))
    out[t] = (now[t] ?? 0) - (before[t] ?? 0);
  return out;
}

/**
 * The dashboard on a 1,000-row file: what a drawn dashboard costs in memory whatever the data (charts,
 * tables, the lazily loaded chunks, raster tiles), to tell apart from what the dataset costs. Also warms
 * the browser up.
 */
export async function referenceLoad(
  browser: Browser,
  app: AppPages,
  data: DataFile,
): Promise<BenchResults['uiReference']> {
  log(`reference: the dashboard on ${data.rows.toLocaleString('en-US')} rows`);
  const load = await loadInApp(browser, app, data, 60_000);
  await load.context?.close().catch(() => undefined);
  await sleep(500);
  const m = load.run.memory;
  return {
    rows: data.rows,
    ms: load.run.ms,
    summaryMs: load.run.summaryMs,
    chartsMs: load.run.chartsMs,
    peakDeltaRssBytes: m?.peakDeltaRssBytes ?? null,
    heldDeltaRssBytes: m?.heldDeltaRssBytes ?? null,
    heldDeltaByType: m?.heldDeltaByType ?? null,
  };
}
