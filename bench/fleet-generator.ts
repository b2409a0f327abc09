/**
 * Seeded generator of realistic OMA-DM SCOMO fleet logs with exact ground truth, plus writers for every
 * input format the app reads (CSV in its dialects, JSON array, wrapped JSON, NDJSON, aggregated CSV).
 *
 * Deliberately independent of the app (nothing from src/): it carries its own small table of the codes it
 * emits and their outcome, so tests can compare the app against it. Pure TypeScript, no Node APIs: it also
 * runs in a browser. Deterministic for a seed (own PRNG; never Math.random).
 *
 * Ground-truth rules (what the app is expected to agree with):
 * - a row is rejected iff its raw code, trimmed, is not an integer (/^-?\d+$/); JSON null counts as '';
 * - outcome: success for 1200 and 1250–1299; failure for 1400–1416, 1450–1499, 1500–1505, 1550–1599;
 *   unrecognized for every other integer;
 * - devices = distinct device ids among accepted rows; failingDevices = distinct devices with ≥ 1 failure;
 * - rejectedLines are 1-based physical line numbers, where a line break is \r\n, \r or \n (universal
 *   newlines), counting breaks inside quoted CSV fields; a BOM does not change line numbers.
 */

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

export interface GeneratorOptions {
  seed: number;
  rows: number;
  /** Epoch ms of the first event; default Date.UTC(2026, 9, 1). */
  startTime?: number;
  /** Span in days; default 7. */
  days?: number;
  /** Size of the device pool; default ceil(rows / 4) capped at 200k (max 1M). */
  devices?: number;
  /**
   * Default true: "Kestrel Mini" on firmware "5.0.0-rc2" runs out of memory (1404/1406 spike), and
   * "alt-cdn-3.fleet.example" has network failures (1502/1504) for two days in the middle of the span.
   */
  story?: boolean;
  /** Fraction 0..1 of rows made dirty (default 0): '', 'ERR', 'n/a', unrecognized codes, padded codes. */
  dirty?: number;
}

export interface FleetEvent {
  /** Epoch ms. */
  time: number;
  /** 15-digit IMEI (8-digit TAC of the model, 6-digit serial, Luhn check digit). */
  device: string;
  /** The integer code when rawCode (trimmed) is an integer, else null (a rejected row). */
  code: number | null;
  /** The code exactly as written to the file. */
  rawCode: string;
  model: string;
  firmware: string;
  region: string;
  operation: string;
  server: string;
  component: string;
  /** Free text: usually empty; sometimes commas, quotes, newlines, non-ASCII (é, 日本, 🚀). */
  note: string;
  /**
   * Index of the device in the generating run's pool (extension, never written to files): lets
   * TruthTracker skip hashing ids it has seen. Optional; the tracker verifies it against `device`.
   */
  deviceIndex?: number;
}

export interface GroundTruth {
  /** Data rows in the file (aggregated CSV: aggregated rows, not operations). */
  rowsRead: number;
  rowsRejected: number;
  /** Accepted operations (aggregated CSV: sum of counts of accepted rows). */
  operations: number;
  successes: number;
  failures: number;
  unrecognized: number;
  /** Distinct devices among accepted rows (0 for aggregated CSV: not applicable). */
  devices: number;
  failingDevices: number;
  byCode: Map<number, number>;
  /** Filled by writers: 1-based physical line numbers of the rejected rows in the written file. */
  rejectedLines?: number[];
  /** True for aggregated CSV (operations weighted by count; devices not applicable). */
  aggregated?: boolean;
}

export type Outcome = 'success' | 'failure' | 'unrecognized';

// ---------------------------------------------------------------------------------------------------------
// The generator's own code table
// ---------------------------------------------------------------------------------------------------------

/** The outcome of any integer code, straight from the SCOMO ranges. */
export function outcomeOf(code: number): Outcome {
  if (!Number.isInteger(code)) return 'unrecognized';
  if (code === 1200 || (code >= 1250 && code <= 1299)) return 'success';
  if (
    (code >= 1400 && code <= 1416) ||
    (code >= 1450 && code <= 1499) ||
    (code >= 1500 && code <= 1505) ||
    (code >= 1550 && code <= 1599)
  ) {
    return 'failure';
  }
  return 'unrecognized';
}

export interface CodeRow {
  code: number;
  outcome: Outcome;
  label: string;
}

const row = (code: number, label: string): CodeRow => ({ code, outcome: outcomeOf(code), label });

/** Every code the generator can emit (clean rows use all but the unrecognized ones; dirty rows add those). */
export const CODE_TABLE: readonly CodeRow[] = [
  row(1200, 'Successful'),
  row(1250, 'Vendor success'),
  row(1251, 'Vendor success'),
  row(1255, 'Vendor success'),
  row(1299, 'Vendor success'),
  row(1400, 'Client error'),
  row(1401, 'User cancelled'),
  row(1402, 'Download failed'),
  row(1403, 'Alternate download authentication failure'),
  row(1404, 'Download failed due to device out of memory'),
  row(1405, 'Install failed'),
  row(1406, 'Install failed due to device out of memory'),
  row(1407, 'Failed package validation'),
  row(1408, 'Remove failed'),
  row(1409, 'Activate failed'),
  row(1410, 'Deactivate failed'),
  row(1411, 'Not implemented'),
  row(1412, 'Undefined error'),
  row(1413, 'Operation rejected - unsupported environment'),
  row(1414, 'Corrupted package'),
  row(1415, 'Component not acceptable'),
  row(1416, 'Firmware update in progress'),
  row(1450, 'Vendor client error'),
  row(1451, 'Vendor client error'),
  row(1460, 'Vendor client error'),
  row(1475, 'Vendor client error'),
  row(1499, 'Vendor client error'),
  row(1500, 'Alternate download server error'),
  row(1501, 'Alternate download server unavailable'),
  row(1502, 'Alternate download server time-out'),
  row(1503, 'Alternate download bad URL'),
  row(1504, 'Alternate download network issues'),
  row(1505, 'Alternate download failed for unknown reason'),
  row(1550, 'Vendor download server error'),
  row(1551, 'Vendor download server error'),
  row(1560, 'Vendor download server error'),
  row(1599, 'Vendor download server error'),
  row(0, 'Unrecognized (dirty rows only)'),
  row(999, 'Unrecognized (dirty rows only)'),
  row(1201, 'Unrecognized (dirty rows only)'),
  row(1300, 'Unrecognized (dirty rows only)'),
  row(1417, 'Unrecognized (dirty rows only)'),
  row(1506, 'Unrecognized (dirty rows only)'),
];

