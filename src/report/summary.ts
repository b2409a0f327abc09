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
  byCategory: Record<Category, number>;
  byCode: {
    /** The id of the family (catalog) that read the result. */
    family: string;
    /** null for a result given by a status word only. */
    code: number | null;
    status: string | null;
    name: string;
    outcome: Outcome;
    category: Category;
    stage: Stage | null;
    cause: Cause | null;
    count: number;
  }[];
  /** ISO 8601 UTC instants of the first and last event, or null without times. */
  timeRange: { from: string; to: string } | null;
  /** What reading found that the figures depend on (a family that recognised too little, columns not read). */
  warnings: string[];
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
    },
    byCategory,
    byCode: byCode.map(({ family, code, status, name, outcome, category, stage, cause, count }) => ({
      family,
      code,
      status,
      name,
      outcome,
      category,
      stage,
      cause,
      count,
    })),
    timeRange: isoRange(timeRange),
    warnings: [...report.warnings],
  };
}

function isoRange(range: TimeRange | null): SummaryJson['timeRange'] {
  const from = range === null ? null : isoTime(range.from);
  const to = range === null ? null : isoTime(range.to);
  return from === null || to === null ? null : { from, to };
}
