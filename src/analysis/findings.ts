/**
 * What is different about the failures: for every failing result code (and every likely cause) × every
 * dimension value, how much more often it fails there than anywhere — its lift, the share of its failures
 * on that value ÷ the value's share of operations — with a two-proportion test (its failure rate on the
 * value against off it) and Benjamini–Hochberg across every pair tested. A finding is a pair with enough
 * support, a lift worth reading and a q-value under the level chosen; strongest evidence first.
 */
import type { Cause } from '../catalog/catalog-types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { operationDimension } from '../dataset/dimension-roles.ts';
import type { CrossCounts, Selection } from '../dataset/query-types.ts';
import { benjaminiHochberg, twoProportionTest } from './stats.ts';

export interface FindingOptions {
  /**
   * Dimensions to look in; default every dimension but the operation's: a result code belongs to an
   * operation (1409 is an activate failure), so every code is "over-represented" on its own operation.
   */
  dimensions?: readonly string[];
  /** Least failures of the code (or cause) on the value for a finding; default 20. */
  minSupport?: number;
  /** Least lift for a finding; default 1.5. */
  minLift?: number;
  /** The false-discovery rate accepted (BH level); default 0.01. */
  alpha?: number;
}

export const FINDING_DEFAULTS = { minSupport: 20, minLift: 1.5, alpha: 0.01 } as const;

export interface Finding {
  /** A failing result (its code or status word, in its family) or a likely cause. */
  subject: 'code' | 'cause';
  /** The code's label (its code, else its status word) or the cause. */
  label: string;
  /** The code's family; null for a cause. */
  family: string | null;
  code: number | null;
  cause: Cause | null;
  dimension: string;
  value: string;
  /** Failures of the subject on the value. */
  failures: number;
  /** Failures of the subject anywhere. */
  subjectFailures: number;
  /** Operations on the value. */
  operations: number;
  /** Operations anywhere. */
  totalOperations: number;
  /** (failures / subjectFailures) ÷ (operations / totalOperations). */
  lift: number;
  /** Its failure rate on the value against off it: z statistic, two-sided p, BH-adjusted q. */
  z: number;
  p: number;
  q: number;
}

interface Subject {
  subject: Finding['subject'];
  label: string;
  family: string | null;
  code: number | null;
  cause: Cause | null;
  /** The result ids it sums. */
  results: number[];
}

/** The failing results (by family and label) and the causes of failures, each with its result ids. */
function subjects(dataset: Dataset): Subject[] {
  const byKey = new Map<string, Subject>();
  for (let r = 0; r < dataset.resultCount; r++) {
    const info = dataset.resultInfo(r);
    if (info.outcome !== 'failure') continue;
    const codeKey = `code\u0000${info.family}\u0000${info.label}`;
    const code = byKey.get(codeKey) ?? {
      subject: 'code',
      label: info.label,
      family: info.family,
      code: info.decidedBy === 'code' ? info.code : null,
      cause: null,
      results: [],
    };
    code.results.push(r);
    byKey.set(codeKey, code);
    if (info.cause === null) continue;
    const causeKey = `cause\u0000${info.cause}`;
    const cause = byKey.get(causeKey) ?? {
      subject: 'cause',
      label: info.cause,
      family: null,
      code: null,
      cause: info.cause,
      results: [],
    };
    cause.results.push(r);
    byKey.set(causeKey, cause);
  }
  return [...byKey.values()];
}

/** Every (subject, dimension value) pair tested, before the BH step. */
function tests(dataset: Dataset, table: CrossCounts, subjectList: readonly Subject[]): Omit<Finding, 'q'>[] {
  const nr = dataset.resultCount;
  const isOperation = Array.from({ length: nr }, (_, r) => dataset.resultInfo(r).outcome !== 'in_progress');
  const nv = table.values.length;
  const operations = new Float64Array(nv);
  for (let v = 0; v < nv; v++)
    operations[v] = sumOf(table.counts, v * nr, (r) => (isOperation[r] ? 1 : 0), nr);
  const totalOperations = operations.reduce((a, b) => a + b, 0);
  const out: Omit<Finding, 'q'>[] = [];
  for (const s of subjectList) {
    const failures = new Float64Array(nv);
    for (let v = 0; v < nv; v++)
      failures[v] = s.results.reduce((sum, r) => sum + (table.counts[v * nr + r] as number), 0);
    const subjectFailures = failures.reduce((a, b) => a + b, 0);
    if (subjectFailures === 0) continue;
    for (let v = 0; v < nv; v++) {
      const n1 = operations[v] as number;
      const x1 = failures[v] as number;
      if (n1 === 0 || n1 === totalOperations) continue;
      const { z, p } = twoProportionTest(x1, n1, subjectFailures - x1, totalOperations - n1);
      const { subject, label, family, code, cause } = s;
      out.push({
        subject,
        label,
        family,
        code,
        cause,
        dimension: table.dimension,
        value: table.values[v] as string,
        failures: x1,
        subjectFailures,
        operations: n1,
        totalOperations,
        lift: x1 / subjectFailures / (n1 / totalOperations),
        z,
        p,
      });
    }
  }
  return out;
}

/** Σ counts[at + r] · weight(r) over r < n. */
function sumOf(counts: Float64Array, at: number, weight: (r: number) => number, n: number): number {
  let sum = 0;
  for (let r = 0; r < n; r++) sum += (counts[at + r] as number) * weight(r);
  return sum;
}

/** The findings of a selection, strongest evidence (largest z) first. */
export function findings(dataset: Dataset, sel: Selection, options: FindingOptions = {}): Finding[] {
  const { minSupport, minLift, alpha } = { ...FINDING_DEFAULTS, ...options };
  const operation = operationDimension(dataset.dimensionNames);
  const names = options.dimensions ?? dataset.dimensionNames.filter((n) => n !== operation);
  const tables = dataset.crossCounts(sel, names);
  const subjectList = subjects(dataset);
  const tested = tables.flatMap((table) => tests(dataset, table, subjectList));
  const q = benjaminiHochberg(tested.map((t) => t.p));
  return tested
    .map((t, k) => ({ ...t, q: q[k] as number }))
    .filter((f) => f.q <= alpha && f.lift >= minLift && f.failures >= minSupport)
    .sort((a, b) => b.z - a.z || b.lift - a.lift);
}

/** "1404 is 6.2× over-represented on model = SM-T200: 412 of its 530 failures, on 8.1% of operations, p < 0.001". */
export function describeFinding(f: Finding): string {
  const what = f.subject === 'code' ? f.label : `cause "${f.label}"`;
  const share = (100 * f.operations) / f.totalOperations;
  return (
    `${what} is ${f.lift.toFixed(1)}× over-represented on ${f.dimension} = ${f.value === '' ? '(empty)' : f.value}: ` +
    `${count(f.failures)} of its ${count(f.subjectFailures)} failures, on ${share < 0.1 ? share.toPrecision(1) : share.toFixed(1)}% of operations, ${pText(f.p)}`
  );
}

/** A p-value the way a reader wants it: "p < 0.001" below that, else two significant digits. */
export function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
