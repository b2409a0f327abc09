import type { Category, Cause, Outcome, Stage } from '../catalog/catalog-types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { isoTime } from '../dataset/iso-time.ts';
import type { Filter, TimeRange, Totals } from '../dataset/query-types.ts';
import type { IngestReport, RejectedRow } from '../ingest/ingest.ts';

export const SUMMARY_SCHEMA = 'dmscope.summary/1';

/** `dmscope.summary/1`: what the CLI prints with --json and the dashboard's "Download summary" saves. */
export interface SummaryJson {
  schema: typeof SUMMARY_SCHEMA;
  catalog: string;
  source: {
    files: string[];
    format: string;
    /** Accepted plus rejected data rows. */
    rowsRead: number;
    rowsRejected: number;
    rejectedSample: RejectedRow[];
  };
  columns: IngestReport['columns'];
  /** The selection's totals, without its row count. */
  totals: Omit<Totals, 'rows'>;
  /**
   * The families that read the results: the main one (whose triage settings apply) first; `name` prefixes
   * their results where there are several ("FUMO 402"). `rows` is the
   * selection's results in that family, weighted by the count column like every other figure.
   */
  families: { id: string; name: string; title: string; source: string; rows: number }[];
  /** The dataset's classes of result, in display order, each with the outcome all its results have. */
  categories: { id: Category; label: string; outcome: Outcome }[];
  byCategory: Record<Category, number>;
  byCode: {
    /** The id of the family (catalog) that read the result. */
    family: string;
    /** null for a result given by a status word only. */
    code: number | null;
    status: string | null;
    /** What the page and the table call the result: the code that decided, else the status word. */
    label: string;
    name: string;
    outcome: Outcome;
    category: Category;
    stage: Stage | null;
    cause: Cause | null;
    count: number;
  }[];
  /** ISO 8601 UTC instants of the first and last event, or null without times. */
  timeRange: { from: string; to: string } | null;
  /**
   * The filter the figures were taken under (the dashboard's filters and search), or null for every
   * event. `source` always describes the whole input.
   */
  filter: Filter | null;
}

/**
 * A device figure as every surface shows it: "≤ 1,234" when it is an upper bound (an aggregate's distinct
 * devices per row, summed; see Totals.devices), else the figure.
 */
export function deviceFigure(formatted: string, upperBound: boolean): string {
  return upperBound ? `≤ ${formatted}` : formatted;
}

/** Why device figures are upper bounds, said wherever they are shown so. */
export function upperBoundNote(column: string | null): string {
  const named = column === null ? 'distinct-devices column' : `"${column}" column`;
  return `Devices and failing devices are upper bounds (≤): they add up the aggregate's ${named}, the distinct devices of each row, and one device can stand in many rows (other days, codes, servers).`;
}

/** The summary of the rows that pass `filter`, from one `overview` of them. */
export function buildSummary(dataset: Dataset, report: IngestReport, filter?: Filter): SummaryJson {
  const { totals, byCategory, byCode, timeRange } = dataset.overview(dataset.select(filter));
  return {
    schema: SUMMARY_SCHEMA,
    catalog: dataset.catalog.id,
    source: {
      files: report.files.map((f) => f.name),
      format: report.format,
      rowsRead: report.rowsRead,
      rowsRejected: report.rowsRejected,
      rejectedSample: report.rejectedSample,
    },
    columns: { ...report.columns, dimensions: [...report.columns.dimensions] },
    totals: {
      operations: totals.operations,
      successes: totals.successes,
      failures: totals.failures,
      notApplied: totals.notApplied,
      inProgress: totals.inProgress,
      unrecognized: totals.unrecognized,
      failureRate: totals.failureRate,
      devices: totals.devices,
      failingDevices: totals.failingDevices,
      devicesUpperBound: totals.devicesUpperBound,
    },
    families: dataset.families.map(({ id, name, title, source }) => ({
      id,
      name,
      title,
      source,
      rows: byCode.reduce((sum, c) => (c.family === id ? sum + c.count : sum), 0),
    })),
    categories: dataset.categories.map(({ id, label, outcome }) => ({ id, label, outcome })),
    byCategory,
    byCode: byCode.map(({ family, code, status, label, name, outcome, category, stage, cause, count }) => ({
      family,
      code,
      status,
      label,
      name,
      outcome,
      category,
      stage,
      cause,
      count,
    })),
    timeRange: isoRange(timeRange),
    filter: filter === undefined || isEmptyFilter(filter) ? null : filter,
  };
}

/** A filter without any field set (absent, empty lists and empty text count as unset). */
function isEmptyFilter(filter: Filter): boolean {
  return Object.values(filter).every(
    (v) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
  );
}

function isoRange(range: TimeRange | null): SummaryJson['timeRange'] {
  const from = range === null ? null : isoTime(range.from);
  const to = range === null ? null : isoTime(range.to);
  return from === null || to === null ? null : { from, to };
}
