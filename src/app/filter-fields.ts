/**
 * The filter vocabulary: one entry per field of the core's Filter, saying how it is written in the URL
 * hash, which chips show it and which event-table column filter edits it. The URL state, the chips and
 * the table's column filters are all read from FILTER_FIELDS; adding a filter is one entry here.
 */
import { CATEGORIES, CAUSES, OUTCOMES, STAGES } from '../catalog/catalog-types.ts';
import type { EventColumn } from '../dataset/event-columns.ts';
import { isoTime } from '../dataset/iso-time.ts';
import type { Filter } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';
import { formatDimensionValue, formatTime } from './format.ts';
import { CATEGORY_LABELS, CAUSE_LABELS, OUTCOME_LABELS, STAGE_LABELS } from './labels.ts';

/** The Filter fields that hold a list of values read from the code's catalog entry. */
export type ListField = 'codes' | 'categories' | 'outcomes' | 'stages' | 'causes';
type Item<K extends ListField> = NonNullable<Filter[K]>[number];

export type FilterValue =
  | { [K in ListField]: { field: K; value: Item<K> } }[ListField]
  | { field: 'dimension'; name: string; value: string }
  | { field: 'device'; value: string }
  | { field: 'time'; from: number; to: number };

export interface FilterChip {
  key: string;
  label: string;
  value: FilterValue;
}

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
interface FilterFieldRule {
  writeUrl(filter: Filter, params: URLSearchParams): void;
  readUrl(params: URLSearchParams, into: MutableFilter): void;
  chips(filter: Filter): FilterChip[];
  /** The column filters the table shows for this field. */
  columnFilters(filter: Filter): ColumnFilterEntry[];
  /** This field of `filter` set from the table's column filters (unchanged when no column edits it). */
  fromColumnFilters(filter: Filter, state: readonly ColumnFilterEntry[]): Filter;
  /** The filter control of a built-in column, when this field's column is that one. */
  columnKind(column: EventColumn): ColumnFilterKind | null;
}

/** Dimension columns are named with this prefix in the table, so that none can take a built-in's id. */
export const DIMENSION_COLUMN_PREFIX = 'dim:';
/** Dimension filters are written in the URL as `d.<name>=<value>`, once per value. */
const DIMENSION_URL_PREFIX = 'd.';

interface ListFieldSpec<K extends ListField> {
  field: K;
  /** The URL key, and the prefix of the chips' keys. */
  url: string;
  /** One value read from the URL; null drops it. */
  parse(text: string): Item<K> | null;
  chip(value: Item<K>): string;
  /** The table column whose filter edits this field, and how. */
  column:
    | { id: EventColumn; kind: 'codes' }
    | { id: EventColumn; kind: 'choice'; label(value: Item<K>): string; values: readonly Item<K>[] }
    | null;
}

function listField<K extends ListField>(spec: ListFieldSpec<K>): FilterFieldRule {
  const { field, url, column } = spec;
  const values = (filter: Filter) => (filter[field] ?? []) as readonly Item<K>[];
  return {
    writeUrl(filter, params) {
      if (values(filter).length > 0) params.set(url, values(filter).join(','));
    },
    readUrl(params, into) {
      const parsed = (params.get(url) ?? '').split(',').flatMap((text) => {
        const value = spec.parse(text);
        return value === null ? [] : [value];
      });
      if (parsed.length > 0) into[field] = [...new Set(parsed)] as MutableFilter[K];
    },
    chips: (filter) =>
      values(filter).map((value) => ({
        key: `${url}:${value}`,
        label: spec.chip(value),
        value: { field, value } as FilterValue,
      })),
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
  };
}

const deviceField: FilterFieldRule = {
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
          },
        ],
  columnFilters: (filter) => (filter.device ? [{ id: 'device', value: filter.device }] : []),
  fromColumnFilters(filter, state) {
    const value = state.find((f) => f.id === 'device')?.value;
    return withField(filter, 'device', typeof value === 'string' && value !== '' ? value : undefined);
  },
  columnKind: (id) => (id === 'device' ? { kind: 'text', placeholder: 'contains…' } : null),
};

/** A time window, written as ISO times; the chip shows only a window with both ends. */
const timeField: FilterFieldRule = {
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
          },
        ],
  columnFilters: () => [],
  fromColumnFilters: (filter) => filter,
  columnKind: () => null,
};

/** Per dimension the accepted values. Names come from the user's files: they stay data, never object keys. */
const dimensionsField: FilterFieldRule = {
  writeUrl(filter, params) {
    for (const { name, values } of filter.dimensions ?? []) {
      for (const value of values) params.append(DIMENSION_URL_PREFIX + name, value);
    }
  },
  readUrl(params, into) {
    const dimensions = new Map<string, string[]>();
    for (const [key, value] of params) {
      if (!key.startsWith(DIMENSION_URL_PREFIX)) continue;
      const name = key.slice(DIMENSION_URL_PREFIX.length);
      const values = dimensions.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      dimensions.set(name, values);
    }
    if (dimensions.size > 0) into.dimensions = [...dimensions].map(([name, values]) => ({ name, values }));
  },
  chips: (filter) =>
    (filter.dimensions ?? []).flatMap(({ name, values }) =>
      values.map((value) => ({
        key: `dim:${name}:${value}`,
        label: `${visibleText(name)}: ${formatDimensionValue(value)}`,
        value: { field: 'dimension' as const, name, value },
      })),
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
};

function oneOf<T extends string>(allowed: readonly T[]): (text: string) => T | null {
  return (text) => allowed.find((v) => v === text) ?? null;
}

/** In the order the chips show them. */
export const FILTER_FIELDS: readonly FilterFieldRule[] = [
  listField({
    field: 'codes',
    url: 'code',
    parse: (text) => (/^-?\d+$/.test(text) ? Number(text) : null),
    chip: (code) => `Code ${code}`,
    column: { id: 'code', kind: 'codes' },
  }),
  listField({
    field: 'categories',
    url: 'category',
    parse: oneOf(CATEGORIES),
    chip: (c) => `Category: ${CATEGORY_LABELS[c]}`,
    column: { id: 'category', kind: 'choice', values: CATEGORIES, label: (c) => CATEGORY_LABELS[c] },
  }),
  listField({
    field: 'outcomes',
    url: 'outcome',
    parse: oneOf(OUTCOMES),
    chip: (o) => `Outcome: ${OUTCOME_LABELS[o]}`,
    column: null,
  }),
  listField({
    field: 'stages',
    url: 'stage',
    parse: oneOf(STAGES),
    chip: (s) => `Stage: ${STAGE_LABELS[s]}`,
    column: { id: 'stage', kind: 'choice', values: STAGES, label: (s) => STAGE_LABELS[s] },
  }),
  listField({
    field: 'causes',
    url: 'cause',
    parse: oneOf(CAUSES),
    chip: (c) => `Cause: ${CAUSE_LABELS[c]}`,
    column: { id: 'cause', kind: 'choice', values: CAUSES, label: (c) => CAUSE_LABELS[c] },
  }),
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

function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : value === undefined || value === '' ? [] : [value as T];
}

function timeOf(text: string | null): number | undefined {
  if (text === null) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
