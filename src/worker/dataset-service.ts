/**
 * What the dataset worker does, without the worker: ingest, keep the Dataset, answer the view's queries.
 * Kept apart from the `self.onmessage` wiring so it runs in Node tests with the real core.
 */
import type { Stage } from '../catalog/catalog-types.ts';
import { eventsToCsv } from '../dataset/csv-export.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { DimensionValueCounts, EventRow, Filter, Overview, Selection } from '../dataset/query-types.ts';
import { buildSummary } from '../dataset/summary.ts';
import type {
  ByteSource,
  IngestProgress,
  IngestReport,
  MappingOverride,
  PartReader,
} from '../ingest/ingest.ts';
import { blobSource, ingest } from '../ingest/ingest.ts';
import type {
  DashboardData,
  DashboardQuery,
  DatasetInfo,
  DatasetRpc,
  DeviceHistory,
  EventView,
  RowsQuery,
  RowsWindow,
  RpcMethod,
  SortSpec,
  TriageData,
  ViewQuery,
  WarmUpView,
} from './dataset-protocol.ts';
import { warmUpEngine } from './engine-warm-up.ts';
import { pacer, yieldingSource } from './yielding-source.ts';

const TRIAGE_STAGES: readonly Stage[] = ['download', 'validation'];
const UNKNOWN_REASON_CODE = 1505;
const MAX_DIMENSION_BARS = 25;
const MAX_WINDOW = 2000;
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

/** Cores from which a big CSV file is read by two workers (see LoadParams.cores). */
export const PARALLEL_MIN_CORES = 4;

export interface ServiceOptions {
  /** Reads the second half of big CSV files elsewhere (the part worker); none in Node. */
  parts?: PartReader;
  /** How a chosen File is read (the read worker's read-ahead); blobSource where there is none. */
  openFile?: (file: Blob, name?: string) => ByteSource;
}

