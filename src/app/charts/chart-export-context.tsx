/**
 * What every exported chart says about its figures beyond the chart: the filters, the files and the time
 * range. The app provides it once; each ChartCard reads it when a chart is downloaded.
 */
import type { ReactNode } from 'react';
import { createContext, useContext, useMemo } from 'react';
import type { Filter, TimeRange } from '../../dataset/query-types.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import { categoryFill, useDatasetWords } from '../dataset-words.tsx';
import { filterChips } from '../filter-fields.ts';
import { formatTimeRange } from '../format.ts';
import { categoryLabel } from '../labels.ts';
import type { ExportContext, LegendEntry } from './chart-export.ts';

const NO_CONTEXT: ExportContext = { filters: [], sources: [], timeRange: null };
const ChartExportContext = createContext<ExportContext>(NO_CONTEXT);

/** The active filters as the chips read them, and the search; a time window in UTC, as files say times. */
export function filterLines(filter: Filter, search: string): string[] {
  return [
    ...filterChips(filter).map((chip) =>
      chip.value.field === 'time' ? `Time: ${formatTimeRange(chip.value, 'utc')}` : chip.label,
    ),
    ...(search === '' ? [] : [`Search “${visibleText(search)}”`]),
  ];
}

export function ChartExportProvider({
  filter,
  search,
  sources,
  timeRange,
  children,
}: {
  filter: Filter;
  search: string;
  sources: readonly string[];
  timeRange: TimeRange | null;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({
      filters: filterLines(filter, search),
      sources: sources.map(visibleText),
      timeRange: formatTimeRange(timeRange, 'utc'), // files say UTC, whatever the page shows
    }),
    [filter, search, sources, timeRange],
  );
  return <ChartExportContext.Provider value={value}>{children}</ChartExportContext.Provider>;
}

export function useExportContext(): ExportContext {
  return useContext(ChartExportContext);
}

/** The result classes a chart shows, as the exported image's legend: the fills CategoryLegend shows. */
export function useCategoryExportLegend(ids: readonly string[]): LegendEntry[] {
  const words = useDatasetWords();
  return useMemo(
    () => ids.map((id) => ({ label: categoryLabel(id), color: categoryFill(words, id) })),
    [ids, words],
  );
}
