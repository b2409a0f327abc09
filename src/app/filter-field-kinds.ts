/**
 * The shapes a filter field can have (a list of codes or catalog identifiers, the dimensions, the device
 * text, the time window) and, for each, how it is written in the URL, shown as chips and edited by a
 * table column. The table of fields itself is FILTER_FIELDS (filter-fields.ts).
 */
import type { EventColumn } from '../dataset/event-columns.ts';
import { isoTime } from '../dataset/iso-time.ts';
import type { Facet, Filter } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';
import { filterSide, SIDES, withField, withSide } from './filter-sides.ts';
import { formatDimensionValue, formatTime } from './format.ts';

/** The Filter fields that hold a list of values read from the code's catalog entry. */
export type ListField = 'codes' | 'families' | 'statuses' | 'categories' | 'outcomes' | 'stages' | 'causes';
type Item<K extends ListField> = NonNullable<Filter[K]>[number];

/**
 * One value of the filter. `not` marks an excluded value (Filter.not): only list fields and dimensions
 * have excludes.
 */
export type FilterValue =
  | { [K in ListField]: { field: K; value: Item<K>; not?: boolean } }[ListField]
  | { field: 'dimension'; name: string; value: string; not?: boolean }
  | { field: 'device'; value: string }
  | { field: 'time'; from: number; to: number };

export interface FilterChip {
  key: string;
  /** What the chip says; an excluded value's starts with "NOT ". */
  label: string;
  value: FilterValue;
  /** Whether the chip excludes its value (NOT). */
  negated: boolean;
}

/** One value of a facet (see Dataset.facets) as the facet list and the chip editor show it. */
export interface FacetEntry {
  /** The filter value that includes it (add `not: true` to exclude it). */
  value: FilterValue;
  /** The value alone ("1404", "Failure"); `chip` as a chip names it ("Code 1404"). */
  label: string;
  chip: string;
  operations: number;
  failures: number;
  inProgress: number;
}

/** A facet of the worker's answer read through its field's entry of the vocabulary. */
export interface FacetList {
  key: string;
  title: string;
  entries: FacetEntry[];
  /** How many values have rows (the worker lists the first of them). */
  distinct: number;
}

/** The word a chip of an excluded value starts with. */
export const NOT_LABEL = 'NOT';
/** The prefix of an excluded field's URL key: `-code=1404`, `-d.model=X`. */
export const NOT_URL_PREFIX = '-';

/** What a column's filter control edits, in the shape the table holds it. */
export type ColumnFilterKind =
  | { kind: 'text'; placeholder: string }
  | { kind: 'codes' }
  | { kind: 'choice'; options: { value: string; label: string }[] }
  | { kind: 'dimension'; name: string }
  | { kind: 'none' };

/** One column filter as the table holds it (TanStack's ColumnFiltersState entry). */
export interface ColumnFilterEntry {
  id: string;
  value: unknown;
}

export type MutableFilter = { -readonly [K in keyof Filter]: Filter[K] };

/** A field of the vocabulary, whatever its shape. */
export interface FilterFieldRule {
  writeUrl(filter: Filter, params: URLSearchParams): void;
  readUrl(params: URLSearchParams, into: MutableFilter): void;
  chips(filter: Filter): FilterChip[];
  /** The column filters the table shows for this field. */
  columnFilters(filter: Filter): ColumnFilterEntry[];
  /** This field of `filter` set from the table's column filters (unchanged when no column edits it). */
  fromColumnFilters(filter: Filter, state: readonly ColumnFilterEntry[]): Filter;
  /** The filter control of a built-in column, when this field's column is that one. */
  columnKind(column: EventColumn): ColumnFilterKind | null;
  /** A facet of the worker's answer, when it is this field's; null otherwise. */
  facet(facet: Facet): FacetList | null;
}

/** Dimension columns are named with this prefix in the table, so that none can take a built-in's id. */
export const DIMENSION_COLUMN_PREFIX = 'dim:';
/** Dimension filters are written in the URL as `d.<name>=<value>`, once per value. */
const DIMENSION_URL_PREFIX = 'd.';

interface ListFieldSpec<K extends ListField> {
  field: K;
  /** The field's name in the facet list ("Code", "Outcome"). */
  title: string;
  /** The URL key, and the prefix of the chips' keys. */
  url: string;
  /** One value read from the URL; null drops it. */
  parse(text: string): Item<K> | null;
  chip(value: Item<K>): string;
  /** The value alone, as the facet list shows it. */
  label(value: Item<K>): string;
  /** The table column whose filter edits this field, and how. */
  column:
    | { id: EventColumn; kind: 'codes' }
    | { id: EventColumn; kind: 'choice'; label(value: Item<K>): string; values: readonly Item<K>[] }
    | null;
}

