import { columnNamed, type DatasetColumns } from './dataset-columns.ts';
import type { IdArray } from './growable-columns.ts';
import type { CrossCounts, Selection } from './query-types.ts';

/**
 * Per dimension of `names` (unknown names are left out), the selection's rows weighed by count per value ×
 * result id, in one scan of the selection: every other figure about a (result, value) pair — failures of
 * a code on a firmware, a cause's operations on a model — is a sum over this small table.
 */
export function crossCounts(c: DatasetColumns, sel: Selection, names: readonly string[]): CrossCounts[] {
  const nResults = c.results.length;
  const columns = names.flatMap((name) => {
    const column = name === 'device' ? null : columnNamed(c, name);
    return column ? [column] : [];
  });
  const out = columns.map((column) => ({
    dimension: column.name,
    values: column.values,
    counts: new Float64Array(column.values.length * nResults),
  }));
  if (out.length === 0) return out;
  const ids: IdArray[] = columns.map((column) => column.ids);
  const accs = out.map((o) => o.counts);
  const { codeIds, count } = c;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const r = codeIds[i] as number;
    const w = count ? (count[i] as number) : 1;
    for (let d = 0; d < ids.length; d++) {
      const at = (ids[d] as IdArray)[i] as number;
      const acc = accs[d] as Float64Array;
      acc[at * nResults + r] = (acc[at * nResults + r] as number) + w;
    }
  }
  return out;
}
