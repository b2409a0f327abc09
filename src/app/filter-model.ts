/**
 * Editing the cross-filter: what a click on a bar adds and what removing a chip leaves. Pure functions
 * over the core's Filter; the chips are the Filter read back through FILTER_FIELDS (filter-fields.ts).
 */
import type { Filter } from '../dataset/query-types.ts';
import type { FilterValue, ListField } from './filter-field-kinds.ts';
import { setDimensionFilter, withField } from './filter-field-kinds.ts';
import { filterChips } from './filter-fields.ts';

type ListItem = NonNullable<Filter[ListField]>[number];

/** Adds one value to the filter (OR within a field, AND across fields); a value already there stays. */
export function addToFilter(filter: Filter, v: FilterValue): Filter {
  switch (v.field) {
    case 'dimension': {
      const current = filter.dimensions?.find((d) => d.name === v.name)?.values;
      return setDimensionFilter(filter, v.name, addUnique(current, v.value));
    }
    case 'device':
      return { ...filter, device: v.value };
    case 'time':
      return { ...filter, timeFrom: v.from, timeTo: v.to };
    default: {
      const values = filter[v.field] as readonly ListItem[] | undefined;
      return withField(filter, v.field, addUnique(values, v.value) as Filter[ListField]);
    }
  }
}

export function removeFromFilter(filter: Filter, v: FilterValue): Filter {
  switch (v.field) {
    case 'dimension': {
      const current = filter.dimensions?.find((d) => d.name === v.name)?.values ?? [];
      return setDimensionFilter(
        filter,
        v.name,
        current.filter((x) => x !== v.value),
      );
    }
    case 'device':
      return compact({ ...filter, device: undefined });
    case 'time':
      return compact({ ...filter, timeFrom: undefined, timeTo: undefined });
    default: {
      const values = filter[v.field] as readonly ListItem[] | undefined;
      return compact({ ...filter, [v.field]: without(values, v.value) });
    }
  }
}

export function isFilterEmpty(filter: Filter): boolean {
  return filterChips(filter).length === 0;
}

function addUnique<T>(values: readonly T[] | undefined, value: T): readonly T[] {
  return values?.includes(value) ? values : [...(values ?? []), value];
}

function without<T>(values: readonly T[] | undefined, value: T): readonly T[] | undefined {
  const rest = (values ?? []).filter((v) => v !== value);
  return rest.length > 0 ? rest : undefined;
}

/** Drops absent and empty fields so that equal filters serialise equally (URL hash, worker cache key). */
function compact(filter: Filter): Filter {
  // keyed by Filter's own field names, never by a name from the data
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as Filter;
}
