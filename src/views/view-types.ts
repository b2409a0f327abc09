/**
 * What the dashboard's views ask of the dataset and what they get back: the cross-filter and search, the
 * panels' figures, windows of rows and a device's history. Plain, structured-cloneable data.
 */
import type { DeviceVerdict, Verdict } from '../analysis/verdicts.ts';
import type { CodeInfo } from '../catalog/catalog-types.ts';
import type {
  Breakdown,
  DeviceRow,
  DimensionValueCounts,
  EventRow,
  Filter,
  SortSpec,
  TimeBucketSize,
} from '../dataset/query-types.ts';

/** What the view asks about: the cross-filter plus the table's global search. */
export interface ViewQuery {
  filter: Filter;
  /** Free text matched against device ids, codes, result messages and dimension values (OR). */
  search: string;
  /**
   * Only the devices with this verdict, or those to retry (judged as `verdictSelection` says: on the
   * filter's dimensions and devices, over their whole history); absent or null for every device.
   */
  verdict?: Verdict | 'retry' | null;
}

export interface DashboardQuery extends ViewQuery {
  /** The dimension of the "failure rate by …" chart. */
  dimension: string | null;
  deviceLimit: number;
}

export interface RowsQuery extends ViewQuery {
  sort: SortSpec | null;
  offset: number;
  limit: number;
}

export interface UnknownShareBucket {
  start: number;
  failures: number;
  unknown: number;
  /** unknown / failures; null for a bucket without failures. */
  share: number | null;
}

/**
 * The triage view's words, from the catalog's triage settings: the panel shows them as they are.
 * For SCOMO, e.g. "Download failures by model" and "Share of 1505 “unknown reason” over time".
 */
export interface TriageLabels {
  /** Follows the failure count: "failures at the download and validation stages for the current filters." */
  intro: string;
  /** A chart's note when the triage stages have no failures. */
  none: string;
  causeTitle: string;
  causeSubtitle: string;
  serverTitle: string;
  /** Shown when the data has no server dimension. */
  serverMissing: string;
  modelTitle: string;
  modelMissing: string;
  codeTitle: string;
  /** The unknown-reason chart's words; null when the catalog names no unknown-reason code. */
  unknown: {
    title: string;
    /** The code as the chart's series and columns name it: "1505". */
    code: string;
    /** What the share is taken of: "download and validation failures". */
    of: string;
    /** The same, short, for the tooltip: "download/validation failures". */
    ofShort: string;
    /** The tooltip of a bucket without triage failures. */
    noFailures: string;
  } | null;
}

export interface TriageData {
  /** Failures at the catalog's triage stages (SCOMO: download and validation) in the current selection. */
  failures: number;
  /** Of the catalog's triage causes only. */
  byCause: Breakdown['byCause'];
  /** Failing codes only. */
  byCode: Breakdown['byCode'];
  serverDimension: string | null;
  byServer: DimensionValueCounts[];
  modelDimension: string | null;
  byModel: DimensionValueCounts[];
  /** The share of the unknown-reason code over time; null without times or without such a code. */
  unknownShare: { bucket: TimeBucketSize; buckets: UnknownShareBucket[] } | null;
  labels: TriageLabels;
}

/** The selection's figures as `Dataset.overview` answers them; `byCode` lists failing and unrecognized codes. */
export interface DashboardData
  extends Pick<
    Breakdown,
    'totals' | 'byCode' | 'byCategory' | 'byStage' | 'byCause' | 'timeSeries' | 'timeRange'
  > {
  /** Rows in the selection (events) and in the dataset. */
  selectedRows: number;
  totalRows: number;
  dimension: DimensionBreakdown | null;
  /** The most failing devices, each with its verdict (see `verdictSelection` for the rows it is judged on). */
  devices: (DeviceRow & { verdict: Verdict; verdictFailures: number; retry: boolean })[];
  triage: TriageData;
}

/**
 * What the Summary shows of a view, answered on its own before the rest of its dashboard (one lighter scan
 * of its rows): a filter step shows its figures first, then its charts.
 */
export type ViewFigures = Pick<DashboardData, 'selectedRows' | 'totalRows' | 'totals' | 'timeRange'>;

/**
 * The "by dimension" chart's figures. Without a result filter (code, status, class, outcome, stage,
 * cause) each value's failure rate; with one, `share` holds per value the operations that pass it, and
 * `values` count every operation of the value: a code filter must not narrow its own denominator, or
 * every value would read 100%.
 */
export interface DimensionBreakdown {
  name: string;
  values: DimensionValueCounts[];
  /** Aligned with `values`: the value's operations whose result passes the filter; null without one. */
  share: { matching: number[] } | null;
}

/** One event as the table and the device history show it: the row plus what the catalog says. */
export interface EventView
  extends EventRow,
    Pick<CodeInfo, 'name' | 'description' | 'category' | 'outcome' | 'stage' | 'cause'> {
  /** Position in the sorted selection (table) or in the history. */
  index: number;
}

export interface RowsWindow {
  offset: number;
  total: number;
  rows: EventView[];
}

export interface DeviceHistory {
  device: string;
  events: EventView[];
  failures: number;
  successes: number;
  /** The device's verdict over its whole history and its sequences' (per component and operation); null without events. */
  verdict: Pick<DeviceVerdict, 'verdict' | 'failures' | 'retry' | 'sequences'> | null;
  /** The dimensions that tell its sequences apart (component, operation). */
  verdictKeys: readonly string[];
}
