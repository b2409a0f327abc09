/**
 * Editing the cross-filter: what a click on a bar or a facet adds, what removing a chip leaves and what the
 * chip editor sets. Pure functions over the core's Filter; the chips are the Filter read back through
 * FILTER_FIELDS (filter-fields.ts). A value is included or excluded (`not`), never both: adding it to one
 * side takes it off the other.
 */
import type { Filter } from '../dataset/query-types.ts';
import type { FilterValue, ListField } from './filter-field-kinds.ts';
import { setDimensionFilter } from './filter-field-kinds.ts';
import { filterChips } from './filter-fields.ts';
import { filterSide, withField, withSide } from './filter-sides.ts';

type ListItem = NonNullable<Filter[ListField]>[number];
type SidedValue = Extract<FilterValue, { not?: boolean }>;

/** Adds one value to the filter (OR within a field, AND across fields); a value already there stays. */
export function addToFilter(filter: Filter, v: FilterValue): Filter {
  switch (v.field) {
    case 'device':
      return { ...filter, device: v.value };
    case 'time':
      return { ...filter, timeFrom: v.from, timeTo: v.to };
    default: {
      const negated = v.not === true;
      const other = removeFromFilter(filter, { ...v, not: !negated } as FilterValue);
      return withSide(other, negated, addToSide(filterSide(other, negated), v));
    }
  }
}

export function removeFromFilter(filter: Filter, v: FilterValue): Filter {
  switch (v.field) {
    case 'device':
      return compact({ ...filter, device: undefined });
    case 'time':
      return compact({ ...filter, timeFrom: undefined, timeTo: undefined });
    default: {
      const negated = v.not === true;
      return withSide(filter, negated, removeFromSide(filterSide(filter, negated), v));
    }
  }
}

/** Which field a value is of: a list field, or one dimension. */
export type FieldRef = { field: ListField } | { field: 'dimension'; name: string };

export function fieldOf(v: SidedValue): FieldRef {
  return v.field === 'dimension' ? { field: 'dimension', name: v.name } : { field: v.field };
}

/** The key of a field's facet list (FacetList.key, set by the vocabulary's `facet`). */
export function facetKey(ref: FieldRef): string {
  return ref.field === 'dimension' ? `dim:${ref.name}` : ref.field;
}

export function isOfField(v: FilterValue, ref: FieldRef): v is SidedValue {
  if (v.field !== ref.field) return false;
  return ref.field !== 'dimension' || (v.field === 'dimension' && v.name === ref.name);
}

/**
 * What the chip editor sets: the field's values on side `from` dropped, then `values` put on side `to`
 * (each taken off the other side). The other side's other values stay.
 */
export function setFieldValues(
  filter: Filter,
  ref: FieldRef,
  edit: { from: boolean; to: boolean },
  values: readonly FilterValue[],
): Filter {
  const cleared = filterChips(filter)
    .filter((chip) => chip.negated === edit.from && isOfField(chip.value, ref))
    .reduce((f, chip) => removeFromFilter(f, chip.value), filter);
  return values
    .filter((v) => isOfField(v, ref))
    .reduce((f, v) => addToFilter(f, { ...v, not: edit.to } as FilterValue), cleared);
}

export function isFilterEmpty(filter: Filter): boolean {
  return filterChips(filter).length === 0;
}

function addToSide(side: Filter, v: SidedValue): Filter {
  if (v.field === 'dimension') {
    const current = side.dimensions?.find((d) => d.name === v.name)?.values;
    return setDimensionFilter(side, v.name, addUnique(current, v.value));
  }
  const values = side[v.field] as readonly ListItem[] | undefined;
  return withField(side, v.field, addUnique(values, v.value) as Filter[ListField]);
}

function removeFromSide(side: Filter, v: SidedValue): Filter {
  if (v.field === 'dimension') {
    const current = side.dimensions?.find((d) => d.name === v.name)?.values ?? [];
    return setDimensionFilter(
      side,
      v.name,
      current.filter((x) => x !== v.value),
    );
  }
  const values = side[v.field] as readonly ListItem[] | undefined;
  return compact({ ...side, [v.field]: without(values, v.value) });
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