/** Raw code values that dirty rows use and that must be rejected. */
export const REJECTED_RAW_CODES: readonly string[] = ['', 'ERR', 'n/a'];
/** Integer codes dirty rows use that are outside every SCOMO range. */
export const UNRECOGNIZED_DIRTY_CODES: readonly number[] = [1201, 1417, 1506, 999, 1300, 0];

// ---------------------------------------------------------------------------------------------------------
// PRNG and weighted pools
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: tiny, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Weighted<T> {
  items: T[];
  cum: number[];
  total: number;
}

function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  const items: T[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const [item, w] of pairs) {
    total += w;
    items.push(item);
    cum.push(total);
  }
  return { items, cum, total };
}

function pick<T>(w: Weighted<T>, r: number): T {
  const x = r * w.total;
  const { cum, items } = w;
  const n = cum.length;
  for (let i = 0; i < n - 1; i++) {
    if (x < (cum[i] as number)) return items[i] as T;
  }
  return items[n - 1] as T;
}

// ---------------------------------------------------------------------------------------------------------
// Realistic pools (all values are free of delimiters, quotes and line breaks; notes are the exception)
// ---------------------------------------------------------------------------------------------------------

interface ModelSpec {
  name: string;
  tac: string;
  firmware: Weighted<string>;
}

const OOM_MODEL = 'Kestrel Mini';
const OOM_FIRMWARE = '5.0.0-rc2';
const FLAKY_SERVER = 'alt-cdn-3.fleet.example';

const MODELS: Weighted<ModelSpec> = weighted<ModelSpec>([
  [
    {
      name: 'Aurora X2',
      tac: '35420911',
      firmware: weighted([
        ['4.3.0', 3],
        ['4.3.1', 5],
        ['4.4.0', 2],
      ]),
    },
    20,
  ],
  [
    {
      name: 'Aurora X3',
      tac: '35420912',
      firmware: weighted([
        ['4.4.0', 6],
        ['5.0.0', 3],
      ]),
    },
    12,
  ],
  [
    {
      name: 'Nimbus 5',
      tac: '86731005',
      firmware: weighted([
        ['3.9.2', 4],
        ['4.0.0', 5],
        ['4.0.1', 1],
      ]),
    },
    18,
  ],
  [
    {
      name: 'Nimbus 5 Lite',
      tac: '86731006',
      firmware: weighted([
        ['3.9.2', 6],
        ['4.0.0', 4],
      ]),
    },
    10,
  ],
  [
    {
      name: OOM_MODEL,
      tac: '49015420',
      firmware: weighted([
        ['4.3.1', 4],
        ['4.4.0', 2],
        [OOM_FIRMWARE, 4],
      ]),
    },
    12,
  ],
  [
    {
      name: 'Kestrel Max',
      tac: '49015421',
      firmware: weighted([
        ['4.4.0', 5],
        ['5.0.0', 5],
      ]),
    },
    8,
  ],
  [
    {
      name: 'Orca Pro',
      tac: '01326300',
      firmware: weighted([
        ['2.1.7', 3],
        ['2.2.0', 7],
      ]),
    },
    12,
  ],
  [
    {
      name: 'Orca Go',
      tac: '01326301',
      firmware: weighted([
        ['2.1.7', 6],
        ['2.2.0', 4],
      ]),
    },
    8,
  ],
]);

const REGIONS = weighted([
  ['eu-west', 20],
  ['eu-central', 14],
  ['us-east', 22],
  ['us-west', 14],
  ['apac-south', 12],
  ['apac-northeast', 10],
  ['latam-south', 8],
] as const);

const OPERATIONS = weighted([
  ['download', 30],
  ['install', 28],
  ['update', 20],
  ['activate', 10],
  ['deactivate', 4],
  ['remove', 8],
] as const);

const SERVERS = weighted([
  ['dl1.fleet.example', 38],
  ['dl2.fleet.example', 30],
  [FLAKY_SERVER, 16],
  ['alt-cdn-4.fleet.example', 10],
  ['mirror-eu.fleet.example', 6],
] as const);

const COMPONENTS = weighted([
  ['com.acme.nav', 20],
  ['com.acme.maps', 18],
  ['com.acme.voice', 10],
  ['com.acme.telemetry', 16],
  ['com.acme.store', 8],
  ['com.globex.payments', 6],
  ['org.example.fleetagent', 12],
  ['org.example.diagnostics', 10],
] as const);

const VENDOR_SUCCESS = weighted([
  [1250, 6],
  [1251, 3],
  [1255, 2],
  [1299, 1],
] as const);

const DOWNLOAD_FAILURES: ReadonlyArray<readonly [number, number]> = [
  [1402, 30],
  [1404, 4],
  [1403, 3],
  [1401, 5],
  [1400, 1],
  [1412, 2],
  [1416, 1],
  [1500, 4],
  [1501, 5],
  [1502, 6],
  [1503, 2],
  [1504, 8],
  [1505, 2],
  [1450, 2],
  [1550, 2],
  [1551, 1],
  [1560, 1],
  [1599, 1],
];
const INSTALL_FAILURES: ReadonlyArray<readonly [number, number]> = [
  [1405, 20],
  [1406, 5],
  [1407, 10],
  [1414, 6],
  [1415, 4],
  [1413, 3],
  [1401, 6],
  [1416, 3],
  [1412, 2],
  [1411, 1],
  [1400, 1],
  [1460, 3],
  [1475, 2],
];
const FAILURES_BY_OP: Record<string, Weighted<number>> = {
  download: weighted(DOWNLOAD_FAILURES),
  install: weighted(INSTALL_FAILURES),
  update: weighted([...DOWNLOAD_FAILURES, ...INSTALL_FAILURES]),
  activate: weighted([
    [1409, 30],
    [1412, 3],
    [1411, 2],
    [1401, 3],
    [1400, 1],
    [1451, 2],
  ]),
  deactivate: weighted([
    [1410, 30],
    [1412, 3],
    [1411, 3],
    [1400, 1],
  ]),
  remove: weighted([
    [1408, 30],
    [1401, 4],
    [1412, 3],
    [1400, 1],
    [1499, 1],
  ]),
};

