/**
 * What the dataset worker does, without the worker: ingest, keep the Dataset, and answer the view's
 * requests with the views layer (src/views), caching selections, sort orders and recent answers.
 * Kept apart from the `self.onmessage` wiring so it runs in Node tests with the real core.
 */
import { eventsToCsv } from '../dataset/csv-export.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { Filter, Selection } from '../dataset/query-types.ts';
import type { ByteSource, IngestProgress, IngestReport, MappingOverride } from '../ingest/ingest.ts';
import { blobSource, ingest } from '../ingest/ingest.ts';
import { buildSummary } from '../report/summary.ts';
import { dashboard } from '../views/dashboard.ts';
import { deviceHistory, rowsWindow } from '../views/rows.ts';
import type {
  DashboardData,
  DashboardQuery,
  DatasetInfo,
  DatasetRpc,
  RpcMethod,
  SortSpec,
  ViewQuery,
  WarmUpView,
} from './dataset-protocol.ts';
import { warmUpEngine } from './engine-warm-up.ts';
import { pacer, yieldingSource } from './yielding-source.ts';

/** Filtered answers kept (see recentViews). */
const RECENT_VIEWS = 2;

export type ProgressSink = (progress: IngestProgress) => void;

export interface DatasetService {
  handle<M extends RpcMethod>(
    method: M,
    params: DatasetRpc[M]['params'],
    onProgress: ProgressSink,
  ): Promise<DatasetRpc[M]['result']>;
  /** Loads byte sources directly (tests and Node callers, which have no browser File). */
  loadSources(sources: ByteSource[], mapping?: MappingOverride): Promise<DatasetInfo>;
  /** Counts the loads that replaced the data: every answer carries it (see rpc.ts). */
  readonly dataVersion: number;
  /**
   * Runs a made-up log through ingest and the first view's queries, so the first real file runs on
   * optimised code (see engine-warm-up.ts); it keeps nothing but that view (for the page to warm its
   * charts with), and stops as soon as a load begins. Runs once; later calls answer the same.
   */
  warmUp(): Promise<WarmUpView | null>;
}

interface Loaded {
  dataset: Dataset;
  report: IngestReport;
  sources: ByteSource[];
}

export interface ServiceOptions {
  /** How a chosen File is read (the read worker's read-ahead); blobSource where there is none. */
  openFile?: (file: Blob, name?: string) => ByteSource;
}

