import { describeFinding, type Finding, type FindingOptions, findings } from '../analysis/findings.ts';
import { type Verdict, type VerdictOptions, verdictSelection, verdicts } from '../analysis/verdicts.ts';
import type { Category, Cause, Outcome, Stage } from '../catalog/catalog-types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { isoTime } from '../dataset/iso-time.ts';
import type { Filter, TimeRange, Totals } from '../dataset/query-types.ts';
import type { FileCatalog, IngestReport, RejectedRow } from '../ingest/ingest.ts';

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
    /** Records that carry no result (another alert type, another LwM2M resource): neither rows nor rejects. */
    otherRecords: number;
    /** Per file: the family that read it, why, and how much of it that family recognised. */
    perFile: {
      name: string;
      format: string;
      rowsRead: number;
      rowsRejected: number;
      otherRecords: number;
      catalog: FileCatalog;
    }[];
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
  /** What reading found that the figures depend on (a family that recognised too little, columns not read). */
  warnings: string[];
  /** What is over-represented among the failures (src/analysis/findings.ts), strongest evidence first. */
  findings: SummaryFinding[];
  /**
   * Devices per verdict (src/analysis/verdicts.ts), judged per device and key (component, operation) over
   * the whole history of the rows the filter's dimensions keep; null without a device column.
   */
  verdicts: {
    keys: string[];
    stuckAfterHours: number;
    stormAbove: number;
    devices: Record<Verdict, number>;
    /** Devices whose last decided attempt failed, or that are stuck: the retry list's length. */
    retry: number;
  } | null;
}

/** One finding: `code` (a code, or the status word of a result without one) or `cause`, then the figures. */
export type SummaryFinding = ({ code: number | string; family: string } | { cause: Cause }) & {
  dimension: string;
  value: string;
  /** Failures of the code (cause) on the value. */
  failures: number;
  /** Operations on the value. */
  operations: number;
  /** Failures of the code (cause) anywhere. */
  subjectFailures: number;
  lift: number;
  p: number;
  /** Benjamini–Hochberg adjusted p across every pair tested. */
  q: number;
  /** The finding in words. */
  text: string;
};

/** How the analyses behind `findings` and `verdicts` are tuned (their defaults when absent). */
export interface SummaryAnalysis {
  findings?: FindingOptions;
  verdicts?: VerdictOptions;
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
export function buildSummary(
  dataset: Dataset,
  report: IngestReport,
  filter: Filter = {},
  analysis: SummaryAnalysis = {},
): SummaryJson {
  const selection = dataset.select(filter);
  const { totals, byCategory, byCode, timeRange } = dataset.overview(selection);
  return {
    schema: SUMMARY_SCHEMA,
    catalog: dataset.catalog.id,
    source: {
      files: report.files.map((f) => f.name),
      format: report.format,
      rowsRead: report.rowsRead,
      rowsRejected: report.rowsRejected,
      rejectedSample: report.rejectedSample,
      otherRecords: report.otherRecords,
      perFile: report.files.map(({ name, format, rowsRead, rowsRejected, otherRecords, catalog }) => ({
        name,
        format,
        rowsRead,
        rowsRejected,
        otherRecords,
        catalog: { ...catalog },
      })),
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
    filter: isEmptyFilter(filter) ? null : filter,
    warnings: [...report.warnings],
    findings: findings(dataset, selection, analysis.findings).map(summaryFinding),
    verdicts: verdictCounts(dataset, filter, analysis.verdicts),
  };
}

function summaryFinding(f: Finding): SummaryFinding {
  const subject =
    f.subject === 'code' ? { code: f.code ?? f.label, family: f.family ?? '' } : { cause: f.cause as Cause };
  const { dimension, value, failures, operations, subjectFailures, lift, p, q } = f;
  return {
    ...subject,
    dimension,
    value,
    failures,
    operations,
    subjectFailures,
    lift,
    p,
    q,
    text: describeFinding(f),
  };
}

function verdictCounts(dataset: Dataset, filter: Filter, options?: VerdictOptions): SummaryJson['verdicts'] {
  const judged = verdicts(dataset, verdictSelection(dataset, filter), { ...options, countsOnly: true });
  if (!judged) return null;
  return {
    keys: [...judged.keys],
    stuckAfterHours: judged.stuckAfterMs / 3_600_000,
    stormAbove: judged.stormAbove,
    devices: judged.counts,
    retry: judged.retryCount,
  };
}

/** A filter without any field set (absent, empty lists and empty text count as unset). */
function isEmptyFilter(filter: Filter): boolean {
  const { not, ...included } = filter;
  return (
    (not === undefined || isEmptyFilter(not)) &&
    Object.values(included).every((v) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
  );
}

function isoRange(range: TimeRange | null): SummaryJson['timeRange'] {
  const from = range === null ? null : isoTime(range.from);
  const to = range === null ? null : isoTime(range.to);
  return from === null || to === null ? null : { from, to };
}