const notLabel = (label: string, negated: boolean) => (negated ? `${NOT_LABEL} ${label}` : label);

export function listField<K extends ListField>(spec: ListFieldSpec<K>): FilterFieldRule {
  const { field, url, column } = spec;
  const values = (filter: Filter, negated = false) =>
    (filterSide(filter, negated)[field] ?? []) as readonly Item<K>[];
  const key = (negated: boolean) => (negated ? NOT_URL_PREFIX + url : url);
  return {
    writeUrl(filter, params) {
      for (const negated of SIDES) {
        if (values(filter, negated).length > 0) params.set(key(negated), values(filter, negated).join(','));
      }
    },
    readUrl(params, into) {
      for (const negated of SIDES) {
        const parsed = (params.get(key(negated)) ?? '').split(',').flatMap((text) => {
          const value = spec.parse(text);
          return value === null ? [] : [value];
        });
        if (parsed.length === 0) continue;
        const side = { ...filterSide(into, negated), [field]: [...new Set(parsed)] };
        Object.assign(into, withSide(into, negated, side));
      }
    },
    chips: (filter) =>
      SIDES.flatMap((negated) =>
        values(filter, negated).map((value) => ({
          key: `${key(negated)}:${value}`,
          label: notLabel(spec.chip(value), negated),
          value: { field, value, ...(negated ? { not: true } : {}) } as FilterValue,
          negated,
        })),
      ),
    columnFilters(filter) {
      const list = values(filter);
      if (column === null || list.length === 0) return [];
      return [{ id: column.id, value: column.kind === 'codes' ? list.join(', ') : list }];
    },
    fromColumnFilters(filter, state) {
      if (column === null) return filter;
      const value = state.find((f) => f.id === column.id)?.value;
      const next =
        column.kind === 'codes'
          ? typeof value === 'string'
            ? parseCodes(value)
            : []
          : listOf<Item<K>>(value);
      return withField(filter, field, next.length > 0 ? (next as Filter[K]) : undefined);
    },
    columnKind(id) {
      if (column === null || column.id !== id) return null;
      if (column.kind === 'codes') return { kind: 'codes' };
      return {
        kind: 'choice',
        options: column.values.map((v) => ({ value: String(v), label: column.label(v) })),
      };
    },
    facet(facet) {
      if (facet.field !== field) return null;
      const entries = facet.values.flatMap(({ value: text, operations, failures, inProgress }) => {
        const value = spec.parse(text);
        if (value === null) return [];
        const filterValue = { field, value } as FilterValue;
        return [
          {
            value: filterValue,
            label: spec.label(value),
            chip: spec.chip(value),
            operations,
            failures,
            inProgress,
          },
        ];
      });
      return { key: field, title: spec.title, entries, distinct: facet.distinct };
    },
  };
}

export const deviceField: FilterFieldRule = {
  writeUrl(filter, params) {
    if (filter.device !== undefined && filter.device !== '') params.set('device', filter.device);
  },
  readUrl(params, into) {
    const device = params.get('device');
    if (device) into.device = device;
  },
  chips: (filter) =>
    filter.device === undefined || filter.device === ''
      ? []
      : [
          {
            key: 'device',
            label: `Device contains “${visibleText(filter.device)}”`,
            value: { field: 'device', value: filter.device },
            negated: false,
          },
        ],
  columnFilters: (filter) => (filter.device ? [{ id: 'device', value: filter.device }] : []),
  fromColumnFilters(filter, state) {
    const value = state.find((f) => f.id === 'device')?.value;
    return withField(filter, 'device', typeof value === 'string' && value !== '' ? value : undefined);
  },
  columnKind: (id) => (id === 'device' ? { kind: 'text', placeholder: 'contains…' } : null),
  facet: () => null,
};

/** A time window, written as ISO times; the chip shows only a window with both ends. */
export const timeField: FilterFieldRule = {
  writeUrl(filter, params) {
    const from = filter.timeFrom === undefined ? null : isoTime(filter.timeFrom);
    const to = filter.timeTo === undefined ? null : isoTime(filter.timeTo);
    if (from !== null) params.set('from', from);
    if (to !== null) params.set('to', to);
  },
  readUrl(params, into) {
    const from = timeOf(params.get('from'));
    if (from !== undefined) into.timeFrom = from;
    const to = timeOf(params.get('to'));
    if (to !== undefined) into.timeTo = to;
  },
  chips: (filter) =>
    filter.timeFrom === undefined || filter.timeTo === undefined
      ? []
      : [
          {
            key: 'time',
            label: `Time: ${formatTime(filter.timeFrom)} – ${formatTime(filter.timeTo)}`,
            value: { field: 'time', from: filter.timeFrom, to: filter.timeTo },
            negated: false,
          },
        ],
  columnFilters: () => [],
  fromColumnFilters: (filter) => filter,
  columnKind: () => null,
  facet: () => null,
};

