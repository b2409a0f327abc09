import { CATEGORIES } from '../catalog/catalog-registry.ts';
import type { Catalog, Category, Cause, CodeInfo, Stage } from '../catalog/catalog-types.ts';
import { CAUSES, STAGES } from '../catalog/catalog-types.ts';
import { type IdArray, stringBytes } from './growable-columns.ts';
import { orderByNumber, orderByRank } from './row-order.ts';

export type { EventRow, Selection } from './query-types.ts';

import type {
  Breakdown,
  CodeCount,
  DeviceRow,
  DimensionValueCounts,
  EventRow,
  Filter,
  Overview,
  OverviewSpec,
  Selection,
  SortSpec,
  TimeBucketSize,
  TimeRange,
  TimeSeries,
  Totals,
} from './query-types.ts';

/** A dictionary-encoded text column: `values[ids[row]]` is the row's text. */
export interface DictColumn {
  readonly name: string;
  readonly ids: IdArray;
  readonly values: readonly string[];
}

export interface DatasetColumns {
  catalog: Catalog;
  rowCount: number;
  /** Per row, an index into `codes`. */
  codeIds: IdArray;
  /** The distinct result codes. */
  codes: Int32Array;
  /** Epoch ms per row, NaN when unknown; null when no file had a time column. */
  time: Float64Array | null;
  /** Weight per row; null when every row weighs 1. */
  count: Uint32Array | null;
  device: DictColumn | null;
  dimensions: DictColumn[];
}

const OUTCOME_SUCCESS = 0;
const OUTCOME_FAILURE = 1;
const OUTCOME_UNRECOGNIZED = 2;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MAX_BUCKETS = 1000;
const NC = CATEGORIES.length;
/** Categories whose operations are failures, by index in CATEGORIES. */
const FAILURE_CATEGORY = CATEGORIES.map(
  (c) => c !== 'success' && c !== 'success_vendor' && c !== 'unrecognized',
);

interface DimensionAccumulator {
  column: DictColumn;
  ids: IdArray;
  /** Operations per value × outcome (success, failure, unrecognized). */
  acc: Float64Array;
}

/**
 * The columnar store and every question the views ask of it. No per-row objects: filters produce a
 * selection (row indices), aggregations scan typed arrays. Everything derived from the code (category,
 * outcome, stage, cause) is looked up once per distinct code, never per row.
 */
export class Dataset {
  readonly catalog: Catalog;
  readonly rowCount: number;
  readonly dimensionNames: readonly string[];
  private readonly c: DatasetColumns;
  private readonly info: CodeInfo[];
  private readonly outcomeOfCode: Uint8Array;
  /** Per code id, the index of its category in CATEGORIES. */
  private readonly categoryOfCode: Uint8Array;
  /** Device ids in lower case, made on the first device search. */
  private lowerDevices: string[] | null = null;
  /** Sort ranks of dictionary columns (device ids: 200k strings), made on the first sort by that column. */
  private readonly rankCache = new Map<string, Int32Array>();

  constructor(columns: DatasetColumns) {
    this.c = columns;
    this.catalog = columns.catalog;
    this.rowCount = columns.rowCount;
    this.dimensionNames = columns.dimensions.map((d) => d.name);
    this.info = Array.from(columns.codes, (code) => columns.catalog.lookup(code));
    this.outcomeOfCode = Uint8Array.from(this.info, (i) =>
      i.outcome === 'success'
        ? OUTCOME_SUCCESS
        : i.outcome === 'failure'
          ? OUTCOME_FAILURE
          : OUTCOME_UNRECOGNIZED,
    );
    // Figures are counted by the registered categories: a code of another category would count nowhere.
    const stray = this.info.find((i) => !CATEGORIES.includes(i.category));
    if (stray !== undefined) {
      throw new Error(`catalog "${this.catalog.id}": category "${stray.category}" is not a registered one`);
    }
    this.categoryOfCode = Uint8Array.from(this.info, (i) => CATEGORIES.indexOf(i.category));
  }

  get hasTime(): boolean {
    return this.c.time !== null;
  }
  get hasDevice(): boolean {
    return this.c.device !== null;
  }
  get hasCount(): boolean {
    return this.c.count !== null;
  }

  /** Bytes held by the columns (typed arrays and dictionary strings at 2 bytes a character). */
  get byteSize(): number {
    const c = this.c;
    let bytes = c.codeIds.byteLength + c.codes.byteLength;
    bytes += (c.time?.byteLength ?? 0) + (c.count?.byteLength ?? 0);
    for (const col of c.device ? [c.device, ...c.dimensions] : c.dimensions) {
      bytes += col.ids.byteLength;
      for (const v of col.values) bytes += stringBytes(v);
    }
    return bytes;
  }

  all(): Selection {
    return { rows: null, size: this.rowCount };
  }

  // ---- filtering ------------------------------------------------------------------------------------

