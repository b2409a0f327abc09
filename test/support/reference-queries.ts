/**
 * The dataset's figures read row by row from `Dataset.event` and the catalog: the oracle the product's
 * one-scan `overview` is compared to. It shares no code with src/dataset beyond those two readers, and
 * is written for plainness, not speed (maps keyed by value, one event object per row).
 */

import type { Category, Cause, Outcome, Stage } from '../../src/catalog/catalog-types.ts';
import { CAUSES, STAGES } from '../../src/catalog/catalog-types.ts';
import type { Dataset, EventRow } from '../../src/dataset/dataset.ts';
import type {
  CodeCount,
  DeviceRow,
  DimensionValueCounts,
  Selection,
  TimeBucketSize,
  TimeRange,
  TimeSeries,
  Totals,
} from '../../src/dataset/query-types.ts';

/** The selection's events, in row order. */
function eventsOf(ds: Dataset, sel: Selection): EventRow[] {
  const rows = sel.rows ? [...sel.rows] : Array.from({ length: ds.rowCount }, (_, i) => i);
  return rows.map((row) => ds.event(row));
}

function outcomeOf(ds: Dataset, e: EventRow): Outcome {
  return ds.resultInfo(e.result).outcome;
}

export function totals(ds: Dataset, sel: Selection = ds.all()): Totals {
  const sums: Record<Outcome, number> = {
    success: 0,
    failure: 0,
    not_applied: 0,
    in_progress: 0,
    unrecognized: 0,
  };
  const seen = new Set<string>();
  const failing = new Set<string>();
  for (const e of eventsOf(ds, sel)) {
    const outcome = outcomeOf(ds, e);
    sums[outcome] += e.count;
    // rows without a device id (the empty id) are no device
    if (e.device) seen.add(e.device);
    if (e.device && outcome === 'failure') failing.add(e.device);
  }
  // the outcome model: rows in progress are not operations
  const operations = sums.success + sums.failure + sums.not_applied + sums.unrecognized;
  return {
    operations,
    successes: sums.success,
    failures: sums.failure,
    notApplied: sums.not_applied,
    inProgress: sums.in_progress,
    unrecognized: sums.unrecognized,
    failureRate: operations > 0 ? sums.failure / operations : 0,
    devices: ds.hasDevice ? seen.size : null,
    failingDevices: ds.hasDevice ? failing.size : null,
    devicesUpperBound: false,
    rows: sel.size,
  };
}

/** Results with rows, most first, then by label, then by family. */
export function byCode(ds: Dataset, sel: Selection = ds.all()): CodeCount[] {
  const counts = new Map<number, number>();
  for (const e of eventsOf(ds, sel)) counts.set(e.result, (counts.get(e.result) ?? 0) + e.count);
  const out: CodeCount[] = [];
  for (const [result, count] of counts) {
    if (count === 0) continue;
    const info = ds.resultInfo(result);
    const { family, code, status, label, decidedBy, name, description, category, outcome, stage, cause } =
      info;
    out.push({
      family,
      code,
      status,
      label,
      decidedBy,
      name,
      description,
      category,
      outcome,
      stage,
      cause,
      count,
    });
  }
  const text = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);
  return out.sort((a, b) => b.count - a.count || text(a.label, b.label) || text(a.family, b.family));
}

export function byCategory(ds: Dataset, sel: Selection = ds.all()): Record<Category, number> {
  const out = {} as Record<Category, number>;
  for (const category of ds.categories) out[category.id] = 0;
  for (const e of eventsOf(ds, sel)) {
    const category = ds.resultInfo(e.result).category;
    out[category] = (out[category] ?? 0) + e.count;
  }
  return out;
}

/** Every stage of STAGES in its order, zeros included. */
export function byStage(ds: Dataset, sel: Selection = ds.all()): { stage: Stage; count: number }[] {
  const events = eventsOf(ds, sel);
  return STAGES.map((stage) => ({
    stage,
    count: events.filter((e) => ds.resultInfo(e.result).stage === stage).reduce((sum, e) => sum + e.count, 0),
  }));
}

/** Every cause of CAUSES in its order, zeros included. */
export function byCause(ds: Dataset, sel: Selection = ds.all()): { cause: Cause; count: number }[] {
  const events = eventsOf(ds, sel);
  return CAUSES.map((cause) => ({
    cause,
    count: events.filter((e) => ds.resultInfo(e.result).cause === cause).reduce((sum, e) => sum + e.count, 0),
  }));
}

/** Per value of a dimension with operations: most failures, then most operations, then by value. */
export function byDimension(ds: Dataset, name: string, sel: Selection = ds.all()): DimensionValueCounts[] {
  const at = ds.dimensionNames.indexOf(name);
  if (at < 0) return [];
  const byValue = new Map<string, Record<Outcome, number>>();
  for (const e of eventsOf(ds, sel)) {
    const value = e.dimensions[at] as string;
    const sums = byValue.get(value) ?? {
      success: 0,
      failure: 0,
      not_applied: 0,
      in_progress: 0,
      unrecognized: 0,
    };
    sums[outcomeOf(ds, e)] += e.count;
    byValue.set(value, sums);
  }
  const out: DimensionValueCounts[] = [];
  for (const [value, sums] of byValue) {
    const operations = sums.success + sums.failure + sums.not_applied + sums.unrecognized;
    if (operations === 0 && sums.in_progress === 0) continue;
    out.push({
      value,
      operations,
      successes: sums.success,
      failures: sums.failure,
      notApplied: sums.not_applied,
      inProgress: sums.in_progress,
      unrecognized: sums.unrecognized,
      failureRate: operations > 0 ? sums.failure / operations : 0,
    });
  }
  return out.sort(
    (a, b) =>
      b.failures - a.failures ||
      b.operations - a.operations ||
      (a.value === b.value ? 0 : a.value < b.value ? -1 : 1),
  );
}