/**
 * Per dimension the accepted values, and the excluded ones. Names come from the user's files: they stay
 * data, never object keys.
 */
export const dimensionsField: FilterFieldRule = {
  writeUrl(filter, params) {
    for (const negated of SIDES) {
      for (const { name, values } of filterSide(filter, negated).dimensions ?? []) {
        const key = (negated ? NOT_URL_PREFIX : '') + DIMENSION_URL_PREFIX + name;
        for (const value of values) params.append(key, value);
      }
    }
  },
  readUrl(params, into) {
    for (const negated of SIDES) {
      const prefix = (negated ? NOT_URL_PREFIX : '') + DIMENSION_URL_PREFIX;
      const dimensions = new Map<string, string[]>();
      for (const [key, value] of params) {
        if (!key.startsWith(prefix)) continue;
        const name = key.slice(prefix.length);
        const values = dimensions.get(name) ?? [];
        if (!values.includes(value)) values.push(value);
        dimensions.set(name, values);
      }
      if (dimensions.size === 0) continue;
      const list = [...dimensions].map(([name, values]) => ({ name, values }));
      Object.assign(into, withSide(into, negated, { ...filterSide(into, negated), dimensions: list }));
    }
  },
  chips: (filter) =>
    SIDES.flatMap((negated) =>
      (filterSide(filter, negated).dimensions ?? []).flatMap(({ name, values }) =>
        values.map((value) => ({
          key: `${negated ? NOT_URL_PREFIX : ''}dim:${name}:${value}`,
          label: notLabel(dimensionChip(name, value), negated),
          value: { field: 'dimension' as const, name, value, ...(negated ? { not: true } : {}) },
          negated,
        })),
      ),
    ),
  columnFilters: (filter) =>
    (filter.dimensions ?? [])
      .filter(({ values }) => values.length > 0)
      .map(({ name, values }) => ({ id: DIMENSION_COLUMN_PREFIX + name, value: values })),
  fromColumnFilters(filter, state) {
    const ids = new Set([
      ...(filter.dimensions ?? []).map((d) => DIMENSION_COLUMN_PREFIX + d.name),
      ...state.filter((f) => f.id.startsWith(DIMENSION_COLUMN_PREFIX)).map((f) => f.id),
    ]);
    let next = filter;
    for (const id of ids) {
      const value = state.find((f) => f.id === id)?.value;
      next = setDimensionFilter(next, id.slice(DIMENSION_COLUMN_PREFIX.length), listOf<string>(value));
    }
    return next;
  },
  columnKind: () => null,
  facet(facet) {
    const name = facet.dimension;
    if (facet.field !== 'dimension' || name === null) return null;
    const entries = facet.values.map(({ value, operations, failures, inProgress }) => ({
      value: { field: 'dimension' as const, name, value },
      label: formatDimensionValue(value),
      chip: dimensionChip(name, value),
      operations,
      failures,
      inProgress,
    }));
    return { key: `dim:${name}`, title: visibleText(name), entries, distinct: facet.distinct };
  },
};

function dimensionChip(name: string, value: string): string {
  return `${visibleText(name)}: ${formatDimensionValue(value)}`;
}

/** A list of one of the catalog's identifiers: the URL holds identifiers, the chips and choices their labels. */
export function choiceField<K extends Exclude<ListField, 'codes'>>(
  field: K,
  url: string,
  title: string,
  values: readonly Item<K>[],
  labels: Readonly<Record<Item<K>, string>>,
  column: EventColumn | null,
): FilterFieldRule {
  const label = (value: Item<K>) => labels[value];
  return listField<K>({
    field,
    title,
    label,
    url,
    parse: (text) => values.find((v) => v === text) ?? null,
    chip: (value) => `${title}: ${label(value)}`,
    column: column === null ? null : { id: column, kind: 'choice', values, label },
  });
}

export function parseCodes(text: string): number[] {
  return [...new Set((text.match(/-?\d+/g) ?? []).map(Number))];
}

/** Replaces one dimension's values, in its place among the others; an empty list removes it. */
export function setDimensionFilter(filter: Filter, name: string, values: readonly string[]): Filter {
  const dimensions = filter.dimensions ?? [];
  const at = dimensions.findIndex((d) => d.name === name);
  const entry = values.length > 0 ? [{ name, values }] : [];
  const next =
    at < 0 ? [...dimensions, ...entry] : [...dimensions.slice(0, at), ...entry, ...dimensions.slice(at + 1)];
  return withField(filter, 'dimensions', next.length > 0 ? next : undefined);
}

function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : value === undefined || value === '' ? [] : [value as T];
}

function timeOf(text: string | null): number | undefined {
  if (text === null) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
