/**
 * The dashboard's one home for state: what is loaded, the view (mirrored in the URL hash) and the
 * aggregates the worker computed for that view. Components receive these and dispatch actions.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IngestProgress, MappingOverride } from '../ingest/ingest.ts';
import type {
  DashboardData,
  DatasetInfo,
  DeviceHistory,
  RowsWindow,
  SortSpec,
} from '../worker/dataset-protocol.ts';
import { type DatasetClient, WORKER_STOPPED } from './dataset-client.ts';
import { downloadBlob, fileStamp } from './download-file.ts';
import type { FilterValue } from './filter-fields.ts';
import { addToFilter, removeFromFilter } from './filter-model.ts';
import type { ViewState } from './view-state.ts';
import { fitViewToDimensions, hashToView, viewToHash } from './view-state.ts';

export const SAMPLE_URL = './sample/fleet-sample.csv';
const DEVICE_LIMIT = 15;

export type LoadState =
  | { phase: 'idle' }
  | { phase: 'loading'; what: string; progress: IngestProgress | null }
  | { phase: 'ready' };

export interface Dashboard {
  load: LoadState;
  error: string | null;
  notice: string | null;
  info: DatasetInfo | null;
  data: DashboardData | null;
  view: ViewState;
  loadFiles(files: readonly File[]): void;
  loadSample(): void;
  cancelLoad(): void;
  remap(mapping: MappingOverride): void;
  setView(update: (view: ViewState) => ViewState): void;
  addFilter(value: FilterValue): void;
  removeFilter(value: FilterValue): void;
  clearFilters(): void;
  dismissError(): void;
  /** Asks the worker for the current view's figures again (a view's "Try again"). */
  refresh(): void;
  downloadEventsCsv(): void;
  downloadSummary(): void;
  fetchRows(offset: number, limit: number, sort: SortSpec | null): Promise<RowsWindow>;
  fetchDeviceHistory(device: string): Promise<DeviceHistory>;
  fetchDimensionValues(name: string): Promise<string[]>;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'IngestError' || error.name === WORKER_STOPPED) return error.message;
    return `Could not analyse the files: ${error.message}`;
  }
  return String(error);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function readHash(): ViewState {
  return hashToView(typeof location === 'undefined' ? '' : location.hash);
}

