/**
 * The questions the dataset answers and the shapes of its answers. Everything here is small and
 * structured-cloneable: these objects cross the worker boundary as they are.
 */
import type { Category, Cause, Outcome, Stage } from '../catalog/catalog-types.ts';
import type { IdArray } from './growable-columns.ts';

/**
 * A filter; every present field narrows the selection (AND across fields, OR within one field). `not`
 * excludes: a row passes when it matches the includes (where set) AND none of the excluded values.
 */
export interface Filter {
  /** Result codes, in whichever family reads them. */
  codes?: readonly number[];
  /** Family (catalog) ids. */
  families?: readonly string[];
  /** Status words, matched without case or spacing (see statusKey). */
  statuses?: readonly string[];
  categories?: readonly Category[];
  outcomes?: readonly Outcome[];
  stages?: readonly Stage[];
  causes?: readonly Cause[];
  /**
   * Per dimension, the accepted values, one entry per name. A list, never an object keyed by name: names
   * come from the user's files, and one called `constructor` or `__proto__` must not meet Object.prototype.
   */
  dimensions?: readonly DimensionFilter[];
  /** Case-insensitive substring of the device id. */
  device?: string;
  /** Exact device ids (any of them): a list the analyses made, e.g. the devices of one verdict. */
  deviceIds?: readonly string[];
  /**
   * The table's search box: the row's device id, any dimension value or the code's message contains the
   * text, or its code starts with it (case-insensitive). An OR across those, ANDed with the rest.
   */
  text?: string;
  /** Half-open [from, to) in epoch ms; rows without a time never pass a time filter. */
  timeFrom?: number;
  timeTo?: number;
  /**
   * Values no passing row has, per list field and per dimension (NOT). A row without a value for a field
   * (no code, no stage) is never excluded by that field: only a value that is there can be excluded.
   */
  not?: ExcludeFilter;
}

/** The fields that hold lists of values, which a filter can include or exclude (`Filter.not`). */
export const EXCLUDABLE_FIELDS = [
  'codes',
  'families',
  'statuses',
  'categories',
  'outcomes',
  'stages',
  'causes',
  'dimensions',
] as const;
export type ExcludableField = (typeof EXCLUDABLE_FIELDS)[number];
export type ExcludeFilter = Pick<Filter, ExcludableField>;

/** The values a dimension filter accepts ('' stands for an empty / missing value). */
export interface DimensionFilter {
  name: string;
  values: readonly string[];
}

/** The result fields a facet lists the values of (`Dataset.facets`): every list field of Filter. */
export const RESULT_FACET_FIELDS = [
  'outcomes',
  'categories',
  'families',
  'codes',
  'statuses',
  'stages',
  'causes',
] as const;
export type ResultFacetField = (typeof RESULT_FACET_FIELDS)[number];

/** One value of a facet and its rows: operations, failures and rows in progress (never operations). */
export interface FacetValue {
  /** The value as the filter field holds it, written as text (a code's number in decimal). */
  value: string;
  operations: number;
  failures: number;
  inProgress: number;
}

/**
 * A field's values under the filter without that field's own includes and excludes (so a user sees the
 * alternatives), most operations first; at most the limit asked, of `distinct` values with rows.
 */
export interface Facet {
  field: ResultFacetField | 'dimension';
  /** The dimension's name, for a dimension's facet; null for a result field's. */
  dimension: string | null;
  values: FacetValue[];
  distinct: number;
}

/** The outcome model's figures (README "The outcome model"), each a sum of the rows' counts. */
export interface OutcomeCounts {
  /** Rows whose outcome is not in progress: successes, failures, not applied and unrecognized. */
  operations: number;
  successes: number;
  failures: number;
  notApplied: number;
  /** Rows in progress: lifecycle steps, not operations. */
  inProgress: number;
  unrecognized: number;
  /** failures / operations; 0 when there are no operations. */
  failureRate: number;
}

export interface Totals extends OutcomeCounts {
  /**
   * Distinct device ids; null when the data has neither a device column nor a distinct-devices column. With
   * an aggregate's distinct-devices column (`devicesUpperBound`) it is the sum of that column, plus the
   * distinct ids of rows that name a device: an upper bound, since one device can stand in many rows.
   */
  devices: number | null;
  /** Distinct devices with at least one failure, counted as `devices` is, over the failures' rows. */
  failingDevices: number | null;
  /** True when `devices` and `failingDevices` are upper bounds, not exact (see `devices`). */
  devicesUpperBound: boolean;
  /** Accepted rows (not weighted by count). */
  rows: number;
}

/** Rows per distinct result (family, code, status word) and what it means. */
export interface CodeCount {
  family: string;
  code: number | null;
  status: string | null;
  /** The code that decided, else the status word (see ResultInfo.label). */
  label: string;
  decidedBy: 'code' | 'status' | null;
  name: string;
  description: string;
  category: Category;
  outcome: Outcome;
  stage: Stage | null;
  cause: Cause | null;
  count: number;
}

export interface DimensionValueCounts extends OutcomeCounts {
  value: string;
}

export type TimeBucketSize = 'minute' | 'hour' | 'day' | 'week';

