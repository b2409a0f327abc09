import { CATEGORIES } from '../catalog/catalog-registry.ts';
import type { Catalog, CodeInfo } from '../catalog/catalog-types.ts';
import type { IdArray } from './growable-columns.ts';

/** A dictionary-encoded text column: `values[ids[row]]` is the row's text. */
export interface DictColumn {
  readonly name: string;
  readonly ids: IdArray;
  readonly values: readonly string[];
}

export interface DatasetColumns {
  catalog: Catalog;
  rowCount: number;
  /** Per row, an index into `codes`. */
  codeIds: IdArray;
  /** The distinct result codes. */
  codes: Int32Array;
  /** Epoch ms per row, NaN when unknown; null when no file had a time column. */
  time: Float64Array | null;
  /** Weight per row; null when every row weighs 1. */
  count: Uint32Array | null;
  device: DictColumn | null;
  dimensions: DictColumn[];
}

export const OUTCOME_SUCCESS = 0;
export const OUTCOME_FAILURE = 1;
export const OUTCOME_UNRECOGNIZED = 2;

/**
 * What the catalog says of each distinct code, looked up once per code id so that no scan looks up a
 * code per row.
 */
export interface CodeTable {
  readonly info: readonly CodeInfo[];
  /** Per code id, OUTCOME_SUCCESS, OUTCOME_FAILURE or OUTCOME_UNRECOGNIZED. */
  readonly outcomeOfCode: Uint8Array;
  /** Per code id, the index of its category in CATEGORIES. */
  readonly categoryOfCode: Uint8Array;
}

export function codeTable(columns: DatasetColumns): CodeTable {
  const info = Array.from(columns.codes, (code) => columns.catalog.lookup(code));
  // Figures are counted by the registered categories: a code of another category would count nowhere.
  const stray = info.find((i) => !CATEGORIES.includes(i.category));
  if (stray !== undefined) {
    throw new Error(`catalog "${columns.catalog.id}": category "${stray.category}" is not a registered one`);
  }
  return {
    info,
    outcomeOfCode: Uint8Array.from(info, (i) =>
      i.outcome === 'success'
        ? OUTCOME_SUCCESS
        : i.outcome === 'failure'
          ? OUTCOME_FAILURE
          : OUTCOME_UNRECOGNIZED,
    ),
    categoryOfCode: Uint8Array.from(info, (i) => CATEGORIES.indexOf(i.category)),
  };
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
