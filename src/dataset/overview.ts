import {
  byCategoryFrom,
  byCauseFrom,
  byCodeFrom,
  byStageFrom,
  dimensionFrom,
  totalsFrom,
} from './breakdown.ts';
import {
  type CodeTable,
  type DatasetColumns,
  type DictColumn,
  NO,
  OUTCOME_FAILURE,
} from './dataset-columns.ts';
import { addDeviceFigures, deviceCountSums } from './device-bound.ts';
import { countDevices, devicesFromFailures } from './devices.ts';
import type { IdArray } from './growable-columns.ts';
import type { Breakdown, Overview, OverviewSpec, Selection, TimeRange } from './query-types.ts';
import { codeMask } from './select.ts';
import { type BucketGrid, bucketGrid, seriesFrom, timeSpans } from './time-buckets.ts';

interface DimensionAccumulator {
  column: DictColumn;
  ids: IdArray;
  /** Rows per value × outcome (`acc[value * NO + OUTCOME_*]`). */
  acc: Float64Array;
}

/** What scan 2 of `overview` reads and the accumulators it fills. */
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
  /** The devices with a row in the selection, in order of first row (as many as `accumulate` says). */
  touched: Int32Array;
  /** Failures per device; empty when no device is listed. */
  deviceFailures: Float64Array;
  grid: BucketGrid | null;
  /** Categories per bucket: the series accumulate into `[bucket * nc + category index]`. */
  nc: number;
  /** Rows per bucket × category. */
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
}

/**
 * Everything the dashboard shows for a selection, in one scan (plus a scan of the times, whose span
 * chooses the buckets, and one for the details of the devices listed): totals, operations by code,
 * category, stage and cause, the time range and series, the dimensions' breakdowns and the devices of
 * `sel`, and the same for the part of `sel` whose codes pass `spec.part.filter`.
 */
export function overview(
  c: DatasetColumns,
  codes: CodeTable,
  sel: Selection,
  spec: OverviewSpec = {},
): Overview {
  const nCodes = codes.info.length;
  const partSpec = spec.part ?? null;
  const partMask = partSpec
    ? (codeMask(codes.info, partSpec.filter) ?? new Uint8Array(nCodes).fill(1))
    : null;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;

  // Scan 1, times only: the spans choose the buckets.
  const spans = c.time ? timeSpans(rows, n, c.time, c.codeIds, partMask) : null;
  const range = spans && spans[0] <= spans[1] ? { from: spans[0], to: spans[1] } : null;
  const partRange = spans && spans[2] <= spans[3] ? { from: spans[2], to: spans[3] } : null;
  const grid = range ? bucketGrid(range) : null;
  const partGrid = partRange ? bucketGrid(partRange) : null;

  // Scan 2: per code, per device, per bucket × category, per dimension value × outcome.
  const device = c.device;
  const nDevices = device ? device.values.length : 0;
  const deviceLimit = device ? Math.max(0, spec.deviceLimit ?? 0) : 0;
  const seriesCode = partSpec?.seriesCode;
  const countCode = partGrid !== null && seriesCode !== undefined;
  const nc = codes.categories.length;
  const main = c.catalog.id;
  const dims = dimensionAccumulators(c, spec.dimensions);
  const partDims = dimensionAccumulators(c, partSpec?.dimensions);
  const scan: OverviewScan = {
    rows,
    n,
    codeIds: c.codeIds,
    count: c.count,
    time: c.time,
    deviceIds: device?.ids ?? null,
    outcomeOfCode: codes.outcomeOfCode,
    categoryOfCode: codes.categoryOfCode,
    weights: new Float64Array(nCodes),
    flags: new Uint8Array(nDevices),
    touched: new Int32Array(nDevices),
    deviceFailures: new Float64Array(deviceLimit > 0 ? nDevices : 0),
    grid,
    nc,
    series: new Float64Array(grid ? grid.count * nc : 0),
    dims: dims.filter((d) => d !== null),
    partMask,
    partWeights: new Float64Array(partMask ? nCodes : 0),
    partGrid,
    partSeries: new Float64Array(partGrid ? partGrid.count * nc : 0),
    seriesCodeId: countCode ? codes.info.findIndex((i) => i.family === main && i.code === seriesCode) : -1,
    codeFailures: new Float64Array(partGrid ? partGrid.count : 0),
    partDims: partDims.filter((d) => d !== null),
  };
  const { touchedCount, partRows } = accumulate(scan);
  const { flags, touched } = scan;
  // an aggregate's distinct devices per row, summed: upper bounds (see device-bound.ts)
  const upper = c.deviceCounts;
  const sums = upper && deviceCountSums(upper, c.codeIds, codes.outcomeOfCode, rows, n, partMask);
  const deviceCounts = (shift: number) =>
    addDeviceFigures(
      device ? countDevices(device.values, flags, shift, touched, touchedCount) : null,
      sums && (shift === 0 ? sums.all : sums.part),
    );
  const bound = upper !== null;
  // Scan 3 (inside): the details of the devices listed.
  const listed = devicesFromFailures(c, codes, sel, scan.deviceFailures, touched, touchedCount, deviceLimit);
  return {
    ...breakdown(codes, deviceCounts(0), bound, scan.weights, sel.size, range, grid, scan.series, dims),
    devices: listed.rows,
    deviceIds: listed.ids,
    part: partMask
      ? {
          ...breakdown(
            codes,
            deviceCounts(2),
            bound,
            scan.partWeights,
            partRows,
            partRange,
            partGrid,
            scan.partSeries,
            partDims,
          ),
          codeFailures: countCode ? Array.from(scan.codeFailures) : null,
        }
      : null,
  };
}

