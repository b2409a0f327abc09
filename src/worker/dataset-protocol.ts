/**
 * The messages between the dashboard and its dataset worker. Everything here is small and
 * structured-cloneable: aggregates and windows of rows cross the boundary, never the whole dataset.
 */
import type { Comparison, Split } from '../analysis/compare.ts';
import type { Verdict } from '../analysis/verdicts.ts';
import type { CategoryClass } from '../catalog/catalog-types.ts';
import type { Profile } from '../catalog/profile.ts';
import type { Facet, SortSpec } from '../dataset/query-types.ts';
import type { IngestProgress, IngestReport, MappingOverride } from '../ingest/ingest.ts';
import type { AnalysisData } from '../views/analysis-view.ts';
import type { PartialFigures } from '../views/partial.ts';
import type {
  DashboardData,
  DashboardQuery,
  DeviceHistory,
  RowsQuery,
  RowsWindow,
  ViewFigures,
  ViewQuery,
} from '../views/view-types.ts';
import type { RpcAnswer, RpcRequest as WireRequest } from './rpc.ts';

export type {
  DashboardData,
  DashboardQuery,
  DeviceHistory,
  EventView,
  RowsQuery,
  RowsWindow,
  TriageData,
  TriageLabels,
  UnknownShareBucket,
  ViewFigures,
  ViewQuery,
} from '../views/view-types.ts';
export type { AnalysisData, Comparison, Facet, SortSpec, Split, Verdict };

export interface DatasetInfo {
  catalog: string;
  /** The dataset's families, the main one first (Dataset.families). */
  families: { id: string; name: string; title: string; source: string }[];
  /** The dataset's classes of result in display order (Dataset.categories). */
  categories: CategoryClass[];
  rowCount: number;
  hasTime: boolean;
  hasDevice: boolean;
  dimensionNames: string[];
  report: IngestReport;
  /** Bytes the loaded columns hold in the worker (the benchmark reads it from the page). */
  datasetBytes: number;
}

/** Files to ingest: browser Files (structured-cloneable) with their names. */
export interface LoadParams {
  files: File[];
  mapping?: MappingOverride;
  /** The user's catalog profiles, applied to their families for this load and the ones after it. */
  profiles?: Profile[];
}

/** What "Add files" did: the data with the files added (null: every file was loaded already), and those skipped. */
export interface AppendResult {
  info: DatasetInfo | null;
  /** Names of files skipped as already loaded (the same name, size and time of last change). */
  duplicates: string[];
}

/** Request name → parameters and result: the one list the requests and answers are typed from (see rpc.ts). */
export type DatasetRpc = {
  load: { params: LoadParams; result: DatasetInfo };
  /**
   * "Add files": the files loaded so far and these, read again into one new dataset (a new data version)
   * with their mapping; a file that fails leaves the loaded data as it was.
   */
  append: { params: { files: File[]; profiles?: Profile[] }; result: AppendResult };
  /** Re-ingest the files already loaded, with a different column mapping. */
  remap: { params: { mapping: MappingOverride }; result: DatasetInfo };
  /** Re-ingest the files already loaded, with their mapping, under other profiles. */
  reload: { params: { profiles: Profile[] }; result: DatasetInfo };
  cancel: { params: Record<string, never>; result: null };
  dashboard: { params: DashboardQuery; result: DashboardData };
  /** The Summary's figures of a view, asked before its dashboard: the worker answers them first. */
  figures: { params: ViewQuery; result: ViewFigures };
  rows: { params: RowsQuery; result: RowsWindow };
  deviceHistory: { params: { device: string }; result: DeviceHistory };
  dimensionValues: { params: { name: string; limit: number }; result: string[] };
  /** The facet list: per result field and dimension, its top `limit` values under the rest of the view's filter. */
  facets: { params: ViewQuery & { limit: number }; result: Facet[] };
  exportCsv: { params: ViewQuery & { sort: SortSpec | null }; result: string };
  /** dmscope.summary/1 of the view's filter and search (the whole input's `source`). */
  summary: { params: ViewQuery; result: unknown };
  /** The view's findings and devices by verdict (src/views/analysis-view.ts). */
  analysis: { params: ViewQuery; result: AnalysisData };
  /** The view's device ids to retry, or of one verdict, one per line. */
  deviceIds: { params: ViewQuery & { verdict: Verdict | 'retry' }; result: string };
  /** A against B within the view's rows. */
  compare: { params: ViewQuery & { split: Split }; result: Comparison };
  /**
   * The made-up log's first view, once the engine warm-up has answered it (null when a load stopped the
   * warm-up, or data is loaded): the page draws it off screen to warm its chart code (see view-warm-up.tsx).
   */
  warmUpView: { params: Record<string, never>; result: WarmUpView | null };
};

export interface WarmUpView {
  data: DashboardData;
  dimensionNames: string[];
}

export type RpcMethod = keyof DatasetRpc;

/**
 * What a load reports while it goes on: bytes and rows read and, now and then, the figures of the rows so
 * far (src/views/partial.ts), which the page shows labelled as partial until the exact ones replace them.
 */
export type LoadProgress = IngestProgress & { partial?: PartialFigures };
export type { PartialFigures };

export type RpcRequest = WireRequest<DatasetRpc>;

export type RpcResponse =
  | RpcAnswer<LoadProgress>
  /** The worker holds the Web Lock named after it (its `name`) until it ends (see dataset-client.ts). */
  | { id: 0; kind: 'lifeline' };
