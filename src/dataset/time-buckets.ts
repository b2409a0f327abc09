import type { Category, CategoryClass } from '../catalog/catalog-types.ts';
import type { IdArray } from './growable-columns.ts';
import type { TimeBucketSize, TimeRange, TimeSeries } from './query-types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MAX_BUCKETS = 1000;
const UNIT_MS: Record<TimeBucketSize, number> = { minute: MINUTE, hour: HOUR, day: DAY, week: WEEK };

export interface BucketGrid {
  bucket: TimeBucketSize;
  bucketMs: number;
  /** Start of the first bucket. */
  origin: number;
  count: number;
}

/**
 * The bucket unit is chosen from the span (minute up to 3 hours, hour up to 3 days, day up to 120 days,
 * then week); bucket starts fall on whole units (UTC, weeks on Monday), so series of different selections
 * line up; past MAX_BUCKETS a bucket spans a whole number of units.
 */
export function bucketGrid(range: TimeRange, forced?: TimeBucketSize): BucketGrid {
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

/**
 * A series from rows per bucket × category (`acc[bucket * categories.length + category index]`): the
 * operations of a bucket leave out its in-progress rows (see the outcome model).
 */
export function seriesFrom(
  grid: BucketGrid,
  acc: Float64Array,
  categories: readonly CategoryClass[],
): TimeSeries {
  const buckets: TimeSeries['buckets'] = [];
  const nc = categories.length;
  for (let b = 0; b < grid.count; b++) {
    const byCategory = {} as Record<Category, number>;
    let operations = 0;
    let failures = 0;
    categories.forEach(({ id, outcome }, ci) => {
      const v = acc[b * nc + ci] as number;
      byCategory[id] = v;
      if (outcome !== 'in_progress') operations += v;
      if (outcome === 'failure') failures += v;
    });
    buckets.push({ start: grid.origin + b * grid.bucketMs, byCategory, operations, failures });
  }
  return { bucket: grid.bucket, bucketMs: grid.bucketMs, buckets };
}

/**
 * [from, to] of the rows' times and of the part's (the rows whose code id `partMask` marks); Infinity,
 * -Infinity when there are none. A hot loop in a small function of its own, which the engine optimises
 * once and keeps.
 */
export function timeSpans(
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
