/**
 * A against B: two files (or file sets), two time windows or two values of a dimension. For every result
 * code, stage, cause and dimension value, the failure rate on each side with its Wilson 95% interval, the
 * difference, a two-proportion test and Benjamini–Hochberg across every row shown; rows by evidence (the
 * size of the test statistic), not by size.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { Breakdown, Filter, Selection } from '../dataset/query-types.ts';
import { benjaminiHochberg, twoProportionTest, wilson } from './stats.ts';

/** One side of a comparison: a selection of a dataset. */
export interface Side {
  dataset: Dataset;
  selection: Selection;
  /** How the page and the CLI name the side ("A", "firmware = 5.0.1", "a.csv"). */
  label: string;
}

export interface RateCell {
  failures: number;
  operations: number;
  rate: number;
  /** The Wilson 95% interval of the rate. */
  low: number;
  high: number;
}

export interface CompareRow {
  /** What the row is about: a result code (by its label), a stage, a cause, or a dimension's value. */
  kind: 'code' | 'stage' | 'cause' | 'value';
  /** The dimension, for a value; null otherwise. */
  dimension: string | null;
  /** The code's label, the stage, the cause or the value. */
  key: string;
  /** The code's family; null otherwise. */
  family: string | null;
  a: RateCell;
  b: RateCell;
  /** b.rate − a.rate. */
  difference: number;
  /** B against A: z > 0 when B fails more. */
  z: number;
  p: number;
  /** Benjamini–Hochberg across every row of the comparison. */
  q: number;
}

export interface Comparison {
  a: { label: string; operations: number; failures: number; rate: RateCell };
  b: { label: string; operations: number; failures: number; rate: RateCell };
  /** Every row, strongest evidence first. */
  rows: CompareRow[];
}

/** Failures per key of one kind on one side, over the side's operations (codes, stages, causes). */
type Tally = Map<string, { family: string | null; failures: number; operations: number }>;

function cell(failures: number, operations: number): RateCell {
  const { low, high } = wilson(failures, operations);
  return { failures, operations, rate: operations === 0 ? 0 : failures / operations, low, high };
}

/** The failures of a side per code, stage and cause, each over all of the side's operations. */
function failureTallies(o: Breakdown): Record<'code' | 'stage' | 'cause', Tally> {
  const out = { code: new Map(), stage: new Map(), cause: new Map() } as Record<
    'code' | 'stage' | 'cause',
    Tally
  >;
  const operations = o.totals.operations;
  const add = (tally: Tally, key: string, family: string | null, failures: number) => {
    const known = tally.get(key) ?? { family, failures: 0, operations };
    known.failures += failures;
    tally.set(key, known);
  };
  for (const c of o.byCode) {
    if (c.outcome !== 'failure') continue;
    add(out.code, `${c.family}\u0000${c.label}`, c.family, c.count);
    if (c.stage !== null) add(out.stage, c.stage, null, c.count);
    if (c.cause !== null) add(out.cause, c.cause, null, c.count);
  }
  return out;
}