  /**
   * The rows that pass the filter, ascending. Filtered a column at a time: the test that passes the
   * fewest dictionary values scans every row, and each further test only the rows still in, each in a
   * tight loop of its own.
   */
  select(filter: Filter = {}): Selection {
    const c = this.c;
    const tests: { ids: IdArray; pass: Uint8Array }[] = [];
    const codePass = this.codeMask(filter);
    if (codePass) tests.push({ ids: c.codeIds, pass: codePass });
    for (const { name, values: accepted } of filter.dimensions ?? []) {
      const column = c.dimensions.find((d) => d.name === name);
      if (!column) continue;
      const wanted = new Set(accepted);
      tests.push({ ids: column.ids, pass: Uint8Array.from(column.values, (v) => (wanted.has(v) ? 1 : 0)) });
    }
    const deviceQuery = filter.device?.trim().toLowerCase();
    const search = this.textMasks(filter.text);
    const timed = filter.timeFrom !== undefined || filter.timeTo !== undefined;
    if (tests.length === 0 && !deviceQuery && !search && !timed) return this.all();
    if (timed && !c.time) return { rows: new Uint32Array(0), size: 0 };
    if (deviceQuery) {
      if (!c.device) return { rows: new Uint32Array(0), size: 0 };
      this.lowerDevices ??= c.device.values.map((v) => v.toLowerCase());
      tests.push({
        ids: c.device.ids,
        pass: Uint8Array.from(this.lowerDevices, (v) => (v.includes(deviceQuery) ? 1 : 0)),
      });
    }
    // the most selective test first (by the share of dictionary values it lets through)
    const share = new Map(tests.map((t) => [t, passCount(t.pass) / Math.max(1, t.pass.length)]));
    tests.sort((x, y) => (share.get(x) as number) - (share.get(y) as number));

    const n = this.rowCount;
    const out = new Uint32Array(n);
    let size = -1; // -1: no test has run yet, every row is in
    for (const t of tests) {
      size = size < 0 ? scanIds(t.ids, t.pass, n, out) : refineIds(out, size, t.ids, t.pass);
    }
    if (timed) {
      const from = filter.timeFrom ?? Number.NEGATIVE_INFINITY;
      const to = filter.timeTo ?? Number.POSITIVE_INFINITY;
      size = refineTime(out, size, n, c.time as Float64Array, from, to);
    }
    if (search) {
      if (size < 0) {
        for (let i = 0; i < n; i++) out[i] = i;
        size = n;
      }
      let m = 0;
      for (let k = 0; k < size; k++) {
        const i = out[k] as number;
        if (search.matches(i)) out[m++] = i;
      }
      size = m;
    }
    return { rows: size === out.length ? out : out.slice(0, size), size };
  }

  /** For the search text: which codes, devices and dimension values contain it, and a per-row test. */
  private textMasks(text: string | undefined): { matches(row: number): boolean } | null {
    const term = text?.trim().toLowerCase();
    if (!term) return null;
    const c = this.c;
    const code = Uint8Array.from(this.info, (i) =>
      String(i.code).startsWith(term) || i.name.toLowerCase().includes(term) ? 1 : 0,
    );
    const columns: { ids: IdArray; pass: Uint8Array }[] = [];
    if (c.device) {
      this.lowerDevices ??= c.device.values.map((v) => v.toLowerCase());
      columns.push({
        ids: c.device.ids,
        pass: Uint8Array.from(this.lowerDevices, (v) => (v.includes(term) ? 1 : 0)),
      });
    }
    for (const d of c.dimensions) {
      const pass = Uint8Array.from(d.values, (v) => (v.toLowerCase().includes(term) ? 1 : 0));
      if (pass.includes(1)) columns.push({ ids: d.ids, pass });
    }
    const codeIds = c.codeIds;
    return {
      matches(row) {
        if (code[codeIds[row] as number] === 1) return true;
        for (const column of columns) if (column.pass[column.ids[row] as number] === 1) return true;
        return false;
      },
    };
  }

  /** Per distinct code, whether it passes the code-derived parts of the filter; null when none is set. */
  private codeMask(filter: Filter): Uint8Array | null {
    const { codes, categories, outcomes, stages, causes } = filter;
    if (!codes && !categories && !outcomes && !stages && !causes) return null;
    const codeSet = codes ? new Set(codes) : null;
    return Uint8Array.from(this.info, (i) => {
      if (codeSet && !codeSet.has(i.code)) return 0;
      if (categories && !categories.includes(i.category)) return 0;
      if (outcomes && !outcomes.includes(i.outcome)) return 0;
      if (stages && (i.stage === null || !stages.includes(i.stage))) return 0;
      if (causes && (i.cause === null || !causes.includes(i.cause))) return 0;
      return 1;
    });
  }

  // ---- aggregations ---------------------------------------------------------------------------------
  //
  // Each query below is one scan of the selection into small accumulators (per code, per device, per time
  // bucket, per dimension value) and a step that turns the accumulators into the answer. `overview` does
  // every scan the dashboard needs in one pass and shares those finishing steps, so the two cannot differ.

