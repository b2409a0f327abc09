/**
 * `npm run bench`: how fast and how lean the dashboard is on big fleet logs, next to anchors measured in the
 * same browser on the same File — PapaParse alone, a bare streaming line scan (the floor) and DuckDB-WASM —
 * and the CLI on the same file. Prints a table, writes bench/results.json, and with --readme rewrites the
 * README's "Performance" section. It reports; it asserts no timing. It exits non-zero only when the
 * dashboard's or the CLI's figures differ from the generator's ground truth, or the dashboard fails to load.
 *
 *   npm run bench                       # 100k and 1M rows
 *   npm run bench -- --10m              # and 10M rows (~1.2 GB)
 *   npm run bench -- --big-json         # and an NDJSON and a JSON-array file of 2.5M rows, ~620 MB each
 *   npm run bench -- --sizes= --big-json --keep --out bench/out/big-json.json   # the JSON files alone
 *   npm run bench -- --sizes 100k --runs 1 --keep --readme
 *
 * --big-json: each file is longer as text than V8's longest string (0x1fffffe8 UTF-16 code units, ~512 MB),
 * so it loads only if the JSON reader never holds the whole file as one string. They are loaded like the
 * CSV files (Summary + charts timed, figures checked against the ground truth, memory, filters, scrolling,
 * the CLI), once each; the anchors read CSV, so they are skipped. Not in the default run: generating and
 * loading them takes minutes and ~1.25 GB of disk in bench/data/.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { stat as fileStat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import type { AnchorKind, AnchorRun } from './anchors/anchors.ts';
import {
  armChange,
  armLoad,
  awaitChange,
  awaitLoad,
  datasetBytes,
  type LoadTiming,
  measureUaMemory,
  NAME_SHIM,
  readSummary,
  scrollToLast,
  withTimeout,
} from './app-probes.ts';
import { serveRoots } from './bench-server.ts';
import type { GroundTruth } from './fleet-generator.ts';
import { parseArgs as parseGenerateArgs, runGenerate } from './generate-cli.ts';
import {
  descendants,
  type ProcFilter,
  processInfo,
  readTree,
  renderers,
  startSampler,
  withoutRenderers,
} from './proc-memory.ts';
import {
  type AnchorResult,
  type AppRun,
  type BenchFormat,
  type BenchResults,
  type CliRun,
  type InitialJs,
  type Latency,
  latency,
  MAX_STRING_LENGTH,
  type MemoryResult,
  renderJsLine,
  renderMachine,
  renderNotes,
  renderReadmeSection,
  renderReferenceLine,
  renderTable,
  replaceReadmeSection,
  type SizeResult,
  stat,
} from './report.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = join(ROOT, 'bench', 'data');
/** The generator's seed (--seed): another seed is another fleet, a file the dashboard has not seen. */
let seed = 1;
const MB = 1e6;
/** A file small enough that loading it costs only what drawing the dashboard costs. */
const REFERENCE_ROWS = 1000;
const FILTER_ROUNDS = 10; // × (add + remove) = 20 filter and 20 cross-filter interactions
const CLICK_TIMEOUT = 10_000;
const CHANGE_TIMEOUT = 15_000;
/** --big-json: ~250 bytes a row as JSON, so ~620 MB a file, ~16 % longer than the engine's longest string. */
const BIG_JSON_ROWS = 2_500_000;

const USAGE = `usage: npm run bench -- [--sizes 100k,1m] [--10m] [--big-json] [--runs N] [--keep] [--readme] [--no-isolation]
  --sizes LIST     CSV row counts to run, e.g. 100k,1m,250000 (default 100k,1m; --sizes= for none)
  --10m            add 10M rows (~1.2 GB)
  --big-json       add an NDJSON and a JSON-array file of 2.5M rows (~620 MB each, longer as text than the
                   engine's longest string, ~512 MB), run once each, without the (CSV) anchors
  --runs N         load-time runs per size, median reported (default 3; sizes ≥ 5M rows run once)
  --keep           keep the generated files in bench/data/ and reuse them next time
  --readme         rewrite the "Performance" section of README.md with this run's table
  --no-isolation   serve without COOP/COEP (no measureUserAgentSpecificMemory)
  --no-cli         skip the CLI measurement
  --seed N         the generator's seed (default 1): another seed is another fleet log, one the dashboard
                   has not been tuned on
  --out FILE       where to write the results (default bench/results.json)
  --from FILE      measure nothing: print the table of a results file (with --readme, into README.md)`;

