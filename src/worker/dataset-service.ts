/**
 * What the dataset worker does, without the worker: ingest, keep the Dataset, and answer the view's
 * requests with the views layer (src/views), caching selections, sort orders and recent answers.
 * Kept apart from the `self.onmessage` wiring so it runs in Node tests with the real core.
 */
import { CATALOGS } from '../catalog/catalog-registry.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import { type Profile, withProfiles } from '../catalog/profile.ts';
import { eventsToCsv } from '../dataset/csv-export.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type {
  ByteSource,
  IngestOptions,
  IngestProgress,
  IngestReport,
  MappingOverride,
} from '../ingest/ingest.ts';
import { blobSource, ingest } from '../ingest/ingest.ts';
import { buildSummary } from '../report/summary.ts';
import { compareView, deviceIdList } from '../views/analysis-view.ts';
import { dashboard } from '../views/dashboard.ts';
import { deviceHistory, rowsWindow } from '../views/rows.ts';
import type {
  AppendResult,
  DashboardData,
  DashboardQuery,
  DatasetInfo,
  DatasetRpc,
  LoadProgress,
  RpcMethod,
  ViewQuery,
  WarmUpView,
} from './dataset-protocol.ts';
import { warmUpEngine } from './engine-warm-up.ts';
import { partialPacer, progressPacer } from './partial-pacer.ts';
import { ViewCache, warmUpFilters } from './view-cache.ts';
import { type ViewOrder, viewOrder } from './view-order.ts';
import { pacer, yieldingSource } from './yielding-source.ts';

export type ProgressSink = (progress: LoadProgress) => void;

/** The requests about a view, answered in the order view-order.ts gives them. */
const VIEW_ANSWERS: ReadonlySet<RpcMethod> = new Set(['figures', 'dashboard', 'analysis', 'facets']);

export interface DatasetService {
  handle<M extends RpcMethod>(
    method: M,
    params: DatasetRpc[M]['params'],
    onProgress: ProgressSink,
  ): Promise<DatasetRpc[M]['result']>;
  /** Loads byte sources directly (tests and Node callers, which have no browser File). */
  loadSources(
    sources: ByteSource[],
    mapping?: MappingOverride,
    profiles?: readonly Profile[],
  ): Promise<DatasetInfo>;
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
  views: ViewCache;
  report: IngestReport;
  sources: ByteSource[];
  /** The Files `sources` read, when they came as Files (what "Add files" checks for duplicates). */
  files: readonly File[];
  mapping: MappingOverride | undefined;
}

export interface ServiceOptions {
  /** How a chosen File is read (the read worker's read-ahead); blobSource where there is none. */
  openFile?: (file: Blob, name?: string) => ByteSource;
}

/**
 * Runs the engine warm-up (see engine-warm-up.ts) with the first view's queries, and answers that view as
 * soon as it has it (the page draws its charts with it while the warm-up goes on); null when stopped.
 */
function warmUpView(signal: AbortSignal): Promise<WarmUpView | null> {
  const query: DashboardQuery = { filter: {}, search: '', dimension: 'model', deviceLimit: 15 };
  let view: WarmUpView | null = null;
  return new Promise((resolve) => {
    const answer = () => resolve(signal.aborted ? null : view);
    const firstView = (dataset: Dataset) => {
      view = { data: dashboard(dataset, query, dataset.all()), dimensionNames: [...dataset.dimensionNames] };
      const rows = dataset.sortedRows(dataset.all(), null);
      rowsWindow(dataset, { ...query, sort: null, offset: 0, limit: 50 }, rows);
    };
    warmUpEngine(firstView, signal, answer).then(answer);
  });
}

type Handlers = { [M in RpcMethod]: (params: DatasetRpc[M]['params'], onProgress: ProgressSink) => unknown };
type QueryMethod = Exclude<
  RpcMethod,
  'load' | 'append' | 'remap' | 'reload' | 'cancel' | 'dashboard' | 'warmUpView'