  /** Operations (sum of counts) per distinct code id. */
  private codeWeights(sel: Selection): Float64Array {
    const weights = new Float64Array(this.c.codes.length);
    const { codeIds, count } = this.c;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const id = codeIds[i] as number;
      weights[id] = (weights[id] as number) + (count ? (count[i] as number) : 1);
    }
    return weights;
  }

  /** Per device id: bit 1 seen, bit 2 failed. */
  private deviceFlags(sel: Selection): Uint8Array | null {
    const device = this.c.device;
    if (!device) return null;
    const flags = new Uint8Array(device.values.length);
    const { codeIds } = this.c;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const d = device.ids[i] as number;
      flags[d] =
        (flags[d] as number) | (this.outcomeOfCode[codeIds[i] as number] === OUTCOME_FAILURE ? 3 : 1);
    }
    return flags;
  }

  /** [devices, failing devices] from per-device flags (bit 1 seen, bit 2 failed, shifted by `shift`). */
  private countDevices(
    flags: Uint8Array,
    shift: number,
    touched: Int32Array | null = null,
    touchedCount = 0,
  ): [number, number] {
    const values = (this.c.device as DictColumn).values;
    const seen = 1 << shift;
    const failed = 2 << shift;
    let devices = 0;
    let failing = 0;
    const n = touched ? touchedCount : values.length;
    for (let k = 0; k < n; k++) {
      const d = touched ? (touched[k] as number) : k;
      const f = flags[d] as number;
      if (f === 0 || values[d] === '') continue; // rows without a device id are not a device
      if (f & seen) devices++;
      if (f & failed) failing++;
    }
    return [devices, failing];
  }

  private totalsFrom(weights: Float64Array, deviceCounts: [number, number] | null, rows: number): Totals {
    const byOutcome = [0, 0, 0];
    weights.forEach((w, id) => {
      const o = this.outcomeOfCode[id] as number;
      byOutcome[o] = (byOutcome[o] as number) + w;
    });
    const [successes = 0, failures = 0, unrecognized = 0] = byOutcome;
    const operations = successes + failures + unrecognized;
    const [devices, failingDevices] = deviceCounts ?? [null, null];
    return {
      operations,
      successes,
      failures,
      unrecognized,
      failureRate: operations === 0 ? 0 : failures / operations,
      devices,
      failingDevices,
      rows,
    };
  }

  private byCodeFrom(weights: Float64Array): CodeCount[] {
    const out: CodeCount[] = [];
    this.info.forEach((i, id) => {
      const count = weights[id] as number;
      if (count === 0) return;
      out.push({
        code: i.code,
        name: i.name,
        description: i.description,
        category: i.category,
        outcome: i.outcome,
        stage: i.stage,
        cause: i.cause,
        count,
      });
    });
    return out.sort((a, b) => b.count - a.count || a.code - b.code);
  }

  private byCategoryFrom(weights: Float64Array): Record<Category, number> {
    const out = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
    this.info.forEach((i, id) => {
      out[i.category] = (out[i.category] ?? 0) + (weights[id] as number);
    });
    return out;
  }

  private byStageFrom(weights: Float64Array): { stage: Stage; count: number }[] {
    return STAGES.map((stage) => ({
      stage,
      count: this.info.reduce((sum, i, id) => (i.stage === stage ? sum + (weights[id] as number) : sum), 0),
    }));
  }

  private byCauseFrom(weights: Float64Array): { cause: Cause; count: number }[] {
    return CAUSES.map((cause) => ({
      cause,
      count: this.info.reduce((sum, i, id) => (i.cause === cause ? sum + (weights[id] as number) : sum), 0),
    }));
  }

  totals(sel: Selection): Totals {
    const flags = this.deviceFlags(sel);
    return this.totalsFrom(this.codeWeights(sel), flags && this.countDevices(flags, 0), sel.size);
  }

  byCode(sel: Selection): CodeCount[] {
    return this.byCodeFrom(this.codeWeights(sel));
  }

  byCategory(sel: Selection): Record<Category, number> {
    return this.byCategoryFrom(this.codeWeights(sel));
  }

  /** Failures per stage, every stage listed (zeros included), in the catalog's stage order. */
  byStage(sel: Selection): { stage: Stage; count: number }[] {
    return this.byStageFrom(this.codeWeights(sel));
  }

  /** Failures per likely cause, every cause listed. */
  byCause(sel: Selection): { cause: Cause; count: number }[] {
    return this.byCauseFrom(this.codeWeights(sel));
  }

  private column(name: string): DictColumn | null {
    if (name === 'device') return this.c.device;
    return this.c.dimensions.find((d) => d.name === name) ?? null;
  }

  /** Operations and failure rate per value of a dimension, most failures first. */
  byDimension(name: string, sel: Selection): DimensionValueCounts[] {
    const column = this.c.dimensions.find((d) => d.name === name);
    if (!column) return [];
    const acc = new Float64Array(column.values.length * 3); // success, failure, unrecognized per value
    const { codeIds, count } = this.c;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const at = (column.ids[i] as number) * 3 + (this.outcomeOfCode[codeIds[i] as number] as number);
      acc[at] = (acc[at] as number) + (count ? (count[i] as number) : 1);
    }
    return dimensionFrom(column, acc);
  }

  /** The distinct values of a dimension (or 'device'), sorted. */
  dimensionValues(name: string): string[] {
    return [...(this.column(name)?.values ?? [])].sort(cmp);
  }

  timeRange(sel: Selection): TimeRange | null {
    const time = this.c.time;
    if (!time) return null;
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    for (let k = 0; k < n; k++) {
      const t = time[rows ? (rows[k] as number) : k] as number;
      if (t < from) from = t;
      if (t > to) to = t;
    }
    return from <= to ? { from, to } : null;
  }

  /** Operations per time bucket × category; the bucket (minute/hour/day/week) is chosen from the span. */
  timeSeries(sel: Selection, unit?: TimeBucketSize): TimeSeries | null {
    const range = this.timeRange(sel);
    const time = this.c.time;
    if (!range || !time) return null;
    const grid = bucketGrid(range, unit);
    const acc = new Float64Array(grid.count * NC);
    const { codeIds, count: weight } = this.c;
    const categoryOfCode = this.categoryOfCode;
    const { origin, bucketMs } = grid;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const t = time[i] as number;
      if (Number.isNaN(t)) continue;
      const b = Math.floor((t - origin) / bucketMs);
      const at = b * NC + (categoryOfCode[codeIds[i] as number] as number);
      acc[at] = (acc[at] as number) + (weight ? (weight[i] as number) : 1);
    }
    return seriesFrom(grid, acc);
  }

  /**
   * Per device: attempts, failures, first/last time, last outcome, whether it recovered. Most failures
   * first. One scan counts attempts and failures for every device; the details are gathered only for the
   * `limit` devices shown, so a fleet of 200k devices costs two scans, not a sort of all of them.
   */
  devices(sel: Selection, limit: number): DeviceRow[] {
    const device = this.c.device;
    if (!device || limit <= 0) return [];
    const size = device.values.length;
    const attempts = new Float64Array(size);
    const failures = new Float64Array(size);
    const { codeIds, count } = this.c;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const d = device.ids[i] as number;
      const w = count ? (count[i] as number) : 1;
      attempts[d] = (attempts[d] as number) + w;
      if (this.outcomeOfCode[codeIds[i] as number] === OUTCOME_FAILURE)
        failures[d] = (failures[d] as number) + w;
    }
    const before = (a: number, b: number) =>
      (failures[b] as number) - (failures[a] as number) ||
      (attempts[b] as number) - (attempts[a] as number) ||
      cmp(device.values[a] as string, device.values[b] as string);
    const top: number[] = [];
    for (let d = 0; d < size; d++) {
      if ((attempts[d] as number) === 0 || device.values[d] === '') continue;
      insertTopK(top, limit, d, before);
    }
    return this.deviceRows(sel, top, failures, limit);
  }

  /**
   * The devices `devices(sel, limit)` lists, from the failures per device alone: when at least `limit`
   * devices failed, only those with as many failures as the `limit`-th most failing one can be listed, and
   * only their attempts are needed, so the fleet's attempts are never counted.
   */
  private devicesFromFailures(
    sel: Selection,
    failures: Float64Array,
    touched: Int32Array,
    touchedCount: number,
    limit: number,
  ): DeviceRow[] {
    const device = this.c.device;
    if (!device || limit <= 0) return [];
    const values = device.values;
    // the `limit` largest failure counts, descending
    const best: number[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const d = touched[k] as number;
      const f = failures[d] as number;
      if (f === 0 || (best.length === limit && f <= (best[limit - 1] as number)) || values[d] === '')
        continue;
      let at = best.length < limit ? best.length : limit - 1;
      if (best.length < limit) best.push(f);
      while (at > 0 && f > (best[at - 1] as number)) {
        best[at] = best[at - 1] as number;
        at--;
      }
      best[at] = f;
    }
    // Fewer failing devices than rows to list: devices without failures are listed too, by attempts.
    if (best.length < limit) return this.devices(sel, limit);
    const threshold = best[limit - 1] as number;
    const candidates: number[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const d = touched[k] as number;
      if ((failures[d] as number) >= threshold && values[d] !== '') candidates.push(d);
    }
    return this.deviceRows(
      sel,
      candidates.sort((a, b) => a - b),
      failures,
      limit,
    );
  }

  /**
   * One scan of the selection for the `candidates` devices: attempts, successes, times and last code; then
   * the `limit` of them with the most failures, then attempts, then by id, with their details.
   */
  private deviceRows(
    sel: Selection,
    candidates: number[],
    failures: Float64Array,
    limit: number,
  ): DeviceRow[] {
    const device = this.c.device;
    const m = candidates.length;
    if (!device || m === 0 || limit <= 0) return [];
    // A byte per device says whether it is a candidate (small enough to stay in cache while the rows are
    // scanned); only a candidate's rows look up its slot.
    const isCandidate = new Uint8Array(device.values.length);
    const slot = new Int32Array(device.values.length);
    candidates.forEach((d, k) => {
      isCandidate[d] = 1;
      slot[d] = k;
    });
    const { codeIds, count, time } = this.c;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    const attempts = new Float64Array(m);
    const successes = new Float64Array(m);
    const first = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
    const last = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
    const lastCodeId = new Int32Array(m);
    const firstFailure = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
    const lastSuccess = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
    const deviceIds = device.ids;
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const d = deviceIds[i] as number;
      if (isCandidate[d] === 0) continue;
      const s = slot[d] as number;
      // without times, row order stands in for time order
      const t = time && !Number.isNaN(time[i]) ? (time[i] as number) : i;
      const codeId = codeIds[i] as number;
      const outcome = this.outcomeOfCode[codeId];
      const w = count ? (count[i] as number) : 1;
      attempts[s] = (attempts[s] as number) + w;
      if (outcome === OUTCOME_FAILURE) {
        if (t < (firstFailure[s] as number)) firstFailure[s] = t;
      } else if (outcome === OUTCOME_SUCCESS) {
        successes[s] = (successes[s] as number) + w;
        if (t > (lastSuccess[s] as number)) lastSuccess[s] = t;
      }
      if (t < (first[s] as number)) first[s] = t;
      if (t >= (last[s] as number)) {
        last[s] = t;
        lastCodeId[s] = codeId;
      }
    }
    // By slot: most failures, then most attempts, then id; a device without attempts is not listed.
    const values = device.values;
    const before = (a: number, b: number) =>
      (failures[candidates[b] as number] as number) - (failures[candidates[a] as number] as number) ||
      (attempts[b] as number) - (attempts[a] as number) ||
      cmp(values[candidates[a] as number] as string, values[candidates[b] as number] as string);
    const top: number[] = [];
    for (let s = 0; s < m; s++) {
      if ((attempts[s] as number) === 0 || values[candidates[s] as number] === '') continue;
      insertTopK(top, limit, s, before);
    }
    const timed = time !== null;
    return top.map((s) => {
      const d = candidates[s] as number;
      const info = this.info[lastCodeId[s] as number] as CodeInfo;
      return {
        device: values[d] as string,
        attempts: attempts[s] as number,
        failures: failures[d] as number,
        successes: successes[s] as number,
        firstTime: timed && Number.isFinite(first[s]) ? (first[s] as number) : null,
        lastTime: timed && Number.isFinite(last[s]) ? (last[s] as number) : null,
        lastCode: info.code,
        lastOutcome: info.outcome,
        eventuallySucceeded:
          (failures[d] as number) > 0 && (lastSuccess[s] as number) > (firstFailure[s] as number),
      };
    });
  }

  /**
   * Everything the dashboard shows for a selection, in one scan (plus a scan of the times, whose span
   * chooses the buckets, and one for the details of the devices listed), instead of one scan per query:
   * equal to `totals`, `byCode`, `byCategory`, `byStage`, `byCause`, `timeRange`, `timeSeries`,
   * `byDimension` and `devices` of `sel`, and of the part of `sel` whose codes pass `spec.part.filter`.
   */
  overview(sel: Selection, spec: OverviewSpec = {}): Overview {
    const c = this.c;
    const { codeIds, count, time } = c;
    const device = c.device;
    const deviceIds = device?.ids ?? null;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    const nCodes = this.info.length;
    const partSpec = spec.part ?? null;
    const partMask = partSpec ? (this.codeMask(partSpec.filter) ?? new Uint8Array(nCodes).fill(1)) : null;

    // Scan 1, times only: the spans choose the buckets.
    const spans = time ? timeSpans(rows, n, time, codeIds, partMask) : null;
    const range = spans && spans[0] <= spans[1] ? { from: spans[0], to: spans[1] } : null;
    const partRange = spans && spans[2] <= spans[3] ? { from: spans[2], to: spans[3] } : null;
    const grid = range ? bucketGrid(range) : null;
    const partGrid = partRange ? bucketGrid(partRange) : null;

    // Scan 2: per code, per device, per bucket × category, per dimension value × outcome.
    const nDevices = device ? device.values.length : 0;
    const deviceLimit = device ? Math.max(0, spec.deviceLimit ?? 0) : 0;
    const seriesCodeId = partSpec?.seriesCode === undefined ? -1 : c.codes.indexOf(partSpec.seriesCode);
    const countCode = partGrid !== null && partSpec?.seriesCode !== undefined;
    const dimResults = this.dimensionAccumulators(spec.dimensions);
    const partDimResults = this.dimensionAccumulators(partSpec?.dimensions);
    const scan: OverviewScan = {
      rows,
      n,
      codeIds,
      count,
      time,
      deviceIds,
      outcomeOfCode: this.outcomeOfCode,
      categoryOfCode: this.categoryOfCode,
      weights: new Float64Array(nCodes),
      flags: new Uint8Array(nDevices),
      touched: new Int32Array(nDevices),
      touchedCount: 0,
      deviceFailures: new Float64Array(deviceLimit > 0 ? nDevices : 0),
      grid,
      series: new Float64Array(grid ? grid.count * NC : 0),
      dims: dimResults.filter((d) => d !== null),
      partMask,
      partWeights: new Float64Array(partMask ? nCodes : 0),
      partGrid,
      partSeries: new Float64Array(partGrid ? partGrid.count * NC : 0),
      seriesCodeId: countCode ? seriesCodeId : -1,
      codeFailures: new Float64Array(partGrid ? partGrid.count : 0),
      partDims: partDimResults.filter((d) => d !== null),
      partRows: 0,
    };
    accumulate(scan);
    const { weights, flags, touched, touchedCount, series, partWeights, partSeries, codeFailures } = scan;
    const deviceCounts = (shift: number) =>
      device ? this.countDevices(flags, shift, touched, touchedCount) : null;

    const breakdown = (
      w: Float64Array,
      devices: [number, number] | null,
      size: number,
      r: TimeRange | null,
      g: BucketGrid | null,
      s: Float64Array,
      dd: (DimensionAccumulator | null)[],
    ): Breakdown => ({
      totals: this.totalsFrom(w, devices, size),
      byCode: this.byCodeFrom(w),
      byCategory: this.byCategoryFrom(w),
      byStage: this.byStageFrom(w),
      byCause: this.byCauseFrom(w),
      timeRange: r,
      timeSeries: g ? seriesFrom(g, s) : null,
      byDimension: dd.map((dim) => (dim ? dimensionFrom(dim.column, dim.acc) : [])),
    });
    return {
      ...breakdown(weights, deviceCounts(0), sel.size, range, grid, series, dimResults),
      // Scan 3 (inside): the details of the devices listed.
      devices: this.devicesFromFailures(sel, scan.deviceFailures, touched, touchedCount, deviceLimit),
      part: partMask
        ? {
            ...breakdown(
              partWeights,
              deviceCounts(2),
              scan.partRows,
              partRange,
              partGrid,
              partSeries,
              partDimResults,
            ),
            codeFailures: countCode ? Array.from(codeFailures) : null,
          }
        : null,
    };
  }

  /** Per dimension name, its column and operations per value × outcome; null (answer []) for a name the data lacks. */
  private dimensionAccumulators(names: readonly string[] | undefined): (DimensionAccumulator | null)[] {
    return (names ?? []).map((name) => {
      const column = this.c.dimensions.find((d) => d.name === name);
      return column ? { column, ids: column.ids, acc: new Float64Array(column.values.length * 3) } : null;
    });
  }

  /** Every event of one device, in time order (row order where times tie or are missing). */
  deviceHistory(deviceId: string): EventRow[] {
    const device = this.c.device;
    const d = device?.values.indexOf(deviceId) ?? -1;
    if (!device || d < 0) return [];
    const rows: number[] = [];
    for (let i = 0; i < this.rowCount; i++) if (device.ids[i] === d) rows.push(i);
    const time = this.c.time;
    if (time) rows.sort((a, b) => timeKey(time[a]) - timeKey(time[b]) || a - b);
    return rows.map((i) => this.event(i));
  }

  event(row: number): EventRow {
    const c = this.c;
    const t = c.time ? (c.time[row] as number) : Number.NaN;
    return {
      row,
      time: Number.isNaN(t) ? null : t,
      device: c.device ? (c.device.values[c.device.ids[row] as number] as string) : null,
      code: c.codes[c.codeIds[row] as number] as number,
      count: c.count ? (c.count[row] as number) : 1,
      dimensions: c.dimensions.map((d) => d.values[d.ids[row] as number] as string),
    };
  }

  codeInfo(code: number): CodeInfo {
    return this.catalog.lookup(code);
  }

  // ---- ordering -------------------------------------------------------------------------------------

  /** The selection's rows in the order of one column; ties keep row order, missing values go last. */
  sortedRows(sel: Selection, sort: SortSpec | null): Uint32Array {
    const rows = sel.rows ?? Uint32Array.from({ length: this.rowCount }, (_, i) => i);
    if (!sort) return sel.rows ? rows.slice() : rows;
    const c = this.c;
    const { column, desc } = sort;
    if (column === 'time') {
      const time = c.time;
      return time ? orderByNumber(rows, (i) => time[i] as number, desc) : rows.slice();
    }
    if (column === 'count') {
      const count = c.count;
      return count ? orderByNumber(rows, (i) => count[i] as number, desc) : rows.slice();
    }
    const infoValue = SORT_BY_CODE_INFO.get(column);
    if (infoValue) return orderByRank(rows, c.codeIds, ranks(this.info.map(infoValue)), desc);
    const dict = this.column(column);
    if (!dict) return rows.slice();
    let rank = this.rankCache.get(column);
    if (!rank) {
      rank = ranks(dict.values.map((v) => (v === '' ? null : v)));
      this.rankCache.set(column, rank);
    }
    return orderByRank(rows, dict.ids, rank, desc);
  }
}