const GENERAL_NOTES = weighted([
  ['checked in late, battery 14%', 6],
  ['user said "not now"', 4],
  ['postponed by policy', 6],
  ['scheduled window 02:00-04:00', 4],
  ['mise à jour différée', 3],
  ['日本 pilot group', 3],
  ['rollout wave 3 🚀', 3],
  ['multi-line note:\nsecond line', 3],
  ['Windows line\r\nbreak', 2],
  ['a;b|c\td', 2],
  ['"quoted" at start', 2],
  ['ends with a quote "', 1],
  [' padded with spaces ', 1],
] as const);

const FAILURE_NOTES = weighted([
  ['E/Installer: INSUFFICIENT_STORAGE\nfree=12MB, need=48MB', 5],
  ['download stalled at 73%, retrying', 6],
  ['HTTP 504 from "alt-cdn-3"', 4],
  ['signature mismatch, package rejected', 4],
  ['sha256 mismatch: expected "ab12", got "cd34"', 3],
  ["échec de l'installation", 3],
  ['ダウンロード失敗 (日本)', 3],
  ['💥 crash in updater', 2],
  ['stack:\r\n  at Installer.run\r\n  at Agent.loop', 2],
  ['timeout; will retry | attempt logged', 2],
] as const);

const RETRY_NOTES = ['', '', 'retry 2 of 3', 'retry 3 of 3'];

const DIRTY_KINDS = weighted([
  ['empty', 25],
  ['ERR', 15],
  ['n/a', 15],
  ['unrecognized', 25],
  ['padded', 20],
] as const);

const DAY = 86_400_000;
export const DEFAULT_START = Date.UTC(2026, 9, 1);
const MAX_DEVICES = 1_000_000;

/** The exact string pools, exposed for tests (e.g. to check they need no CSV quoting). */
export const POOLS = {
  models: MODELS.items.map((m) => m.name),
  firmware: [...new Set(MODELS.items.flatMap((m) => m.firmware.items))],
  regions: REGIONS.items as readonly string[],
  operations: OPERATIONS.items as readonly string[],
  servers: SERVERS.items as readonly string[],
  components: COMPONENTS.items as readonly string[],
  notes: [...GENERAL_NOTES.items, ...FAILURE_NOTES.items, ...RETRY_NOTES.filter((n) => n !== '')],
  story: { model: OOM_MODEL, firmware: OOM_FIRMWARE, server: FLAKY_SERVER },
} as const;