export function useDashboard(client: DatasetClient): Dashboard {
  const [load, setLoad] = useState<LoadState>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const [data, setData] = useState<DashboardData | null>(null);
  const [view, setViewState] = useState<ViewState>(readHash);
  const loadSeq = useRef(0);
  const loadAbort = useRef<AbortController | null>(null);
  const querySeq = useRef(0);
  /** What the load in progress reads, for the message if the worker stops meanwhile. */
  const reading = useRef<string | null>(null);

  const setView = useCallback((update: (view: ViewState) => ViewState) => {
    setViewState((current) => {
      const next = update(current);
      const hash = viewToHash(next);
      if (hash !== location.hash && !(hash === '' && location.hash === '')) {
        history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
      }
      return next;
    });
  }, []);

  // Someone edits the hash or follows a shared link inside the open page.
  useEffect(() => {
    const onHashChange = () => setViewState(readHash());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const runLoad = useCallback(
    (
      what: string,
      start: (onProgress: (p: IngestProgress) => void, signal: AbortSignal) => Promise<DatasetInfo>,
    ) => {
      const seq = ++loadSeq.current;
      // A newer load supersedes this one; the worker aborts its own side when the newer one reaches it.
      loadAbort.current?.abort();
      const controller = new AbortController();
      loadAbort.current = controller;
      setError(null);
      setNotice(null);
      setLoad({ phase: 'loading', what, progress: null });
      reading.current = what;
      start((progress) => {
        if (seq === loadSeq.current) setLoad({ phase: 'loading', what, progress });
      }, controller.signal).then(
        (loaded) => {
          if (seq !== loadSeq.current) return;
          reading.current = null;
          setInfo(loaded);
          setData(null);
          setView((v) => fitViewToDimensions(v, loaded.dimensionNames));
          setLoad({ phase: 'ready' });
        },
        (e: unknown) => {
          if (seq !== loadSeq.current) return;
          reading.current = null;
          setLoad(info === null ? { phase: 'idle' } : { phase: 'ready' });
          if (isAbort(e)) setNotice('Loading was cancelled; the previous data (if any) is still shown.');
          else setError(messageOf(e));
        },
      );
    },
    [info, setView],
  );

  const loadFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      const what = files.length === 1 ? (files[0]?.name ?? 'file') : `${files.length} files`;
      runLoad(what, (onProgress) =>
        client.call('load', { files: [...files], cores: navigator.hardwareConcurrency }, onProgress),
      );
    },
    [client, runLoad],
  );

  const loadSample = useCallback(() => {
    runLoad('the sample fleet log', async (onProgress, signal) => {
      const response = await fetch(SAMPLE_URL, { signal });
      if (!response.ok) throw new Error(`the sample could not be fetched (HTTP ${response.status}).`);
      const file = new File([await response.blob()], 'fleet-sample.csv', { type: 'text/csv' });
      // Cancelled while fetching: the worker must not replace what it holds.
      signal.throwIfAborted();
      return client.call('load', { files: [file], cores: navigator.hardwareConcurrency }, onProgress);
    });
  }, [client, runLoad]);

  const remap = useCallback(
    (mapping: MappingOverride) => {
      runLoad('the same files with the new column mapping', (onProgress) =>
        client.call('remap', { mapping }, onProgress),
      );
    },
    [client, runLoad],
  );

  const cancelLoad = useCallback(() => {
    loadAbort.current?.abort();
    client.call('cancel', {}).catch(() => undefined); // a worker that stopped has nothing to cancel
  }, [client]);

  // The worker stopped and a new one took its place: what the old one held, and was reading, is gone.
  useEffect(
    () =>
      client.onRestart((reason) => {
        loadSeq.current++;
        querySeq.current++;
        const what = reading.current;
        reading.current = null;
        setInfo(null);
        setData(null);
        setLoad({ phase: 'idle' });
        setNotice(null);
        setError(
          what === null
            ? `The analysis worker stopped (${reason}), and the data it held is gone. A new one has started: load the files again.`
            : `The analysis worker stopped while reading ${what} (${reason}). A file too large for this tab's memory can do that: split the log, or load it again. A new worker has started.`,
        );
      }),
    [client],
  );

  // Aggregates for the current view; an answer to an older view is dropped.
  const [asked, setAsked] = useState(0);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  const { filter, search, dimension } = view;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `asked` changes to ask again for the same view
  useEffect(() => {
    if (info === null) return;
    const seq = ++querySeq.current;
    client.call('dashboard', { filter, search, dimension, deviceLimit: DEVICE_LIMIT }).then(
      (result) => {
        if (seq === querySeq.current) setData(result);
      },
      (e: unknown) => {
        if (seq === querySeq.current) setError(messageOf(e));
      },
    );
  }, [client, info, filter, search, dimension, asked]);

  const addFilter = useCallback(
    (value: FilterValue) => setView((v) => ({ ...v, filter: addToFilter(v.filter, value) })),
    [setView],
  );
  const removeFilter = useCallback(
    (value: FilterValue) => setView((v) => ({ ...v, filter: removeFromFilter(v.filter, value) })),
    [setView],
  );
  const clearFilters = useCallback(() => setView((v) => ({ ...v, filter: {}, search: '' })), [setView]);

  const downloadEventsCsv = useCallback(() => {
    client.call('exportCsv', { filter, search, sort: view.sort }).then(
      (csv) =>
        downloadBlob(
          new Blob([csv], { type: 'text/csv;charset=utf-8' }),
          `dmscope-events-${fileStamp()}.csv`,
        ),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [client, filter, search, view.sort]);

  const downloadSummary = useCallback(() => {
    client.call('summary', {}).then(
      (summary) =>
        downloadBlob(
          new Blob([`${JSON.stringify(summary, null, 2)}\n`], { type: 'application/json' }),
          `dmscope-summary-${fileStamp()}.json`,
        ),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [client]);

  const fetchRows = useCallback(
    (offset: number, limit: number, sort: SortSpec | null) =>
      client.call('rows', { filter, search, sort, offset, limit }),
    [client, filter, search],
  );
  const fetchDeviceHistory = useCallback(
    (device: string) => client.call('deviceHistory', { device }),
    [client],
  );
  const fetchDimensionValues = useCallback(
    (name: string) => client.call('dimensionValues', { name, limit: 500 }),
    [client],
  );

  return useMemo(
    () => ({
      load,
      error,
      notice,
      info,
      data,
      view,
      loadFiles,
      loadSample,
      cancelLoad,
      remap,
      setView,
      addFilter,
      removeFilter,
      clearFilters,
      dismissError: () => setError(null),
      refresh,
      downloadEventsCsv,
      downloadSummary,
      fetchRows,
      fetchDeviceHistory,
      fetchDimensionValues,
    }),
    [
      load,
      error,
      notice,
      info,
      data,
      view,
      loadFiles,
      loadSample,
      cancelLoad,
      remap,
      setView,
      addFilter,
      removeFilter,
      clearFilters,
      refresh,
      downloadEventsCsv,
      downloadSummary,
      fetchRows,
      fetchDeviceHistory,
      fetchDimensionValues,
    ],
  );
}
