/** The benchmark's results (bench/results.json) and their table, for the terminal and for the README. */

export interface Stat {
  /** Median of the runs. */
  median: number | null;
  min: number | null;
  max: number | null;
  runs: (number | null)[];
}

export interface Latency {
  samples: (number | null)[];
  median: number | null;
  p95: number | null;
  timeouts: number;
  /** Medians of the clicks that add a filter and of the chip removals that take it off again. */
  addMedianMs?: number | null;
  removeMedianMs?: number | null;
  /** Per interaction, time in main-thread long tasks (> 50 ms) between the click and the update. */
  longTaskMs?: (number | null)[];
  longTaskMedianMs?: number | null;
}

export interface MemoryResult {
  /** Σ VmRSS of the browser's processes after the page loaded, before the file. */
  baselineRssBytes: number;
  /** Highest Σ VmRSS sampled every 50 ms from choosing the file to Summary and charts on screen. */
  peakRssBytes: number;
  peakDeltaRssBytes: number;
  /** The same for Σ RssAnon (private anonymous memory). */
  peakDeltaAnonBytes: number;
  /** Σ VmRSS growth still held once loaded, after a garbage collection in the page and its workers. */
  heldDeltaRssBytes: number;
  heldDeltaAnonBytes: number;
  /** VmHWM of the page's renderer process (page + dataset worker): its own peak, baseline included. */
  rendererHwmBytes: number | null;
  /** performance.measureUserAgentSpecificMemory() before and after the load (page + workers). */
  uaBeforeBytes: number | null;
  uaAfterBytes: number | null;
  uaWorkerAfterBytes: number | null;
  uaNote: string | null;
  /** Dataset.byteSize, when the dashboard exposes it. */
  datasetBytes: number | null;
  /** Peak and held growth of Σ VmRSS per Chromium process type (browser, renderer, gpu-process, …). */
  peakDeltaByType: Record<string, number>;
  heldDeltaByType: Record<string, number>;
  samples: number;
  maxSampleGapMs: number;
}

export interface AppRun {
  /** Page time, change event → Summary figure and every chart drawn. */
  ms: number | null;
  summaryMs: number | null;
  chartsMs: number | null;
  /** Node side: setInputFiles called → the page said done (includes the DevTools round trips). */
  nodeMs: number | null;
  firstProgressMs: number | null;
  progressUpdates: number;
  charts: number;
  memory: MemoryResult | null;
  /** Why there is no time: an alert, a timeout, a crash. */
  error: string | null;
  /** Uncaught errors in the page while it ran (reported, not fatal). */
  pageErrors: string[];
  /** When the load failed or crashed: the highest Σ VmRSS growth sampled until then. */
  failedPeakDeltaRssBytes?: number;
}

export interface AnchorResult {
  ms: Stat;
  mbPerSec: number | null;
  rowsOk: boolean;
  codesOk: boolean | null;
  peakDeltaRssBytes: (number | null)[];
  setupMs: number | null;
  errors: string[];
}

export interface CliRun {
  wallMs: number;
  maxRssBytes: number | null;
  exitCode: number | null;
}

export type BenchFormat = 'csv' | 'json' | 'ndjson';

export interface SizeResult {
  label: string;
  rows: number;
  /** The file's format; results written before JSON was benchmarked hold CSV only and omit it. */
  format?: BenchFormat;
  file: string;
  fileBytes: number;
  /**
   * JSON files: the file's length as text (UTF-16 code units, what a JS string of it would hold), to set
   * against the engine's longest string.
   */
  textLength?: number;
  app: {
    runs: AppRun[];
    ms: Stat;
    summaryMs: Stat;
    chartsMs: Stat;
    mbPerSec: number | null;
    summaryExact: boolean;
    mismatches: string[];
    /** Memory of the median-time run. */
    memory: MemoryResult | null;
    filter: Latency | null;
    crossFilter: Latency | null;
    scroll: {
      ms: number | null;
      lastRowIndex: number | null;
      expectedRowIndex: number;
      reached: boolean;
      lastRowText: string | null;
    } | null;
    crashed: boolean;
  };
  /** The anchors read CSV; null for a JSON file, which they do not read. */
  anchors: { linescan: AnchorResult; papaparse: AnchorResult; duckdb: AnchorResult } | null;
  appToPapaparse: number | null;
  cli: {
    runs: CliRun[];
    wallMs: Stat;
    maxRssBytes: number | null;
    mbPerSec: number | null;
    /** `--help` with the same command: Node, tsx and module loading, no file. */
    startupMs: number | null;
    figuresOk: boolean;
    mismatches: string[];
    measuredWith: string;
  } | null;
}