function luhnDigit(digits14: string): number {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = digits14.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The time window of the flaky-server story: two days centred on the middle of the span. */
export function storyWindow(opts: Pick<GeneratorOptions, 'startTime' | 'days'>): {
  from: number;
  to: number;
} {
  const start = opts.startTime ?? DEFAULT_START;
  const span = (opts.days ?? 7) * DAY;
  const mid = start + span / 2;
  const half = Math.min(DAY, span / 4);
  return { from: mid - half, to: mid + half };
}

interface Retry {
  due: number;
  device: number;
  component: string;
  operation: string;
  server: string;
  attempt: number;
}

// ---------------------------------------------------------------------------------------------------------
// Event generator
// ---------------------------------------------------------------------------------------------------------

export function* generateEvents(opts: GeneratorOptions): Generator<FleetEvent> {
  const rows = Math.max(0, Math.floor(opts.rows));
  if (rows === 0) return;
  const start = opts.startTime ?? DEFAULT_START;
  const span = (opts.days ?? 7) * DAY;
  const nDevices = Math.max(1, Math.floor(opts.devices ?? Math.min(200_000, Math.ceil(rows / 4))));
  if (nDevices > MAX_DEVICES) throw new RangeError(`devices must be <= ${MAX_DEVICES}`);
  const story = opts.story ?? true;
  const dirty = Math.min(1, Math.max(0, opts.dirty ?? 0));
  const rng = mulberry32(opts.seed);

  // Device pool: IMEI, model, firmware, region fixed per device. Serials are a bijection of the index, so
  // ids are unique.
  const devId: string[] = new Array(nDevices);
  const devModel: string[] = new Array(nDevices);
  const devFw: string[] = new Array(nDevices);
  const devRegion: string[] = new Array(nDevices);
  const serialOffset = Math.floor(rng() * 1_000_000);
  for (let d = 0; d < nDevices; d++) {
    const m = pick(MODELS, rng());
    const serial = String((d * 7919 + serialOffset) % 1_000_000).padStart(6, '0');
    const body = m.tac + serial;
    devId[d] = body + luhnDigit(body);
    devModel[d] = m.name;
    devFw[d] = pick(m.firmware, rng());
    devRegion[d] = pick(REGIONS, rng());
  }

  const win = storyWindow(opts);
  const rowsPerHour = rows / (span / 3_600_000);
  const maxDelay = Math.max(2, Math.floor(rowsPerHour * 3));
  const queue: Retry[] = [];
  let qHead = 0;
  let lastDue = 0;

  for (let i = 0; i < rows; i++) {
    const time = start + Math.floor(((i + rng()) * span) / rows);
    let d: number;
    let component: string;
    let operation: string;
    let server: string;
    let attempt = 1;
    const head = queue[qHead];
    if (head !== undefined && head.due <= i) {
      qHead++;
      if (qHead > 4096) {
        queue.splice(0, qHead);
        qHead = 0;
      }
      d = head.device;
      component = head.component;
      operation = head.operation;
      server = head.server;
      attempt = head.attempt;
    } else {
      d = Math.floor(rng() * nDevices);
      component = pick(COMPONENTS, rng());
      operation = pick(OPERATIONS, rng());
      server = pick(SERVERS, rng());
    }
    const model = devModel[d] as string;
    const firmware = devFw[d] as string;

    const downloads = operation === 'download' || operation === 'update';
    const installs = operation === 'install' || operation === 'update';
    let code: number;
    const r = rng();
    if (story && r < 0.4 && (downloads || installs) && firmware === OOM_FIRMWARE && model === OOM_MODEL) {
      code = operation === 'download' ? 1404 : operation === 'install' ? 1406 : rng() < 0.5 ? 1404 : 1406;
    } else if (
      story &&
      r < 0.55 &&
      downloads &&
      server === FLAKY_SERVER &&
      time >= win.from &&
      time < win.to
    ) {
      code = rng() < 0.4 ? 1502 : 1504;
    } else if (rng() < (attempt > 1 ? 0.05 : 0.095)) {
      code = pick(FAILURES_BY_OP[operation] as Weighted<number>, rng());
    } else {
      code = rng() < 0.025 ? pick(VENDOR_SUCCESS, rng()) : 1200;
    }

    const failed = outcomeOf(code) === 'failure';
    if (failed && attempt < 3 && code !== 1401 && rng() < 0.5) {
      const due = Math.max(lastDue, i + 1 + Math.floor(rng() * maxDelay));
      lastDue = due;
      queue.push({ due, device: d, component, operation, server, attempt: attempt + 1 });
    }

    let note = '';
    if (attempt > 1) {
      note = RETRY_NOTES[attempt] ?? '';
    } else if (failed) {
      if (rng() < 0.45) note = pick(FAILURE_NOTES, rng());
    } else if (rng() < 0.08) {
      note = pick(GENERAL_NOTES, rng());
    }

    let rawCode = codeString(code);
    let finalCode: number | null = code;
    if (dirty > 0 && rng() < dirty) {
      const kind = pick(DIRTY_KINDS, rng());
      if (kind === 'empty') {
        rawCode = '';
        finalCode = null;
      } else if (kind === 'ERR' || kind === 'n/a') {
        rawCode = kind;
        finalCode = null;
      } else if (kind === 'unrecognized') {
        finalCode = UNRECOGNIZED_DIRTY_CODES[Math.floor(rng() * UNRECOGNIZED_DIRTY_CODES.length)] as number;
        rawCode = String(finalCode);
      } else {
        rawCode = rng() < 0.5 ? ` ${code} ` : `  ${code}`;
      }
    }

    yield {
      time,
      device: devId[d] as string,
      code: finalCode,
      rawCode,
      model,
      firmware,
      region: devRegion[d] as string,
      operation,
      server,
      component,
      note,
      deviceIndex: d,
    };
  }
}

const CODE_STRINGS: string[] = [];
function codeString(code: number): string {
  let s = CODE_STRINGS[code];
  if (s === undefined) {
    s = String(code);
    if (code >= 0 && code < 4096) CODE_STRINGS[code] = s;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Ground truth
// ---------------------------------------------------------------------------------------------------------

const INT_RE = /^-?\d+$/;

/** The integer a raw code stands for, or null when the row must be rejected. */
export function parseRawCode(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const t = raw.trim();
  return INT_RE.test(t) ? Number(t) : null;
}

/**
 * Adds ev.device to `set`, skipping the hash lookup when ev.deviceIndex says this exact id was already
 * added (a Set of 200k ids is the slowest part of tracking 10M rows). Exact whatever the indices: an index
 * only short-cuts when it maps to the very same id string; anything else goes through the Set.
 */
function markDevice(ev: FleetEvent, byIndex: (string | undefined)[], set: Set<string>): void {
  const k = ev.deviceIndex;
  if (k !== undefined && k >= 0 && k < 4_194_304 && Number.isInteger(k)) {
    while (byIndex.length <= k) byIndex.push(undefined);
    const prev = byIndex[k];
    if (prev === ev.device) return;
    if (prev === undefined) byIndex[k] = ev.device;
  }
  set.add(ev.device);
}

/** Accumulates ground truth row by row (writers feed it with each row's physical line number). */
export class TruthTracker {
  private rowsRead = 0;
  private rowsRejected = 0;
  private operations = 0;
  private successes = 0;
  private failures = 0;
  private unrecognized = 0;
  private readonly devices = new Set<string>();
  private readonly failingDevices = new Set<string>();
  private readonly byCode = new Map<number, number>();
  private readonly seenByIndex: (string | undefined)[] = [];
  private readonly failingByIndex: (string | undefined)[] = [];
  private readonly rejectedLines: number[] = [];
  private linesKnown = true;
  private aggregated = false;

  /** One event; `line` is its 1-based physical line in the written file, when known. */
  add(ev: FleetEvent, line?: number): void {
    this.rowsRead++;
    const code = parseRawCode(ev.rawCode);
    if (code === null) {
      this.reject(line);
      return;
    }
    this.operations++;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    markDevice(ev, this.seenByIndex, this.devices);
    const outcome = outcomeOf(code);
    if (outcome === 'success') this.successes++;
    else if (outcome === 'failure') {
      this.failures++;
      markDevice(ev, this.failingByIndex, this.failingDevices);
    } else this.unrecognized++;
  }

  /** One aggregated row: `count` operations with the same raw code. */
  addCount(rawCode: string, count: number, line?: number): void {
    this.aggregated = true;
    this.rowsRead++;
    const code = parseRawCode(rawCode);
    if (code === null) {
      this.reject(line);
      return;
    }
    this.operations += count;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + count);
    const outcome = outcomeOf(code);
    if (outcome === 'success') this.successes += count;
    else if (outcome === 'failure') this.failures += count;
    else this.unrecognized += count;
  }

  /** Marks line numbers unknown (e.g. plain groundTruth() over events that were never written). */
  withoutLines(): this {
    this.linesKnown = false;
    return this;
  }

  private reject(line: number | undefined): void {
    this.rowsRejected++;
    if (line === undefined) this.linesKnown = false;
    else this.rejectedLines.push(line);
  }

  result(): GroundTruth {
    const truth: GroundTruth = {
      rowsRead: this.rowsRead,
      rowsRejected: this.rowsRejected,
      operations: this.operations,
      successes: this.successes,
      failures: this.failures,
      unrecognized: this.unrecognized,
      devices: this.devices.size,
      failingDevices: this.failingDevices.size,
      byCode: new Map([...this.byCode].sort((a, b) => a[0] - b[0])),
    };
    if (this.linesKnown) truth.rejectedLines = [...this.rejectedLines];
    if (this.aggregated) truth.aggregated = true;
    return truth;
  }
}

/** Ground truth of a list of events, computed straightforwardly (no line numbers). */
export function groundTruth(events: Iterable<FleetEvent>): GroundTruth {
  const t = new TruthTracker().withoutLines();
  for (const ev of events) t.add(ev);
  return t.result();
}

/** Plain-JSON form of a ground truth (byCode as an object of code → count). */
export function truthToJSON(truth: GroundTruth): Record<string, unknown> {
  const { byCode, ...rest } = truth;
  return { ...rest, byCode: Object.fromEntries([...byCode].map(([k, v]) => [String(k), v])) };
}

/** Inverse of truthToJSON. */
export function truthFromJSON(json: Record<string, unknown>): GroundTruth {
  const byCode = new Map<number, number>();
  for (const [k, v] of Object.entries((json.byCode ?? {}) as Record<string, number>))
    byCode.set(Number(k), v);
  return { ...(json as unknown as GroundTruth), byCode };
}

// ---------------------------------------------------------------------------------------------------------
// Writers: shared pieces
// ---------------------------------------------------------------------------------------------------------

export type Field =
  | 'code'
  | 'time'
  | 'device'
  | 'model'
  | 'firmware'
  | 'region'
  | 'operation'
  | 'server'
  | 'component'
  | 'note';

export const FIELDS: readonly Field[] = [
  'code',
  'time',
  'device',
  'model',
  'firmware',
  'region',
  'operation',
  'server',
  'component',
  'note',
];

/** The fields an aggregated CSV keeps (plus `count`). */
export const AGGREGATE_FIELDS: readonly Field[] = [
  'code',
  'model',
  'firmware',
  'region',
  'operation',
  'server',
];

export type HeaderMap = Readonly<Record<Field | 'count', string>>;

export const HEADER_PRESETS = {
  snake: {
    code: 'result_code',
    time: 'timestamp',
    device: 'device_id',
    model: 'model',
    firmware: 'firmware',
    region: 'region',
    operation: 'operation',
    server: 'server',
    component: 'component',
    note: 'note',
    count: 'count',
  },
  title: {
    code: 'Result Code',
    time: 'Time',
    device: 'IMEI',
    model: 'Model',
    firmware: 'Firmware Version',
    region: 'Region',
    operation: 'Operation',
    server: 'Download Server',
    component: 'Component',
    note: 'Note',
    count: 'Count',
  },
  camel: {
    code: 'resultCode',
    time: 'eventTime',
    device: 'devId',
    model: 'deviceModel',
    firmware: 'fwVersion',
    region: 'region',
    operation: 'operation',
    server: 'downloadServer',
    component: 'componentId',
    note: 'note',
    count: 'count',
  },
  omadm: {
    code: 'Item/Data',
    time: 'Received',
    device: 'DevId',
    model: 'Mod',
    firmware: 'FwV',
    region: 'Region',
    operation: 'Operation',
    server: 'Server',
    component: 'PkgID',
    note: 'Note',
    count: 'Count',
  },
} as const satisfies Record<string, HeaderMap>;

export type HeaderPreset = keyof typeof HEADER_PRESETS;

export type TimeFormat = 'iso' | 'iso-nozone' | 'space' | 'epoch-s' | 'epoch-ms';
export const TIME_FORMATS: readonly TimeFormat[] = ['iso', 'iso-nozone', 'space', 'epoch-s', 'epoch-ms'];

export interface CommonWriteOptions {
  /** Header names / JSON keys: a preset name or a full mapping; default 'snake'. */
  headers?: HeaderPreset | HeaderMap;
  /** Default 'iso'. */
  time?: TimeFormat;
  /** Column order (a subset is allowed); default FIELDS (AGGREGATE_FIELDS for aggregated CSV). */
  columns?: readonly Field[];
  /** When set, the column order is shuffled with this seed. */
  shuffleColumns?: number;
  /** Receives every written row with its physical line number (for rejectedLines). */
  truth?: TruthTracker;
  /** Approximate chunk size in bytes (chunks always end at a row boundary); default 65536. */
  chunkSize?: number;
}

export type Delimiter = ',' | ';' | '\t' | '|';
export type Newline = '\n' | '\r\n' | '\r';

export interface CsvOptions extends CommonWriteOptions {
  /** Default ','. */
  delimiter?: Delimiter;
  /** Default '\n'. */
  newline?: Newline;
  /** Prefix a UTF-8 byte order mark (U+FEFF). */
  bom?: boolean;
  /** Write a header row (default true). */
  header?: boolean;
  /** Quote every field, not only those that need it. */
  quoteAll?: boolean;
  /** Rows grouped by (code, model, firmware, region, operation, server) with a count column. */
  aggregate?: boolean;
}

export interface JsonOptions extends CommonWriteOptions {
  /** Code under {"result":{"code":…}} and device under {"device":{"id":…}}. */
  nested?: boolean;
  /**
   * 'number' (default): integers as numbers, '' as null, other text as strings; 'string': the raw code as
   * a string; 'mixed': every third row (index % 3 === 1) as a string, the rest as in 'number'.
   */
  codeAs?: 'number' | 'string' | 'mixed';
  /** Wrapped JSON: the key holding the array (default 'events'). */
  wrapKey?: string;
  /** Wrapped JSON: the value of "source" (default 'dm-server-1'). */
  source?: string;
  /** NDJSON line terminator (default '\n'); the array layouts always use '\n'. */
  newline?: Newline;
}

export type Format = 'csv' | 'json' | 'wrapped' | 'ndjson';
export const FORMATS: readonly Format[] = ['csv', 'json', 'wrapped', 'ndjson'];

export interface Written {
  text: string;
  truth: GroundTruth;
}

// ---------------------------------------------------------------------------------------------------------
// Byte-level output (the writers build UTF-8 directly: ~3x faster than building and encoding JS strings)
// ---------------------------------------------------------------------------------------------------------

const ENCODER = new TextEncoder();
const BOM_BYTES = new Uint8Array([0xef, 0xbb, 0xbf]);
const QUOTE = 34;
const BACKSLASH = 92;
const HEX = '0123456789abcdef';

/** A growable UTF-8 buffer with the escaping rules of CSV and JSON. */
class ByteOut {
  buf: Uint8Array;
  pos = 0;
  /** Line breaks written inside quoted CSV fields since the caller last reset it. */
  breaks = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  reserve(n: number): void {
    if (this.pos + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n + 1024));
      bigger.set(this.buf.subarray(0, this.pos));
      this.buf = bigger;
    }
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  bytes(a: Uint8Array): void {
    this.reserve(a.length);
    this.buf.set(a, this.pos);
    this.pos += a.length;
  }

  /** Writes the non-ASCII code unit c = s[i]; returns the index of the last code unit consumed. */
  private wide(s: string, i: number, c: number): number {
    const buf = this.buf;
    if (c < 0x800) {
      buf[this.pos++] = 0xc0 | (c >> 6);
      buf[this.pos++] = 0x80 | (c & 63);
      return i;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        buf[this.pos++] = 0xf0 | (cp >> 18);
        buf[this.pos++] = 0x80 | ((cp >> 12) & 63);
        buf[this.pos++] = 0x80 | ((cp >> 6) & 63);
        buf[this.pos++] = 0x80 | (cp & 63);
        return i + 1;
      }
    }
    const u = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c; // lone surrogate: U+FFFD, as TextEncoder does
    buf[this.pos++] = 0xe0 | (u >> 12);
    buf[this.pos++] = 0x80 | ((u >> 6) & 63);
    buf[this.pos++] = 0x80 | (u & 63);
    return i;
  }

  /** s as UTF-8, unescaped. */
  text(s: string): void {
    const n = s.length;
    this.reserve(n * 3);
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) this.buf[this.pos++] = c;
      else i = this.wide(s, i, c);
    }
  }

  /** One CSV field: bare unless it holds the delimiter, a quote, CR or LF (or quoteAll). */
  csvCell(s: string, delim: number, quoteAll: boolean): void {
    const n = s.length;
    this.reserve(n * 3 + 2);
    if (!quoteAll) {
      const start = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) {
          if (c === delim || c === QUOTE || c === 10 || c === 13) break;
          this.buf[this.pos++] = c;
        } else i = this.wide(s, i, c);
      }
      if (i >= n) return;
      this.pos = start;
    }
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[this.pos++] = c;
        if (c === QUOTE) buf[this.pos++] = QUOTE;
        else if (c === 10) this.breaks++;
        else if (c === 13) {
          this.breaks++;
          if (s.charCodeAt(i + 1) === 10) {
            buf[this.pos++] = 10;
            i++;
          }
        }
      } else i = this.wide(s, i, c);
    }
    buf[this.pos++] = QUOTE;
  }

  /** A JSON string literal. */
  jsonString(s: string): void {
    const n = s.length;
    this.reserve(n * 6 + 2);
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c === QUOTE || c === BACKSLASH) buf[this.pos++] = BACKSLASH;
        buf[this.pos++] = c;
      } else if (c < 0x20) {
        buf[this.pos++] = BACKSLASH;
        if (c === 10)
          buf[this.pos++] = 110; // n
        else if (c === 13)
          buf[this.pos++] = 114; // r
        else if (c === 9)
          buf[this.pos++] = 116; // t
        else {
          buf[this.pos++] = 117; // u
          buf[this.pos++] = 48;
          buf[this.pos++] = 48;
          buf[this.pos++] = HEX.charCodeAt(c >> 4);
          buf[this.pos++] = HEX.charCodeAt(c & 15);
        }
      } else i = this.wide(s, i, c);
    }
    buf[this.pos++] = QUOTE;
  }
}