/** Sort columns read from the code's catalog entry (a Map: the column name comes from the URL). */
const SORT_BY_CODE_INFO = new Map<string, (i: CodeInfo) => string | number | null>([
  ['code', (i) => i.code],
  ['message', (i) => i.name],
  ['category', (i) => i.category],
  ['stage', (i) => i.stage],
  ['cause', (i) => i.cause],
]);

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function timeKey(t: number | undefined): number {
  return t === undefined || Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}
/**
 * The position of each value in sorted order (numbers numerically; text numeric-aware, so "fw 10" sorts
 * after "fw 9"); null (missing) gets -1. Ties share a rank.
 */
function ranks(values: readonly (string | number | null)[]): Int32Array {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  // A collator is slow on 200k device ids: compare by code units first, refine only small dictionaries.
  const compare =
    values.length <= 5000
      ? (a: string | number, b: string | number) =>
          typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b))
      : (a: string | number, b: string | number) =>
          typeof a === 'number' && typeof b === 'number' ? a - b : cmp(String(a), String(b));
  const present = values.flatMap((v, i) => (v === null ? [] : [i]));
  present.sort((a, b) => compare(values[a] as string | number, values[b] as string | number));
  const rank = new Int32Array(values.length).fill(-1);
  let position = -1;
  present.forEach((id, k) => {
    const previous = present[k - 1];
    if (
      previous === undefined ||
      compare(values[previous] as string | number, values[id] as string | number) !== 0
    ) {
      position++;
    }
    rank[id] = position;
  });
  return rank;
}