export interface InitialJs {
  /** gzip (level 6) of the entry script and its modulepreloads, as dist/index.html lists them. */
  entryGzipBytes: number;
  entryFiles: string[];
  /** gzip of every .js the page fetched before a file was chosen (the dataset worker included). */
  startupGzipBytes: number | null;
  startupFiles: string[];
  /** gzip of every .js in the build. */
  totalGzipBytes: number;
  totalRawBytes: number;
}

export interface BenchResults {
  schema: 'dmscope.bench/1';
  date: string;
  machine: {
    cpu: string;
    cores: number;
    memoryBytes: number;
    os: string;
    node: string;
    chromium: string;
    loadAverageStart: number[];
    loadAverageEnd: number[];
  };
  git: { commit: string | null; dirty: boolean | null };
  settings: {
    runs: number;
    seed: number;
    crossOriginIsolated: boolean;
    /**
     * Page time (ms) at which the view warm-up was done, median over the pages opened; the file was chosen
     * after it (null: not seen; absent in results of older versions).
     */
    warmUpDoneMs?: number | null;
    chromiumArgs: string[];
    anchorsIn: string;
  };
  initialJs: InitialJs;
  /** The dashboard on a tiny file: the memory a drawn dashboard holds whatever the data. */
  uiReference: {
    rows: number;
    ms: number | null;
    summaryMs: number | null;
    chartsMs: number | null;
    peakDeltaRssBytes: number | null;
    heldDeltaRssBytes: number | null;
    heldDeltaByType: Record<string, number> | null;
  };
  sizes: SizeResult[];
  problems: string[];
  seconds: number;
}

export function stat(values: (number | null)[]): Stat {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (nums.length === 0) return { median: null, min: null, max: null, runs: values };
  const mid = Math.floor(nums.length / 2);
  const median =
    nums.length % 2 === 1 ? (nums[mid] as number) : ((nums[mid - 1] as number) + (nums[mid] as number)) / 2;
  return { median, min: nums[0] as number, max: nums[nums.length - 1] as number, runs: values };
}

export function latency(samples: (number | null)[]): Latency {
  const nums = samples.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const rank = (p: number) => (nums.length === 0 ? null : (nums[Math.ceil(p * nums.length) - 1] as number));
  return { samples, median: stat(nums).median, p95: rank(0.95), timeouts: samples.length - nums.length };
}

const MB = 1e6;

function ms(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return v >= 10_000
    ? `${(v / 1000).toFixed(1)} s`
    : v >= 1000
      ? `${(v / 1000).toFixed(2)} s`
      : `${Math.round(v)} ms`;
}

function mb(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  return `${(bytes / MB).toFixed(bytes >= 100 * MB ? 0 : 1)} MB`;
}

function growth(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  return `${bytes < 0 ? '−' : '+'}${mb(Math.abs(bytes))}`;
}

function ratio(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${v.toFixed(2)}×`;
}

function rate(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${v.toFixed(0)} MB/s`;
}

function spread(s: Stat): string {
  if (s.median === null) return '—';
  const n = s.runs.length;
  return n > 1 && s.min !== null && s.max !== null
    ? `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`
    : ms(s.median);
}

function anchor(a: AnchorResult | undefined): string {
  if (a === undefined) return 'CSV only';
  const bad = !a.rowsOk || a.codesOk === false || a.errors.length > 0 ? ' ⚠' : '';
  return `${spread(a.ms)}${bad}`;
}