export function createDatasetService(serviceOptions: ServiceOptions = {}): DatasetService {
  let loaded: Loaded | null = null;
  let dataVersion = 0;
  let loading: AbortController | null = null;
  /** The engine warm-up, stopped when a load begins, and its answer. */
  let warming: AbortController | null = null;
  let warmedUp: Promise<WarmUpView | null> | null = null;
  let selectionCache: { key: string; selection: Selection } | null = null;
  let sortedCache: { key: string; rows: Uint32Array } | null = null;

  async function load(sources: ByteSource[], mapping: MappingOverride | undefined, onProgress: ProgressSink) {
    loading?.abort();
    warming?.abort();
    const controller = new AbortController();
    loading = controller;
    try {
      const options = mapping === undefined ? {} : { mapping };
      const listening = sources.map((source) => yieldingSource(source, controller.signal));
      const { dataset, report } = await ingest(listening, {
        ...options,
        onProgress,
        signal: controller.signal,
        pause: pacer(),
      });
      loaded = { dataset, report, sources };
      dataVersion++;
      selectionCache = null;
      sortedCache = null;
      recentViews = [];
      return info(loaded);
    } finally {
      if (loading === controller) loading = null;
    }
  }

  function current(): Loaded {
    if (loaded === null) throw new Error('No data is loaded yet.');
    return loaded;
  }

  function select(dataset: Dataset, query: ViewQuery): Selection {
    const key = JSON.stringify([query.filter, query.search]);
    if (selectionCache?.key === key) return selectionCache.selection;
    const selection = dataset.select({ ...query.filter, text: query.search });
    selectionCache = { key, selection };
    return selection;
  }

  function sorted(dataset: Dataset, query: ViewQuery, sort: SortSpec | null): Uint32Array {
    const key = JSON.stringify([query.filter, query.search, sort]);
    if (sortedCache?.key === key) return sortedCache.rows;
    const rows = dataset.sortedRows(select(dataset, query), sort);
    sortedCache = { key, rows };
    return rows;
  }

  /**
   * The answer for the view without filters, the one a user comes back to after each filter: it depends
   * only on the dataset, the chart's dimension and the device count, so it is computed once.
   */
  const unfilteredCache = new WeakMap<Dataset, { key: string; data: DashboardData }>();
  /**
   * The last filtered answers: removing the filter just added (a user's most common step back) brings
   * back the view before it at once, instead of computing it again. Only the last
   * RECENT_VIEWS: a view seen longer ago is computed again.
   */
  let recentViews: { dataset: Dataset; key: string; data: DashboardData }[] = [];

  function dashboardFor(dataset: Dataset, query: DashboardQuery): DashboardData {
    const recentKey = JSON.stringify([query.filter, query.search, query.dimension, query.deviceLimit]);
    const recent = recentViews.find((v) => v.dataset === dataset && v.key === recentKey);
    if (recent !== undefined) return recent.data;
    const selection = select(dataset, query);
    if (selection.rows !== null) {
      const data = dashboard(dataset, query, selection);
      recentViews = [{ dataset, key: recentKey, data }, ...recentViews].slice(0, RECENT_VIEWS);
      return data;
    }
    const key = JSON.stringify([query.dimension, query.deviceLimit]);
    const cached = unfilteredCache.get(dataset);
    if (cached?.key === key) return cached.data;
    const data = dashboard(dataset, query, selection);
    const first = cached === undefined;
    unfilteredCache.set(dataset, { key, data });
    if (first) setTimeout(() => warmUp(dataset, query, data), 0);
    return data;
  }

  /**
   * Right after a load's first answer, while the page draws it, the worker answers the filters a user
   * clicks first (the top failure code, the chart dimension's top value) and drops the answers: the
   * filter code then runs optimised from the first real click, instead of unoptimised until the engine
   * has seen it run. Skipped if another load has begun.
   */
  function warmUp(dataset: Dataset, query: DashboardQuery, data: DashboardData): void {
    const filters: Filter[] = [];
    const code = data.byCode[0]?.code;
    if (code !== undefined && code !== null) filters.push({ codes: [code] });
    const dimension = data.dimension;
    const value = dimension?.values[0]?.value;
    if (dimension && value !== undefined)
      filters.push({ dimensions: [{ name: dimension.name, values: [value] }] });
    for (const filter of filters) {
      if (loading !== null || loaded?.dataset !== dataset) return;
      dashboard(dataset, { ...query, filter }, dataset.select(filter));
    }
  }

  const handlers: {
    [M in RpcMethod]: (params: DatasetRpc[M]['params'], onProgress: ProgressSink) => unknown;
  } = {
    load: (params, onProgress) => {
      const open = serviceOptions.openFile ?? blobSource;
      return load(
        params.files.map((file) => open(file, file.name)),
        params.mapping,
        onProgress,
      );
    },
    remap: (params, onProgress) => load(current().sources, params.mapping, onProgress),
    cancel: () => {
      loading?.abort();
      return null;
    },
    dashboard: (params) => dashboardFor(current().dataset, params),
    rows: (params) => rowsWindow(current().dataset, params, sorted(current().dataset, params, params.sort)),
    deviceHistory: (params) => deviceHistory(current().dataset, params.device),
    dimensionValues: (params) => current().dataset.dimensionValues(params.name).slice(0, params.limit),
    exportCsv: (params) => eventsToCsv(current().dataset, sorted(current().dataset, params, params.sort)),
    summary: (params) =>
      buildSummary(current().dataset, current().report, { ...params.filter, text: params.search }),
    warmUpView: () => warmUpOnce(),
  };

  function warmUpOnce(): Promise<WarmUpView | null> {
    if (warmedUp !== null) return warmedUp;
    if (loading !== null || loaded !== null) return Promise.resolve(null);
    const controller = new AbortController();
    warming = controller;
    const query: DashboardQuery = { filter: {}, search: '', dimension: 'model', deviceLimit: 15 };
    let view: WarmUpView | null = null;
    warmedUp = warmUpEngine((dataset) => {
      view = { data: dashboard(dataset, query, dataset.all()), dimensionNames: [...dataset.dimensionNames] };
      const rows = dataset.sortedRows(dataset.all(), null);
      rowsWindow(dataset, { ...query, sort: null, offset: 0, limit: 50 }, rows);
    }, controller.signal).then(() => (controller.signal.aborted ? null : view));
    return warmedUp;
  }

  return {
    loadSources: (sources, mapping) => load(sources, mapping, () => undefined),
    get dataVersion() {
      return dataVersion;
    },
    warmUp: warmUpOnce,
    async handle(method, params, onProgress) {
      const handler = handlers[method] as (p: typeof params, s: ProgressSink) => unknown;
      return (await handler(params, onProgress)) as DatasetRpc[typeof method]['result'];
    },
  };
}

function info({ dataset, report }: Loaded): DatasetInfo {
  return {
    catalog: dataset.catalog.id,
    rowCount: dataset.rowCount,
    hasTime: dataset.hasTime,
    hasDevice: dataset.hasDevice,
    dimensionNames: [...dataset.dimensionNames],
    report,
    datasetBytes: dataset.byteSize,
  };
}