export interface TimeSeries {
  bucket: TimeBucketSize;
  /** Width of one bucket in ms (a whole number of `bucket` units when the span is very long). */
  bucketMs: number;
  /** Bucket starts (epoch ms, UTC), ascending, contiguous: empty buckets are present with zeros. */
  buckets: { start: number; byCategory: Record<Category, number>; operations: number; failures: number }[];
}

export interface DeviceRow {
  device: string;
  attempts: number;
  failures: number;
  successes: number;
  firstTime: number | null;
  lastTime: number | null;
  /** The label of the device's last result (its code, or its status word). */
  lastCode: string;
  lastOutcome: Outcome;
}

/**
 * The devices a question is about: by name, or by id in the dataset's device column (ids that `Overview`
 * gives; an id out of range, or of the empty value, is no device).
 */
export type ListedDevices = { names: readonly string[] } | { ids: readonly number[] };

/** A selection's rows per value of one dimension × result id (see `Dataset.crossCounts`). */
export interface CrossCounts {
  dimension: string;
  /** The dimension's values: index v is the value of `counts[v * resultCount + result]`. */
  values: readonly string[];
  /** Sum of the rows' counts per value × result id (`Dataset.resultInfo` says what a result means). */
  counts: Float64Array;
}

/**
 * A selection's records per device and key (see `Dataset.attemptSequences`), in typed arrays: sequence s
 * is records `start[s]` … `start[s + 1] − 1`, in time order.
 */
export interface AttemptSequences {
  /** The key dimensions found, in the order asked. */
  keys: readonly string[];
  /** Per sequence, its device's id in `deviceNames`; a device's sequences are consecutive. */
  device: Uint32Array;
  deviceNames: readonly string[];
  /** Per key dimension, per sequence, its value's id in the matching `keyValues` list (see `sequenceKey`). */
  keyIds: IdArray[];
  keyValues: readonly (readonly string[])[];
  start: Uint32Array;
  /** Per record, its outcome as its index in OUTCOMES. */
  outcome: Uint8Array;
  /** Per record, epoch ms; NaN when unknown. */
  time: Float64Array;
  /** Per record, its count; null without a count column (every record weighs 1). */
  weight: Uint32Array | null;
  /** The latest time in the whole dataset (NaN without times): the "now" that makes a record stale. */
  latest: number;
}

/** One event as the table and the drill-down show it. */
export interface EventRow {
  row: number;
  time: number | null;
  device: string | null;
  /** The row's result id: `Dataset.resultInfo` says what it means. */
  result: number;
  code: number | null;
  status: string | null;
  count: number;
  /** An aggregate's distinct devices of the row (its devices column); null without one. */
  devices: number | null;
  /** Aligned with the dataset's dimension names. */
  dimensions: string[];
}

export interface Selection {
  /** Row indices in ascending order, or null for every row. */
  readonly rows: Uint32Array | null;
  readonly size: number;
}

export interface SortSpec {
  /** One of EVENT_COLUMNS (event-columns.ts) or a dimension name. */
  column: string;
  desc: boolean;
}

export interface TimeRange {
  from: number;
  to: number;
}

/**
 * What `Dataset.overview` computes in one pass over a selection: the figures of `totals`, `byCode`,
 * `byCategory`, `byStage`, `byCause`, `timeRange`, `timeSeries`, `byDimension` and `devices`, and the same
 * figures for a part of the selection that only the result code decides (e.g. the download and validation
 * stages).
 */
export interface OverviewSpec {
  /** Dimensions to break down (`byDimension`), in this order. */
  dimensions?: readonly string[];
  /** How many devices `devices` lists; 0 or absent lists none. */
  deviceLimit?: number;
  /** The selection's rows whose code passes this filter's code fields (codes, categories, outcomes, stages, causes). */
  part?: OverviewPartSpec | null;
}

/**
 * The filter fields a result decides by itself (its code or status word): a row's code passes them or not,
 * whatever else the row holds. The family is not one: it says which product line's operations count.
 */
export const RESULT_FILTER_FIELDS = [
  'codes',
  'statuses',
  'categories',
  'outcomes',
  'stages',
  'causes',
] as const;
type ResultField = (typeof RESULT_FILTER_FIELDS)[number];
export type ResultFilter = Pick<Filter, ResultField> & { not?: Pick<ExcludeFilter, ResultField> };

export interface OverviewPartSpec {
  filter: ResultFilter;
  dimensions?: readonly string[];
  /** Failures of this one code of the main family per bucket of the part's time series (`codeFailures`). */
  seriesCode?: number;
}

/** The answers of the separate queries, for one selection. */
export interface Breakdown {
  totals: Totals;
  byCode: CodeCount[];
  byCategory: Record<Category, number>;
  byStage: { stage: Stage; count: number }[];
  byCause: { cause: Cause; count: number }[];
  timeRange: TimeRange | null;
  timeSeries: TimeSeries | null;
  /** `byDimension(name)` per name of the spec, in its order. */
  byDimension: DimensionValueCounts[][];
}

export interface Overview extends Breakdown {
  devices: DeviceRow[];
  /**
   * The listed devices' ids in the device column, in the order of `devices`: what judging them takes
   * (`ListedDevices`), without looking their names up again.
   */
  deviceIds: number[];
  part:
    | (Breakdown & {
        /** Per bucket of the part's `timeSeries`, the failures of `seriesCode`; null without one or without times. */
        codeFailures: number[] | null;
      })
    | null;
}
