/**
 * The two sides of a filter: its included values (the Filter itself) and its excluded ones (its `not`, a
 * Filter of list fields and dimensions), and replacing a field or a side so that equal filters serialise
 * equally (URL hash, worker cache keys).
 */
import type { ExcludeFilter, Filter } from '../dataset/query-types.ts';
import type { MutableFilter } from './filter-field-kinds.ts';

/** Both sides of a field: the included values (false), then the excluded ones (true). */
export const SIDES = [false, true] as const;

/** One side of a filter: itself for the includes, its `not` for the excludes (a Filter of list fields). */
export function filterSide(filter: Filter, negated: boolean): Filter {
  return negated ? (filter.not ?? {}) : filter;
}

/** `filter` with one side replaced; an empty `not` is dropped, so that equal filters serialise equally. */
export function withSide(filter: Filter, negated: boolean, side: Filter): Filter {
  if (!negated) return side;
  const not: Record<string, unknown> = {};
  // keyed by Filter's own field names, never by a name from the data
  for (const [key, value] of Object.entries(side)) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) not[key] = value;
  }
  return withField(filter, 'not', Object.keys(not).length > 0 ? (not as ExcludeFilter) : undefined);
}

/** `filter` with one field replaced; undefined removes it, so that equal filters serialise equally. */
export function withField<K extends keyof Filter>(
  filter: Filter,
  field: K,
  value: Filter[K] | undefined,
): Filter {
  const next: MutableFilter = { ...filter };
  if (value === undefined) delete next[field];
  else next[field] = value as MutableFilter[K];
  return next;
}