interface Options {
  sizes: number[];
  bigJson: boolean;
  runs: number;
  keep: boolean;
  readme: boolean;
  isolated: boolean;
  cli: boolean;
  seed: number;
  out: string;
  from: string | null;
}

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  const unit = (m[2] ?? '').toLowerCase();
  return Math.round(Number(m[1]) * (unit === 'm' ? 1e6 : unit === 'k' ? 1e3 : 1));
}

function sizeLabel(rows: number): string {
  return rows >= 1e6 && rows % 1e5 === 0
    ? `${rows / 1e6}m`
    : rows >= 1e3 && rows % 1e3 === 0
      ? `${rows / 1e3}k`
      : String(rows);
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    sizes: [100_000, 1_000_000],
    bigJson: false,
    runs: 3,
    keep: false,
    readme: false,
    isolated: true,
    cli: true,
    seed: 1,
    out: join(ROOT, 'bench', 'results.json'),
    from: null,
  };
  let add10m = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--sizes') o.sizes = value().split(',').filter(Boolean).map(parseSize);
    else if (flag === '--10m') add10m = true;
    else if (flag === '--big-json') o.bigJson = true;
    else if (flag === '--runs') o.runs = Math.max(1, Math.floor(Number(value())) || 1);
    else if (flag === '--keep') o.keep = true;
    else if (flag === '--readme') o.readme = true;
    else if (flag === '--no-isolation') o.isolated = false;
    else if (flag === '--no-cli') o.cli = false;
    else if (flag === '--out') o.out = resolve(value());
    else if (flag === '--seed') o.seed = Math.floor(Number(value())) || 1;
    else if (flag === '--from') o.from = resolve(value());
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument: ${flag}\n${USAGE}`);
  }
  if (add10m && !o.sizes.includes(10_000_000)) o.sizes.push(10_000_000);
  return o;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

// ---- data ------------------------------------------------------------------------------------------------

/** A FILE.truth.json as the generator writes it (truthToJSON): the ground truth, byCode as an object. */
type Truth = Omit<GroundTruth, 'byCode' | 'rejectedLines'> & {
  byCode: Record<string, number>;
  options?: { format?: string; generator?: { rows?: number; seed?: number } };
};

interface DataFile {
  rows: number;
  format: BenchFormat;
  label: string;
  path: string;
  bytes: number;
  truth: Truth;
}

async function ensureData(rows: number, keep: boolean, format: BenchFormat = 'csv'): Promise<DataFile> {
  await mkdir(DATA_DIR, { recursive: true });
  const label = format === 'csv' ? sizeLabel(rows) : `${sizeLabel(rows)}-${format}`;
  const path = join(DATA_DIR, `fleet-${sizeLabel(rows)}-seed${seed}.${format}`);
  const truthPath = `${path}.truth.json`;
  if (keep && existsSync(path) && existsSync(truthPath)) {
    const truth = JSON.parse(await readFile(truthPath, 'utf8')) as Truth;
    const o = truth.options;
    if (o?.format === format && o.generator?.rows === rows && o.generator.seed === seed) {
      log(`reusing ${relative(ROOT, path)}`);
      return { rows, format, label, path, bytes: (await fileStat(path)).size, truth };
    }
  }
  log(`generating ${rows.toLocaleString('en-US')} rows → ${relative(ROOT, path)}`);
  const args = ['--rows', String(rows), '--seed', String(seed), '--format', format, '--out', path];
  const result = await runGenerate(parseGenerateArgs(args));
  const truth = JSON.parse(await readFile(result.truthFile, 'utf8')) as Truth;
  return { rows, format, label, path, bytes: result.bytes, truth };
}

/**
 * The file's length as text: the UTF-16 code units a JS string of it would hold (a UTF-8 sequence is one
 * unit, a 4-byte one two), to set against the engine's longest string.
 */
async function textLength(path: string): Promise<number> {
  const { createReadStream } = await import('node:fs');
  let units = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
    }
  }
  return units;
}

/** Reads the file once so every contender starts from the page cache, not the disk. */
async function warmPageCache(path: string): Promise<void> {
  const { createReadStream } = await import('node:fs');
  for await (const _ of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    // discard
  }
}

const countFormat = new Intl.NumberFormat('en-US');
const percentFormat = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** The Summary's figures as the dashboard must show them for this ground truth. */
function expectedFigures(t: Truth): Record<string, string> {
  return {
    Operations: countFormat.format(t.operations),
    Successes: countFormat.format(t.successes),
    Failures: countFormat.format(t.failures),
    'Failure rate': percentFormat.format(t.operations > 0 ? t.failures / t.operations : 0),
    'Unrecognized codes': countFormat.format(t.unrecognized),
    Devices: countFormat.format(t.devices),
    'Failing devices': countFormat.format(t.failingDevices),
    'Rejected rows': countFormat.format(t.rowsRejected),
  };
}

function compareFigures(expected: Record<string, string>, shown: Record<string, string>): string[] {
  return Object.entries(expected)
    .filter(([term, figure]) => shown[term] !== figure)
    .map(([term, figure]) => `${term}: shown ${JSON.stringify(shown[term] ?? null)}, truth ${figure}`);
}

function sameCodes(a: Record<string, number> | null, b: Record<string, number>): boolean | null {
  if (a === null) return null;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}

// ---- builds ----------------------------------------------------------------------------------------------

async function buildAll(outRoot: string): Promise<{ app: string; anchors: string }> {
  const app = join(outRoot, 'app');
  const anchors = join(outRoot, 'anchors');
  log('building the dashboard (vite build)');
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: app, emptyOutDir: true } });
  log('building the anchors page');
  await build({
    root: join(ROOT, 'bench', 'anchors'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: anchors, emptyOutDir: true, target: 'es2023', chunkSizeWarningLimit: 100_000 },
  });
  return { app, anchors };
}

async function jsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js')) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 6 }).length;
}

async function initialJs(appDir: string, startupUrls: string[], appUrl: string): Promise<InitialJs> {
  const html = await readFile(join(appDir, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const entryFiles = [...new Set(refs)].map((r) => join(appDir, r));
  const all = await jsFiles(appDir);
  const startupFiles = [
    ...new Set(
      startupUrls
        .filter((u) => u.startsWith(appUrl) && u.endsWith('.js'))
        .map((u) =>
          join(appDir, decodeURIComponent(new URL(u).pathname.slice(new URL(appUrl).pathname.length))),
        ),
    ),
  ].filter(existsSync);
  const sum = (files: string[]) => files.reduce((n, f) => n + gzipSize(f), 0);
  let totalRaw = 0;
  for (const f of all) totalRaw += (await fileStat(f)).size;
  return {
    entryGzipBytes: sum(entryFiles),
    entryFiles: entryFiles.map((f) => relative(appDir, f)),
    startupGzipBytes: startupFiles.length > 0 ? sum(startupFiles) : null,
    startupFiles: startupFiles.map((f) => relative(appDir, f)),
    totalGzipBytes: sum(all),
    totalRawBytes: totalRaw,
  };
}

// ---- the dashboard ---------------------------------------------------------------------------------------

async function gcEverywhere(page: Page): Promise<void> {
  const expr = 'typeof gc === "function" ? (gc(), true) : false';
  await page.evaluate(expr).catch(() => false);
  for (const worker of page.workers()) await worker.evaluate(expr).catch(() => false);
}

function medianOrNull(values: readonly (number | null)[]): number | null {
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

/** Page time at which the view warm-up was done, per page opened (see WATCH_WARM_UP); null: not seen in 5 s. */
const warmUpDoneMs: (number | null)[] = [];

async function newAppPage(browser: Browser, url: string) {
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
  await withTimeout(page.goto(url, { waitUntil: 'load' }), 30_000, 'opening the dashboard');
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
  warmUpDoneMs.push(done);
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

async function loadInApp(browser: Browser, url: string, data: DataFile, timeoutMs: number): Promise<AppLoad> {
  const pidsBefore = new Set(descendants(process.pid));
  // Count this page's renderer, not the anchors page's or a closed page's that is still exiting.
  const keep = withoutRenderers(renderers(process.pid));
  const run: AppRun = {
    ms: null,
    summaryMs: null,
    chartsMs: null,
    nodeMs: null,
    firstProgressMs: null,
    progressUpdates: 0,
    charts: 0,
    memory: null,
    error: null,
    pageErrors: [],
  };
  let opened: Awaited<ReturnType<typeof newAppPage>>;
  try {
    opened = await newAppPage(browser, url);
  } catch (e) {
    run.error = `could not open the dashboard: ${(e as Error).message.split('\n')[0]}`;
    return { run, figures: null, page: null, context: null, crashed: () => false, startupFetches: [] };
  }
  const { context, page, pageErrors, fetched, crashed } = opened;
  let startupFetches: string[] = [];
  let sampler: ReturnType<typeof startSampler> | null = null;
  let baseline = 0;
  try {
    await gcEverywhere(page);
    const uaBefore = await withTimeout(page.evaluate(measureUaMemory), 30_000, 'measuring memory');
    await sleep(300);
    baseline = await median3(() => readTree(process.pid, keep).total.rssBytes);
    const baselineTree = readTree(process.pid, keep).total;
    const baselineAnon = baselineTree.anonBytes;
    const expectedOps = countFormat.format(data.truth.operations);
    await page.evaluate(armLoad, { expectedOps, timeoutMs });
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
      progressUpdates: timing.progressUpdates,
      charts: timing.charts,
    });
    if (timing.alert !== null) run.error = `the dashboard showed an alert: ${timing.alert}`;
    else if (timing.timedOut) run.error = `no Summary and charts within ${Math.round(timeoutMs / 1000)} s`;
    const figures = await page.evaluate(readSummary);

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
    const heldAnon = heldTree.anonBytes;
    const memory: MemoryResult = {
      baselineRssBytes: baseline,
      peakRssBytes: sampled.peakRssBytes,
      peakDeltaRssBytes: sampled.peakRssBytes - baseline,
      peakDeltaAnonBytes: sampled.peakAnonBytes - baselineAnon,
      heldDeltaRssBytes: held - baseline,
      heldDeltaAnonBytes: heldAnon - baselineAnon,
      rendererHwmBytes: rendererHwm > 0 ? rendererHwm : null,
      uaBeforeBytes: uaBefore.bytes,
      uaAfterBytes: uaAfter.bytes,
      uaWorkerAfterBytes: uaAfter.workerBytes,
      uaNote: uaAfter.note,
      datasetBytes: bytes,
      peakDeltaByType: deltaByType(sampled.peakRssByType, baselineTree.rssByType),
      heldDeltaByType: deltaByType(heldTree.rssByType, baselineTree.rssByType),
      samples: sampled.samples.length,
      maxSampleGapMs: Math.round(sampled.maxGapMs),
    };
    run.memory = memory;
    run.pageErrors = pageErrors;
    return { run, figures, page, context, crashed, startupFetches };
  } catch (e) {
    run.error = crashed() ? 'the page crashed' : ((e as Error).message.split('\n')[0] ?? 'failed');
    if (sampler !== null) run.failedPeakDeltaRssBytes = sampler.stop().peakRssBytes - baseline;
    run.pageErrors = pageErrors;
    return { run, figures: null, page, context, crashed, startupFetches };
  }
}

function deltaByType(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of new Set([...Object.keys(now), ...Object.keys(before)]))
    out[t] = (now[t] ?? 0) - (before[t] ?? 0);
  return out;
}

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
    // The page-side wait ends on its own timeout; the next armChange replaces it.
    log(`  interaction failed: ${(e as Error).message.split('\n')[0]}`);
    return { ms: null, ops: null, longTaskMs: null };
  }
  const r = await awaitChange(page, CHANGE_TIMEOUT);
  return { ms: r.ms, ops: r.operations, longTaskMs: r.longTaskMs };
}

function chart(page: Page, title: RegExp) {
  return page.locator('figure.chart-card').filter({ has: page.locator('h2', { hasText: title }) });
}

/** Clickable bars of a chart (a bar narrower than 2 px is not something a person clicks). */
async function wideBars(page: Page, title: RegExp) {
  const bars = chart(page, title).locator('.recharts-bar-rectangle path');
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
async function filterLatency(page: Page, total: string): Promise<{ filter: Latency; crossFilter: Latency }> {
  type Sample = { ms: number | null; longTaskMs: number | null; add: boolean };
  const filter: Sample[] = [];
  const cross: Sample[] = [];
  const clickOpts = { timeout: CLICK_TIMEOUT };
  for (let round = 0; round < FILTER_ROUNDS; round++) {
    const dims = await wideBars(page, /^Failure rate by /);
    const dimIndex = dims.indices[round % Math.max(1, dims.indices.length)];
    if (dimIndex === undefined) break;
    const a = await timedChange(page, () => dims.bars.nth(dimIndex).click(clickOpts), {
      chips: 1,
      expectOps: null,
    });
    filter.push({ ...a, add: true });
    if (a.ops === null) break;
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

async function scrollLatency(page: Page, rows: number): Promise<SizeResult['app']['scroll']> {
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

// ---- anchors ---------------------------------------------------------------------------------------------

async function openAnchors(browser: Browser, url: string, file: string) {
  const before = renderers(process.pid);
  const context = await browser.newContext();
  await context.addInitScript({ content: NAME_SHIM });
  const page = await context.newPage();
  await withTimeout(page.goto(url, { waitUntil: 'load' }), 30_000, 'opening the anchors page');
  await page.waitForFunction(
    () => (globalThis as unknown as { anchors?: unknown }).anchors !== undefined,
    null,
    {
      timeout: 15_000,
    },
  );
  await page.locator('#file').setInputFiles(file);
  const own = [...renderers(process.pid)].filter((pid) => !before.has(pid));
  // Its own renderer and the shared processes; no other page's renderer.
  const keep: ProcFilter = (pid, type) => type !== 'renderer' || own.includes(pid);
  return { context, page, keep };
}

async function runAnchor(page: Page, keep: ProcFilter, kind: AnchorKind, timeoutMs: number) {
  const before = readTree(process.pid, keep).total.rssBytes;
  const sampler = startSampler(process.pid, 50, keep);
  try {
    const r = await withTimeout(
      page.evaluate(
        (k) => (globalThis as unknown as { anchors: { run(k: string): Promise<AnchorRun> } }).anchors.run(k),
        kind,
      ),
      timeoutMs,
      `anchor ${kind}`,
    );
    return { ...r, peakDelta: sampler.stop().peakRssBytes - before };
  } catch (e) {
    sampler.stop();
    return failedAnchor(kind, (e as Error).message.split('\n')[0] ?? 'failed');
  }
}

function failedAnchor(kind: AnchorKind, error: string): AnchorRun & { peakDelta: number | null } {
  return { kind, ms: Number.NaN, rows: 0, codes: null, setupMs: null, error, peakDelta: null };
}

function anchorResult(runs: (AnchorRun & { peakDelta: number | null })[], data: DataFile): AnchorResult {
  const ms = stat(runs.map((r) => (Number.isFinite(r.ms) && r.error === null ? r.ms : null)));
  const ok = runs.filter((r) => r.error === null);
  return {
    ms,
    mbPerSec: ms.median === null ? null : data.bytes / MB / (ms.median / 1000),
    rowsOk: ok.length > 0 && ok.every((r) => r.rows === data.truth.rowsRead),
    codesOk: ok.some((r) => r.codes !== null)
      ? ok.every((r) => sameCodes(r.codes, data.truth.byCode) !== false)
      : null,
    peakDeltaRssBytes: runs.map((r) => r.peakDelta),
    setupMs: runs.find((r) => r.setupMs !== null)?.setupMs ?? null,
    errors: runs.filter((r) => r.error !== null).map((r) => r.error as string),
  };
}

// ---- the CLI ---------------------------------------------------------------------------------------------

async function runCli(
  cliArgs: string[],
  timeoutMs: number,
): Promise<CliRun & { stdout: string; stderr: string }> {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const nodeArgs = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...cliArgs];
  const [cmd, args] = timeBin
    ? [timeBin, ['-v', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  // Without /usr/bin/time: the child's own high-water mark, read while it runs.
  let hwm = 0;
  const poll = timeBin
    ? null
    : setInterval(() => {
        if (child.pid !== undefined) hwm = Math.max(hwm, processInfo(child.pid)?.hwmBytes ?? 0);
      }, 20);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exitCode = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  if (poll) clearInterval(poll);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const maxRssBytes = m ? Number(m[1]) * 1024 : hwm > 0 ? hwm : null;
  return { wallMs, maxRssBytes, exitCode, stdout, stderr };
}

function checkCliJson(stdout: string, t: Truth): string[] {
  try {
    const s = JSON.parse(stdout) as {
      totals: Record<string, number | null>;
      source: { rowsRead: number; rowsRejected: number };
    };
    const want: [string, number | null | undefined, number][] = [
      ['operations', s.totals.operations, t.operations],
      ['successes', s.totals.successes, t.successes],
      ['failures', s.totals.failures, t.failures],
      ['unrecognized', s.totals.unrecognized, t.unrecognized],
      ['devices', s.totals.devices, t.devices],
      ['failingDevices', s.totals.failingDevices, t.failingDevices],
      ['rowsRead', s.source.rowsRead, t.rowsRead],
      ['rowsRejected', s.source.rowsRejected, t.rowsRejected],
    ];
    return want
      .filter(([, got, exp]) => got !== exp)
      .map(([k, got, exp]) => `${k}: CLI ${got}, truth ${exp}`);
  } catch (e) {
    return [`the CLI's output is not the summary JSON: ${(e as Error).message}`];
  }
}

