/**
 * The dataset worker's caches for one loaded Dataset: the selection and sort order of the last query, and
 * the last few answers of each kind (dashboards, analyses, facet counts, verdicts), the unfiltered one of
 * each kept apart: it is the view a user comes back to after each filter. A new load makes a new
 * ViewCache, so nothing cached outlives its data.
 */

import { type Verdicts, verdictKey } from '../analysis/verdicts.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { Facet, Filter, Selection } from '../dataset/query-types.ts';
import {
  type AnalysisData,
  analysisView,
  type Judge,
  judgeDirectly,
  viewFilter,
} from '../views/analysis-view.ts';
import { dashboard, viewFigures } from '../views/dashboard.ts';
import type { DashboardData, DashboardQuery, SortSpec, ViewFigures, ViewQuery } from './dataset-protocol.ts';

/** Filtered answers of each kind kept besides the unfiltered one (see RecentAnswers). */
const RECENT_VIEWS = 2;
/** Verdicts kept besides the whole fleet's (see `judge`). */
const RECENT_VERDICTS = 3;

/**
 * The last `size` answers by key, the one used last first (a hit moves it to the front), and the answer
 * of `pinned` apart from them, never pushed out: removing the filter just added (a user's most common step
 * back) finds the view before it, and the view without filters is found whatever came between.
 */
export class RecentAnswers<T> {
  private entries: { key: string; value: T }[] = [];
  private pinnedValue: { value: T } | null = null;

  private readonly size: number;
  private readonly pinned: string | null;

  constructor(size: number, pinned: string | null = null) {
    this.size = size;
    this.pinned = pinned;
  }

  /** The answer kept for `key` that `usable` accepts (any, without it). */
  get(key: string, usable: (value: T) => boolean = () => true): T | undefined {
    if (key === this.pinned) {
      const kept = this.pinnedValue;
      return kept !== null && usable(kept.value) ? kept.value : undefined;
    }
    const at = this.entries.findIndex((e) => e.key === key && usable(e.value));
    if (at < 0) return undefined;
    const [entry] = this.entries.splice(at, 1);
    if (entry === undefined) return undefined;
    this.entries.unshift(entry);
    return entry.value;
  }

  /** The answer kept for `key`, else `make()`'s, kept. */
  remember(key: string, make: () => T): T {
    const kept = this.get(key);
    if (kept !== undefined) return kept;
    const value = make();
    this.put(key, value);
    return value;
  }

  /** Keeps `value` as the answer for `key` (replacing one kept before). */
  put(key: string, value: T): void {
    if (key === this.pinned) {
      this.pinnedValue = { value };
      return;
    }
    this.entries = [{ key, value }, ...this.entries.filter((e) => e.key !== key)].slice(0, this.size);
  }
}

/** The key of a view's rows: its filter, search and verdict. */
export function viewKey(query: ViewQuery, ...more: unknown[]): string {
  return JSON.stringify([query.filter, query.search, query.verdict ?? null, ...more]);
}

const UNFILTERED = viewKey({ filter: {}, search: '' });

export class ViewCache {
  private selection: { key: string; selection: Selection } | null = null;
  private sorted: { key: string; rows: Uint32Array } | null = null;
  /** Filtered dashboards by viewKey with the chart's dimension and the device count. */
  private readonly dashboards = new RecentAnswers<DashboardData>(RECENT_VIEWS);
  /** The dashboard without filters: it depends only on the chart's dimension and the device count. */
  private unfiltered: { key: string; data: DashboardData } | null = null;
  private readonly analyses = new RecentAnswers<AnalysisData>(RECENT_VIEWS, UNFILTERED);
  private readonly facetViews = new RecentAnswers<Facet[]>(RECENT_VIEWS + 1);
  /** The Summary's figures by viewKey, also those of each dashboard answered (see `figures`). */
  private readonly figureViews = new RecentAnswers<ViewFigures>(RECENT_VIEWS + 1, UNFILTERED);
  /**
   * Verdicts by verdictKey: a code, outcome, time or search step keeps them, and a step back finds them, so
   * the analysis a page asks after each filter rarely judges the fleet again (most of a second at 1M rows).
   */
  private readonly judged = new RecentAnswers<{ countsOnly: boolean; verdicts: Verdicts | null }>(
    RECENT_VERDICTS,
    verdictKey({}),
  );
  private readonly judgeNow: Judge;