/** Writes times in one format straight to bytes (caches the date part per day). */
function timeWriter(format: TimeFormat): (out: ByteOut, t: number) => void {
  if (format === 'epoch-ms') return (out, t) => out.text(String(t));
  if (format === 'epoch-s') return (out, t) => out.text(String(Math.floor(t / 1000)));
  const sep = format === 'space' ? 32 : 84; // ' ' or 'T'
  const withMs = format === 'iso';
  let cachedDay = Number.NaN;
  let prefix = new Uint8Array(0);
  return (out, t) => {
    const day = Math.floor(t / DAY);
    if (day !== cachedDay) {
      cachedDay = day;
      prefix = ENCODER.encode(new Date(day * DAY).toISOString().slice(0, 10));
    }
    out.reserve(prefix.length + 14);
    const buf = out.buf;
    for (let k = 0; k < prefix.length; k++) buf[out.pos++] = prefix[k] as number;
    let ms = t - day * DAY;
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const m = Math.floor(ms / 60_000);
    ms -= m * 60_000;
    const s = Math.floor(ms / 1000);
    ms -= s * 1000;
    buf[out.pos++] = sep;
    buf[out.pos++] = 48 + Math.floor(h / 10);
    buf[out.pos++] = 48 + (h % 10);
    buf[out.pos++] = 58;
    buf[out.pos++] = 48 + Math.floor(m / 10);
    buf[out.pos++] = 48 + (m % 10);
    buf[out.pos++] = 58;
    buf[out.pos++] = 48 + Math.floor(s / 10);
    buf[out.pos++] = 48 + (s % 10);
    if (withMs) {
      buf[out.pos++] = 46;
      buf[out.pos++] = 48 + Math.floor(ms / 100);
      buf[out.pos++] = 48 + (Math.floor(ms / 10) % 10);
      buf[out.pos++] = 48 + (ms % 10);
      buf[out.pos++] = 90; // Z
    }
  };
}