/** What scan 2 of `Dataset.overview` reads and the accumulators it fills. */
interface OverviewScan {
  rows: Uint32Array | null;
  n: number;
  codeIds: IdArray;
  count: Uint32Array | null;
  time: Float64Array | null;
  deviceIds: IdArray | null;
  outcomeOfCode: Uint8Array;
  categoryOfCode: Uint8Array;
  /** Operations per code id. */
  weights: Float64Array;
  /** Per device id: bit 1 seen, bit 2 failed; bits 4 and 8 the same in the part. */
  flags: Uint8Array;
  /** The devices with a row in the selection, in order of first row (`touchedCount` of them). */
  touched: Int32Array;
  touchedCount: number;
  /** Failures per device; empty when no device is listed. */
  deviceFailures: Float64Array;
  grid: BucketGrid | null;
  /** Operations per bucket × category. */
  series: Float64Array;
  dims: DimensionAccumulator[];
  /** Per code id, 1 when its rows belong to the part; null without a part. */
  partMask: Uint8Array | null;
  partWeights: Float64Array;
  partGrid: BucketGrid | null;
  partSeries: Float64Array;
  /** The code id whose failures `codeFailures` counts per bucket of the part's series; -1 for none. */
  seriesCodeId: number;
  codeFailures: Float64Array;
  partDims: DimensionAccumulator[];
  /** Rows in the part (set by the scan). */
  partRows: number;
}

