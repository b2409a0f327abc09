/**
 * The messages between the dashboard and its dataset worker. Everything here is small and
 * structured-cloneable: aggregates and windows of rows cross the boundary, never the whole dataset.
 */
import type { Category, Cause, Outcome, Stage } from '../catalog/catalog-types.ts';
import type {
  Breakdown,
  CodeCount,
  DeviceRow,
  DimensionValueCounts,
  Filter,
  SortSpec,
  TimeBucketSize,
} from '../dataset/query-types.ts';
import type { IngestProgress, IngestReport, MappingOverride } from '../ingest/ingest.ts';

/** What the view asks about: the cross-filter plus the table's global search. */
export interface ViewQuery {
  filter: Filter;
  /** Free text matched against device ids, codes, result messages and dimension values (OR). */
  search: string;
}

export type { SortSpec };

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

export interface DatasetInfo {
  catalog: string;
  rowCount: number;
  hasTime: boolean;
  hasDevice: boolean;
  dimensionNames: string[];
  report: IngestReport;
  /** Bytes the loaded columns hold in the worker (the benchmark reads it from the page). */
  datasetBytes: number;
}

export interface UnknownShareBucket {
  start: number;
  failures: number;
  unknown: number;
  /** unknown / failures; null for a bucket without failures. */
  share: number | null;
}

export interface TriageData {
  /** Failures at the download and validation stages in the current selection. */
  failures: number;
  byCause: { cause: Cause; count: number }[];
  byCode: CodeCount[];
  serverDimension: string | null;
  byServer: DimensionValueCounts[];
  modelDimension: string | null;
  byModel: DimensionValueCounts[];
  unknownShare: { bucket: TimeBucketSize; buckets: UnknownShareBucket[] } | null;
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
  dimension: { name: string; values: DimensionValueCounts[] } | null;
  devices: DeviceRow[];
  triage: TriageData;
}

/** One event as the table and the device history show it: the row plus what the catalog says. */
export interface EventView {
  /** Position in the sorted selection (table) or in the history. */
  index: number;
  row: number;
  time: number | null;
  device: string | null;
  code: number;
  count: number;
  dimensions: string[];
  name: string;
  description: string;
  category: Category;
  outcome: Outcome;
  stage: Stage | null;
  cause: Cause | null;
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
  /** Failed at least once and succeeded after its first failure. */
  eventuallySucceeded: boolean;
}

/** Files to ingest: browser Files (structured-cloneable) with their names. */
export interface LoadParams {
  files: File[];
  mapping?: MappingOverride;
  /**
   * The page's navigator.hardwareConcurrency. A big CSV file is read by two workers only with 4 cores or
   * more: on 2 cores the second worker competes with the first, the browser and the garbage collector, and
   * loading measured no faster (docs/performance.md).
   */
  cores?: number;
}

/** Request name → parameters and result. */
export interface DatasetRpc {
  load: { params: LoadParams; result: DatasetInfo };
  /** Re-ingest the files already loaded, with a different column mapping. */
  remap: { params: { mapping: MappingOverride }; result: DatasetInfo };
  cancel: { params: Record<string, never>; result: null };
  dashboard: { params: DashboardQuery; result: DashboardData };
  rows: { params: RowsQuery; result: RowsWindow };
  deviceHistory: { params: { device: string }; result: DeviceHistory };
  dimensionValues: { params: { name: string; limit: number }; result: string[] };
  exportCsv: { params: ViewQuery & { sort: SortSpec | null }; result: string };
  summary: { params: Record<string, never>; result: unknown };
  /**
   * The made-up log's first view, once the engine warm-up has answered it (null when a load stopped the
   * warm-up, or data is loaded): the page draws it off screen to warm its chart code (see view-warm-up.tsx).
   */
  warmUpView: { params: Record<string, never>; result: WarmUpView | null };
}

export interface WarmUpView {
  data: DashboardData;
  dimensionNames: string[];
}

export type RpcMethod = keyof DatasetRpc;

export interface RpcRequest<M extends RpcMethod = RpcMethod> {
  id: number;
  method: M;
  params: DatasetRpc[M]['params'];
}

export type RpcResponse =
  | { id: number; kind: 'result'; result: unknown }
  | { id: number; kind: 'error'; error: { name: string; message: string } }
  | { id: number; kind: 'progress'; progress: IngestProgress }
  /** The worker holds the Web Lock named after it (its `name`) until it ends (see dataset-client.ts). */
  | { id: 0; kind: 'lifeline' };