/** Per value of each dimension: failures over the value's operations. */
function valueTallies(o: Breakdown, names: readonly string[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  names.forEach((name, k) => {
    const tally: Tally = new Map();
    for (const v of o.byDimension[k] ?? [])
      tally.set(v.value, { family: null, failures: v.failures, operations: v.operations });
    out.set(name, tally);
  });
  return out;
}

export interface CompareOptions {
  /** Dimensions to compare values of; default those both sides have, less any that splits A from B. */
  dimensions?: readonly string[];
}

export function compare(a: Side, b: Side, options: CompareOptions = {}): Comparison {
  const names =
    options.dimensions ?? a.dataset.dimensionNames.filter((n) => b.dataset.dimensionNames.includes(n));
  const oa = a.dataset.overview(a.selection, {
    dimensions: names.filter((n) => a.dataset.dimensionNames.includes(n)),
  });
  const ob = b.dataset.overview(b.selection, {
    dimensions: names.filter((n) => b.dataset.dimensionNames.includes(n)),
  });
  const rows: Omit<CompareRow, 'q'>[] = [];
  const push = (
    kind: CompareRow['kind'],
    dimension: string | null,
    ta: Tally,
    tb: Tally,
    whole: [number, number],
  ) => {
    for (const key of new Set([...ta.keys(), ...tb.keys()])) {
      const x = ta.get(key);
      const y = tb.get(key);
      const ca = cell(x?.failures ?? 0, x?.operations ?? (kind === 'value' ? 0 : whole[0]));
      const cb = cell(y?.failures ?? 0, y?.operations ?? (kind === 'value' ? 0 : whole[1]));
      const { z, p } = twoProportionTest(cb.failures, cb.operations, ca.failures, ca.operations);
      const label = kind === 'code' ? key.slice(key.indexOf('\u0000') + 1) : key;
      const family = x?.family ?? y?.family ?? null;
      rows.push({ kind, dimension, key: label, family, a: ca, b: cb, difference: cb.rate - ca.rate, z, p });
    }
  };
  const whole: [number, number] = [oa.totals.operations, ob.totals.operations];
  const fa = failureTallies(oa);
  const fb = failureTallies(ob);
  for (const kind of ['code', 'stage', 'cause'] as const) push(kind, null, fa[kind], fb[kind], whole);
  const va = valueTallies(
    oa,
    names.filter((n) => a.dataset.dimensionNames.includes(n)),
  );
  const vb = valueTallies(
    ob,
    names.filter((n) => b.dataset.dimensionNames.includes(n)),
  );
  for (const name of names) push('value', name, va.get(name) ?? new Map(), vb.get(name) ?? new Map(), whole);
  const q = benjaminiHochberg(rows.map((r) => r.p));
  const side = (label: string, o: Breakdown) => ({
    label,
    operations: o.totals.operations,
    failures: o.totals.failures,
    rate: cell(o.totals.failures, o.totals.operations),
  });
  return {
    a: side(a.label, oa),
    b: side(b.label, ob),
    rows: rows
      .map((r, k) => ({ ...r, q: q[k] as number }))
      .sort((x, y) => Math.abs(y.z) - Math.abs(x.z) || Math.abs(y.difference) - Math.abs(x.difference)),
  };
}

/** How a comparison splits one dataset: two values of a dimension, or two time windows ([from, to) ms). */
export type Split =
  | { by: 'dimension'; dimension: string; a: string; b: string }
  | { by: 'time'; a: { from: number; to: number }; b: { from: number; to: number } };

/** The two sides of one dataset's rows that pass `filter`, split as asked. */
export function splitSides(dataset: Dataset, split: Split, filter: Filter = {}): [Side, Side] {
  if (split.by === 'dimension') {
    const on = (value: string): Side => ({
      dataset,
      // the side's value replaces the filter's includes and excludes of the split's dimension
      selection: dataset.select({
        ...filter,
        dimensions: [
          ...(filter.dimensions ?? []).filter((d) => d.name !== split.dimension),
          { name: split.dimension, values: [value] },
        ],
        not: { ...filter.not, dimensions: filter.not?.dimensions?.filter((d) => d.name !== split.dimension) },
      }),
      label: `${split.dimension} = ${value}`,
    });
    return [on(split.a), on(split.b)];
  }
  const during = (w: { from: number; to: number }): Side => ({
    dataset,
    selection: dataset.select({ ...filter, timeFrom: w.from, timeTo: w.to }),
    label: `${new Date(w.from).toISOString()} – ${new Date(w.to).toISOString()}`,
  });
  return [during(split.a), during(split.b)];
}

/** The dimensions a split leaves worth comparing: all but the one it splits by. */
export function comparedDimensions(dataset: Dataset, split: Split): string[] {
  return dataset.dimensionNames.filter((n) => split.by !== 'dimension' || n !== split.dimension);
}
