/**
 * The figures shown while a load goes on: the Summary's totals and the failures by result code of the rows
 * read so far, with how much of the input they come from. The same `Dataset.overview` as the exact figures,
 * over a snapshot of the rows so far (DatasetBuilder.snapshot), so the figures after k rows are exactly
 * those of a dataset of those k rows.
 */
import type { CategoryClass } from '../catalog/catalog-types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { CodeCount, Totals } from '../dataset/query-types.ts';

export interface PartialFigures {
  /** Bytes of the input the rows come from, and of the whole input (null: unknown, a pipe). */
  bytesRead: number;
  totalBytes: number | null;
  /** How many files the input is. */
  files: number;
  /** Rows read so far, and rejected so far. */
  rows: number;
  rowsRejected: number;
  totals: Totals;
  /** The codes that are not successes, most operations first (as DashboardData.byCode). */
  byCode: CodeCount[];
  /** The classes and families of the rows so far (as DatasetInfo's), for the chart's words. */
  categories: CategoryClass[];
  families: { id: string; name: string }[];
}

/** The figures of the rows so far; `load`: how much of the input they come from. */
export function partialFigures(
  dataset: Dataset,
  load: { bytesRead: number; totalBytes: number | null; files: number; rowsRejected: number },
): PartialFigures {
  const overview = dataset.overview(dataset.all());
  return {
    bytesRead: load.bytesRead,
    totalBytes: load.totalBytes,
    files: load.files,
    rows: dataset.rowCount,
    rowsRejected: load.rowsRejected,
    totals: overview.totals,
    byCode: failureCodes(overview.byCode),
    categories: dataset.categories.map(({ id, label, outcome }) => ({ id, label, outcome })),
    families: dataset.families.map(({ id, name }) => ({ id, name })),
  };
}

/** The codes the "Failures by result code" chart shows: every one that is not a success. */
export function failureCodes(byCode: readonly CodeCount[]): CodeCount[] {
  return byCode.filter((c) => c.outcome !== 'success');
}

/**
 * The label partial figures are never shown without: how much of the input they come from, as a whole
 * percent of the bytes (never 100: the exact figures replace them at the end), or the rows when the input's
 * size is unknown.
 */
export function partialLabel(p: Pick<PartialFigures, 'bytesRead' | 'totalBytes' | 'rows' | 'files'>): string {
  if (p.totalBytes === null || p.totalBytes <= 0) return `so far: ${p.rows.toLocaleString('en-US')} rows`;
  const percent = Math.max(0, Math.min(99, Math.floor((100 * p.bytesRead) / p.totalBytes)));
  return `so far: ${percent}% of the ${p.files > 1 ? `${p.files} files` : 'file'}`;
}