>;

/** The questions about the loaded data, each answered from its dataset and its views' caches. */
function queryHandlers(current: () => Loaded): Pick<Handlers, QueryMethod> {
  return {
    rows: (params) => rowsWindow(current().dataset, params, current().views.sortedRows(params, params.sort)),
    deviceHistory: (params) => deviceHistory(current().dataset, params.device),
    dimensionValues: (params) => current().dataset.dimensionValues(params.name).slice(0, params.limit),
    facets: (params) => current().views.facets(params, params.limit),
    figures: (params) => current().views.figures(params),
    exportCsv: (params) => eventsToCsv(current().dataset, current().views.sortedRows(params, params.sort)),
    summary: (params) =>
      buildSummary(current().dataset, current().report, { ...params.filter, text: params.search }),
    analysis: (params) => current().views.analysis(params),
    deviceIds: (params) => deviceIdList(current().dataset, params, params.verdict, current().views.judge),
    compare: (params) => compareView(current().dataset, params, params.split, current().views.judge),
  };
}

export function createDatasetService(serviceOptions: ServiceOptions = {}): DatasetService {
  let loaded: Loaded | null = null;
  let dataVersion = 0;
  let loading: AbortController | null = null;
  /** The engine warm-up, stopped when a load begins, and its answer. */
  let warming: AbortController | null = null;
  let warmedUp: Promise<WarmUpView | null> | null = null;
  /** The catalogs loads read with: the registry's, with the page's profiles applied. */
  let catalogs: readonly Catalog[] = CATALOGS;
  const order = viewOrder();

  async function load(
    sources: ByteSource[],
    mapping: MappingOverride | undefined,
    onProgress: ProgressSink,
    files: readonly File[] = [],
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
        catalogs,
        ...progressAndPartials(sources, onProgress),
        signal: controller.signal,
        pause: pacer(),
      });
      loaded = { dataset, views: new ViewCache(dataset), report, sources, files, mapping };
      dataVersion++;
      return info(loaded);
    } finally {
      if (loading === controller) loading = null;
    }
  }

  /** The profiles the next loads read with; undefined keeps those set before. */
  function setProfiles(profiles: readonly Profile[] | undefined): void {
    if (profiles !== undefined) catalogs = withProfiles(CATALOGS, profiles);
  }

  function current(): Loaded {
    if (loaded === null) throw new Error('No data is loaded yet.');
    return loaded;
  }

  const open = (file: File) => (serviceOptions.openFile ?? blobSource)(file, file.name);
  const handlers: Handlers = {
    load: (params, onProgress) => {
      setProfiles(params.profiles);
      return load(params.files.map(open), params.mapping, onProgress, params.files);
    },
    append: (params, onProgress) => {
      setProfiles(params.profiles);
      const held = current();
      return appended(held, params.files, open, (sources, files) =>
        load(sources, held.mapping, onProgress, files),
      );
    },
    remap: (params, onProgress) => load(current().sources, params.mapping, onProgress, current().files),
    reload: (params, onProgress) => {
      const { sources, mapping, files } = current();
      setProfiles(params.profiles);
      return load(sources, mapping, onProgress, files);
    },
    cancel: () => {
      loading?.abort();
      return null;
    },
    dashboard: (params) => dashboardFor(current(), params),
    warmUpView: () => warmUpOnce(),
    ...queryHandlers(current),
  };

  function dashboardFor({ dataset, views }: Loaded, query: DashboardQuery): DashboardData {
    const stillCurrent = () => loading === null && loaded?.dataset === dataset;
    return views.dashboard(query, (data) => {
      setTimeout(() => warmUpFilters(dataset, query, data, stillCurrent), 0);
    });
  }

  function warmUpOnce(): Promise<WarmUpView | null> {
    if (warmedUp !== null) return warmedUp;
    if (loading !== null || loaded !== null) return Promise.resolve(null);
    const controller = new AbortController();
    warming = controller;
    warmedUp = warmUpView(controller.signal);
    return warmedUp;
  }

  return {
    loadSources: (sources, mapping, profiles) => {
      setProfiles(profiles);
      return load(sources, mapping, () => undefined);
    },
    get dataVersion() {
      return dataVersion;
    },
    warmUp: warmUpOnce,
    async handle(method, params, onProgress) {
      if (VIEW_ANSWERS.has(method)) await inTurn(order, () => current().views, method, params as ViewQuery);
      const handler = handlers[method] as (p: typeof params, s: ProgressSink) => unknown;
      return (await handler(params, onProgress)) as DatasetRpc[typeof method]['result'];
    },
  };
}

