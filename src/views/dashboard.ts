/** Every panel's figures for one view of the dataset: the Overview and the triage view together. */
import { verdictFilter, verdictSelection, verdicts } from '../analysis/verdicts.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { DimensionValueCounts, Overview, Selection } from '../dataset/query-types.ts';
import { splitResultFilter } from '../dataset/select.ts';
import { failureCodes } from './partial.ts';
import { triage, triageDimensions, triagePart } from './triage.ts';
import type { DashboardData, DashboardQuery, DimensionBreakdown, ViewFigures } from './view-types.ts';

/** Bars the "failure rate by …" chart shows at most. */
const MAX_DIMENSION_BARS = 25;

/**
 * One `Dataset.overview` scan answers both views: the triage rows are the selection's rows at the
 * catalog's triage stages, a property of the code, so they need no selection of their own.
 */
export function dashboard(dataset: Dataset, query: DashboardQuery, selection: Selection): DashboardData {
  const dimension =
    query.dimension !== null && dataset.dimensionNames.includes(query.dimension) ? query.dimension : null;
  const settings = dataset.catalog.triage;
  const triageBy = triageDimensions(dataset.dimensionNames);
  const overview = dataset.overview(selection, {
    dimensions: dimension === null ? [] : [dimension],
    deviceLimit: dataset.hasDevice ? query.deviceLimit : 0,
    part: triagePart(settings, query.filter, triageBy),
  });
  return {
    selectedRows: selection.size,
    totalRows: dataset.rowCount,
    totals: overview.totals,
    byCode: failureCodes(overview.byCode),
    byCategory: overview.byCategory,
    byStage: overview.byStage,
    byCause: overview.byCause,
    timeSeries: overview.timeSeries,
    timeRange: overview.timeRange,
    dimension:
      dimension === null
        ? null
        : (resultShare(dataset, query, dimension) ?? {
            name: dimension,
            values: topByOperations(overview.byDimension[0] ?? []),
            share: null,
          }),
    devices: withVerdicts(dataset, query, overview, selection),
    triage: triage(settings, overview.part, triageBy),
  };
}

/** The Summary's figures of a selection: those `dashboard` answers, from a scan that gathers only them. */
export function viewFigures(dataset: Dataset, selection: Selection): ViewFigures {
  const { totals, timeRange } = dataset.overview(selection);
  return { selectedRows: selection.size, totalRows: dataset.rowCount, totals, timeRange };
}

/**
 * With a result filter, the breakdown over the selection without it (its denominators) and, in the same
 * scan, the part of that selection that passes it (its numerators). Null without a result filter.
 */
function resultShare(dataset: Dataset, query: DashboardQuery, dimension: string): DimensionBreakdown | null {
  const { result, rest } = splitResultFilter(query.filter);
  if (result === null) return null;
  const overview = dataset.overview(dataset.select({ ...rest, text: query.search }), {
    dimensions: [dimension],
    part: { filter: result, dimensions: [dimension] },
  });
  const values = topByOperations(overview.byDimension[0] ?? []);
  const matching = new Map((overview.part?.byDimension[0] ?? []).map((v) => [v.value, v.operations]));
  return { name: dimension, values, share: { matching: values.map((v) => matching.get(v.value) ?? 0) } };
}

/** The listed devices with their verdicts, judged on `verdictSelection` of the view's filter. */
function withVerdicts(
  dataset: Dataset,
  query: DashboardQuery,
  { devices, deviceIds }: Pick<Overview, 'devices' | 'deviceIds'>,
  selection: Selection,
): DashboardData['devices'] {
  if (devices.length === 0) return [];
  const judged = verdicts(dataset, verdictRows(dataset, query, selection), { devices: { ids: deviceIds } });
  const byDevice = new Map(judged?.devices.map((d) => [d.device, d]));
  return devices.map((d) => {
    const v = byDevice.get(d.device);
    return {
      ...d,
      verdict: v?.verdict ?? 'no_outcome',
      verdictFailures: v?.failures ?? 0,
      retry: v?.retry ?? false,
    };
  });
}

/**
 * The rows the listed devices are judged on (verdictSelection): the view's own selection when its filter is
 * the one verdictSelection would select with (a dimension or device filter, no search, no verdict), which
 * saves a second scan of every row; otherwise selected again.
 */
function verdictRows(dataset: Dataset, query: DashboardQuery, selection: Selection): Selection {
  const judgedOn = verdictFilter(query.filter);
  const same =
    !query.verdict && query.search === '' && JSON.stringify(judgedOn ?? {}) === JSON.stringify(query.filter);
  return same ? selection : verdictSelection(dataset, query.filter);
}

/** Values by operations, most first. */
export function topByOperations(values: readonly DimensionValueCounts[]): DimensionValueCounts[] {
  return [...values].sort((a, b) => b.operations - a.operations).slice(0, MAX_DIMENSION_BARS);
}
