/**
 * The analyses as the page shows them: the view's top findings in words, its devices by verdict with the
 * ids to retry, and a comparison of two parts of the data. Small answers: words, counts, a few rows.
 */
import { type Comparison, compare, type Split, splitSides } from '../analysis/compare.ts';
import { describeFinding, findings } from '../analysis/findings.ts';
import { type Verdict, type Verdicts, verdictSelection, verdicts } from '../analysis/verdicts.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { Filter, Selection } from '../dataset/query-types.ts';
import type { ViewQuery } from './view-types.ts';

/** Findings the Overview lists. */
const FINDINGS_SHOWN = 5;
/** Rows a comparison sends at most (the strongest evidence first). */
const COMPARE_ROWS = 40;

export interface AnalysisData {
  /** The view's strongest findings, in words; `more` counts the rest. */
  findings: { text: string; dimension: string; value: string }[];
  moreFindings: number;
  /** Devices per verdict (judged per component and operation over their whole history); null without devices. */
  verdicts: { keys: readonly string[]; counts: Record<Verdict, number>; retry: number } | null;
}

/**
 * Judges the devices of a filter, on verdictSelection's rows; `countsOnly` when only the counts are needed
 * (no per-device list). The worker passes its cache (ViewCache.judge): most filter steps do not change the
 * verdicts, and judging a million rows takes most of a second.
 */
export type Judge = (filter: Filter, countsOnly: boolean) => Verdicts | null;

export function judgeDirectly(dataset: Dataset): Judge {
  return (filter, countsOnly) => verdicts(dataset, verdictSelection(dataset, filter), { countsOnly });
}

export function analysisView(
  dataset: Dataset,
  query: ViewQuery,
  selection: Selection,
  judge: Judge = judgeDirectly(dataset),
): AnalysisData {
  const found = findings(dataset, selection);
  const judged = judge(query.filter, true);
  return {
    findings: found
      .slice(0, FINDINGS_SHOWN)
      .map((f) => ({ text: describeFinding(f), dimension: f.dimension, value: f.value })),
    moreFindings: Math.max(0, found.length - FINDINGS_SHOWN),
    verdicts: judged && {
      keys: judged.keys,
      counts: judged.counts,
      retry: judged.retryCount,
    },
  };
}

/**
 * The device ids of the view's devices, one per line: those to retry (last decided attempt failed, or
 * stuck), or those of one verdict.
 */
export function deviceIdList(
  dataset: Dataset,
  query: ViewQuery,
  verdict: Verdict | 'retry',
  judge: Judge = judgeDirectly(dataset),
): string {
  return deviceIds(query, verdict, judge)
    .map((id) => `${id}\n`)
    .join('');
}

/** The ids of the view's devices with a verdict (or to retry), by id. */
function deviceIds(query: ViewQuery, verdict: Verdict | 'retry', judge: Judge): string[] {
  const judged = judge(query.filter, false);
  if (!judged) return [];
  return judged.devices
    .filter((d) => (verdict === 'retry' ? d.retry : d.verdict === verdict))
    .map((d) => d.device);
}

/** The core filter of a view: its filter and search, and the devices of its verdict when it has one. */
export function viewFilter(
  dataset: Dataset,
  query: ViewQuery,
  judge: Judge = judgeDirectly(dataset),
): Filter {
  const filter: Filter = { ...query.filter, text: query.search };
  if (!query.verdict) return filter;
  return { ...filter, deviceIds: deviceIds(query, query.verdict, judge) };
}

/** A against B within the view's rows, split as asked; the strongest rows. */
export function compareView(
  dataset: Dataset,
  query: ViewQuery,
  split: Split,
  judge: Judge = judgeDirectly(dataset),
): Comparison {
  const [a, b] = splitSides(dataset, split, viewFilter(dataset, query, judge));
  const dimensions = dataset.dimensionNames.filter((n) => split.by !== 'dimension' || n !== split.dimension);
  const result = compare(a, b, { dimensions });
  return { ...result, rows: result.rows.slice(0, COMPARE_ROWS) };
}