/**
 * Scan 1 of `Dataset.overview`: [from, to] of the rows' times and of the part's (Infinity, -Infinity when
 * there are none). Hot loops live in small functions of their own, which the engine optimises once and
 * keeps, rather than in the middle of a long method it would enter and leave on every call.
 */
function timeSpans(
  rows: Uint32Array | null,
  n: number,
  time: Float64Array,
  codeIds: IdArray,
  partMask: Uint8Array | null,
): [number, number, number, number] {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  let partFrom = Number.POSITIVE_INFINITY;
  let partTo = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const t = time[i] as number;
    if (t < from) from = t;
    if (t > to) to = t;
    if (partMask !== null && partMask[codeIds[i] as number] === 1) {
      if (t < partFrom) partFrom = t;
      if (t > partTo) partTo = t;
    }
  }
  return [from, to, partFrom, partTo];
}

/** Scan 2 of `Dataset.overview`: fills the accumulators. */
function accumulate(s: OverviewScan): void {
  const { rows, n, codeIds, count, time, deviceIds, outcomeOfCode, categoryOfCode } = s;
  const { weights, flags, touched, deviceFailures, series, dims, partMask, partWeights } = s;
  const { partSeries, seriesCodeId, codeFailures, partDims } = s;
  const listDevices = deviceFailures.length > 0;
  const timed = time !== null && s.grid !== null;
  const origin = s.grid?.origin ?? 0;
  const bucketMs = s.grid?.bucketMs ?? 1;
  const partTimed = time !== null && s.partGrid !== null;
  const partOrigin = s.partGrid?.origin ?? 0;
  const partBucketMs = s.partGrid?.bucketMs ?? 1;
  const nDims = dims.length;
  const nPartDims = partDims.length;
  let partRows = 0;
  let touchedCount = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const id = codeIds[i] as number;
    const w = count ? (count[i] as number) : 1;
    const outcome = outcomeOfCode[id] as number;
    const failed = outcome === OUTCOME_FAILURE;
    weights[id] = (weights[id] as number) + w;
    const d = deviceIds ? (deviceIds[i] as number) : 0;
    if (deviceIds) {
      const f = flags[d] as number;
      if (f === 0) touched[touchedCount++] = d;
      flags[d] = f | (failed ? 3 : 1);
      if (listDevices && failed) deviceFailures[d] = (deviceFailures[d] as number) + w;
    }
    const t = time ? (time[i] as number) : Number.NaN;
    const hasTime = !Number.isNaN(t);
    if (timed && hasTime) {
      const at = Math.floor((t - origin) / bucketMs) * NC + (categoryOfCode[id] as number);
      series[at] = (series[at] as number) + w;
    }
    for (let j = 0; j < nDims; j++) {
      const dim = dims[j] as DimensionAccumulator;
      const at = (dim.ids[i] as number) * 3 + outcome;
      dim.acc[at] = (dim.acc[at] as number) + w;
    }
    if (partMask !== null && partMask[id] === 1) {
      partRows++;
      partWeights[id] = (partWeights[id] as number) + w;
      if (deviceIds) flags[d] = (flags[d] as number) | (failed ? 12 : 4);
      if (partTimed && hasTime) {
        const b = Math.floor((t - partOrigin) / partBucketMs);
        const at = b * NC + (categoryOfCode[id] as number);
        partSeries[at] = (partSeries[at] as number) + w;
        if (id === seriesCodeId && failed) codeFailures[b] = (codeFailures[b] as number) + w;
      }
      for (let j = 0; j < nPartDims; j++) {
        const dim = partDims[j] as DimensionAccumulator;
        const at = (dim.ids[i] as number) * 3 + outcome;
        dim.acc[at] = (dim.acc[at] as number) + w;
      }
    }
  }
  s.partRows = partRows;
  s.touchedCount = touchedCount;
}

