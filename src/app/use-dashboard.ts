/**
 * The dashboard's one home for state: what is loaded, the view (mirrored in the URL hash) and the
 * aggregates the worker computed for that view. Components receive these and dispatch actions.
 */

import { useCallback, useMemo, useRef, useState } from 'react';
import type { Profile } from '../catalog/profile.ts';
import type { MappingOverride } from '../ingest/ingest.ts';
import type {
  AnalysisData,
  Comparison,
  DashboardData,
  DatasetInfo,
  DeviceHistory,
  Facet,
  RowsWindow,
  SortSpec,
  Split,
  Verdict,
  ViewFigures,
} from '../worker/dataset-protocol.ts';
import type { DatasetClient } from './dataset-client.ts';
import { downloadBlob, fileStamp } from './download-file.ts';
import { errorMessage } from './error-message.ts';
import type { FilterValue } from './filter-field-kinds.ts';
import { addToFilter, type FieldRef, removeFromFilter, setFieldValues } from './filter-model.ts';
import type { TimeWindow } from './time-zoom.ts';
import { fullRange, zoomIn, zoomOut } from './time-zoom.ts';
import type { HistoryMode } from './use-hash-view.ts';
import { useHashView } from './use-hash-view.ts';
import type { LoadedKind, LoadState, RefusedFiles } from './use-loading.ts';
import { useLoading } from './use-loading.ts';
import { type Profiles, type StoredProfile, useProfiles } from './use-profiles.ts';
import { useViewData } from './use-view-data.ts';
import type { ViewState } from './view-state.ts';
import { fitViewToDimensions } from './view-state.ts';

export interface Dashboard {
  load: LoadState;
  error: string | null;
  notice: string | null;
  info: DatasetInfo | null;
  data: DashboardData | null;
  /** The Summary's figures: the current view's as soon as the worker has them, before `data` (see useViewData). */
  figures: ViewFigures | null;
  view: ViewState;
  loadFiles(files: readonly File[]): void;
  /** "Add files": these join the loaded files in one dataset, with a `source file` dimension. */
  appendFiles(files: readonly File[]): void;
  loadSample(): void;
  /** What the page shows: the sample alone, the user's files, or nothing (null). */
  loaded: LoadedKind | null;
  /** Files refused for want of a result-code column, and the way to read them with a chosen mapping. */
  refused: RefusedFiles | null;
  loadRefused(mapping: MappingOverride): void;
  cancelLoad(): void;
  remap(mapping: MappingOverride): void;
  /** The user's catalog profiles (see use-profiles.ts); a change reloads the files. */
  profiles: Profiles;
  /** A view change; a filter, tab, dimension or device change is a history entry (see use-hash-view.ts). */
  setView(update: (view: ViewState) => ViewState, mode?: HistoryMode): void;
  addFilter(value: FilterValue): void;
  removeFilter(value: FilterValue): void;
  /** The chip editor's change: side `from` of one field set to `values`, on the side `negated` says. */
  editField(field: FieldRef, edit: { from: boolean; negated: boolean; values: FilterValue[] }): void;
  clearFilters(): void;
  /** The time chart's zoom: to a window, out one level, or to the full range; each a history entry. */
  timeZoom: { zoomTo(window: TimeWindow): void; zoomOut(): void; fullRange(): void };
  /** Shows only the devices with a verdict (or to retry); null shows all. */
  setVerdict(verdict: Verdict | 'retry' | null): void;
  /** The "failures only" switch: the outcome filter set to failure, or cleared. */
  setFailuresOnly(on: boolean): void;
  dismissError(): void;
  /** Asks the worker for the current view's figures again (a view's "Try again"). */
  refresh(): void;
  downloadEventsCsv(): void;
  downloadSummary(): void;
  /** Saves the view as one self-contained HTML report (report-download.tsx). */
  downloadReport(): void;
  fetchRows(offset: number, limit: number, sort: SortSpec | null): Promise<RowsWindow>;
  fetchDeviceHistory(device: string): Promise<DeviceHistory>;
  fetchDimensionValues(name: string): Promise<string[]>;
  /** The facet list's counts for the view: per field, its first `limit` values. */
  fetchFacets(limit: number): Promise<Facet[]>;
  /** The view's findings and devices by verdict. */
  fetchAnalysis(): Promise<AnalysisData>;
  /** Saves the view's device ids to retry (or of one verdict), one per line. */
  downloadDeviceIds(verdict: Verdict | 'retry'): void;
  fetchComparison(split: Split): Promise<Comparison>;
}