function lat(l: Latency | null): string {
  if (l === null || l.median === null) return '—';
  const split =
    l.addMedianMs != null && l.removeMedianMs != null
      ? ` (add ${ms(l.addMedianMs)}, remove ${ms(l.removeMedianMs)})`
      : '';
  return `${ms(l.median)} / ${ms(l.p95)}${split}${l.timeouts > 0 ? `, ${l.timeouts} timed out` : ''}`;
}

function rowsLabel(n: number): string {
  return `${rowLabel(n).replace(/-row$/, '')} rows`;
}

/** "1M-row", "100k-row". */
function rowLabel(n: number): string {
  return `${n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n)}-row`;
}

/** The engine's longest string (V8: 2²⁹ − 24 UTF-16 code units, "~512 MB"). */
export const MAX_STRING_LENGTH = 0x1fffffe8;

const FORMAT_NAMES: Record<BenchFormat, string> = { csv: 'CSV', json: 'JSON array', ndjson: 'NDJSON' };

/** The column's heading: rows, file size, and the format when it is not CSV. */
function columnLabel(s: SizeResult): string {
  const format = s.format ?? 'csv';
  return `${rowsLabel(s.rows)}, ${mb(s.fileBytes)}${format === 'csv' ? '' : ` ${FORMAT_NAMES[format]}`}`;
}

/** The run whose time is the median (the one whose memory the table shows). */
function medianRun(s: SizeResult): AppRun | null {
  return s.app.runs.find((r) => r.ms !== null && r.ms === s.app.ms.median) ?? s.app.runs[0] ?? null;
}

/** Prose for the README, wrapped like the rest of it. */
function wrap(text: string, width = 110): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** The results as one Markdown table: a row per measure, a column per file size. */
export function renderTable(r: BenchResults): string {
  const sizes = r.sizes;
  const row = (name: string, cell: (s: SizeResult) => string) =>
    `| ${name} | ${sizes.map(cell).join(' | ')} |`;
  const lines = [
    `| | ${sizes.map(columnLabel).join(' | ')} |`,
    `| --- | ${sizes.map(() => '---').join(' | ')} |`,
    row('**dmscope: file chosen → Summary + charts on screen**', (s) =>
      s.app.crashed
        ? '**crashed**'
        : `**${spread(s.app.ms)}**${s.app.summaryMs.median === null ? '' : ` (Summary alone ${ms(s.app.summaryMs.median)})`}`,
    ),
    row('Summary figures equal the ground truth', (s) => (s.app.summaryExact ? 'yes' : '**NO**')),
    row('Progress bar: on screen after · distinct values it showed', (s) => {
      const run = medianRun(s);
      return run === null || run.firstProgressMs === null
        ? '—'
        : `${ms(run.firstProgressMs)} · ${run.progressUpdates}`;
    }),
    row('dmscope ingest rate (file size ÷ time)', (s) => rate(s.app.mbPerSec)),
    row('PapaParse alone, chunks → arrays (worker)', (s) => anchor(s.anchors?.papaparse)),
    row('Bare streaming line scan (worker, the floor)', (s) => anchor(s.anchors?.linescan)),
    row('DuckDB-WASM `read_csv` group-by', (s) => anchor(s.anchors?.duckdb)),
    row('**dmscope ÷ PapaParse alone** (target ≤ 0.5×)', (s) => `**${ratio(s.appToPapaparse)}**`),
    row('Browser memory while loading: peak Σ RSS (growth; growth ÷ file)', (s) => {
      const m = s.app.memory;
      return m === null
        ? '—'
        : `${mb(m.peakRssBytes)} (${growth(m.peakDeltaRssBytes)}; ${ratio(m.peakDeltaRssBytes / s.fileBytes)})`;
    }),
    row(
      `Held once loaded, after GC: Σ RSS growth (÷ file); less the ${rowLabel(r.uiReference.rows)} file’s`,
      (s) => {
        const m = s.app.memory;
        if (m === null) return '—';
        const ui = r.uiReference.heldDeltaRssBytes;
        const net = ui === null ? null : m.heldDeltaRssBytes - ui;
        return (
          `${growth(m.heldDeltaRssBytes)} (${ratio(m.heldDeltaRssBytes / s.fileBytes)})` +
          (net === null ? '' : `; ${growth(net)} (${ratio(net / s.fileBytes)})`)
        );
      },
    ),
    row('Dataset worker’s JS heap once loaded (÷ file; target ≤ 0.5×)', (s) => {
      const m = s.app.memory;
      if (m === null || m.uaWorkerAfterBytes === null) return m?.uaNote ?? '—';
      return `${mb(m.uaWorkerAfterBytes)} (${ratio(m.uaWorkerAfterBytes / s.fileBytes)})`;
    }),
    row('Dataset.byteSize (÷ file)', (s) => {
      const b = s.app.memory?.datasetBytes;
      return b === null || b === undefined ? 'not exposed' : `${mb(b)} (${ratio(b / s.fileBytes)})`;
    }),
    row('Filter, median / p95 of 20 (target ≤ 50 ms median)', (s) => lat(s.app.filter)),
    row('Cross-filter, median / p95 of 20', (s) => lat(s.app.crossFilter)),
    row(
      'Main thread in long tasks during a filter, median',
      (s) =>
        `${ms(s.app.filter?.longTaskMedianMs)} filter · ${ms(s.app.crossFilter?.longTaskMedianMs)} cross-filter`,
    ),
    row('Scroll the event table to the last row', (s) =>
      s.app.scroll === null ? '—' : s.app.scroll.reached ? ms(s.app.scroll.ms) : '**not reached**',
    ),
    row('CLI `summarize --json`: wall time (of which start-up)', (s) =>
      s.cli === null ? '—' : `${spread(s.cli.wallMs)} (${ms(s.cli.startupMs)})`,
    ),
    row('CLI: peak RSS · rate', (s) =>
      s.cli === null ? '—' : `${mb(s.cli.maxRssBytes)} · ${rate(s.cli.mbPerSec)}`,
    ),
  ];
  return lines.join('\n');
}

