/**
 * The facet list's counts: per filterable field (the result fields and every dimension), its values' rows
 * under the filter without that field's own part (Kibana's rule: a user sees the alternatives to what a
 * field keeps). One scan of the rows the other fields (device, text, time) keep answers every facet: a
 * row that passes every facet field counts in each facet, one that fails exactly one counts in that one's
 * facet only, one that fails two counts nowhere.
 */
import { statusKey } from '../catalog/catalog-types.ts';
import type { ResultInfo } from '../catalog/result.ts';
import { outcomeCounts } from './breakdown.ts';
import {
  type CodeTable,
  compareText,
  type DatasetColumns,
  NO,
  OUTCOME_FAILURE,
  OUTCOME_IN_PROGRESS,
} from './dataset-columns.ts';
import type { IdArray } from './growable-columns.ts';
import type { Facet, FacetValue, Filter, ResultFacetField, Selection } from './query-types.ts';
import { EXCLUDABLE_FIELDS, RESULT_FACET_FIELDS } from './query-types.ts';
import { codeMask } from './select.ts';

/** The filter without its facet fields (includes and excludes): what selects the rows a facet scan reads. */
export function nonFacetFilter(filter: Filter): Filter {
  const out: Record<string, unknown> = {};
  // keyed by Filter's own field names, never by a name from the data
  for (const [key, value] of Object.entries(filter)) {
    if (key !== 'not' && !(EXCLUDABLE_FIELDS as readonly string[]).includes(key)) out[key] = value;
  }
  return out as Filter;
}

/** A dimension's facet test: per value id, 1 where the filter's part on that dimension drops the value. */
function dimensionFails(filter: Filter, name: string, values: readonly string[]): Uint8Array | null {
  const included = filter.dimensions?.find((d) => d.name === name)?.values;
  const excluded = filter.not?.dimensions?.find((d) => d.name === name)?.values;
  if (!included && !excluded) return null;
  const keep = included ? new Set(included) : null;
  const drop = new Set(excluded ?? []);
  return Uint8Array.from(values, (v) => ((keep === null || keep.has(v)) && !drop.has(v) ? 0 : 1));
}

/** Per result id, how many result fields' own filters it fails, and the last of them. */
function resultFails(info: readonly ResultInfo[], filter: Filter): { count: Uint8Array; field: Uint8Array } {
  const count = new Uint8Array(info.length);
  const field = new Uint8Array(info.length);
  RESULT_FACET_FIELDS.forEach((f, k) => {
    const not = filter.not?.[f];
    const own = { [f]: filter[f], ...(not ? { not: { [f]: not } } : {}) } as Filter;
    const mask = codeMask(info, own);
    if (mask === null) return;
    mask.forEach((pass, id) => {
      if (pass === 1) return;
      count[id] = (count[id] as number) + 1;
      field[id] = k;
    });
  });
  return { count, field };
}

interface FacetScan {
  /** Per result field, weights per result id of the rows that fail only that field (or none: `pass`). */
  resultWeights: Float64Array[];
  pass: Float64Array;
  /** Per dimension, weights per value × outcome of the rows that pass every field but perhaps this one. */
  dimensionAcc: Float64Array[];
}

export function facets(
  c: DatasetColumns,
  codes: CodeTable,
  base: Selection,
  filter: Filter,
  limit: number,
): Facet[] {
  const fails = resultFails(codes.info, filter);
  const dims = c.dimensions;
  const dimFails = dims.map((d) => dimensionFails(filter, d.name, d.values));
  const scan = scanFacets(c, codes, base, fails, dimFails);
  const resultFacets = RESULT_FACET_FIELDS.map((field, k) => {
    const weights = scan.resultWeights[k] as Float64Array;
    const sum = weights.map((w, id) => w + (scan.pass[id] as number));
    return finish(field, null, resultValues(codes, field, sum), limit);
  });
  const dimensionFacets = dims.map((d, k) => {
    const acc = scan.dimensionAcc[k] as Float64Array;
    const values = d.values.map((value, v) => {
      const counts = outcomeCounts(acc, v * NO);
      return {
        value,
        operations: counts.operations,
        failures: counts.failures,
        inProgress: counts.inProgress,
      };
    });
    return finish('dimension', d.name, values, limit);
  });
  return [...resultFacets, ...dimensionFacets];
}