export function useDashboard(client: DatasetClient): Dashboard {
  const [error, setError] = useState<string | null>(null);
  const { view, setView } = useHashView();
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const { data, figures, refresh, reset } = useViewData(client, info, view, setError);
  const onData = useCallback(
    (loaded: DatasetInfo | null) => {
      setInfo(loaded);
      reset();
      if (loaded !== null) setView((v) => fitViewToDimensions(v, loaded.dimensionNames), 'replace');
    },
    [reset, setView],
  );
  // the profiles' change reloads through `loading`, made after them: a ref joins the two
  const reloadWith = useRef<(profiles: readonly Profile[]) => void>(() => undefined);
  const onProfiles = useCallback(
    (list: readonly StoredProfile[]) => reloadWith.current(list.map((p) => p.profile)),
    [],
  );
  const profiles = useProfiles(onProfiles);
  const profileList = useMemo(() => profiles.list.map((p) => p.profile), [profiles.list]);
  const loading = useLoading(client, { info, setError, onData }, profileList);
  reloadWith.current = loading.reload;
  const edits = useFilterEdits(setView);
  const requests = useViewRequests(client, view, setError);
  return useMemo(
    () => ({
      ...loading,
      ...edits,
      ...requests,
      error,
      info,
      data,
      figures,
      view,
      setView,
      refresh,
      profiles,
      dismissError: () => setError(null),
      downloadReport: () => {
        if (info === null || data === null) return;
        // the report's code (chart export, HTML) loads on first use, not with the page
        Promise.all([requests.fetchAnalysis(), import('./report-download.tsx')])
          .then(([found, report]) => report.downloadHtmlReport(info, data, view, found))
          .catch((e: unknown) => setError(errorMessage(e)));
      },
    }),
    [loading, edits, requests, error, info, data, figures, view, setView, refresh, profiles],
  );
}

function useFilterEdits(setView: (update: (view: ViewState) => ViewState) => void) {
  return useMemo(
    () => ({
      addFilter: (value: FilterValue) => setView((v) => ({ ...v, filter: addToFilter(v.filter, value) })),
      removeFilter: (value: FilterValue) =>
        setView((v) => ({ ...v, filter: removeFromFilter(v.filter, value) })),
      clearFilters: () => setView((v) => ({ ...v, filter: {}, search: '', verdict: null, zoom: [] })),
      timeZoom: {
        zoomTo: (window: TimeWindow) => setView((v) => ({ ...v, ...zoomIn(v, window) })),
        zoomOut: () => setView((v) => ({ ...v, ...zoomOut(v) })),
        fullRange: () => setView((v) => ({ ...v, ...fullRange(v) })),
      },
      setVerdict: (verdict: Verdict | 'retry' | null) => setView((v) => ({ ...v, verdict })),
      editField: (field: FieldRef, edit: { from: boolean; negated: boolean; values: FilterValue[] }) =>
        setView((v) => ({
          ...v,
          filter: setFieldValues(v.filter, field, { from: edit.from, to: edit.negated }, edit.values),
        })),
      setFailuresOnly: (on: boolean) =>
        setView((v) => {
          const { outcomes: _dropped, ...rest } = v.filter;
          // on: failure included, and so no longer excluded
          return { ...v, filter: on ? addToFilter(rest, { field: 'outcomes', value: 'failure' }) : rest };
        }),
    }),
    [setView],
  );
}

/** The worker's answers beyond the dashboard figures: event rows, histories, value lists and downloads. */
function useViewRequests(client: DatasetClient, view: ViewState, setError: (message: string) => void) {
  const { filter, search, sort, verdict } = view;
  const fetchRows = useCallback(
    (offset: number, limit: number, sort: SortSpec | null) =>
      client.call('rows', { filter, search, verdict, sort, offset, limit }),
    [client, filter, search, verdict],
  );
  const fetchDeviceHistory = useCallback(
    (device: string) => client.call('deviceHistory', { device }),
    [client],
  );
  const fetchDimensionValues = useCallback(
    (name: string) => client.call('dimensionValues', { name, limit: 500 }),
    [client],
  );
  const fetchFacets = useCallback(
    (limit: number) => client.call('facets', { filter, search, verdict, limit }),
    [client, filter, search, verdict],
  );
  const downloadEventsCsv = useCallback(() => {
    client.call('exportCsv', { filter, search, verdict, sort }).then(
      (csv) =>
        downloadBlob(
          new Blob([csv], { type: 'text/csv;charset=utf-8' }),
          `dmscope-events-${fileStamp()}.csv`,
        ),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [client, filter, search, verdict, sort, setError]);
  const downloadSummary = useCallback(() => {
    client.call('summary', { filter, search }).then(
      (summary) =>
        downloadBlob(
          new Blob([`${JSON.stringify(summary, null, 2)}\n`], { type: 'application/json' }),
          `dmscope-summary-${fileStamp()}.json`,
        ),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [client, filter, search, setError]);
  const analysis = useAnalysisRequests(client, view, setError);
  return useMemo(
    () => ({
      fetchRows,
      fetchDeviceHistory,
      fetchDimensionValues,
      fetchFacets,
      downloadEventsCsv,
      downloadSummary,
      ...analysis,
    }),
    [
      fetchRows,
      fetchDeviceHistory,
      fetchDimensionValues,
      fetchFacets,
      downloadEventsCsv,
      downloadSummary,
      analysis,
    ],
  );
}

/** The analyses of the view: findings, verdicts and the ids to retry, a comparison. */
function useAnalysisRequests(client: DatasetClient, view: ViewState, setError: (message: string) => void) {
  const { filter, search, verdict } = view;
  return useMemo(
    () => ({
      fetchAnalysis: () => client.call('analysis', { filter, search, verdict }),
      fetchComparison: (split: Split) => client.call('compare', { filter, search, verdict, split }),
      downloadDeviceIds: (verdict: Verdict | 'retry') => {
        client.call('deviceIds', { filter, search, verdict }).then(
          (ids) =>
            downloadBlob(
              new Blob([ids], { type: 'text/plain;charset=utf-8' }),
              `dmscope-devices-${verdict.replace(/_/g, '-')}-${fileStamp()}.txt`,
            ),
          (e: unknown) => setError(errorMessage(e)),
        );
      },
    }),
    [client, filter, search, verdict, setError],
  );
}
