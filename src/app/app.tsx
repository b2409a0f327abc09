import { useCallback, useMemo, useState } from 'react';
import { verdictsIgnorePartOf } from '../analysis/verdicts.ts';
import { visibleText } from '../dataset/visible-text.ts';
import type { DatasetInfo } from '../worker/dataset-protocol.ts';
import { AppHeader } from './app-header.tsx';
import { ChartExportProvider } from './charts/chart-export-context.tsx';
import type { DatasetClient } from './dataset-client.ts';
import { DatasetWordsProvider } from './dataset-words.tsx';
import { DeviceOutcomes } from './device-outcomes.tsx';
import { EmptyState } from './empty-state.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { FilterArea } from './filter-area.tsx';
import { isFilterEmpty } from './filter-model.ts';
import { formatCount } from './format.ts';
import { preloadViews } from './lazy-views.tsx';
import { usePageDrop } from './load-controls.tsx';
import { LoadProgress } from './load-progress.tsx';
import { MappingPanel } from './mapping-panel.tsx';
import { PartialFiguresPanel } from './partial-figures.tsx';
import { RefusedFilePanel } from './refused-file-panel.tsx';
import { ReplaceDialog } from './replace-dialog.tsx';
import { SavedViewsPanel } from './saved-views-panel.tsx';
import { SummaryPanel } from './summary-panel.tsx';
import { useAnswer } from './use-answer.ts';
import type { Dashboard } from './use-dashboard.ts';
import { useDashboard } from './use-dashboard.ts';
import { useLeaveWarning } from './use-hash-view.ts';
import { useShownPartial } from './use-loading.ts';
import { useSavedViews } from './use-saved-views.ts';
import { useTimeZone } from './use-time-zone.ts';
import type { ViewState } from './view-state.ts';
import { stopViewWarmUp } from './view-warm-up.tsx';
import { useViewSetters, Workspace } from './workspace.tsx';

export function App({ client }: { client: DatasetClient }) {
  const d = useDashboard(client);
  const { view, info, data, figures, setView } = d;
  const { onFiles, onAddFiles, onSample, replaceDialog } = useLoadActions(d);
  const saved = useSavedViews();
  const applyView = useCallback((next: ViewState) => setView(() => next, 'push'), [setView]);
  const dragging = usePageDrop(onFiles, preloadViews);
  const loading = d.load.phase === 'loading';
  // figures of the load in progress: shown instead of the data loaded before, which they are not
  const partial = useShownPartial(d.load);
  const views = useViewSetters(setView);
  // asked again for every view and every load (info), once its figures are there
  const hasData = data !== null;
  const askAnalysis = useMemo(
    () => (info === null || !hasData ? null : () => d.fetchAnalysis()),
    [d.fetchAnalysis, info, hasData],
  );
  const analysis = useAnswer(askAnalysis);
  useLeaveWarning(info !== null);
  const [zone, setZone] = useTimeZone();

  return (
    <DatasetWordsProvider categories={info?.categories ?? null} families={info?.families ?? NO_FAMILIES}>
      <div className={`app${dragging ? ' is-dragging' : ''}`}>
        {info !== null && (
          <button
            type="button"
            className="skip-link"
            onClick={() => document.getElementById('views')?.focus()}
          >
            Skip to the charts
          </button>
        )}
        <AppHeader
          info={partial === null ? info : null}
          loading={loading}
          onFiles={onFiles}
          onAddFiles={onAddFiles}
          onSample={onSample}
          onDownloadCsv={d.downloadEventsCsv}
          onDownloadSummary={d.downloadSummary}
          onDownloadReport={d.downloadReport}
          zone={zone}
          onZone={setZone}
          profiles={d.profiles}
          filtered={!isFilterEmpty(view.filter) || view.search !== '' || view.verdict !== null}
        />

        {replaceDialog}

        {/* keyed on the zone: the memoised views write their times once per answer */}
        <main className="app-main" key={zone}>
          {dragging && (
            <div className="drop-overlay" aria-hidden="true">
              Drop to load these logs
            </div>
          )}
          <StatusMessages dashboard={d} partial={partial !== null} />
          {d.refused !== null && !loading && <RefusedFilePanel refused={d.refused} onApply={d.loadRefused} />}
          {info === null && !loading && <EmptyState dragging={dragging} />}
          {partial !== null && <PartialFiguresPanel partial={partial} />}

          {info !== null && data !== null && figures !== null && partial === null && (
            <>
              <ErrorBoundary what="summary" onRetry={d.refresh} resetKey={figures}>
                <SummaryPanel
                  totals={figures.totals}
                  report={info.report}
                  filtered={!isFilterEmpty(view.filter) || view.search !== '' || view.verdict !== null}
                  selectedRows={figures.selectedRows}
                  totalRows={figures.totalRows}
                  datasetBytes={info.datasetBytes}
                  timeRange={figures.timeRange}
                />
              </ErrorBoundary>
              <ErrorBoundary what="device outcomes" resetKey={data}>
                <DeviceOutcomes
                  answer={analysis}
                  shown={view.verdict}
                  onShow={d.setVerdict}
                  onDownload={d.downloadDeviceIds}
                  partJudged={verdictsIgnorePartOf(view.filter) || view.search !== ''}
                />
              </ErrorBoundary>
              <ErrorBoundary what="column mapping" resetKey={info}>
                <MappingPanel report={info.report} onApply={d.remap} />
              </ErrorBoundary>
              <ErrorBoundary what="saved views" resetKey={info}>
                <SavedViewsPanel saved={saved} view={view} fields={info} onApply={applyView} />
              </ErrorBoundary>
              <FilterArea
                dashboard={d}
                views={views}
                announcement={
                  figures.selectedRows === figures.totalRows
                    ? `All ${formatCount(figures.totalRows)} events`
                    : `Filtered: ${formatCount(figures.selectedRows)} of ${formatCount(figures.totalRows)} events, ${formatCount(figures.totals.failures)} failures`
                }
              />
              <ChartExportProvider
                filter={view.filter}
                search={view.search}
                sources={sourceNames(info)}
                timeRange={data.timeRange}
              >
                <Workspace dashboard={d} info={info} data={data} views={views} analysis={analysis} />
              </ChartExportProvider>
            </>
          )}
        </main>
      </div>
    </DatasetWordsProvider>
  );
}