/** A view request's turn (see view-order.ts): figures at once, the rest after them, unless superseded. */
async function inTurn(order: ViewOrder, views: () => ViewCache, method: RpcMethod, query: ViewQuery) {
  const turn = order.arrived(method === 'figures', query);
  if (method === 'figures') return;
  await order.stillWanted(turn, query);
  if (method !== 'analysis') return;
  // judging the devices is most of an analysis: judged first (the cache keeps it), then a turn again
  views().judge(query.filter, true);
  await order.stillWanted(turn, query);
}

/**
 * "Add files" (DatasetRpc.append): the files not loaded yet, read with those loaded into one dataset by
 * `reload`; nothing is read when every file is loaded already.
 */
async function appended(
  held: Loaded,
  files: readonly File[],
  open: (file: File) => ByteSource,
  reload: (sources: ByteSource[], files: readonly File[]) => Promise<DatasetInfo>,
): Promise<AppendResult> {
  const { fresh, duplicates } = newFiles(held.files, files);
  if (fresh.length === 0) return { info: null, duplicates };
  return { info: await reload([...held.sources, ...fresh.map(open)], [...held.files, ...fresh]), duplicates };
}

/**
 * The files not among those loaded, and the names of those that are: the same name, size and time of last
 * change (a File carries no more to know it by without reading it); a file chosen twice at once counts once.
 */
export function newFiles(
  loaded: readonly File[],
  added: readonly File[],
): { fresh: File[]; duplicates: string[] } {
  const key = (f: File) => `${f.size}|${f.lastModified}|${f.name}`;
  const known = new Set(loaded.map(key));
  const fresh: File[] = [];
  const duplicates: string[] = [];
  for (const file of added) {
    if (known.has(key(file))) duplicates.push(file.name);
    else {
      known.add(key(file));
      fresh.push(file);
    }
  }
  return { fresh, duplicates };
}

/**
 * Ingest's progress, at most ~10 times a second, and, when due, the figures of the rows so far for
 * `onProgress` (both paced by partial-pacer.ts): figures ride on a progress message, the last one ingest
 * reported (or the first file's start, before any).
 */
function progressAndPartials(
  sources: readonly ByteSource[],
  onProgress: ProgressSink,
): Pick<IngestOptions, 'onProgress' | 'onPartial'> {
  const progress = progressPacer(onProgress);
  const start = (totalBytes: number | null): IngestProgress => {
    const file = sources[0]?.name ?? '';
    return { file, fileIndex: 0, files: sources.length, bytesRead: 0, totalBytes, rows: 0 };
  };
  return {
    onProgress: progress.onProgress,
    onPartial: partialPacer((partial) =>
      onProgress({ ...(progress.latest() ?? start(partial.totalBytes)), partial }),
    ),
  };
}

function info({ dataset, report }: Loaded): DatasetInfo {
  return {
    catalog: dataset.catalog.id,
    families: dataset.families.map(({ id, name, title, source }) => ({ id, name, title, source })),
    categories: dataset.categories.map(({ id, label, outcome }) => ({ id, label, outcome })),
    rowCount: dataset.rowCount,
    hasTime: dataset.hasTime,
    hasDevice: dataset.hasDevice,
    dimensionNames: [...dataset.dimensionNames],
    report,
    datasetBytes: dataset.byteSize,
  };
}
