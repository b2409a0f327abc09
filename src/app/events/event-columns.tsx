/** The event table's columns: what each shows, and which Filter field its column filter edits. */
import type { ColumnFiltersState, SortingState } from '@tanstack/react-table';
import {
  columnFilteringFeature,
  createColumnHelper,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { CATEGORIES } from '../../catalog/catalog-registry.ts';
import type { Category, Cause, Stage } from '../../catalog/catalog-types.ts';
import { CAUSES, STAGES } from '../../catalog/catalog-types.ts';
import type { Filter } from '../../dataset/query-types.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import type { EventView, SortSpec } from '../../worker/dataset-protocol.ts';
import { setDimensionFilter, setFilterField } from '../filter-model.ts';
import { formatCount, formatTime, NO_VALUE_LABEL } from '../format.ts';
import { CATEGORY_LABELS, CAUSE_LABELS, STAGE_LABELS } from '../labels.ts';

export const eventTableFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
});

/** One slot of the virtual list: the event once its block has arrived from the worker. */
export interface EventSlot {
  index: number;
  event: EventView | undefined;
}

export type ColumnFilterKind =
  | { kind: 'text'; placeholder: string }
  | { kind: 'codes' }
  | { kind: 'choice'; options: { value: string; label: string }[] }
  | { kind: 'dimension'; name: string }
  | { kind: 'none' };

export interface EventColumnMeta {
  filter: ColumnFilterKind;
  width: number;
}

const DIM_PREFIX = 'dim:';
/** Columns the core sorts by name; anything else is a dimension. */
export const BUILT_IN_COLUMNS: readonly string[] = [
  'time',
  'device',
  'code',
  'message',
  'category',
  'stage',
  'cause',
  'count',
];
const helper = createColumnHelper<typeof eventTableFeatures, EventSlot>();

function choices<T extends string>(values: readonly T[], labels: Record<T, string>) {
  return values.map((value): { value: T; label: string } => ({ value, label: labels[value] ?? value }));
}

export function eventColumns(
  dimensionNames: readonly string[],
  renderDevice: (device: string) => React.ReactNode,
) {
  const meta = (width: number, filter: ColumnFilterKind): EventColumnMeta => ({ width, filter });
  return helper.columns([
    helper.accessor((s) => s.event?.time ?? null, {
      id: 'time',
      header: 'Time (UTC)',
      cell: (c) => formatTime(c.getValue()),
      meta: meta(172, { kind: 'none' }),
    }),
    helper.accessor((s) => s.event?.device ?? null, {
      id: 'device',
      header: 'Device',
      cell: (c) => {
        const device = c.getValue();
        return device === null ? '—' : renderDevice(device);
      },
      meta: meta(180, { kind: 'text', placeholder: 'contains…' }),
    }),
    helper.accessor((s) => s.event?.code ?? null, {
      id: 'code',
      header: 'Code',
      cell: (c) => c.getValue(),
      meta: meta(104, { kind: 'codes' }),
    }),
    helper.accessor((s) => s.event?.name ?? '', {
      id: 'message',
      header: 'Message',
      cell: (c) => <span title={c.row.original.event?.description}>{c.getValue()}</span>,
      meta: meta(260, { kind: 'none' }),
    }),
    helper.accessor((s) => s.event?.category ?? null, {
      id: 'category',
      header: 'Category',
      cell: (c) => {
        const v = c.getValue();
        return v === null ? '' : <span className={`cat cat-${v}`}>{CATEGORY_LABELS[v]}</span>;
      },
      meta: meta(170, { kind: 'choice', options: choices(CATEGORIES, CATEGORY_LABELS) }),
    }),
    helper.accessor((s) => s.event?.stage ?? null, {
      id: 'stage',
      header: 'Stage',
      cell: (c) => {
        const v = c.getValue();
        return v === null ? '—' : STAGE_LABELS[v];
      },
      meta: meta(120, { kind: 'choice', options: choices(STAGES, STAGE_LABELS) }),
    }),
    helper.accessor((s) => s.event?.cause ?? null, {
      id: 'cause',
      header: 'Likely cause',
      cell: (c) => {
        const v = c.getValue();
        return v === null ? '—' : CAUSE_LABELS[v];
      },
      meta: meta(200, { kind: 'choice', options: choices(CAUSES, CAUSE_LABELS) }),
    }),
    helper.accessor((s) => s.event?.count ?? null, {
      id: 'count',
      header: 'Count',
      cell: (c) => {
        const v = c.getValue();
        return v === null ? '' : formatCount(v);
      },
      meta: meta(80, { kind: 'none' }),
    }),
    ...dimensionNames.map((name, i) =>
      helper.accessor((s) => s.event?.dimensions[i] ?? null, {
        id: DIM_PREFIX + name,
        header: visibleText(name),
        cell: (c) => {
          const v = c.getValue();
          return v === null ? (
            ''
          ) : v === '' ? (
            <span className="muted">{NO_VALUE_LABEL}</span>
          ) : (
            visibleText(v)
          );
        },
        meta: meta(140, { kind: 'dimension', name }),
      }),
    ),
  ]);
}