const NO_FAMILIES: DatasetInfo['families'] = [];

/**
 * What the load buttons do: Upload logs and a drop replace the data, Add files appends to it, and Try the
 * sample asks first (a dialog) when it would replace the user's own files.
 */
function useLoadActions(d: Dashboard) {
  const onFiles = useCallback(
    (files: File[]) => {
      stopViewWarmUp();
      preloadViews();
      d.loadFiles(files);
    },
    [d.loadFiles],
  );
  const onAddFiles = useCallback(
    (files: File[]) => {
      preloadViews();
      d.appendFiles(files);
    },
    [d.appendFiles],
  );
  const loadSample = useCallback(() => {
    stopViewWarmUp();
    preloadViews();
    d.loadSample();
  }, [d.loadSample]);
  const [confirming, setConfirming] = useState(false);
  const onSample = useCallback(() => {
    if (d.loaded === 'files') setConfirming(true);
    else loadSample();
  }, [d.loaded, loadSample]);
  const replaceDialog = confirming ? (
    <ReplaceDialog
      files={d.info?.report.files.map((f) => f.name) ?? []}
      onReplace={loadSample}
      onClose={() => setConfirming(false)}
    />
  ) : null;
  return { onFiles, onAddFiles, onSample, replaceDialog };
}

/** What went wrong, what was cancelled, and the load in progress. */
function StatusMessages({ dashboard, partial }: { dashboard: Dashboard; partial: boolean }) {
  return (
    <>
      {dashboard.error !== null && (
        <div role="alert" className="error-banner">
          <p>{visibleText(dashboard.error)}</p>
          <button type="button" className="button button-small" onClick={dashboard.dismissError}>
            Dismiss
          </button>
        </div>
      )}
      {dashboard.info !== null && <EveryRowRejected info={dashboard.info} />}
      {dashboard.notice !== null && (
        <p className="notice" role="status">
          {dashboard.notice}
        </p>
      )}
      {dashboard.load.phase === 'loading' && (
        <LoadProgress
          what={dashboard.load.what}
          progress={dashboard.load.progress}
          partial={partial}
          onCancel={dashboard.cancelLoad}
        />
      )}
    </>
  );
}

/** The loaded files' names, the same array while the same data is loaded. */
const sourceNamesOf = new WeakMap<DatasetInfo, string[]>();
function sourceNames(info: DatasetInfo): string[] {
  let names = sourceNamesOf.get(info);
  if (names === undefined) {
    names = info.report.files.map((f) => f.name);
    sourceNamesOf.set(info, names);
  }
  return names;
}

/**
 * Data in which every row was rejected is no data: said in an alert, never shown as calm zeros. The
 * usual cause is a result-code column that holds no codes (a remap to a text column).
 */
function EveryRowRejected({ info }: { info: DatasetInfo }) {
  const { rowCount, report } = info;
  if (rowCount > 0 || report.rowsRejected === 0) return null;
  return (
    <div role="alert" className="error-banner">
      <p>
        Every row was rejected ({formatCount(report.rowsRejected)} rows): the result-code column “
        {visibleText(report.columns.code)}” holds no result codes or status words. Choose another column under
        Column mapping; “Show rejected rows” lists each row’s reason.
      </p>
    </div>
  );
}