function scanFacets(
  c: DatasetColumns,
  codes: CodeTable,
  base: Selection,
  fails: { count: Uint8Array; field: Uint8Array },
  dimFails: (Uint8Array | null)[],
): FacetScan {
  const nCodes = codes.info.length;
  const resultWeights = RESULT_FACET_FIELDS.map(() => new Float64Array(nCodes));
  const pass = new Float64Array(nCodes);
  const dimensionAcc = c.dimensions.map((d) => new Float64Array(d.values.length * NO));
  const ids: IdArray[] = c.dimensions.map((d) => d.ids);
  const tested = dimFails.flatMap((f, d) => (f === null ? [] : [d]));
  const nf = RESULT_FACET_FIELDS.length;
  const { codeIds, count } = c;
  const outcome = codes.outcomeOfCode;
  const rows = base.rows;
  const n = rows ? rows.length : c.rowCount;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const cid = codeIds[i] as number;
    let failed = fails.count[cid] as number;
    if (failed > 1) continue;
    let which = fails.field[cid] as number;
    for (let t = 0; t < tested.length && failed < 2; t++) {
      const d = tested[t] as number;
      if ((dimFails[d] as Uint8Array)[(ids[d] as IdArray)[i] as number] === 1) {
        failed++;
        which = nf + d;
      }
    }
    if (failed > 1) continue;
    const w = count ? (count[i] as number) : 1;
    if (failed === 0) {
      pass[cid] = (pass[cid] as number) + w;
      const o = outcome[cid] as number;
      for (let d = 0; d < ids.length; d++) {
        const acc = dimensionAcc[d] as Float64Array;
        const at = ((ids[d] as IdArray)[i] as number) * NO + o;
        acc[at] = (acc[at] as number) + w;
      }
    } else if (which < nf) {
      const acc = resultWeights[which] as Float64Array;
      acc[cid] = (acc[cid] as number) + w;
    } else {
      const d = which - nf;
      const acc = dimensionAcc[d] as Float64Array;
      const at = ((ids[d] as IdArray)[i] as number) * NO + (outcome[cid] as number);
      acc[at] = (acc[at] as number) + w;
    }
  }
  return { resultWeights, pass, dimensionAcc };
}

/** The value a result has for a result field, as text; null when it has none (no code, no stage). */
function resultValue(i: ResultInfo, field: ResultFacetField): string | null {
  switch (field) {
    case 'codes':
      return i.code === null ? null : String(i.code);
    case 'statuses':
      return i.status;
    case 'families':
      return i.family;
    case 'categories':
      return i.category;
    case 'outcomes':
      return i.outcome;
    case 'stages':
      return i.stage;
    case 'causes':
      return i.cause;
  }
}

/** Per value of a result field, the weights of its results summed (status words by their `statusKey`). */
function resultValues(codes: CodeTable, field: ResultFacetField, weights: Float64Array): FacetValue[] {
  const byKey = new Map<string, FacetValue>();
  codes.info.forEach((info, id) => {
    const value = resultValue(info, field);
    const w = weights[id] as number;
    if (value === null || w === 0) return;
    const key = field === 'statuses' ? statusKey(value) : value;
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = { value, operations: 0, failures: 0, inProgress: 0 };
      byKey.set(key, entry);
    }
    const o = codes.outcomeOfCode[id] as number;
    if (o === OUTCOME_IN_PROGRESS) entry.inProgress += w;
    else entry.operations += w;
    if (o === OUTCOME_FAILURE) entry.failures += w;
  });
  return [...byKey.values()];
}

/** The values with rows, most operations first (then failures, rows in progress, text), the first `limit`. */
function finish(field: Facet['field'], dimension: string | null, values: FacetValue[], limit: number): Facet {
  const listed = values
    .filter((v) => v.operations > 0 || v.inProgress > 0)
    .sort(
      (a, b) =>
        b.operations - a.operations ||
        b.failures - a.failures ||
        b.inProgress - a.inProgress ||
        compareText(a.value, b.value),
    );
  return { field, dimension, values: listed.slice(0, Math.max(0, limit)), distinct: listed.length };
}
