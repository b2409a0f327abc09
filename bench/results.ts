/** The benchmark's results as bench/results.json holds them, and the statistics they are made of. */

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
  /** Change event → the first Summary figures on screen, partial or exact (absent in older results). */
  firstFiguresMs?: number | null;
  /** Whether partial figures came before the exact ones. */
  partialShown?: boolean;
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

export type BenchFormat = 'csv' | 'json' | 'ndjson' | 'syncml';

/** The anchors' names (bench/anchors): the CSV ones, and JSON.parse per record for NDJSON and JSON arrays. */
export type AnchorName = 'linescan' | 'papaparse' | 'duckdb' | 'jsonparse';

export interface SizeResult {
  label: string;
  rows: number;
  /** The file's format; results written before JSON was benchmarked hold CSV only and omit it. */
  format?: BenchFormat;
  /**
   * CSV: 'quoted', the fleet log (notes with quoted commas and line breaks); 'plain', the same events in
   * 8 columns with no quote character; 'shuffled', the fleet log with ';', CRLF and its columns reordered
   * (absent in older results: quoted).
   */
  log?: 'quoted' | 'plain' | 'shuffled';
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
    /** File chosen → first Summary figures on screen, partial or exact (absent in older results). */
    firstFiguresMs?: Stat;
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
  /**
   * The anchors run on this file: linescan, papaparse and duckdb on CSV, jsonparse on NDJSON and JSON
   * arrays (older results: the CSV three, null for JSON).
   */
  anchors: Partial<Record<AnchorName, AnchorResult>> | null;
  appToPapaparse: number | null;
  /** dmscope's median time ÷ each anchor's median time (absent in older results). */
  appToAnchor?: Partial<Record<AnchorName, number | null>>;
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
    /** The CSV logs run at each size (--logs, --plain; absent in older results: quoted). */
    logs?: ('quoted' | 'plain' | 'shuffled')[];
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

/** The engine's longest string (V8: 2²⁹ − 24 UTF-16 code units, "~512 MB"). */
export const MAX_STRING_LENGTH = 0x1fffffe8;