/** Earliest and latest time of the selection's rows; null without times. */
export function timeRange(ds: Dataset, sel: Selection = ds.all()): TimeRange | null {
  let range: TimeRange | null = null;
  for (const { time } of eventsOf(ds, sel)) {
    if (time === null) continue;
    range =
      range === null
        ? { from: time, to: time }
        : { from: Math.min(range.from, time), to: Math.max(range.to, time) };
  }
  return range;
}

const UNIT: Record<TimeBucketSize, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** The start of the UTC minute, hour, day or week (Monday) that holds `t`. */
function unitStart(t: number, unit: TimeBucketSize): number {
  const d = new Date(t);
  if (unit === 'minute') d.setUTCSeconds(0, 0);
  else d.setUTCMinutes(0, 0, 0);
  if (unit === 'day' || unit === 'week') d.setUTCHours(0);
  if (unit === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.getTime();
}

/**
 * Operations per bucket × category. The unit follows the span (≤ 3 h minutes, ≤ 3 days hours, ≤ 120 days
 * days, else weeks) unless given; buckets start on whole UTC units, every bucket from the first row's to
 * the last row's is listed, and more than 1000 of them merge into buckets of a whole number of units.
 */
export function timeSeries(ds: Dataset, sel: Selection = ds.all(), unit?: TimeBucketSize): TimeSeries | null {
  const range = timeRange(ds, sel);
  if (range === null) return null;
  const span = range.to - range.from;
  const bucket =
    unit ??
    (span <= 3 * UNIT.hour
      ? 'minute'
      : span <= 3 * UNIT.day
        ? 'hour'
        : span <= 120 * UNIT.day
          ? 'day'
          : 'week');
  const first = unitStart(range.from, bucket);
  const units = (unitStart(range.to, bucket) - first) / UNIT[bucket] + 1;
  const bucketMs = UNIT[bucket] * Math.max(1, Math.ceil(units / 1000));
  const buckets: TimeSeries['buckets'] = [];
  for (let start = first; start <= range.to; start += bucketMs) {
    const byCategory = {} as Record<Category, number>;
    for (const category of ds.categories) byCategory[category.id] = 0;
    buckets.push({ start, byCategory, operations: 0, failures: 0 });
  }
  for (const e of eventsOf(ds, sel)) {
    if (e.time === null) continue;
    const b = buckets[Math.floor((e.time - first) / bucketMs)] as TimeSeries['buckets'][number];
    const info = ds.resultInfo(e.result);
    b.byCategory[info.category] = (b.byCategory[info.category] ?? 0) + e.count;
    if (info.outcome !== 'in_progress') b.operations += e.count;
    if (info.outcome === 'failure') b.failures += e.count;
  }
  return { bucket, bucketMs, buckets };
}

/**
 * Per device (the empty id is none), most failures first, then most attempts, then by id; `limit` of
 * them, none without attempts. First and last times are those of its timed rows (null when it has none);
 * its last result is the last in its history, where rows without a time follow the timed ones in row order.
 */
export function devices(ds: Dataset, sel: Selection, limit: number): DeviceRow[] {
  if (!ds.hasDevice || limit <= 0) return [];
  const byDevice = new Map<string, EventRow[]>();
  for (const e of eventsOf(ds, sel)) {
    if (e.device) byDevice.set(e.device, [...(byDevice.get(e.device) ?? []), e]);
  }
  const rows = [...byDevice].map(([device, events]) => {
    const sum = (keep: (e: EventRow) => boolean) => events.filter(keep).reduce((n, e) => n + e.count, 0);
    const times = events.flatMap((e) => (e.time === null ? [] : [e.time]));
    const inHistoryOrder = [...events].sort(
      (a, b) => (a.time ?? Number.POSITIVE_INFINITY) - (b.time ?? Number.POSITIVE_INFINITY) || a.row - b.row,
    );
    const last = inHistoryOrder[inHistoryOrder.length - 1] as EventRow;
    return {
      device,
      attempts: sum(() => true),
      failures: sum((e) => outcomeOf(ds, e) === 'failure'),
      successes: sum((e) => outcomeOf(ds, e) === 'success'),
      firstTime: times.length === 0 ? null : Math.min(...times),
      lastTime: times.length === 0 ? null : Math.max(...times),
      lastCode: ds.resultInfo(last.result).label,
      lastOutcome: outcomeOf(ds, last),
    };
  });
  const listed = rows.filter((d) => d.attempts > 0);
  listed.sort(
    (x, y) =>
      y.failures - x.failures ||
      y.attempts - x.attempts ||
      (x.device < y.device ? -1 : x.device > y.device ? 1 : 0),
  );
  return listed.slice(0, limit);
}
