import type { ColumnFiltersState, ReactTable, SortingState, Updater } from '@tanstack/react-table';
import { useTable } from '@tanstack/react-table';
import type { VirtualItem } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import type { Filter } from '../../dataset/query-types.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import type { RowsWindow, SortSpec } from '../../worker/dataset-protocol.ts';
import { DebouncedInput } from '../debounced-input.tsx';
import { columnFiltersToFilter, filterToColumnFilters } from '../filter-fields.ts';
import { formatCount } from '../format.ts';
import type { EventColumnMeta, EventSlot } from './event-columns.tsx';
import { eventColumns, eventTableFeatures, sortToState, stateToSort } from './event-columns.tsx';
import { EventTableHead } from './event-table-head.tsx';
import type { ScrollGeometry } from './scaled-scroll.ts';
import { rowTop } from './scaled-scroll.ts';
import { useRowWindows } from './use-row-windows.ts';
import { ROW_HEIGHT, useScaledVirtualizer } from './use-scaled-virtualizer.ts';

function resolve<T>(updater: Updater<T>, current: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater;
}

export interface EventTableProps {
  /** Events in the current selection, and in the whole dataset. */
  selected: number;
  total: number;
  dimensionNames: readonly string[];
  filter: Filter;
  search: string;
  sort: SortSpec | null;
  /** Changes whenever the loaded data changes, so cached rows are dropped. */
  dataKey: string;
  onFilterChange(filter: Filter): void;
  onSearch(search: string): void;
  onSort(sort: SortSpec | null): void;
  onDevice(device: string): void;
  fetchRows(offset: number, limit: number, sort: SortSpec | null): Promise<RowsWindow>;
  fetchDimensionValues(name: string): Promise<string[]>;
  /** Viewport size before the first layout (tests, first paint). */
  initialHeight?: number;
}

export function EventTable(props: EventTableProps) {
  const { selected, total, filter, search, sort } = props;
  const searchId = useId();

  // Rows come from the worker in blocks of the sorted selection.
  const fetchBlock = useCallback(
    (offset: number, limit: number) => props.fetchRows(offset, limit, sort),
    [props.fetchRows, sort],
  );
  const queryKey = JSON.stringify([props.dataKey, filter, search, sort, selected]);
  const windows = useRowWindows(fetchBlock, queryKey);

  const { scrollRef, virtualizer, geometry } = useScaledVirtualizer(selected, props.initialHeight);

  // A new question starts at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolling back is the effect of the query changing
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [filter, search, sort, props.dataKey]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => windows.request(first, last), [windows, first, last]);

  const slots: EventSlot[] = items.map((item) => ({ index: item.index, event: windows.row(item.index) }));
  const table = useEventTableModel(props, slots);

  const widths = table
    .getAllLeafColumns()
    .map((c) => (c.columnDef.meta as EventColumnMeta | undefined)?.width ?? 120);
  const template = widths.map((w) => `${w}px`).join(' ');
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const scrollOffset = virtualizer.scrollOffset ?? 0;
  const scrollTop = scrollOffset / geometry.scale;

  return (
    <section className="event-table panel" aria-label="Events">
      <div className="event-table-toolbar">
        <h2 className="event-count" aria-live="polite">
          {formatCount(selected)} of {formatCount(total)} events
        </h2>
        <span className="inline-field">
          <label htmlFor={searchId}>Search</label>
          <DebouncedInput
            id={searchId}
            type="search"
            placeholder="device, code, message, model, server…"
            value={search}
            onCommit={(v) => table.setGlobalFilter(v)}
          />
        </span>
      </div>
      <section
        ref={scrollRef}
        className="event-scroll"
        aria-label="Event list, scrollable"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the event list with the arrow keys
        tabIndex={0}
      >
        <table aria-label="Events" aria-rowcount={selected + 1} style={{ width: tableWidth }}>
          <EventTableHead
            table={table}
            template={template}
            fetchDimensionValues={props.fetchDimensionValues}
          />
          <EventRows
            table={table}
            items={items}
            template={template}
            scrollTop={scrollTop}
            geometry={geometry}
          />
        </table>
        {selected === 0 && <p className="chart-empty">No events match the current filters.</p>}
      </section>
    </section>
  );
}

/** The table over the visible slots; its sorting and column filters are the view's, read and written back. */
function useEventTableModel(props: EventTableProps, slots: EventSlot[]) {
  const { dimensionNames, filter, search, sort, onDevice, onSort, onFilterChange, onSearch } = props;
  const onDeviceRef = useRef(onDevice);
  onDeviceRef.current = onDevice;
  const columns = useMemo(
    () =>
      eventColumns(dimensionNames, (device) => (
        <button type="button" className="link-button" onClick={() => onDeviceRef.current(device)}>
          {visibleText(device)}
        </button>
      )),
    [dimensionNames],
  );

  const sorting = useMemo(() => sortToState(sort, dimensionNames), [sort, dimensionNames]);
  const columnFilters = useMemo(() => filterToColumnFilters(filter), [filter]);

  return useTable({
    features: eventTableFeatures,
    columns,
    data: slots,
    getRowId: (slot) => String(slot.index),
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: true,
    enableMultiSort: false,
    sortDescFirst: false,
    state: { sorting, columnFilters, globalFilter: search },
    onSortingChange: (updater: Updater<SortingState>) => onSort(stateToSort(resolve(updater, sorting))),
    onColumnFiltersChange: (updater: Updater<ColumnFiltersState>) =>
      onFilterChange(columnFiltersToFilter(filter, resolve(updater, columnFilters))),
    onGlobalFilterChange: (updater: Updater<unknown>) => onSearch(String(resolve(updater, search) ?? '')),
  });
}

/** The rows on screen, each placed at its offset in the (possibly scaled) scroll area; '…' until it arrives. */
function EventRows({
  table,
  items,
  template,
  scrollTop,
  geometry,
}: {
  table: ReactTable<typeof eventTableFeatures, EventSlot>;
  items: readonly VirtualItem[];
  template: string;
  scrollTop: number;
  geometry: ScrollGeometry;
}) {
  return (
    <tbody className="event-body" style={{ height: geometry.spacerHeight }}>
      {table.getRowModel().rows.map((row, i) => {
        const item = items[i];
        if (item === undefined) return null;
        const event = row.original.event;
        return (
          <tr
            key={row.id}
            aria-rowindex={item.index + 2}
            className={`event-row${event === undefined ? ' is-loading' : ''}${event?.outcome === 'failure' ? ' is-failure' : ''}`}
            style={{
              gridTemplateColumns: template,
              transform: `translateY(${rowTop(item.start, scrollTop, geometry.scale)}px)`,
              height: ROW_HEIGHT,
            }}
          >
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className="event-td">
                {event !== undefined ? (
                  <table.FlexRender cell={cell} />
                ) : cell.column.id === 'time' ? (
                  '…'
                ) : (
                  ''
                )}
              </td>
            ))}
          </tr>
        );
      })}
    </tbody>
  );
}