/** The figures of one selection (or part) from its accumulators. */
function breakdown(
  codes: CodeTable,
  deviceCounts: [number, number] | null,
  devicesUpperBound: boolean,
  weights: Float64Array,
  rows: number,
  range: TimeRange | null,
  grid: BucketGrid | null,
  series: Float64Array,
  dims: (DimensionAccumulator | null)[],
): Breakdown {
  return {
    totals: totalsFrom(codes, weights, deviceCounts, rows, devicesUpperBound),
    byCode: byCodeFrom(codes, weights),
    byCategory: byCategoryFrom(codes, weights),
    byStage: byStageFrom(codes, weights),
    byCause: byCauseFrom(codes, weights),
    timeRange: range,
    timeSeries: grid ? seriesFrom(grid, series, codes.categories) : null,
    byDimension: dims.map((dim) => (dim ? dimensionFrom(dim.column, dim.acc) : [])),
  };
}

/** Per dimension name, its column and operations per value × outcome; null (answer []) for a name the data lacks. */
function dimensionAccumulators(
  c: DatasetColumns,
  names: readonly string[] | undefined,
): (DimensionAccumulator | null)[] {
  return (names ?? []).map((name) => {
    const column = c.dimensions.find((d) => d.name === name);
    return column ? { column, ids: column.ids, acc: new Float64Array(column.values.length * NO) } : null;
  });
}

/**
 * Scan 2 of `overview`: fills the accumulators; returns the devices touched and the part's rows. The hot
 * loop lives in a function of its own, which the engine optimises once and keeps, rather than in the middle
 * of a long one it enters and leaves on every call; it is long because every figure is gathered in the same
 * pass over the rows. Nothing after the loop stores a property: the first calls (the engine warm-up's) run
 * the loop in code compiled on the fly (on-stack replacement), which gathers no feedback for the code after
 * it, and a store there without feedback deoptimised the whole function on the first big file.
 */
function accumulate(s: OverviewScan): { touchedCount: number; partRows: number } {
  const { rows, n, codeIds, count, time, deviceIds, outcomeOfCode, categoryOfCode } = s;
  const { weights, flags, touched, deviceFailures, nc, series, dims, partMask, partWeights } = s;
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
      const at = Math.floor((t - origin) / bucketMs) * nc + (categoryOfCode[id] as number);
      series[at] = (series[at] as number) + w;
    }
    for (let j = 0; j < nDims; j++) {
      const dim = dims[j] as DimensionAccumulator;
      const at = (dim.ids[i] as number) * NO + outcome;
      dim.acc[at] = (dim.acc[at] as number) + w;
    }
    if (partMask !== null && partMask[id] === 1) {
      partRows++;
      partWeights[id] = (partWeights[id] as number) + w;
      if (deviceIds) flags[d] = (flags[d] as number) | (failed ? 12 : 4);
      if (partTimed && hasTime) {
        const b = Math.floor((t - partOrigin) / partBucketMs);
        const at = b * nc + (categoryOfCode[id] as number);
        partSeries[at] = (partSeries[at] as number) + w;
        if (id === seriesCodeId && failed) codeFailures[b] = (codeFailures[b] as number) + w;
      }
      for (let j = 0; j < nPartDims; j++) {
        const dim = partDims[j] as DimensionAccumulator;
        const at = (dim.ids[i] as number) * NO + outcome;
        dim.acc[at] = (dim.acc[at] as number) + w;
      }
    }
  }
  return { touchedCount, partRows };
}
