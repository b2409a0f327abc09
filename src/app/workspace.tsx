/**
 * The views under the tabs (Overview, Triage, Events) and the device history beside them, with the view
 * changes they dispatch.
 */
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import type { Filter } from '../dataset/query-types.ts';
import type { AnalysisData, DashboardData, DatasetInfo, SortSpec } from '../worker/dataset-protocol.ts';
import { ComparePanel } from './compare-panel.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { DeviceHistoryPanel } from './events/device-history-panel.tsx';
import { FindingsList } from './findings-list.tsx';
import { EventTable, OverviewPanel, TriagePanel, ViewSuspense } from './lazy-views.tsx';
import type { Answer } from './use-answer.ts';
import type { Dashboard } from './use-dashboard.ts';
import type { ViewState, ViewTab } from './view-state.ts';
import { ViewTabs } from './view-tabs.tsx';

export type ViewSetters = ReturnType<typeof useViewSetters>;

/**
 * Stable callbacks: the views are memoised, so a filter change re-renders the charts once, when the
 * worker's answer arrives, not also when the chips change.
 */
export function useViewSetters(setView: (update: (view: ViewState) => ViewState) => void) {
  return useMemo(
    () => ({
      openDevice: (device: string) => setView((v) => ({ ...v, device })),
      closeDevice: () => setView((v) => ({ ...v, device: null })),
      setDimension: (dimension: string) => setView((v) => ({ ...v, dimension })),
      setTab: (tab: ViewTab) => setView((v) => ({ ...v, tab })),
      clearSearch: () => setView((v) => ({ ...v, search: '' })),
      setFilter: (filter: Filter) => setView((v) => ({ ...v, filter })),
      setSearch: (search: string) => setView((v) => ({ ...v, search })),
      setSort: (sort: SortSpec | null) => setView((v) => ({ ...v, sort })),
    }),
    [setView],
  );
}

export function Workspace({
  dashboard,
  info,
  data,
  views,
  analysis,
}: {
  dashboard: Dashboard;
  info: DatasetInfo;
  data: DashboardData;
  views: ViewSetters;
  analysis: Answer<AnalysisData>;
}) {
  const { view } = dashboard;
  const openDevice = useFocusReturn(view.device, views.openDevice);
  // The Summary and the chips take a new answer at once; the charts redraw after them, in a render React
  // can interrupt, so a filter never holds the page in one long task. Until then they show as updating.
  const charted = useDeferredValue(data);
  const updating = charted !== data;
  return (
    <div className={`workspace${view.device !== null ? ' has-history' : ''}`}>
      <div
        className={`workspace-main${updating ? ' is-updating' : ''}`}
        id="views"
        tabIndex={-1}
        aria-busy={updating}
      >
        <ViewTabs tab={view.tab} onTab={views.setTab}>
          {view.tab === 'overview' && <FindingsList answer={analysis} />}
          {view.tab === 'overview' && (
            <ViewSuspense what="charts" onRetry={dashboard.refresh} resetKey={charted}>
              <OverviewPanel
                data={charted}
                filter={view.filter}
                dimensionNames={info.dimensionNames}
                dimension={charted.dimension?.name ?? view.dimension}
                onDimension={views.setDimension}
                onFilter={dashboard.addFilter}
                onDevice={openDevice}
                timeZoom={dashboard.timeZoom}
              />
            </ViewSuspense>
          )}
          {view.tab === 'triage' && (
            <ViewSuspense what="triage charts" onRetry={dashboard.refresh} resetKey={charted}>
              <TriagePanel triage={charted.triage} onFilter={dashboard.addFilter} />
            </ViewSuspense>
          )}
          {view.tab === 'compare' && (
            <ErrorBoundary what="comparison" resetKey={info}>
              <ComparePanel
                info={info}
                timeRange={data.timeRange}
                fetchComparison={dashboard.fetchComparison}
                fetchDimensionValues={dashboard.fetchDimensionValues}
              />
            </ErrorBoundary>
          )}
          {view.tab === 'events' && (
            <ViewSuspense what="event table" onRetry={dashboard.refresh} resetKey={data}>
              <EventTable
                selected={data.selectedRows}
                total={data.totalRows}
                dimensionNames={info.dimensionNames}
                filter={view.filter}
                search={view.search}
                sort={view.sort}
                dataKey={String(loadCount(info))}
                onFilterChange={views.setFilter}
                onSearch={views.setSearch}
                onSort={views.setSort}
                onDevice={openDevice}
                fetchRows={dashboard.fetchRows}
                fetchDimensionValues={dashboard.fetchDimensionValues}
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
            fetchHistory={dashboard.fetchDeviceHistory}
            onClose={views.closeDevice}
          />
        </ErrorBoundary>
      )}
    </div>
  );
}

/**
 * The device history's opener gets focus back when the history closes (Close, Escape or Back); if the
 * opener is gone (a chart redrawn, a table scrolled), the selected view tab gets it.
 */
function useFocusReturn(device: string | null, open: (device: string) => void): (device: string) => void {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(device !== null);
  useEffect(() => {
    if (device === null && wasOpen.current) {
      const target = opener.current?.isConnected
        ? opener.current
        : document.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
      target?.focus();
      opener.current = null;
    }
    wasOpen.current = device !== null;
  }, [device]);
  return useMemo(
    () => (id: string) => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && active !== document.body) opener.current = active;
      open(id);
    },
    [open],
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