function passCount(pass: Uint8Array): number {
  let count = 0;
  for (let v = 0; v < pass.length; v++) count += pass[v] as number;
  return count;
}

/** Writes the rows whose id passes into `out`; returns how many. Branch-free: `pass` holds 0 or 1. */
function scanIds(ids: IdArray, pass: Uint8Array, n: number, out: Uint32Array): number {
  let size = 0;
  for (let i = 0; i < n; i++) {
    out[size] = i;
    size += pass[ids[i] as number] as number;
  }
  return size;
}

/** Keeps, in place, the first `size` rows of `rows` whose id passes; returns how many. */
function refineIds(rows: Uint32Array, size: number, ids: IdArray, pass: Uint8Array): number {
  let m = 0;
  for (let k = 0; k < size; k++) {
    const i = rows[k] as number;
    rows[m] = i;
    m += pass[ids[i] as number] as number;
  }
  return m;
}

/** Keeps the rows with a time in [from, to); `size` -1 means every row of `n`. */
function refineTime(
  rows: Uint32Array,
  size: number,
  n: number,
  time: Float64Array,
  from: number,
  to: number,
): number {
  let m = 0;
  if (size < 0) {
    for (let i = 0; i < n; i++) {
      const t = time[i] as number;
      if (t >= from && t < to) rows[m++] = i;
    }
    return m;
  }
  for (let k = 0; k < size; k++) {
    const i = rows[k] as number;
    const t = time[i] as number;
    if (t >= from && t < to) rows[m++] = i;
  }
  return m;
}