/** A time as text, exactly as the writers print it. */
export function formatTime(t: number, format: TimeFormat = 'iso'): string {
  const out = new ByteOut(32);
  timeWriter(format)(out, t);
  return new TextDecoder().decode(out.buf.subarray(0, out.pos));
}

function resolveHeaders(h: HeaderPreset | HeaderMap | undefined): HeaderMap {
  if (h === undefined) return HEADER_PRESETS.snake;
  if (typeof h === 'string') {
    const preset: HeaderMap | undefined = HEADER_PRESETS[h];
    if (!preset) throw new Error(`unknown header preset: ${h}`);
    return preset;
  }
  return h;
}

/** The column order a writer will use for these options. */
export function resolveColumns(opts: CommonWriteOptions & { aggregate?: boolean }): Field[] {
  let cols = [...(opts.columns ?? (opts.aggregate ? AGGREGATE_FIELDS : FIELDS))];
  if (opts.aggregate) cols = cols.filter((c) => AGGREGATE_FIELDS.includes(c));
  if (opts.shuffleColumns !== undefined) {
    const rng = mulberry32(opts.shuffleColumns);
    for (let i = cols.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const tmp = cols[i] as Field;
      cols[i] = cols[j] as Field;
      cols[j] = tmp;
    }
  }
  return cols;
}

