import type { Category, Cause, Stage } from '../catalog/catalog-types.ts';
import { CAUSES, STAGES } from '../catalog/catalog-types.ts';
import {
  type CodeTable,
  compareText,
  type DictColumn,
  NO,
  OUTCOME_FAILURE,
  OUTCOME_IN_PROGRESS,
  OUTCOME_NOT_APPLIED,
  OUTCOME_SUCCESS,
  OUTCOME_UNRECOGNIZED,
} from './dataset-columns.ts';
import type { CodeCount, DimensionValueCounts, OutcomeCounts, Totals } from './query-types.ts';

/**
 * The finishing steps of `overview`: small accumulators (operations per code id, per dimension value ×
 * outcome) turned into the answers the views show.
 */

export function totalsFrom(
  codes: CodeTable,
  weights: Float64Array,
  deviceCounts: [number, number] | null,
  rows: number,
  devicesUpperBound: boolean,
): Totals {
  const byOutcome = new Float64Array(NO);
  weights.forEach((w, id) => {
    const o = codes.outcomeOfCode[id] as number;
    byOutcome[o] = (byOutcome[o] as number) + w;
  });
  const [devices, failingDevices] = deviceCounts ?? [null, null];
  return { ...outcomeCounts(byOutcome, 0), devices, failingDevices, devicesUpperBound, rows };
}

/**
 * The outcome model's figures from rows per outcome (`acc[at + OUTCOME_*]`): operations leave out the rows
 * in progress, and the failure rate is failures ÷ operations (0 without operations).
 */
export function outcomeCounts(acc: ArrayLike<number>, at: number): OutcomeCounts {
  const successes = acc[at + OUTCOME_SUCCESS] as number;
  const failures = acc[at + OUTCOME_FAILURE] as number;
  const notApplied = acc[at + OUTCOME_NOT_APPLIED] as number;
  const inProgress = acc[at + OUTCOME_IN_PROGRESS] as number;
  const unrecognized = acc[at + OUTCOME_UNRECOGNIZED] as number;
  const operations = successes + failures + notApplied + unrecognized;
  return {
    operations,
    successes,
    failures,
    notApplied,
    inProgress,
    unrecognized,
    failureRate: operations === 0 ? 0 : failures / operations,
  };
}

/** The codes with operations, most first (then by code). */
export function byCodeFrom(codes: CodeTable, weights: Float64Array): CodeCount[] {
  const out: CodeCount[] = [];
  codes.info.forEach((i, id) => {
    const count = weights[id] as number;
    if (count === 0) return;
    const { family, code, status, label, decidedBy, name, description, category, outcome, stage, cause } = i;
    out.push({
      family,
      code,
      status,
      label,
      decidedBy,
      name,
      description,
      category,
      outcome,
      stage,
      cause,
      count,
    });
  });
  return out.sort(
    (a, b) => b.count - a.count || compareText(a.label, b.label) || compareText(a.family, b.family),
  );
}

/** Every category, zeros included. */
export function byCategoryFrom(codes: CodeTable, weights: Float64Array): Record<Category, number> {
  const out = Object.fromEntries(codes.categories.map((c) => [c.id, 0])) as Record<Category, number>;
  codes.info.forEach((i, id) => {
    out[i.category] = (out[i.category] ?? 0) + (weights[id] as number);
  });
  return out;
}

/** Every stage in the catalog's stage order, zeros included. */
export function byStageFrom(codes: CodeTable, weights: Float64Array): { stage: Stage; count: number }[] {
  return STAGES.map((stage) => ({
    stage,
    count: codes.info.reduce((sum, i, id) => (i.stage === stage ? sum + (weights[id] as number) : sum), 0),
  }));
}

/** Every likely cause, zeros included. */
export function byCauseFrom(codes: CodeTable, weights: Float64Array): { cause: Cause; count: number }[] {
  return CAUSES.map((cause) => ({
    cause,
    count: codes.info.reduce((sum, i, id) => (i.cause === cause ? sum + (weights[id] as number) : sum), 0),
  }));
}

/** Per value with rows, its counts (`acc[value * NO + outcome]`); most failures first. */
export function dimensionFrom(column: DictColumn, acc: Float64Array): DimensionValueCounts[] {
  const out: DimensionValueCounts[] = [];
  column.values.forEach((value, v) => {
    const counts = outcomeCounts(acc, v * NO);
    if (counts.operations === 0 && counts.inProgress === 0) return;
    out.push({ value, ...counts });
  });
  return out.sort(
    (a, b) => b.failures - a.failures || b.operations - a.operations || compareText(a.value, b.value),
  );
}