export function renderJsLine(js: InitialJs): string {
  const kb = (b: number | null) => (b === null ? '—' : `${(b / 1024).toFixed(1)} KB`);
  return (
    `Initial JavaScript (gzip): ${kb(js.entryGzipBytes)} entry + modulepreloads (target ≤ 300 KB); ` +
    `${kb(js.startupGzipBytes)} fetched before a file is chosen (the dataset worker, and the view chunks the chart warm-up draws); ` +
    `${kb(js.totalGzipBytes)} all JS in the build.`
  );
}

export function renderReferenceLine(r: BenchResults): string {
  const u = r.uiReference;
  return (
    `Fixed costs, from a ${rowLabel(u.rows)} file: Summary on screen in ${ms(u.summaryMs)}, charts in ${ms(u.chartsMs)}; ` +
    `the drawn dashboard holds ${growth(u.heldDeltaRssBytes)} of Σ RSS whatever the data.`
  );
}

export function renderMachine(r: BenchResults): string {
  const m = r.machine;
  return (
    `${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB RAM, ${m.os}; ` +
    `Node ${m.node}; Chromium ${m.chromium} headless; load average ${m.loadAverageStart.map((v) => v.toFixed(2)).join(' ')} at start. ` +
    `${r.date.slice(0, 10)}${r.git.commit ? `, commit ${r.git.commit}${r.git.dirty ? ' + local changes' : ''}` : ''}` +
    `${r.settings.seed !== 1 ? `; fleet logs of generator seed ${r.settings.seed}` : ''}.`
  );
}

/** When the file was chosen: after the page's off-screen chart warm-up, as a user's file would be. */
function warmUpLine(doneMs: number | null | undefined): string {
  if (doneMs === undefined) return '';
  if (doneMs === null)
    return 'The page’s off-screen chart warm-up was not seen: the file was chosen 0.5 s after the page loaded. ';
  return `The file was chosen once the page had drawn its charts off screen (its view warm-up, done ${(doneMs / 1000).toFixed(1)} s after the page opened; a user takes longer to pick a file). `;
}