export function createDatasetService(serviceOptions: ServiceOptions = {}): DatasetService {
  let loaded: Loaded | null = null;
  let loading: AbortController | null = null;
  /** The engine warm-up, stopped when a load begins, and its answer. */
  let warming: AbortController | null = null;
  let warmedUp: Promise<WarmUpView | null> | null = null;
  /** Whether the last load could use a second worker (see LoadParams.cores). */
  let parallel = false;
  let selectionCache: { key: string; selection: Selection } | null = null;
  let sortedCache: { key: string; rows: Uint32Array } | null = null;

  async function load(
    sources: ByteSource[],
    mapping: MappingOverride | undefined,
    onProgress: ProgressSink,
    parallel: boolean,
  ) {
    loading?.abort();
    warming?.abort();
    const controller = new AbortController();
    loading = controller;
    try {
      const options = mapping === undefined ? {} : { mapping };
      const listening = sources.map((source) => yieldingSource(source, controller.signal));
      const { dataset, report } = await ingest(listening, {
        ...options,
        ...(serviceOptions.parts && parallel ? { parts: serviceOptions.parts } : {}),
        onProgress,
        signal: controller.signal,
        pause: pacer(),
      });
      loaded = { dataset, report, sources };
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
    if (code !== undefined) filters.push({ codes: [code] });
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
      parallel = (params.cores ?? 1) >= PARALLEL_MIN_CORES;
      const open = serviceOptions.openFile ?? blobSource;
      return load(
        params.files.map((file) => open(file, file.name)),
        params.mapping,
        onProgress,
        parallel,
      );
    },
    remap: (params, onProgress) => load(current().sources, params.mapping, onProgress, parallel),
    cancel: () => {
      loading?.abort();
      return null;
    },
    dashboard: (params) => dashboardFor(current().dataset, params),
    rows: (params) => rowsWindow(current().dataset, params, sorted(current().dataset, params, params.sort)),
    deviceHistory: (params) => deviceHistory(current().dataset, params.device),
    dimensionValues: (params) => current().dataset.dimensionValues(params.name).slice(0, params.limit),
    exportCsv: (params) => eventsToCsv(current().dataset, sorted(current().dataset, params, params.sort)),
    summary: () => buildSummary(current().dataset, current().report),
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
    loadSources: (sources, mapping) => load(sources, mapping, () => undefined, true),
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

/**
 * Every panel's figures for the view. One `Dataset.overview` scan answers the Overview and the triage
 * view together: the triage rows are the selection's rows at the download and validation stages, a
 * property of the code, so they need no selection of their own.
 */
export function dashboard(dataset: Dataset, query: DashboardQuery, selection: Selection): DashboardData {
  const dimension =
    query.dimension !== null && dataset.dimensionNames.includes(query.dimension) ? query.dimension : null;
  const stages = (query.filter.stages ?? TRIAGE_STAGES).filter((s) => TRIAGE_STAGES.includes(s));
  const serverDimension = findDimension(dataset.dimensionNames, /server|host|cdn|mirror|url/i);
  const modelDimension = findDimension(dataset.dimensionNames, /model|device_?type|hardware|hw/i);
  const overview = dataset.overview(selection, {
    dimensions: dimension === null ? [] : [dimension],
    deviceLimit: dataset.hasDevice ? query.deviceLimit : 0,
    // The selection already holds only the filter's stages, so this part is the triage filter's rows.
    part:
      stages.length === 0
        ? null
        : {
            filter: { stages: TRIAGE_STAGES },
            dimensions: [serverDimension, modelDimension].filter((d) => d !== null),
            seriesCode: UNKNOWN_REASON_CODE,
          },
  });
  return {
    selectedRows: selection.size,
    totalRows: dataset.rowCount,
    totals: overview.totals,
    byCode: overview.byCode.filter((c) => c.outcome !== 'success'),
    byCategory: overview.byCategory,
    byStage: overview.byStage,
    byCause: overview.byCause,
    timeSeries: overview.timeSeries,
    timeRange: overview.timeRange,
    dimension:
      dimension === null ? null : { name: dimension, values: topByOperations(overview.byDimension[0] ?? []) },
    devices: overview.devices,
    triage: triage(overview.part, serverDimension, modelDimension),
  };
}

function topByOperations(values: DimensionValueCounts[]): DimensionValueCounts[] {
  return [...values].sort((a, b) => b.operations - a.operations).slice(0, MAX_DIMENSION_BARS);
}

function topByFailures(values: DimensionValueCounts[]): DimensionValueCounts[] {
  return values
    .filter((v) => v.failures > 0)
    .sort((a, b) => b.failures - a.failures)
    .slice(0, MAX_DIMENSION_BARS);
}

/** The first dimension whose name matches, e.g. "server" for download_server, cdn_host. */
export function findDimension(names: readonly string[], pattern: RegExp): string | null {
  return names.find((n) => pattern.test(n)) ?? null;
}

/** The triage view from the overview's part (null when the filter's stages leave no triage stage). */
function triage(
  part: Overview['part'],
  serverDimension: string | null,
  modelDimension: string | null,
): TriageData {
  if (part === null) {
    return {
      failures: 0,
      byCause: [],
      byCode: [],
      serverDimension,
      byServer: [],
      modelDimension,
      byModel: [],
      unknownShare: null,
    };
  }
  const series = part.timeSeries;
  const byDimension = [...part.byDimension];
  const byServer = serverDimension === null ? [] : (byDimension.shift() ?? []);
  const byModel = modelDimension === null ? [] : (byDimension.shift() ?? []);
  return {
    failures: part.totals.failures,
    byCause: part.byCause,
    byCode: part.byCode.filter((c) => c.outcome === 'failure'),
    serverDimension,
    byServer: topByFailures(byServer),
    modelDimension,
    byModel: topByFailures(byModel),
    unknownShare:
      series === null
        ? null
        : {
            bucket: series.bucket,
            buckets: series.buckets.map((b, i) => {
              const unknown = part.codeFailures?.[i] ?? 0;
              return {
                start: b.start,
                failures: b.failures,
                unknown,
                share: b.failures > 0 ? unknown / b.failures : null,
              };
            }),
          },
  };
}

function view(dataset: Dataset, event: EventRow, index: number): EventView {
  const info = dataset.codeInfo(event.code);
  return {
    index,
    row: event.row,
    time: event.time,
    device: event.device,
    code: event.code,
    count: event.count,
    dimensions: event.dimensions,
    name: info.name,
    description: info.description,
    category: info.category,
    outcome: info.outcome,
    stage: info.stage,
    cause: info.cause,
  };
}

function rowsWindow(dataset: Dataset, query: RowsQuery, rows: Uint32Array): RowsWindow {
  const offset = Math.max(0, Math.min(query.offset, rows.length));
  const end = Math.min(rows.length, offset + Math.min(query.limit, MAX_WINDOW));
  const out: EventView[] = [];
  for (let i = offset; i < end; i++) out.push(view(dataset, dataset.event(rows[i] as number), i));
  return { offset, total: rows.length, rows: out };
}

function deviceHistory(dataset: Dataset, device: string): DeviceHistory {
  const events = dataset.deviceHistory(device).map((e, i) => view(dataset, e, i));
  let failures = 0;
  let successes = 0;
  let eventuallySucceeded = false;
  for (const e of events) {
    if (e.outcome === 'failure') failures += e.count;
    if (e.outcome === 'success') {
      successes += e.count;
      if (failures > 0) eventuallySucceeded = true;
    }
  }
  return { device, events, failures, successes, eventuallySucceeded };
}
