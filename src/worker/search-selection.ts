/**
 * The table's global search as a selection. The core's Filter is an AND across fields, while a search
 * box means "device, code, message or any dimension value contains this" (an OR), so the search is
 * answered as the union of a few filtered selections.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { Filter, Selection } from '../dataset/query-types.ts';

export function selectWithSearch(dataset: Dataset, filter: Filter, search: string): Selection {
  const term = search.trim().toLowerCase();
  if (term === '') return dataset.select(filter);
  const parts: Selection[] = [];

  if (dataset.hasDevice) {
    if (filter.device === undefined || filter.device === '') {
      parts.push(dataset.select({ ...filter, device: term }));
    } else if (filter.device.toLowerCase().includes(term)) {
      parts.push(dataset.select(filter));
    }
  }

  const codes = dataset
    .byCode(dataset.select(filter))
    .filter((c) => String(c.code).startsWith(term) || c.name.toLowerCase().includes(term))
    .map((c) => c.code);
  if (codes.length > 0) parts.push(dataset.select({ ...filter, codes }));

  for (const name of dataset.dimensionNames) {
    const allowed = filter.dimensions?.[name];
    const values = dataset
      .dimensionValues(name)
      .filter((v) => v.toLowerCase().includes(term) && (allowed === undefined || allowed.includes(v)));
    if (values.length > 0) {
      parts.push(dataset.select({ ...filter, dimensions: { ...filter.dimensions, [name]: values } }));
    }
  }
  return unionSelections(parts, dataset.rowCount);
}

/** Rows in any of the selections, ascending. */
export function unionSelections(parts: readonly Selection[], rowCount: number): Selection {
  const whole = parts.find((p) => p.rows === null);
  if (whole !== undefined) return whole;
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const marks = new Uint8Array(rowCount);
  let size = 0;
  for (const part of parts) {
    const rows = part.rows ?? new Uint32Array(0);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      if (marks[row] === 0) {
        marks[row] = 1;
        size++;
      }
    }
  }
  const rows = new Uint32Array(size);
  let at = 0;
  for (let row = 0; row < rowCount; row++) if (marks[row] === 1) rows[at++] = row;
  return { rows, size };
}