export function renderNotes(r: BenchResults): string {
  const json = r.sizes.filter((s) => (s.format ?? 'csv') !== 'csv');
  const longest = Math.min(...json.map((s) => s.textLength ?? s.fileBytes));
  return [
    `Times are the median of ${r.settings.runs} runs (min–max in brackets; 10M rows${json.length > 0 ? ' and JSON files' : ''} run once), in page time, from the file input's change event. ` +
      warmUpLine(r.settings.warmUpDoneMs) +
      'The anchors ran in the same browser on the same File, interleaved with the dashboard’s runs: PapaParse ' +
      `(default mode: the notes hold quoted commas and line breaks, so fastMode does not apply) and the line scan in ${r.settings.anchorsIn}; ` +
      'DuckDB-WASM (eh bundle, one thread) in its own worker, instantiated before the clock starts. ' +
      'Filters: a bar of "Failure rate by …" clicked and its chip removed; cross-filters: a bar of "Failures by result code" clicked on top of it and its chip removed; ' +
      'each timed from the click event until the Summary and the chips show the result. MB are 10⁶ bytes.' +
      (json.length > 0
        ? ` The JSON files (${json.map((s) => FORMAT_NAMES[s.format ?? 'csv']).join(', ')}) are each ` +
          `${longest.toLocaleString('en-US')} characters or more as text, longer than the engine's longest string ` +
          `(${MAX_STRING_LENGTH.toLocaleString('en-US')}), so a reader that held the file as one string could not load them; ` +
          'the anchors read CSV, so those columns have none.'
        : ''),
    'Memory is VmRSS summed from /proc every 50 ms over the browser’s processes: the browser, GPU and utility processes and the page’s own renderer ' +
      '(with its dataset worker), not other pages’ renderers. Shared pages count once per process, so absolute sums overstate; ' +
      'the growth over the page before the file is what the load allocated, including drawing the dashboard (charts, raster tiles, lazily loaded code), ' +
      `which the ${rowLabel(r.uiReference.rows)} reference load shows on its own. The dataset lives in the worker, so the worker's JS heap ` +
      '(measureUserAgentSpecificMemory, typed arrays included) is the closest figure to the dataset itself.',
  ].join('\n\n');
}

/** The README's "Performance" section. */
export function renderReadmeSection(r: BenchResults): string {
  return [
    '## Performance',
    '',
    wrap(
      '`npm run bench` generates seeded fleet logs (100k and 1M rows; `--10m` adds 10M, ~1.2 GB; `--big-json` adds ' +
        'an NDJSON and a JSON-array file of 2.5M rows, ~620 MB each, longer as text than the engine’s longest ' +
        'string), builds and serves ' +
        'the dashboard, drives headless Chromium, and prints this table; `bench/results.json` has every number. ' +
        '`--runs N` sets the runs per size, `--keep` keeps the generated files in `bench/data/` for the next run, ' +
        '`--readme` rewrites this section. It is a benchmark, not a test: it asserts no timing, and exits non-zero ' +
        'only when the dashboard or the CLI shows figures that differ from the ground truth. Numbers from a shared ' +
        'machine move from run to run.',
    ),
    '',
    renderTable(r),
    '',
    wrap(renderJsLine(r.initialJs)),
    '',
    wrap(renderReferenceLine(r)),
    '',
    wrap(`Machine: ${renderMachine(r)}`),
    '',
    renderNotes(r)
      .split('\n\n')
      .map((p) => wrap(p))
      .join('\n\n'),
    '',
  ].join('\n');
}

/** Puts `section` in place of the README's "## Performance" section (up to the next "## "), or at the end. */
export function replaceReadmeSection(readme: string, section: string): string {
  const at = readme.search(/^## Performance\s*$/m);
  if (at < 0) return `${readme.trimEnd()}\n\n${section}`;
  const rest = readme.slice(at + 1);
  const next = rest.search(/^## /m);
  const tail = next < 0 ? '' : `\n${rest.slice(next)}`;
  return `${readme.slice(0, at)}${section}${tail}`;
}