  readonly dataset: Dataset;
  /** Judges a filter's devices, from the cache when it can (see Judge). */
  readonly judge: Judge = (filter, countsOnly) => {
    const key = verdictKey(filter);
    const kept = this.judged.get(key, (j) => countsOnly || !j.countsOnly);
    if (kept !== undefined) return kept.verdicts;
    const verdicts = this.judgeNow(filter, countsOnly);
    this.judged.put(key, { countsOnly, verdicts });
    return verdicts;
  };

  constructor(dataset: Dataset) {
    this.dataset = dataset;
    this.judgeNow = judgeDirectly(dataset);
  }

  select(query: ViewQuery): Selection {
    const key = viewKey(query);
    if (this.selection?.key === key) return this.selection.selection;
    const selection = this.dataset.select(viewFilter(this.dataset, query, this.judge));
    this.selection = { key, selection };
    return selection;
  }

  sortedRows(query: ViewQuery, sort: SortSpec | null): Uint32Array {
    const key = viewKey(query, sort);
    if (this.sorted?.key === key) return this.sorted.rows;
    const rows = this.dataset.sortedRows(this.select(query), sort);
    this.sorted = { key, rows };
    return rows;
  }

  /** The facet list's counts for a view (Dataset.facets): its filter with its search and verdict. */
  facets(query: ViewQuery, limit: number): Facet[] {
    return this.facetViews.remember(viewKey(query, limit), () =>
      this.dataset.facets(viewFilter(this.dataset, query), limit),
    );
  }

  /**
   * The Summary's figures of a view (viewFigures): the page asks them before the view's dashboard, so a
   * filter step shows them after one light scan instead of after every figure of the dashboard.
   */
  figures(query: ViewQuery): ViewFigures {
    return this.figureViews.remember(viewKey(query), () => viewFigures(this.dataset, this.select(query)));
  }

  /** The view's findings and verdict counts (analysisView). */
  analysis(query: ViewQuery): AnalysisData {
    return this.analyses.remember(viewKey(query), () =>
      analysisView(this.dataset, query, this.select(query), this.judge),
    );
  }

  /**
   * The dashboard for a query. `onFirstUnfiltered` runs once, after the first unfiltered answer: the
   * service uses it to warm the filter code up (see `warmUpFilters`).
   */
  dashboard(query: DashboardQuery, onFirstUnfiltered: (data: DashboardData) => void): DashboardData {
    const key = viewKey(query, query.dimension, query.deviceLimit);
    const kept = this.dashboards.get(key);
    if (kept !== undefined) return kept;
    const selection = this.select(query);
    if (selection.rows !== null) {
      const data = this.answered(query, dashboard(this.dataset, query, selection));
      this.dashboards.put(key, data);
      return data;
    }
    const unfilteredKey = JSON.stringify([query.dimension, query.deviceLimit]);
    if (this.unfiltered?.key === unfilteredKey) return this.unfiltered.data;
    const first = this.unfiltered === null;
    const data = this.answered(query, dashboard(this.dataset, query, selection));
    this.unfiltered = { key: unfilteredKey, data };
    if (first) onFirstUnfiltered(data);
    return data;
  }

  /** A dashboard just computed: its figures are the view's (`figures` finds them). */
  private answered(query: ViewQuery, data: DashboardData): DashboardData {
    const { selectedRows, totalRows, totals, timeRange } = data;
    this.figureViews.put(viewKey(query), { selectedRows, totalRows, totals, timeRange });
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
    const selection = dataset.select(filter);
    viewFigures(dataset, selection);
    dashboard(dataset, { ...query, filter }, selection);
  }
}