/** A string field of an event (everything but time). */
function stringField(ev: FleetEvent, f: Field): string {
  switch (f) {
    case 'code':
      return ev.rawCode;
    case 'device':
      return ev.device;
    case 'model':
      return ev.model;
    case 'firmware':
      return ev.firmware;
    case 'region':
      return ev.region;
    case 'operation':
      return ev.operation;
    case 'server':
      return ev.server;
    case 'component':
      return ev.component;
    case 'note':
      return ev.note;
    default:
      return String(ev.time);
  }
}

/** Number of line breaks (\r\n, \r or \n) in a string. */
export function countLineBreaks(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 10) n++;
    else if (ch === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Decodes byte chunks (each ends on a row boundary, so on a character boundary) to strings. */
function* decoded(chunks: Iterable<Uint8Array>): Generator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const chunk of chunks) yield decoder.decode(chunk);
}

// ---------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------

/** Streams a CSV file as ~64 KB UTF-8 chunks. Feeds `opts.truth` (if any) with each row's physical line. */
export function* csvByteChunks(events: Iterable<FleetEvent>, opts: CsvOptions = {}): Generator<Uint8Array> {
  const delim = (opts.delimiter ?? ',').charCodeAt(0);
  const nl = ENCODER.encode(opts.newline ?? '\n');
  const headers = resolveHeaders(opts.headers);
  const cols = resolveColumns(opts);
  const n = cols.length;
  const chunkSize = Math.max(1, opts.chunkSize ?? 65_536);
  const truth = opts.truth;
  const quoteAll = opts.quoteAll ?? false;

  let out = new ByteOut(chunkSize + 4096);
  if (opts.bom) out.bytes(BOM_BYTES);
  let line = 1;
  if (opts.header ?? true) {
    const names = cols.map((c) => headers[c]);
    if (opts.aggregate) names.push(headers.count);
    out.breaks = 0;
    names.forEach((name, k) => {
      if (k > 0) out.byte(delim);
      out.csvCell(name, delim, quoteAll);
    });
    out.bytes(nl);
    line += 1 + out.breaks;
  }

  if (opts.aggregate) {
    const groups = aggregate(events, cols);
    for (const g of groups) {
      for (let c = 0; c < n; c++) {
        if (c > 0) out.byte(delim);
        out.csvCell(g.values[c] as string, delim, quoteAll);
      }
      out.byte(delim);
      out.csvCell(String(g.count), delim, quoteAll);
      out.bytes(nl);
      truth?.addCount(g.rawCode, g.count, line);
      line++;
      if (out.pos >= chunkSize) {
        yield out.buf.subarray(0, out.pos);
        out = new ByteOut(chunkSize + 4096);
      }
    }
    if (out.pos > 0) yield out.buf.subarray(0, out.pos);
    return;
  }

  const writeTime = timeWriter(opts.time ?? 'iso');
  for (const ev of events) {
    out.breaks = 0;
    for (let c = 0; c < n; c++) {
      if (c > 0) out.byte(delim);
      const f = cols[c] as Field;
      if (f !== 'time') out.csvCell(stringField(ev, f), delim, quoteAll);
      else if (quoteAll) {
        out.byte(QUOTE);
        writeTime(out, ev.time);
        out.byte(QUOTE);
      } else writeTime(out, ev.time); // never holds a delimiter, quote or line break
    }
    out.bytes(nl);
    truth?.add(ev, line);
    line += 1 + out.breaks;
    if (out.pos >= chunkSize) {
      yield out.buf.subarray(0, out.pos);
      out = new ByteOut(chunkSize + 4096);
    }
  }
  if (out.pos > 0) yield out.buf.subarray(0, out.pos);
}

/** Streams a CSV file as ~64 KB strings. */
export function csvChunks(events: Iterable<FleetEvent>, opts: CsvOptions = {}): Generator<string> {
  return decoded(csvByteChunks(events, opts));
}

interface Group {
  rawCode: string;
  values: string[];
  count: number;
}

