/** The event table's columns: what each shows; the filter each column edits comes from FILTER_FIELDS. */
import type { SortingState } from '@tanstack/react-table';
import {
  columnFilteringFeature,
  createColumnHelper,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { EventColumn } from '../../dataset/event-columns.ts';
import { EVENT_COLUMNS, isEventColumn } from '../../dataset/event-columns.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import type { EventView, SortSpec } from '../../worker/dataset-protocol.ts';
import { CategoryTag } from '../dataset-words.tsx';
import type { ColumnFilterKind } from '../filter-field-kinds.ts';
import { DIMENSION_COLUMN_PREFIX } from '../filter-field-kinds.ts';
import { columnFilterKind } from '../filter-fields.ts';
import { formatCount, formatTime, NO_VALUE_LABEL } from '../format.ts';
import { CAUSE_LABELS, STAGE_LABELS } from '../labels.ts';

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

export interface EventColumnMeta {
  filter: ColumnFilterKind;
  width: number;
}

const helper = createColumnHelper<typeof eventTableFeatures, EventSlot>();

/** The built-in columns, one per EVENT_COLUMNS entry, in its order. */
function builtInColumns(renderDevice: (device: string) => React.ReactNode) {
  const meta = (id: EventColumn, width: number): EventColumnMeta => ({ width, filter: columnFilterKind(id) });
  const columns = {
    time: helper.accessor((s) => s.event?.time ?? null, {
      id: 'time',
      header: 'Time (UTC)',
      cell: (c) => formatTime(c.getValue()),
      meta: meta('time', 172),
    }),
    device: helper.accessor((s) => s.event?.device ?? null, {
      id: 'device',
      header: 'Device',
      cell: (c) => {
        const device = c.getValue();
        return device === null ? '—' : renderDevice(device);
      },
      meta: meta('device', 180),
    }),
    code: helper.accessor((s) => s.event?.code ?? null, {
      id: 'code',
      header: 'Code',
      cell: (c) => c.getValue(),
      meta: meta('code', 104),
    }),
    message: helper.accessor((s) => s.event?.name ?? '', {
      id: 'message',
      header: 'Message',
      cell: (c) => <span title={c.row.original.event?.description}>{c.getValue()}</span>,
      meta: meta('message', 260),
    }),
    category: helper.accessor((s) => s.event?.category ?? null, {
      id: 'category',
      header: 'Category',
      cell: (c) => {
        const v = c.getValue();
        return v === null ? '' : <CategoryTag id={v} />;
      },
      meta: meta('category', 170),
    }),
    stage: helper.accessor((s) => s.event?.stage ?? null, {
      id: 'stage',
      header: 'Stage',
      cell: (c) => {
        const v = c.getValue();
        return v === null ? '—' : STAGE_LABELS[v];
      },
      meta: meta('stage', 120),
    }),
    cause: helper.accessor((s) => s.event?.cause ?? null, {
      id: 'cause',
      header: 'Likely cause',
      cell: (c) => {
        const v = c.getValue();
        return v === null ? '—' : CAUSE_LABELS[v];
      },
      meta: meta('cause', 200),
    }),
    count: helper.accessor((s) => s.event?.count ?? null, {
      id: 'count',
      header: 'Count',
      cell: (c) => {
        const v = c.getValue();
        return v === null ? '' : formatCount(v);
      },
      meta: meta('count', 80),
    }),
  } satisfies Record<EventColumn, unknown>;
  return EVENT_COLUMNS.map((id) => columns[id]);
}

export function eventColumns(
  dimensionNames: readonly string[],
  renderDevice: (device: string) => React.ReactNode,
) {
  return helper.columns([
    ...builtInColumns(renderDevice),
    ...dimensionNames.map((name, i) =>
      helper.accessor((s) => s.event?.dimensions[i] ?? null, {
        id: DIMENSION_COLUMN_PREFIX + name,
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
        meta: { width: 140, filter: { kind: 'dimension', name } },
      }),
    ),
  ]);
}

export function sortToState(sort: SortSpec | null, dimensionNames: readonly string[]): SortingState {
  if (sort === null) return [];
  const id =
    dimensionNames.includes(sort.column) && !isEventColumn(sort.column)
      ? DIMENSION_COLUMN_PREFIX + sort.column
      : sort.column;
  return [{ id, desc: sort.desc }];
}

export function stateToSort(state: SortingState): SortSpec | null {
  const first = state[0];
  if (first === undefined) return null;
  const column = first.id.startsWith(DIMENSION_COLUMN_PREFIX)
    ? first.id.slice(DIMENSION_COLUMN_PREFIX.length)
    : first.id;
  return { column, desc: first.desc };
}
