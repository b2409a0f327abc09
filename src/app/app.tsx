import { useCallback } from 'react';
import type { Filter } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';
import type { SortSpec } from '../worker/dataset-protocol.ts';
import type { DatasetClient } from './dataset-client.ts';
import { EmptyState } from './empty-state.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { DeviceHistoryPanel } from './events/device-history-panel.tsx';
import { FilterBar } from './filter-bar.tsx';
import { isFilterEmpty } from './filter-model.ts';
import { formatCount } from './format.ts';
import { EventTable, OverviewPanel, preloadViews, TriagePanel, ViewSuspense } from './lazy-views.tsx';
import { UploadButton, usePageDrop } from './load-controls.tsx';
import { LoadProgress } from './load-progress.tsx';
import { MappingPanel } from './mapping-panel.tsx';
import { SummaryPanel } from './summary-panel.tsx';
import { useDashboard } from './use-dashboard.ts';
import type { ViewTab } from './view-state.ts';
import { ViewTabs } from './view-tabs.tsx';
import { stopViewWarmUp } from './view-warm-up.tsx';

export function App({ client }: { client: DatasetClient }) {
  const d = useDashboard(client);
  const { view, info, data, setView } = d;
  const onFiles = useCallback(
    (files: File[]) => {
      stopViewWarmUp();
      preloadViews();
      d.loadFiles(files);
    },
    [d.loadFiles],
  );
  const onSample = useCallback(() => {
    stopViewWarmUp();
    preloadViews();
    d.loadSample();
  }, [d.loadSample]);
  const dragging = usePageDrop(onFiles, preloadViews);
  const loading = d.load.phase === 'loading';
  const openDevice = useCallback((device: string) => setView((v) => ({ ...v, device })), [setView]);
  const closeDevice = useCallback(() => setView((v) => ({ ...v, device: null })), [setView]);
  // Stable callbacks: the views are memoised, so a filter change re-renders the charts once, when the
  // worker's answer arrives, not also when the chips change.
  const setDimension = useCallback((dimension: string) => setView((v) => ({ ...v, dimension })), [setView]);
  const setTab = useCallback((tab: ViewTab) => setView((v) => ({ ...v, tab })), [setView]);
  const clearSearch = useCallback(() => setView((v) => ({ ...v, search: '' })), [setView]);
  const setFilter = useCallback((filter: Filter) => setView((v) => ({ ...v, filter })), [setView]);
  const setSearch = useCallback((search: string) => setView((v) => ({ ...v, search })), [setView]);
  const setSort = useCallback((sort: SortSpec | null) => setView((v) => ({ ...v, sort })), [setView]);

  return (
    <div className={`app${dragging ? ' is-dragging' : ''}`}>
      <header className="app-header">
        <div className="brand">
          <h1>dmscope</h1>
          <span className="tagline">SCOMO result codes across your fleet</span>
        </div>
        {info !== null && (
          <p className="loaded-source">
            {info.report.files.map((f) => visibleText(f.name)).join(', ')} · {formatCount(info.rowCount)}{' '}
            events
          </p>
        )}
        <div className="header-actions">
          <UploadButton onFiles={onFiles} onIntent={preloadViews} />
          <button type="button" className="button" onClick={onSample}>
            Try the sample
          </button>
          {info !== null && (
            <>
              <button type="button" className="button" onClick={d.downloadEventsCsv}>
                Download events CSV
              </button>
              <button type="button" className="button" onClick={d.downloadSummary}>
                Download summary JSON
              </button>
            </>
          )}
        </div>
      </header>

      <main className="app-main">
        {dragging && (
          <div className="drop-overlay" aria-hidden="true">
            Drop to load these logs
          </div>
        )}
        {d.error !== null && (
          <div role="alert" className="error-banner">
            <p>{visibleText(d.error)}</p>
            <button type="button" className="button button-small" onClick={d.dismissError}>
              Dismiss
            </button>
          </div>
        )}
        {d.notice !== null && (
          <p className="notice" role="status">
            {d.notice}
          </p>
        )}
        {d.load.phase === 'loading' && (
          <LoadProgress what={d.load.what} progress={d.load.progress} onCancel={d.cancelLoad} />
        )}
        {info === null && !loading && <EmptyState dragging={dragging} />}

        {info !== null && data !== null && (
          <>
            <ErrorBoundary what="summary" onRetry={d.refresh} resetKey={data}>
              <SummaryPanel
                totals={data.totals}
                report={info.report}
                filtered={!isFilterEmpty(view.filter) || view.search !== ''}
                selectedRows={data.selectedRows}
                totalRows={data.totalRows}
                datasetBytes={info.datasetBytes}
              />
            </ErrorBoundary>
            <ErrorBoundary what="column mapping" resetKey={info}>
              <MappingPanel report={info.report} onApply={d.remap} />
            </ErrorBoundary>
            <ErrorBoundary what="filters" resetKey={view.filter}>
              <FilterBar
                filter={view.filter}
                search={view.search}
                onRemove={d.removeFilter}
                onClearSearch={clearSearch}
                onClearAll={d.clearFilters}
              />
            </ErrorBoundary>
            <div className={`workspace${view.device !== null ? ' has-history' : ''}`}>
              <div className="workspace-main">
                <ViewTabs tab={view.tab} onTab={setTab}>
                  {view.tab === 'overview' && (
                    <ViewSuspense what="charts" onRetry={d.refresh} resetKey={data}>
                      <OverviewPanel
                        data={data}
                        dimensionNames={info.dimensionNames}
                        dimension={data.dimension?.name ?? view.dimension}
                        onDimension={setDimension}
                        onFilter={d.addFilter}
                        onDevice={openDevice}
                      />
                    </ViewSuspense>
                  )}
                  {view.tab === 'triage' && (
                    <ViewSuspense what="triage charts" onRetry={d.refresh} resetKey={data}>
                      <TriagePanel triage={data.triage} onFilter={d.addFilter} />
                    </ViewSuspense>
                  )}
                  {view.tab === 'events' && (
                    <ViewSuspense what="event table" onRetry={d.refresh} resetKey={data}>
                      <EventTable
                        selected={data.selectedRows}
                        total={data.totalRows}
                        dimensionNames={info.dimensionNames}
                        filter={view.filter}
                        search={view.search}
                        sort={view.sort}
                        dataKey={String(loadCount(info))}
                        onFilterChange={setFilter}
                        onSearch={setSearch}
                        onSort={setSort}
                        onDevice={openDevice}
                        fetchRows={d.fetchRows}
                        fetchDimensionValues={d.fetchDimensionValues}
                      />
                    </ViewSuspense>
                  )}
                </ViewTabs>
              </div>
              {view.device !== null && info.hasDevice && (
                <ErrorBoundary what="device history" resetKey={view.device}>
                  <DeviceHistoryPanel
                    device={view.device}
                    dimensionNames={info.dimensionNames}
                    fetchHistory={d.fetchDeviceHistory}
                    onClose={closeDevice}
                  />
                </ErrorBoundary>
              )}
            </div>
          </>
        )}
      </main>
    </div>
  );
}

/** A number that changes with every load, so views keyed on it drop what they cached for older data. */
const loadIds = new WeakMap<object, number>();
let nextLoadId = 1;
function loadCount(info: object): number {
  let id = loadIds.get(info);
  if (id === undefined) {
    id = nextLoadId++;
    loadIds.set(info, id);
  }
  return id;
}