/**
 * The dashboard on a 1,000-row file: what a drawn dashboard costs in memory whatever the data (charts,
 * tables, the lazily loaded chunks, raster tiles), to tell apart from what the dataset costs. Also warms
 * the browser up.
 */
async function referenceLoad(
  browser: Browser,
  url: string,
  data: DataFile,
): Promise<BenchResults['uiReference']> {
  log(`reference: the dashboard on ${data.rows.toLocaleString('en-US')} rows`);
  const load = await loadInApp(browser, url, data, 60_000);
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

// ---- one size --------------------------------------------------------------------------------------------

async function benchSize(
  browser: Browser,
  urls: { app: string; anchors: string },
  data: DataFile,
  runs: number,
  options: Options,
  onStartupFetches: (urls: string[]) => void,
  problems: string[],
): Promise<SizeResult> {
  const loadTimeout = 60_000 + (data.bytes / MB) * 200;
  const anchorTimeout = 60_000 + (data.bytes / MB) * 300;
  const expected = expectedFigures(data.truth);
  // The anchors read CSV (PapaParse, DuckDB's read_csv, a line count checked against the rows).
  const withAnchors = data.format === 'csv';
  let length: number | undefined;
  if (withAnchors) await warmPageCache(data.path);
  else {
    length = await textLength(data.path); // reads the file: the page cache is warm too
    log(
      `${data.label}: ${length.toLocaleString('en-US')} characters as text` +
        ` (the engine's longest string: ${MAX_STRING_LENGTH.toLocaleString('en-US')})`,
    );
    if (length <= MAX_STRING_LENGTH) {
      problems.push(
        `${data.label}: the file is not longer than the engine's longest string (${length} characters)`,
      );
    }
  }
  const anchors = !withAnchors
    ? null
    : await openAnchors(browser, urls.anchors, data.path).catch((e: Error) => {
        problems.push(`${data.label}: the anchors page did not open: ${e.message.split('\n')[0]}`);
        return null;
      });
  const appRuns: AppRun[] = [];
  const anchorRuns: Record<AnchorKind, (AnchorRun & { peakDelta: number | null })[]> = {
    linescan: [],
    papaparse: [],
    duckdb: [],
  };
  const mismatches = new Set<string>();
  let crashed = false;
  let filter: Latency | null = null;
  let crossFilter: Latency | null = null;
  let scroll: SizeResult['app']['scroll'] = null;

  for (let r = 0; r < runs; r++) {
    log(`${data.label}: run ${r + 1}/${runs}: dashboard`);
    const load = await loadInApp(browser, urls.app, data, loadTimeout);
    if (r === 0) onStartupFetches(load.startupFetches);
    appRuns.push(load.run);
    if (load.crashed()) crashed = true;
    if (load.run.error) log(`  ${load.run.error}`);
    if (load.figures === null) mismatches.add('the Summary could not be read');
    else for (const m of compareFigures(expected, load.figures)) mismatches.add(m);
    log(
      `  Summary + charts ${load.run.ms === null ? '—' : `${Math.round(load.run.ms)} ms`}` +
        ` (Summary ${Math.round(load.run.summaryMs ?? Number.NaN)} ms, charts ${Math.round(load.run.chartsMs ?? Number.NaN)} ms)` +
        `, peak Δ ${load.run.memory ? Math.round(load.run.memory.peakDeltaRssBytes / MB) : '—'} MB`,
    );
    if (r === runs - 1 && load.page !== null && load.run.ms !== null && !load.crashed()) {
      try {
        log(`${data.label}: filters and cross-filters (${FILTER_ROUNDS} rounds)`);
        ({ filter, crossFilter } = await filterLatency(load.page, expected.Operations as string));
        log(`${data.label}: scrolling the event table to the last row`);
        scroll = await scrollLatency(load.page, data.truth.operations);
      } catch (e) {
        log(`  interactions failed: ${(e as Error).message.split('\n')[0]}`);
        problems.push(`${data.label}: interactions failed: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    await load.context?.close().catch(() => undefined);
    await sleep(500); // the closed page's renderer exits
    for (const kind of ['linescan', 'papaparse', 'duckdb'] as const) {
      if (!withAnchors) break;
      log(`${data.label}: run ${r + 1}/${runs}: ${kind}`);
      const a = anchors
        ? await runAnchor(anchors.page, anchors.keep, kind, anchorTimeout)
        : failedAnchor(kind, 'the anchors page did not open');
      anchorRuns[kind].push(a);
      log(
        `  ${a.error ? `error: ${a.error}` : `${Math.round(a.ms)} ms, ${a.rows.toLocaleString('en-US')} rows`}`,
      );
    }
  }
  await anchors?.page
    .evaluate(() => (globalThis as unknown as { anchors: { reset(): Promise<void> } }).anchors.reset())
    .catch(() => undefined);
  await anchors?.context.close().catch(() => undefined);

  const ms = stat(appRuns.map((r) => (r.error === null ? r.ms : null)));
  const medianRun = appRuns.find((r) => r.ms === ms.median) ?? appRuns.find((r) => r.memory !== null) ?? null;
  const papa = withAnchors ? anchorResult(anchorRuns.papaparse, data) : null;
  const result: SizeResult = {
    label: data.label,
    rows: data.rows,
    format: data.format,
    file: relative(ROOT, data.path),
    fileBytes: data.bytes,
    ...(length === undefined ? {} : { textLength: length }),
    app: {
      runs: appRuns,
      ms,
      summaryMs: stat(appRuns.map((r) => r.summaryMs)),
      chartsMs: stat(appRuns.map((r) => r.chartsMs)),
      mbPerSec: ms.median === null ? null : data.bytes / MB / (ms.median / 1000),
      summaryExact: mismatches.size === 0 && appRuns.every((r) => r.error === null),
      mismatches: [...mismatches],
      memory: medianRun?.memory ?? null,
      filter,
      crossFilter,
      scroll,
      crashed,
    },
    anchors:
      papa === null
        ? null
        : {
            linescan: anchorResult(anchorRuns.linescan, data),
            papaparse: papa,
            duckdb: anchorResult(anchorRuns.duckdb, data),
          },
    appToPapaparse:
      ms.median !== null && papa !== null && papa.ms.median !== null ? ms.median / papa.ms.median : null,
    cli: null,
  };

  if (options.cli) {
    const cliRuns: CliRun[] = [];
    const cliMismatches = new Set<string>();
    for (let r = 0; r < runs; r++) {
      log(`${data.label}: run ${r + 1}/${runs}: CLI summarize --json`);
      const c = await runCli(['summarize', data.path, '--json'], 60_000 + (data.bytes / MB) * 1000);
      cliRuns.push({ wallMs: c.wallMs, maxRssBytes: c.maxRssBytes, exitCode: c.exitCode });
      if (c.exitCode !== 0) cliMismatches.add(`exit ${c.exitCode}: ${c.stderr.split('\n')[0]}`);
      else for (const m of checkCliJson(c.stdout, data.truth)) cliMismatches.add(m);
      log(
        `  ${Math.round(c.wallMs)} ms, max RSS ${c.maxRssBytes === null ? '—' : Math.round(c.maxRssBytes / MB)} MB`,
      );
    }
    const startups: number[] = [];
    for (let r = 0; r < 3; r++) startups.push((await runCli(['--help'], 60_000)).wallMs);
    const wall = stat(cliRuns.map((c) => (c.exitCode === 0 ? c.wallMs : null)));
    const rss = cliRuns.map((c) => c.maxRssBytes).filter((v): v is number => v !== null);
    result.cli = {
      runs: cliRuns,
      wallMs: wall,
      maxRssBytes: rss.length > 0 ? Math.max(...rss) : null,
      mbPerSec: wall.median === null ? null : data.bytes / MB / (wall.median / 1000),
      startupMs: stat(startups).median,
      figuresOk: cliMismatches.size === 0,
      mismatches: [...cliMismatches],
      measuredWith: existsSync('/usr/bin/time') ? '/usr/bin/time -v' : '/proc VmHWM polled every 20 ms',
    };
  }

  if (!result.app.summaryExact) {
    problems.push(
      `${data.label}: THE DASHBOARD'S SUMMARY IS WRONG OR MISSING: ${[...mismatches, ...appRuns.map((r) => r.error).filter(Boolean)].join('; ')}`,
    );
  }
  if (result.cli && !result.cli.figuresOk) {
    problems.push(`${data.label}: THE CLI'S FIGURES ARE WRONG: ${result.cli.mismatches.join('; ')}`);
  }
  for (const [kind, a] of Object.entries(result.anchors ?? {})) {
    if (!a.rowsOk || a.codesOk === false || a.errors.length > 0) {
      problems.push(
        `${data.label}: anchor ${kind} disagrees with the ground truth or failed` +
          ` (rows ok: ${a.rowsOk}, codes ok: ${a.codesOk}${a.errors.length ? `, errors: ${a.errors.join('; ')}` : ''})`,
      );
    }
  }
  const pageErrors = [...new Set(appRuns.flatMap((r) => r.pageErrors))];
  if (pageErrors.length > 0)
    problems.push(`${data.label}: errors in the dashboard's page: ${pageErrors.join('; ')}`);
  if (scroll !== null && !scroll.reached) {
    problems.push(
      `${data.label}: the event table did not show row ${scroll.expectedRowIndex - 1} after scrolling to the end`,
    );
  }
  return result;
}

// ---- main ------------------------------------------------------------------------------------------------

function git(args: string[]): Promise<string | null> {
  return new Promise((done) => {
    const child = spawn('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('error', () => done(null));
    child.on('close', (code) => done(code === 0 ? out.trim() : null));
  });
}

/** Prints the table; with `readme`, rewrites the README's Performance section too. */
async function report(results: BenchResults, readme: boolean): Promise<void> {
  console.log(
    `\n${renderTable(results)}\n\n${renderJsLine(results.initialJs)}\n\n${renderReferenceLine(results)}\n\n` +
      `Machine: ${renderMachine(results)}\n\n${renderNotes(results)}\n`,
  );
  if (readme) {
    const readmePath = join(ROOT, 'README.md');
    const text = await readFile(readmePath, 'utf8');
    await writeFile(readmePath, replaceReadmeSection(text, renderReadmeSection(results)));
    log('README.md: Performance section rewritten');
  }
  if (results.problems.length > 0) console.error(`\n${results.problems.map((p) => `!! ${p}`).join('\n')}`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.from !== null) {
    // No measuring: the table (and README section) of results already written.
    await report(JSON.parse(await readFile(options.from, 'utf8')) as BenchResults, options.readme);
    return;
  }
  seed = options.seed;
  const startedAt = performance.now();
  const loadAverageStart = loadavg();
  const problems: string[] = [];

  const files: DataFile[] = [];
  for (const rows of options.sizes) files.push(await ensureData(rows, options.keep));
  if (options.bigJson) {
    for (const format of ['ndjson', 'json'] as const) {
      files.push(await ensureData(BIG_JSON_ROWS, options.keep, format));
    }
  }
  const reference = await ensureData(REFERENCE_ROWS, options.keep);

  const outRoot = await mkdtemp(join(tmpdir(), 'dmscope-bench-'));
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  const chromiumArgs = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // gc() in the page and its workers before reading the memory held; measureUserAgentSpecificMemory
    // answers at once instead of at the next natural GC (up to 20 s later).
    '--js-flags=--expose-gc',
    '--enable-blink-features=ForceEagerMeasureMemory',
  ];
  let server: Awaited<ReturnType<typeof serveRoots>> | null = null;
  let browser: Browser | null = null;
  try {
    const dirs = await buildAll(outRoot);
    server = await serveRoots({ app: dirs.app, anchors: dirs.anchors }, options.isolated);
    const urls = { app: server.urls.app as string, anchors: server.urls.anchors as string };
    browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
    const startupScripts: string[] = [];
    const uiReference = await referenceLoad(browser, urls.app, reference);
    const sizes: SizeResult[] = [];
    for (const data of files) {
      const runs = data.rows >= 5_000_000 || data.format !== 'csv' ? 1 : options.runs;
      sizes.push(
        await benchSize(browser, urls, data, runs, options, (u) => startupScripts.push(...u), problems),
      );
    }
    const js = await initialJs(dirs.app, startupScripts, urls.app);
    const results: BenchResults = {
      schema: 'dmscope.bench/1',
      date: new Date().toISOString(),
      machine: {
        cpu: cpus()[0]?.model.trim() ?? 'unknown',
        cores: cpus().length,
        memoryBytes: totalmem(),
        os: `${type()} ${release()}`,
        node: process.versions.node,
        chromium: browser.version(),
        loadAverageStart,
        loadAverageEnd: loadavg(),
      },
      git: {
        commit: await git(['rev-parse', '--short', 'HEAD']),
        dirty: await git(['status', '--porcelain', '--', 'src']).then((s) => (s === null ? null : s !== '')),
      },
      settings: {
        runs: options.runs,
        seed,
        crossOriginIsolated: options.isolated,
        warmUpDoneMs: medianOrNull(warmUpDoneMs),
        chromiumArgs,
        anchorsIn: 'a fresh module Worker per run, started before the clock',
      },
      initialJs: js,
      uiReference,
      sizes,
      problems,
      seconds: Math.round((performance.now() - startedAt) / 1000),
    };
    await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
    await report(results, options.readme);
    log(`${relative(ROOT, options.out)} written (${results.seconds} s)`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close();
    await rm(outRoot, { recursive: true, force: true });
    if (!options.keep) {
      for (const f of [...files, reference]) {
        await rm(f.path, { force: true });
        await rm(`${f.path}.truth.json`, { force: true });
      }
    }
  }
  if (problems.some((p) => /WRONG|MISSING/.test(p))) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
