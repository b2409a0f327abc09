import { CATEGORIES } from '../catalog/catalog-registry.ts';
import type { Category, Cause, Stage } from '../catalog/catalog-types.ts';
import { CAUSES, STAGES } from '../catalog/catalog-types.ts';
import { type CodeTable, compareText, type DictColumn } from './dataset-columns.ts';
import type { CodeCount, DimensionValueCounts, Totals } from './query-types.ts';

/**
 * The finishing steps of `overview`: small accumulators (operations per code id, per dimension value ×
 * outcome) turned into the answers the views show.
 */

export function totalsFrom(
  codes: CodeTable,
  weights: Float64Array,
  deviceCounts: [number, number] | null,
  rows: number,
): Totals {
  const byOutcome = [0, 0, 0];
  weights.forEach((w, id) => {
    const o = codes.outcomeOfCode[id] as number;
    byOutcome[o] = (byOutcome[o] as number) + w;
  });
  const [successes = 0, failures = 0, unrecognized = 0] = byOutcome;
  const operations = successes + failures + unrecognized;
  const [devices, failingDevices] = deviceCounts ?? [null, null];
  return {
    operations,
    successes,
    failures,
    unrecognized,
    failureRate: operations === 0 ? 0 : failures / operations,
    devices,
    failingDevices,
    rows,
  };
}

/** The codes with operations, most first (then by code). */
export function byCodeFrom(codes: CodeTable, weights: Float64Array): CodeCount[] {
  const out: CodeCount[] = [];
  codes.info.forEach((i, id) => {
    const count = weights[id] as number;
    if (count === 0) return;
    const { code, name, description, category, outcome, stage, cause } = i;
    out.push({ code, name, description, category, outcome, stage, cause, count });
  });
  return out.sort((a, b) => b.count - a.count || a.code - b.code);
}

/** Every category, zeros included. */
export function byCategoryFrom(codes: CodeTable, weights: Float64Array): Record<Category, number> {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
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

/** Per value with operations, its counts (`acc[value * 3 + outcome]`); most failures first. */
export function dimensionFrom(column: DictColumn, acc: Float64Array): DimensionValueCounts[] {
  const out: DimensionValueCounts[] = [];
  column.values.forEach((value, v) => {
    const successes = acc[v * 3] as number;
    const failures = acc[v * 3 + 1] as number;
    const unrecognized = acc[v * 3 + 2] as number;
    const operations = successes + failures + unrecognized;
    if (operations === 0) return;
    out.push({ value, operations, successes, failures, unrecognized, failureRate: failures / operations });
  });
  return out.sort(
    (a, b) => b.failures - a.failures || b.operations - a.operations || compareText(a.value, b.value),
  );
}
