/**
 * The filter vocabulary: one entry per field of the core's Filter, saying how it is written in the URL
 * hash, which chips show it and which event-table column filter edits it. The URL state, the chips and
 * the table's column filters are all read from FILTER_FIELDS; adding a filter is one entry here.
 */
import { CATEGORIES } from '../catalog/catalog-registry.ts';
import { CAUSES, OUTCOMES, STAGES } from '../catalog/catalog-types.ts';
import type { EventColumn } from '../dataset/event-columns.ts';
import type { Facet, Filter } from '../dataset/query-types.ts';
import type {
  ColumnFilterEntry,
  ColumnFilterKind,
  FacetList,
  FilterChip,
  FilterFieldRule,
  MutableFilter,
} from './filter-field-kinds.ts';
import { choiceField, deviceField, dimensionsField, listField, timeField } from './filter-field-kinds.ts';
import { CATEGORY_LABELS, CAUSE_LABELS, OUTCOME_LABELS, STAGE_LABELS } from './labels.ts';

/** In the order the chips show them. */
export const FILTER_FIELDS: readonly FilterFieldRule[] = [
  listField({
    field: 'codes',
    title: 'Code',
    url: 'code',
    parse: (text) => (/^-?\d+$/.test(text) ? Number(text) : null),
    chip: (code) => `Code ${code}`,
    label: String,
    column: { id: 'code', kind: 'codes' },
  }),
  listField({
    field: 'statuses',
    title: 'Status',
    url: 'status',
    parse: (text) => (text.trim() === '' ? null : text.trim()),
    chip: (status) => `Status ${status}`,
    label: String,
    column: null,
  }),
  listField({
    field: 'families',
    title: 'Family',
    url: 'family',
    parse: (text) => (/^[a-z0-9-]+$/.test(text) ? text : null),
    chip: (family) => `Family ${family}`,
    label: String,
    column: null,
  }),
  // field, URL key, chip title, values in their order, their labels, the table column that edits it
  choiceField('categories', 'category', 'Category', CATEGORIES, CATEGORY_LABELS, 'category'),
  choiceField('outcomes', 'outcome', 'Outcome', OUTCOMES, OUTCOME_LABELS, null),
  choiceField('stages', 'stage', 'Stage', STAGES, STAGE_LABELS, 'stage'),
  choiceField('causes', 'cause', 'Cause', CAUSES, CAUSE_LABELS, 'cause'),
  dimensionsField,
  deviceField,
  timeField,
];

export function filterToParams(filter: Filter, params: URLSearchParams): void {
  for (const field of FILTER_FIELDS) field.writeUrl(filter, params);
}

export function paramsToFilter(params: URLSearchParams): Filter {
  const filter: MutableFilter = {};
  for (const field of FILTER_FIELDS) field.readUrl(params, filter);
  return filter;
}

export function filterChips(filter: Filter): FilterChip[] {
  return FILTER_FIELDS.flatMap((field) => field.chips(filter));
}

/** The worker's facets, each read through its field's entry (in the worker's order). */
export function facetLists(facets: readonly Facet[]): FacetList[] {
  return facets.flatMap((facet) => {
    for (const field of FILTER_FIELDS) {
      const list = field.facet(facet);
      if (list !== null) return [list];
    }
    return [];
  });
}

/** The column filters the table shows, read from the one Filter. */
export function filterToColumnFilters(filter: Filter): ColumnFilterEntry[] {
  return FILTER_FIELDS.flatMap((field) => field.columnFilters(filter));
}

/** A change to the table's column filters, written back into the Filter. */
export function columnFiltersToFilter(filter: Filter, state: readonly ColumnFilterEntry[]): Filter {
  return FILTER_FIELDS.reduce((next, field) => field.fromColumnFilters(next, state), filter);
}

/** The filter control of a built-in column: the one of the field it edits, or none. */
export function columnFilterKind(column: EventColumn): ColumnFilterKind {
  for (const field of FILTER_FIELDS) {
    const kind = field.columnKind(column);
    if (kind !== null) return kind;
  }
  return { kind: 'none' };
}