export function sortToState(sort: SortSpec | null, dimensionNames: readonly string[]): SortingState {
  if (sort === null) return [];
  const id =
    dimensionNames.includes(sort.column) && !BUILT_IN_COLUMNS.includes(sort.column)
      ? DIM_PREFIX + sort.column
      : sort.column;
  return [{ id, desc: sort.desc }];
}

export function stateToSort(state: SortingState): SortSpec | null {
  const first = state[0];
  if (first === undefined) return null;
  const column = first.id.startsWith(DIM_PREFIX) ? first.id.slice(DIM_PREFIX.length) : first.id;
  return { column, desc: first.desc };
}

/** The column filters the table shows, read from the one Filter. */
export function filterToColumnFilters(filter: Filter): ColumnFiltersState {
  const out: ColumnFiltersState = [];
  if (filter.device) out.push({ id: 'device', value: filter.device });
  if (filter.codes?.length) out.push({ id: 'code', value: filter.codes.join(', ') });
  if (filter.categories?.length) out.push({ id: 'category', value: filter.categories });
  if (filter.stages?.length) out.push({ id: 'stage', value: filter.stages });
  if (filter.causes?.length) out.push({ id: 'cause', value: filter.causes });
  for (const { name, values } of filter.dimensions ?? []) {
    if (values.length > 0) out.push({ id: DIM_PREFIX + name, value: values });
  }
  return out;
}

export function parseCodes(text: string): number[] {
  return [...new Set((text.match(/-?\d+/g) ?? []).map(Number))];
}

/** A change to the table's column filters, written back into the Filter. */
export function columnFiltersToFilter(filter: Filter, state: ColumnFiltersState): Filter {
  const value = (id: string) => state.find((f) => f.id === id)?.value;
  const list = <T,>(v: unknown): T[] =>
    Array.isArray(v) ? (v as T[]) : v === undefined || v === '' ? [] : [v as T];
  let next = setFilterField(filter, 'categories', list<Category>(value('category')));
  next = setFilterField(next, 'stages', list<Stage>(value('stage')));
  next = setFilterField(next, 'causes', list<Cause>(value('cause')));
  const codes = value('code');
  next = setFilterField(next, 'codes', typeof codes === 'string' ? parseCodes(codes) : []);
  const device = value('device');
  next = { ...next, device: typeof device === 'string' ? device : '' };
  if (next.device === '') {
    const { device: _gone, ...rest } = next;
    next = rest;
  }
  const dimensionIds = new Set([
    ...(filter.dimensions ?? []).map((d) => DIM_PREFIX + d.name),
    ...state.filter((f) => f.id.startsWith(DIM_PREFIX)).map((f) => f.id),
  ]);
  for (const id of dimensionIds) {
    next = setDimensionFilter(next, id.slice(DIM_PREFIX.length), list<string>(value(id)));
  }
  return next;
}
