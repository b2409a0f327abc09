/**
 * Editing the cross-filter: what a click on a bar adds, what a chip shows and what removing it leaves.
 * Pure functions over the core's Filter; the chips are the Filter, read back.
 */
import type { Category, Cause, Outcome, Stage } from '../catalog/catalog-types.ts';
import type { DimensionFilter, Filter } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';
import { formatDimensionValue, formatTime } from './format.ts';
import { CATEGORY_LABELS, CAUSE_LABELS, OUTCOME_LABELS, STAGE_LABELS } from './labels.ts';

export type FilterField = 'codes' | 'categories' | 'outcomes' | 'stages' | 'causes';

export type FilterValue =
  | { field: 'codes'; value: number }
  | { field: 'categories'; value: Category }
  | { field: 'outcomes'; value: Outcome }
  | { field: 'stages'; value: Stage }
  | { field: 'causes'; value: Cause }
  | { field: 'dimension'; name: string; value: string }
  | { field: 'device'; value: string }
  | { field: 'time'; from: number; to: number };

export interface FilterChip {
  key: string;
  label: string;
  value: FilterValue;
}

/** Adds one value to the filter (OR within a field, AND across fields); a value already there stays. */
export function addToFilter(filter: Filter, v: FilterValue): Filter {
  switch (v.field) {
    case 'codes':
      return { ...filter, codes: addUnique(filter.codes, v.value) };
    case 'categories':
      return { ...filter, categories: addUnique(filter.categories, v.value) };
    case 'outcomes':
      return { ...filter, outcomes: addUnique(filter.outcomes, v.value) };
    case 'stages':
      return { ...filter, stages: addUnique(filter.stages, v.value) };
    case 'causes':
      return { ...filter, causes: addUnique(filter.causes, v.value) };
    case 'dimension': {
      const current = filter.dimensions?.find((d) => d.name === v.name)?.values;
      return setDimensionFilter(filter, v.name, addUnique(current, v.value));
    }
    case 'device':
      return { ...filter, device: v.value };
    case 'time':
      return { ...filter, timeFrom: v.from, timeTo: v.to };
  }
}

export function removeFromFilter(filter: Filter, v: FilterValue): Filter {
  const next: { -readonly [K in keyof Filter]: Filter[K] } = { ...filter };
  switch (v.field) {
    case 'codes':
      next.codes = without(filter.codes, v.value);
      break;
    case 'categories':
      next.categories = without(filter.categories, v.value);
      break;
    case 'outcomes':
      next.outcomes = without(filter.outcomes, v.value);
      break;
    case 'stages':
      next.stages = without(filter.stages, v.value);
      break;
    case 'causes':
      next.causes = without(filter.causes, v.value);
      break;
    case 'dimension': {
      const current = filter.dimensions?.find((d) => d.name === v.name)?.values ?? [];
      return setDimensionFilter(
        filter,
        v.name,
        current.filter((x) => x !== v.value),
      );
    }
    case 'device':
      next.device = undefined;
      break;
    case 'time':
      next.timeFrom = undefined;
      next.timeTo = undefined;
      break;
  }
  return compact(next);
}

/** Replaces one field's values (table column filters); an empty list removes the field. */
export function setFilterField<F extends FilterField>(filter: Filter, field: F, values: Filter[F]): Filter {
  return compact({ ...filter, [field]: values });
}

/** Replaces one dimension's values, in its place among the others; an empty list removes it. */
export function setDimensionFilter(filter: Filter, name: string, values: readonly string[]): Filter {
  const dimensions = filter.dimensions ?? [];
  const at = dimensions.findIndex((d) => d.name === name);
  const entry: DimensionFilter[] = values.length > 0 ? [{ name, values }] : [];
  const next =
    at < 0 ? [...dimensions, ...entry] : [...dimensions.slice(0, at), ...entry, ...dimensions.slice(at + 1)];
  return compact({ ...filter, dimensions: next });
}

export function filterChips(filter: Filter): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const code of filter.codes ?? [])
    chips.push({ key: `code:${code}`, label: `Code ${code}`, value: { field: 'codes', value: code } });
  for (const c of filter.categories ?? [])
    chips.push({
      key: `category:${c}`,
      label: `Category: ${CATEGORY_LABELS[c]}`,
      value: { field: 'categories', value: c },
    });
  for (const o of filter.outcomes ?? [])
    chips.push({
      key: `outcome:${o}`,
      label: `Outcome: ${OUTCOME_LABELS[o]}`,
      value: { field: 'outcomes', value: o },
    });
  for (const s of filter.stages ?? [])
    chips.push({
      key: `stage:${s}`,
      label: `Stage: ${STAGE_LABELS[s]}`,
      value: { field: 'stages', value: s },
    });
  for (const c of filter.causes ?? [])
    chips.push({
      key: `cause:${c}`,
      label: `Cause: ${CAUSE_LABELS[c]}`,
      value: { field: 'causes', value: c },
    });
  for (const { name, values } of filter.dimensions ?? []) {
    for (const value of values) {
      chips.push({
        key: `dim:${name}:${value}`,
        label: `${visibleText(name)}: ${formatDimensionValue(value)}`,
        value: { field: 'dimension', name, value },
      });
    }
  }
  if (filter.device !== undefined && filter.device !== '')
    chips.push({
      key: 'device',
      label: `Device contains “${visibleText(filter.device)}”`,
      value: { field: 'device', value: filter.device },
    });
  if (filter.timeFrom !== undefined && filter.timeTo !== undefined)
    chips.push({
      key: 'time',
      label: `Time: ${formatTime(filter.timeFrom)} – ${formatTime(filter.timeTo)}`,
      value: { field: 'time', from: filter.timeFrom, to: filter.timeTo },
    });
  return chips;
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