const UNIT_MS: Record<TimeBucketSize, number> = { minute: MINUTE, hour: HOUR, day: DAY, week: WEEK };

interface BucketGrid {
  bucket: TimeBucketSize;
  bucketMs: number;
  /** Start of the first bucket. */
  origin: number;
  count: number;
}

/** Bucket starts fall on whole units (UTC), so series of different selections line up. */
function bucketGrid(range: TimeRange, forced?: TimeBucketSize): BucketGrid {
  const span = range.to - range.from;
  const bucket: TimeBucketSize =
    forced ?? (span <= 3 * HOUR ? 'minute' : span <= 3 * DAY ? 'hour' : span <= 120 * DAY ? 'day' : 'week');
  const unit = UNIT_MS[bucket];
  // weeks start on Monday (1970-01-01 was a Thursday, so shift by 3 days)
  const shift = bucket === 'week' ? 3 * DAY : 0;
  const origin = Math.floor((range.from + shift) / unit) * unit - shift;
  const buckets = Math.floor((range.to - origin) / unit) + 1;
  const bucketMs = buckets > MAX_BUCKETS ? unit * Math.ceil(buckets / MAX_BUCKETS) : unit;
  return { bucket, bucketMs, origin, count: Math.floor((range.to - origin) / bucketMs) + 1 };
}

/** A series from operations per bucket × category (`acc[bucket * NC + category]`). */
function seriesFrom(grid: BucketGrid, acc: Float64Array): TimeSeries {
  const buckets: TimeSeries['buckets'] = [];
  for (let b = 0; b < grid.count; b++) {
    const byCategory = {} as Record<Category, number>;
    let operations = 0;
    let failures = 0;
    CATEGORIES.forEach((category, ci) => {
      const v = acc[b * NC + ci] as number;
      byCategory[category] = v;
      operations += v;
      if (FAILURE_CATEGORY[ci]) failures += v;
    });
    buckets.push({ start: grid.origin + b * grid.bucketMs, byCategory, operations, failures });
  }
  return { bucket: grid.bucket, bucketMs: grid.bucketMs, buckets };
}

/** Per value with operations, its counts (`acc[value * 3 + outcome]`); most failures first. */
function dimensionFrom(column: DictColumn, acc: Float64Array): DimensionValueCounts[] {
  const out: DimensionValueCounts[] = [];
  column.values.forEach((value, v) => {
    const successes = acc[v * 3] as number;
    const failures = acc[v * 3 + 1] as number;
    const unrecognized = acc[v * 3 + 2] as number;
    const operations = successes + failures + unrecognized;
    if (operations === 0) return;
    out.push({ value, operations, successes, failures, unrecognized, failureRate: failures / operations });
  });
  return out.sort((a, b) => b.failures - a.failures || b.operations - a.operations || cmp(a.value, b.value));
}

/**
 * Keeps `top` the first `limit` items in `before` order, given one more item: an insertion into a short
 * sorted list (limit is a screenful, not the fleet).
 */
function insertTopK(
  top: number[],
  limit: number,
  item: number,
  before: (a: number, b: number) => number,
): void {
  if (top.length === limit && before(item, top[limit - 1] as number) >= 0) return;
  let at = Math.min(top.length, limit - 1);
  if (top.length < limit) top.push(item);
  while (at > 0 && before(item, top[at - 1] as number) < 0) {
    top[at] = top[at - 1] as number;
    at--;
  }
  top[at] = item;
}
