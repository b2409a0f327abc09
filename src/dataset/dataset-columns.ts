import { CATALOGS } from '../catalog/catalog-registry.ts';
import type { Catalog, CategoryClass } from '../catalog/catalog-types.ts';
import { UNRECOGNIZED_CATEGORY } from '../catalog/catalog-types.ts';
import type { ResultInfo } from '../catalog/result.ts';
import type { IdArray } from './growable-columns.ts';

/** A dictionary-encoded text column: `values[ids[row]]` is the row's text. */
export interface DictColumn {
  readonly name: string;
  readonly ids: IdArray;
  readonly values: readonly string[];
}

export interface DatasetColumns {
  /** The family most rows have: its triage settings are the dashboard's. */
  catalog: Catalog;
  rowCount: number;
  /** Per row, an index into `results`. */
  codeIds: IdArray;
  /** The distinct results (family, code, status word) and what each means. */
  results: readonly ResultInfo[];
  /**
   * The catalogs the results were read with (a profiled one where the user loaded a profile); a family
   * not here is the registry's.
   */
  catalogs?: readonly Catalog[];
  /** Epoch ms per row, NaN when unknown; null when no file had a time column. */
  time: Float64Array | null;
  /** Weight per row; null when every row weighs 1. */
  count: Uint32Array | null;
  /**
   * Per row, the distinct devices an aggregate's row stands for (its `devices` column; 0 for rows of files
   * without one); null when no file had such a column. Summed, an upper bound of the distinct devices.
   */
  deviceCounts: Uint32Array | null;
  device: DictColumn | null;
  dimensions: DictColumn[];
}

/** Outcomes as numbers, the order of OUTCOMES: accumulators index by them. */
export const OUTCOME_SUCCESS = 0;
export const OUTCOME_FAILURE = 1;
export const OUTCOME_NOT_APPLIED = 2;
export const OUTCOME_IN_PROGRESS = 3;
export const OUTCOME_UNRECOGNIZED = 4;
/** How many outcomes there are: the stride of per-value × outcome accumulators. */
export const NO = 5;

/**
 * What the catalogs say of each distinct result, looked up once per result id so that no scan looks up a
 * code per row, and the dataset's categories: those of its families, in the registry's order.
 */
export interface CodeTable {
  readonly info: readonly ResultInfo[];
  /** Per result id, its outcome's number (OUTCOME_*). */
  readonly outcomeOfCode: Uint8Array;
  /** Per result id, the index of its category in `categories`. */
  readonly categoryOfCode: Uint8Array;
  /** The categories of the dataset's families, each id once, `unrecognized` last. */
  readonly categories: readonly CategoryClass[];
  /** The main family, then every other family a result comes from, in the registry's order. */
  readonly families: readonly Catalog[];
}

const OUTCOME_NUMBER = {
  success: OUTCOME_SUCCESS,
  failure: OUTCOME_FAILURE,
  not_applied: OUTCOME_NOT_APPLIED,
  in_progress: OUTCOME_IN_PROGRESS,
  unrecognized: OUTCOME_UNRECOGNIZED,
} as const;

export function codeTable(columns: DatasetColumns): CodeTable {
  const info = columns.results;
  const families = datasetFamilies(columns.catalog, info, columns.catalogs ?? []);
  const categories = datasetCategories(families, info);
  const at = new Map(categories.map((c, k) => [c.id, k]));
  return {
    info,
    outcomeOfCode: Uint8Array.from(info, (i) => OUTCOME_NUMBER[i.outcome]),
    categoryOfCode: Uint8Array.from(info, (i) => at.get(i.category) as number),
    categories,
    families,
  };
}

/**
 * The main family and every family a result comes from, in the registry's order (a family outside the
 * registry, such as one a profile made, where the main one is), each as the rows were read with it: a
 * profiled family keeps its profile's classes and title.
 */
function datasetFamilies(
  main: Catalog,
  info: readonly ResultInfo[],
  read: readonly Catalog[],
): readonly Catalog[] {
  const used = new Set(info.map((i) => i.family));
  const others = CATALOGS.filter((c) => used.has(c.id) && c.id !== main.id);
  return [main, ...others.map((c) => read.find((r) => r.id === c.id) ?? c)];
}

/**
 * The categories of the dataset's families (see datasetFamilies), each id once with the meaning it has in
 * the first family that names it; `unrecognized` last. A category id means the same in every family (a
 * test over the registry holds them to it).
 */
function datasetCategories(
  families: readonly Catalog[],
  info: readonly ResultInfo[],
): readonly CategoryClass[] {
  const seen = new Map<string, CategoryClass>();
  for (const family of families) {
    for (const c of family.categories) if (!seen.has(c.id)) seen.set(c.id, c);
  }
  const unrecognized = seen.get(UNRECOGNIZED_CATEGORY);
  seen.delete(UNRECOGNIZED_CATEGORY);
  const listed = [...seen.values()];
  for (const i of info) {
    if (i.category !== UNRECOGNIZED_CATEGORY && !seen.has(i.category)) {
      throw new Error(
        `result ${i.label} of "${i.family}": category "${i.category}" is not one of its family's`,
      );
    }
  }
  return unrecognized === undefined ? listed : [...listed, unrecognized];
}

/** A dimension column by name, or the device column for 'device'. */
export function columnNamed(columns: DatasetColumns, name: string): DictColumn | null {
  if (name === 'device') return columns.device;
  return columns.dimensions.find((d) => d.name === name) ?? null;
}

/** Text order by UTF-16 code units: the same in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
