/**
 * The dataset worker's caches for one loaded Dataset: the selection and sort order of the last query, the
 * unfiltered dashboard (the view a user comes back to after each filter) and the last few filtered ones.
 * A new load makes a new ViewCache, so nothing cached outlives its data.
 */

import { type Verdicts, verdictKey } from '../analysis/verdicts.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { Facet, Filter, Selection } from '../dataset/query-types.ts';
import { type Judge, judgeDirectly, viewFilter } from '../views/analysis-view.ts';
import { dashboard } from '../views/dashboard.ts';
import type { DashboardData, DashboardQuery, SortSpec, ViewQuery } from './dataset-protocol.ts';

/** Filtered answers kept (see `recent`). */
const RECENT_VIEWS = 2;
/** Verdicts kept (see `judged`). */
const RECENT_VERDICTS = 3;

export class ViewCache {
  private selection: { key: string; selection: Selection } | null = null;
  private sorted: { key: string; rows: Uint32Array } | null = null;
  /** The answer without filters: it depends only on the chart's dimension and the device count. */
  private unfiltered: { key: string; data: DashboardData } | null = null;
  /**
   * The last filtered answers: removing the filter just added (a user's most common step back) brings
   * back the view before it at once. Only the last RECENT_VIEWS: older views are computed again.
   */
  private recent: { key: string; data: DashboardData }[] = [];
  /** The last few facet counts: like `recent`, a step back (removing the chip just added) finds them. */
  private facetViews: { key: string; facets: Facet[] }[] = [];
  /**
   * The last verdicts, by verdictKey: a code, outcome, time or search step keeps them, and a step back
   * finds them, so the analysis a page asks after each filter rarely judges the fleet again.
   */
  private judged: { key: string; countsOnly: boolean; verdicts: Verdicts | null }[] = [];
  private readonly judgeNow: Judge;

  readonly dataset: Dataset;
  /** Judges a filter's devices, from the cache when it can (see Judge). */
  readonly judge: Judge = (filter, countsOnly) => {
    const key = verdictKey(filter);
    const kept = this.judged.find((j) => j.key === key && (countsOnly || !j.countsOnly));
    if (kept !== undefined) return kept.verdicts;
    const verdicts = this.judgeNow(filter, countsOnly);
    this.judged = [{ key, countsOnly, verdicts }, ...this.judged.filter((j) => j.key !== key)].slice(
      0,
      RECENT_VERDICTS,
    );
    return verdicts;
  };

  constructor(dataset: Dataset) {
    this.dataset = dataset;
    this.judgeNow = judgeDirectly(dataset);
  }

  select(query: ViewQuery): Selection {
    const key = JSON.stringify([query.filter, query.search, query.verdict ?? null]);
    if (this.selection?.key === key) return this.selection.selection;
    const selection = this.dataset.select(viewFilter(this.dataset, query, this.judge));
    this.selection = { key, selection };
    return selection;
  }

  sortedRows(query: ViewQuery, sort: SortSpec | null): Uint32Array {
    const key = JSON.stringify([query.filter, query.search, query.verdict ?? null, sort]);
    if (this.sorted?.key === key) return this.sorted.rows;
    const rows = this.dataset.sortedRows(this.select(query), sort);
    this.sorted = { key, rows };
    return rows;
  }

  /** The facet list's counts for a view (Dataset.facets): its filter with its search and verdict. */
  facets(query: ViewQuery, limit: number): Facet[] {
    const key = JSON.stringify([query.filter, query.search, query.verdict ?? null, limit]);
    const kept = this.facetViews.find((f) => f.key === key);
    if (kept !== undefined) return kept.facets;
    const facets = this.dataset.facets(viewFilter(this.dataset, query), limit);
    this.facetViews = [{ key, facets }, ...this.facetViews].slice(0, RECENT_VIEWS + 1);
    return facets;
  }

  /**
   * The dashboard for a query. `onFirstUnfiltered` runs once, after the first unfiltered answer: the
   * service uses it to warm the filter code up (see `warmUpFilters`).
   */
  dashboard(query: DashboardQuery, onFirstUnfiltered: (data: DashboardData) => void): DashboardData {
    const recentKey = JSON.stringify([
      query.filter,
      query.search,
      query.verdict ?? null,
      query.dimension,
      query.deviceLimit,
    ]);
    const recent = this.recent.find((view) => view.key === recentKey);
    if (recent !== undefined) return recent.data;
    const selection = this.select(query);
    if (selection.rows !== null) {
      const data = dashboard(this.dataset, query, selection);
      this.recent = [{ key: recentKey, data }, ...this.recent].slice(0, RECENT_VIEWS);
      return data;
    }
    const key = JSON.stringify([query.dimension, query.deviceLimit]);
    if (this.unfiltered?.key === key) return this.unfiltered.data;
    const first = this.unfiltered === null;
    const data = dashboard(this.dataset, query, selection);
    this.unfiltered = { key, data };
    if (first) onFirstUnfiltered(data);
    return data;
  }
}

/**
 * The filters a user clicks first after a load (the top failure result, the chart dimension's top value),
 * answered and dropped so the filter code runs optimised from the first real click instead of
 * unoptimised until the engine has seen it run. `stillCurrent` stops it once another load has begun.
 */
export function warmUpFilters(
  dataset: Dataset,
  query: DashboardQuery,
  data: DashboardData,
  stillCurrent: () => boolean,
): void {
  const filters: Filter[] = [];
  const code = data.byCode[0]?.code;
  if (code !== undefined && code !== null) filters.push({ codes: [code] });
  const dimension = data.dimension;
  const value = dimension?.values[0]?.value;
  if (dimension && value !== undefined)
    filters.push({ dimensions: [{ name: dimension.name, values: [value] }] });
  for (const filter of filters) {
    if (!stillCurrent()) return;
    dashboard(dataset, { ...query, filter }, dataset.select(filter));
  }
}