/** Groups by (raw code, model, firmware, region, operation, server) in first-seen order. */
function aggregate(events: Iterable<FleetEvent>, cols: readonly Field[]): Iterable<Group> {
  const groups = new Map<string, Group>();
  for (const ev of events) {
    const key = `${ev.rawCode}\u0000${ev.model}\u0000${ev.firmware}\u0000${ev.region}\u0000${ev.operation}\u0000${ev.server}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { rawCode: ev.rawCode, values: cols.map((c) => stringField(ev, c)), count: 1 });
  }
  return groups.values();
}

// ---------------------------------------------------------------------------------------------------------
// JSON, wrapped JSON, NDJSON
// ---------------------------------------------------------------------------------------------------------

type RowWriter = (out: ByteOut, ev: FleetEvent, index: number) => void;

function jsonRowWriter(opts: JsonOptions): RowWriter {
  const headers = resolveHeaders(opts.headers);
  const cols = resolveColumns(opts);
  const n = cols.length;
  const writeTime = timeWriter(opts.time ?? 'iso');
  const numericTime = opts.time === 'epoch-ms' || opts.time === 'epoch-s';
  const nested = opts.nested ?? false;
  const codeAs = opts.codeAs ?? 'number';
  const keys = cols.map((c, k) => {
    const comma = k > 0 ? ',' : '{';
    if (nested && c === 'code') return ENCODER.encode(`${comma}"result":{"code":`);
    if (nested && c === 'device') return ENCODER.encode(`${comma}"device":{"id":`);
    return ENCODER.encode(`${comma}${JSON.stringify(headers[c])}:`);
  });
  const closeNested = nested ? 125 : 0; // '}'

  const writeCode = (out: ByteOut, ev: FleetEvent, index: number): void => {
    if (codeAs === 'string' || (codeAs === 'mixed' && index % 3 === 1)) out.jsonString(ev.rawCode);
    else {
      const code = parseRawCode(ev.rawCode);
      if (code !== null) out.text(codeString(code));
      else if (ev.rawCode === '') out.text('null');
      else out.jsonString(ev.rawCode);
    }
  };

  return (out, ev, index) => {
    for (let c = 0; c < n; c++) {
      out.bytes(keys[c] as Uint8Array);
      const f = cols[c] as Field;
      if (f === 'code') {
        writeCode(out, ev, index);
        if (closeNested) out.byte(closeNested);
      } else if (f === 'time') {
        if (numericTime) writeTime(out, ev.time);
        else {
          out.byte(QUOTE);
          writeTime(out, ev.time);
          out.byte(QUOTE);
        }
      } else {
        out.jsonString(stringField(ev, f));
        if (f === 'device' && closeNested) out.byte(closeNested);
      }
    }
    if (n === 0) out.byte(123); // '{}' for an empty column list
    out.byte(125);
  };
}

/** Rows one per line between `open` and `close`; row i (0-based) sits on line i + 2. */
function* jsonArrayByteChunks(
  events: Iterable<FleetEvent>,
  opts: JsonOptions,
  open: string,
  close: string,
): Generator<Uint8Array> {
  const write = jsonRowWriter(opts);
  const chunkSize = Math.max(1, opts.chunkSize ?? 65_536);
  const truth = opts.truth;
  const sep = ENCODER.encode(',\n');
  let out = new ByteOut(chunkSize + 4096);
  out.text(`${open}\n`);
  let i = 0;
  for (const ev of events) {
    if (i > 0) out.bytes(sep);
    write(out, ev, i);
    truth?.add(ev, i + 2);
    i++;
    if (out.pos >= chunkSize) {
      yield out.buf.subarray(0, out.pos);
      out = new ByteOut(chunkSize + 4096);
    }
  }
  out.text(`\n${close}\n`);
  yield out.buf.subarray(0, out.pos);
}

/** A JSON array of objects: `[` on line 1, one object per line (row i on line i + 2). */
export function jsonByteChunks(events: Iterable<FleetEvent>, opts: JsonOptions = {}): Generator<Uint8Array> {
  return jsonArrayByteChunks(events, opts, '[', ']');
}

function wrappedOpen(opts: JsonOptions): string {
  return `{"source":${JSON.stringify(opts.source ?? 'dm-server-1')},${JSON.stringify(opts.wrapKey ?? 'events')}:[`;
}

/** `{"source":"dm-server-1","events":[` on line 1, one object per line (row i on line i + 2), `]}`. */
export function wrappedByteChunks(
  events: Iterable<FleetEvent>,
  opts: JsonOptions = {},
): Generator<Uint8Array> {
  return jsonArrayByteChunks(events, opts, wrappedOpen(opts), ']}');
}

/** One JSON object per line; row i (0-based) sits on line i + 1. */
export function* ndjsonByteChunks(
  events: Iterable<FleetEvent>,
  opts: JsonOptions = {},
): Generator<Uint8Array> {
  const write = jsonRowWriter(opts);
  const chunkSize = Math.max(1, opts.chunkSize ?? 65_536);
  const nl = ENCODER.encode(opts.newline ?? '\n');
  const truth = opts.truth;
  let out = new ByteOut(chunkSize + 4096);
  let i = 0;
  for (const ev of events) {
    write(out, ev, i);
    out.bytes(nl);
    truth?.add(ev, i + 1);
    i++;
    if (out.pos >= chunkSize) {
      yield out.buf.subarray(0, out.pos);
      out = new ByteOut(chunkSize + 4096);
    }
  }
  if (out.pos > 0) yield out.buf.subarray(0, out.pos);
}

export function jsonChunks(events: Iterable<FleetEvent>, opts: JsonOptions = {}): Generator<string> {
  return decoded(jsonByteChunks(events, opts));
}
export function wrappedChunks(events: Iterable<FleetEvent>, opts: JsonOptions = {}): Generator<string> {
  return decoded(wrappedByteChunks(events, opts));
}
export function ndjsonChunks(events: Iterable<FleetEvent>, opts: JsonOptions = {}): Generator<string> {
  return decoded(ndjsonByteChunks(events, opts));
}

// ---------------------------------------------------------------------------------------------------------
// Any format
// ---------------------------------------------------------------------------------------------------------

/** Options of every writer; CSV-only options are ignored by the JSON formats and vice versa. */
export type WriteOptions = CsvOptions & JsonOptions;

/** UTF-8 chunks of any format (what a file or a socket wants). */
export function formatByteChunks(
  format: Format,
  events: Iterable<FleetEvent>,
  opts: WriteOptions = {},
): Generator<Uint8Array> {
  if (format !== 'csv' && opts.aggregate) throw new Error('aggregate is only supported for csv');
  switch (format) {
    case 'csv':
      return csvByteChunks(events, opts);
    case 'json':
      return jsonByteChunks(events, opts);
    case 'wrapped':
      return wrappedByteChunks(events, opts);
    case 'ndjson':
      return ndjsonByteChunks(events, opts);
    default:
      throw new Error(`unknown format: ${String(format)}`);
  }
}

/** String chunks of any format. */
export function formatChunks(
  format: Format,
  events: Iterable<FleetEvent>,
  opts: WriteOptions = {},
): Generator<string> {
  return decoded(formatByteChunks(format, events, opts));
}

/** The whole file as one string, with its ground truth (rejectedLines filled). For small data. */
export function writeFormat(format: Format, events: Iterable<FleetEvent>, opts: WriteOptions = {}): Written {
  const truth = new TruthTracker();
  let text = '';
  for (const chunk of formatChunks(format, events, { ...opts, truth })) text += chunk;
  return { text, truth: truth.result() };
}

export const writeCsv = (events: Iterable<FleetEvent>, opts: CsvOptions = {}): Written =>
  writeFormat('csv', events, opts);
export const writeJson = (events: Iterable<FleetEvent>, opts: JsonOptions = {}): Written =>
  writeFormat('json', events, opts);
export const writeWrapped = (events: Iterable<FleetEvent>, opts: JsonOptions = {}): Written =>
  writeFormat('wrapped', events, opts);
export const writeNdjson = (events: Iterable<FleetEvent>, opts: JsonOptions = {}): Written =>
  writeFormat('ndjson', events, opts);

/** Convenience: generate and write in one go (small data). */
export function generateFile(format: Format, gen: GeneratorOptions, opts: WriteOptions = {}): Written {
  return writeFormat(format, generateEvents(gen), opts);
}
