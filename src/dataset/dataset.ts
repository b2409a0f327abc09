import type { Catalog, Category, Cause, CodeInfo, Stage } from '../catalog/catalog-types.ts';
import { CATEGORIES, CAUSES, STAGES } from '../catalog/catalog-types.ts';
import type { IdArray } from './growable-columns.ts';
import { orderByNumber, orderByRank } from './row-order.ts';

export type { EventRow, Selection } from './query-types.ts';

import type {
  CodeCount,
  DeviceRow,
  DimensionValueCounts,
  EventRow,
  Filter,
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
      for (const v of col.values) bytes += 2 * v.length + 16;
    }
    return bytes;
  }

  all(): Selection {
    return { rows: null, size: this.rowCount };
  }

  // ---- filtering ------------------------------------------------------------------------------------

  select(filter: Filter = {}): Selection {
    const c = this.c;
    const codePass = this.codeMask(filter);
    const dimPass: { ids: IdArray; pass: Uint8Array }[] = [];
    for (const [name, accepted] of Object.entries(filter.dimensions ?? {})) {
      const column = c.dimensions.find((d) => d.name === name);
      if (!column || !accepted) continue;
      const wanted = new Set(accepted);
      dimPass.push({ ids: column.ids, pass: Uint8Array.from(column.values, (v) => (wanted.has(v) ? 1 : 0)) });
    }
    let devicePass: Uint8Array | null = null;
    const deviceQuery = filter.device?.trim().toLowerCase();
    if (deviceQuery) {
      this.lowerDevices ??= (c.device?.values ?? []).map((v) => v.toLowerCase());
      devicePass = Uint8Array.from(this.lowerDevices, (v) => (v.includes(deviceQuery) ? 1 : 0));
    }
    const search = this.textMasks(filter.text);
    const timed = filter.timeFrom !== undefined || filter.timeTo !== undefined;
    if (!codePass && dimPass.length === 0 && !devicePass && !search && !timed) return this.all();
    if (timed && !c.time) return { rows: new Uint32Array(0), size: 0 };

    const from = filter.timeFrom ?? Number.NEGATIVE_INFINITY;
    const to = filter.timeTo ?? Number.POSITIVE_INFINITY;
    const n = this.rowCount;
    const out = new Uint32Array(n);
    let size = 0;
    const codeIds = c.codeIds;
    const deviceIds = c.device?.ids;
    const time = c.time;
    const dimCount = dimPass.length;
    rows: for (let i = 0; i < n; i++) {
      if (codePass && codePass[codeIds[i] as number] === 0) continue;
      for (let k = 0; k < dimCount; k++) {
        const d = dimPass[k] as { ids: IdArray; pass: Uint8Array };
        if (d.pass[d.ids[i] as number] === 0) continue rows;
      }
      if (devicePass && (!deviceIds || devicePass[deviceIds[i] as number] === 0)) continue;
      if (search && !search.matches(i)) continue;
      if (timed) {
        const t = (time as Float64Array)[i] as number;
        if (!(t >= from && t < to)) continue;
      }
      out[size++] = i;
    }
    return { rows: out.slice(0, size), size };
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

  totals(sel: Selection): Totals {
    const weights = this.codeWeights(sel);
    const byOutcome = [0, 0, 0];
    weights.forEach((w, id) => {
      const o = this.outcomeOfCode[id] as number;
      byOutcome[o] = (byOutcome[o] as number) + w;
    });
    const [successes = 0, failures = 0, unrecognized = 0] = byOutcome;
    const operations = successes + failures + unrecognized;
    let devices: number | null = null;
    let failingDevices: number | null = null;
    const device = this.c.device;
    if (device) {
      // bit 1: seen, bit 2: failed
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
      devices = 0;
      failingDevices = 0;
      device.values.forEach((value, d) => {
        if (value === '') return; // rows without a device id are not a device
        if ((flags[d] as number) & 1) (devices as number)++;
        if ((flags[d] as number) & 2) (failingDevices as number)++;
      });
    }
    return {
      operations,
      successes,
      failures,
      unrecognized,
      failureRate: operations === 0 ? 0 : failures / operations,
      devices,
      failingDevices,
      rows: sel.size,
    };
  }

  byCode(sel: Selection): CodeCount[] {
    const weights = this.codeWeights(sel);
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

  byCategory(sel: Selection): Record<Category, number> {
    const out = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
    const weights = this.codeWeights(sel);
    this.info.forEach((i, id) => {
      out[i.category] += weights[id] as number;
    });
    return out;
  }

  /** Failures per stage, every stage listed (zeros included), in the catalog's stage order. */
  byStage(sel: Selection): { stage: Stage; count: number }[] {
    const weights = this.codeWeights(sel);
    return STAGES.map((stage) => ({
      stage,
      count: this.info.reduce((sum, i, id) => (i.stage === stage ? sum + (weights[id] as number) : sum), 0),
    }));
  }

  /** Failures per likely cause, every cause listed. */
  byCause(sel: Selection): { cause: Cause; count: number }[] {
    const weights = this.codeWeights(sel);
    return CAUSES.map((cause) => ({
      cause,
      count: this.info.reduce((sum, i, id) => (i.cause === cause ? sum + (weights[id] as number) : sum), 0),
    }));
  }

  private column(name: string): DictColumn | null {
    if (name === 'device') return this.c.device;
    return this.c.dimensions.find((d) => d.name === name) ?? null;
  }

  /** Operations and failure rate per value of a dimension, most failures first. */
  byDimension(name: string, sel: Selection): DimensionValueCounts[] {
    const column = this.c.dimensions.find((d) => d.name === name);
    if (!column) return [];
    const size = column.values.length;
    const acc = new Float64Array(size * 3); // success, failure, unrecognized per value
    const { codeIds, count } = this.c;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const at = (column.ids[i] as number) * 3 + (this.outcomeOfCode[codeIds[i] as number] as number);
      acc[at] = (acc[at] as number) + (count ? (count[i] as number) : 1);
    }
    const out: DimensionValueCounts[] = [];
    column.values.forEach((value, v) => {
      const successes = acc[v * 3] as number;
      const failures = acc[v * 3 + 1] as number;
      const unrecognized = acc[v * 3 + 2] as number;
      const operations = successes + failures + unrecognized;
      if (operations === 0) return;
      out.push({ value, operations, successes, failures, unrecognized, failureRate: failures / operations });
    });
    return out.sort(
      (a, b) => b.failures - a.failures || b.operations - a.operations || cmp(a.value, b.value),
    );
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
    const { bucket, bucketMs, origin } = chooseBuckets(range, unit);
    const count = Math.floor((range.to - origin) / bucketMs) + 1;
    const nc = CATEGORIES.length;
    const categoryOfCode = Uint8Array.from(this.info, (i) => CATEGORIES.indexOf(i.category));
    const acc = new Float64Array(count * nc);
    const { codeIds, count: weight } = this.c;
    const rows = sel.rows;
    const n = rows ? rows.length : this.rowCount;
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const t = time[i] as number;
      if (Number.isNaN(t)) continue;
      const b = Math.floor((t - origin) / bucketMs);
      const at = b * nc + (categoryOfCode[codeIds[i] as number] as number);
      acc[at] = (acc[at] as number) + (weight ? (weight[i] as number) : 1);
    }
    const failureCategories = CATEGORIES.map(
      (c) => c !== 'success' && c !== 'success_vendor' && c !== 'unrecognized',
    );
    const buckets: TimeSeries['buckets'] = [];
    for (let b = 0; b < count; b++) {
      const byCategory = {} as Record<Category, number>;
      let operations = 0;
      let failures = 0;
      CATEGORIES.forEach((category, ci) => {
        const v = acc[b * nc + ci] as number;
        byCategory[category] = v;
        operations += v;
        if (failureCategories[ci]) failures += v;
      });
      buckets.push({ start: origin + b * bucketMs, byCategory, operations, failures });
    }
    return { bucket, bucketMs, buckets };
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
    const { codeIds, count, time } = this.c;
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
      if (top.length === limit && before(d, top[limit - 1] as number) >= 0) continue;
      // insertion into a short sorted list: limit is a screenful, not the fleet
      let at = Math.min(top.length, limit - 1);
      if (top.length < limit) top.push(d);
      while (at > 0 && before(d, top[at - 1] as number) < 0) {
        top[at] = top[at - 1] as number;
        at--;
      }
      top[at] = d;
    }
    const slot = new Int32Array(size).fill(-1);
    top.forEach((d, k) => {
      slot[d] = k;
    });
    const m = top.length;
    const successes = new Float64Array(m);
    const first = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
    const last = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
    const lastCodeId = new Int32Array(m);
    const firstFailure = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
    const lastSuccess = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
    for (let k = 0; k < n; k++) {
      const i = rows ? (rows[k] as number) : k;
      const s = slot[device.ids[i] as number] as number;
      if (s < 0) continue;
      // without times, row order stands in for time order
      const t = time && !Number.isNaN(time[i]) ? (time[i] as number) : i;
      const codeId = codeIds[i] as number;
      const outcome = this.outcomeOfCode[codeId];
      if (outcome === OUTCOME_FAILURE) {
        if (t < (firstFailure[s] as number)) firstFailure[s] = t;
      } else if (outcome === OUTCOME_SUCCESS) {
        successes[s] = (successes[s] as number) + (count ? (count[i] as number) : 1);
        if (t > (lastSuccess[s] as number)) lastSuccess[s] = t;
      }
      if (t < (first[s] as number)) first[s] = t;
      if (t >= (last[s] as number)) {
        last[s] = t;
        lastCodeId[s] = codeId;
      }
    }
    const timed = time !== null;
    return top.map((d, s) => {
      const info = this.info[lastCodeId[s] as number] as CodeInfo;
      return {
        device: device.values[d] as string,
        attempts: attempts[d] as number,
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
    const byInfo: Record<string, (i: CodeInfo) => string | number | null> = {
      code: (i) => i.code,
      message: (i) => i.name,
      category: (i) => i.category,
      stage: (i) => i.stage,
      cause: (i) => i.cause,
    };
    const infoValue = Object.hasOwn(byInfo, column) ? byInfo[column] : undefined;
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

const UNIT_MS: Record<TimeBucketSize, number> = { minute: MINUTE, hour: HOUR, day: DAY, week: WEEK };

/** Bucket starts fall on whole units (UTC), so series of different selections line up. */
function chooseBuckets(
  range: TimeRange,
  forced?: TimeBucketSize,
): { bucket: TimeBucketSize; bucketMs: number; origin: number } {
  const span = range.to - range.from;
  const bucket: TimeBucketSize =
    forced ?? (span <= 3 * HOUR ? 'minute' : span <= 3 * DAY ? 'hour' : span <= 120 * DAY ? 'day' : 'week');
  const unit = UNIT_MS[bucket];
  // weeks start on Monday (1970-01-01 was a Thursday, so shift by 3 days)
  const shift = bucket === 'week' ? 3 * DAY : 0;
  const origin = Math.floor((range.from + shift) / unit) * unit - shift;
  const buckets = Math.floor((range.to - origin) / unit) + 1;
  const bucketMs = buckets > MAX_BUCKETS ? unit * Math.ceil(buckets / MAX_BUCKETS) : unit;
  return { bucket, bucketMs, origin };
}
