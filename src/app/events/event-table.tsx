import type { ColumnFiltersState, SortingState, Updater } from '@tanstack/react-table';
import { useTable } from '@tanstack/react-table';
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  useVirtualizer,
} from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Filter } from '../../dataset/query-types.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import type { RowsWindow, SortSpec } from '../../worker/dataset-protocol.ts';
import { DebouncedInput } from '../debounced-input.tsx';
import { columnFiltersToFilter, filterToColumnFilters } from '../filter-fields.ts';
import { formatCount, formatDimensionValue } from '../format.ts';
import type { EventColumnMeta, EventSlot } from './event-columns.tsx';
import { eventColumns, eventTableFeatures, sortToState, stateToSort } from './event-columns.tsx';
import { rowTop, scrollGeometry } from './scaled-scroll.ts';
import { useRowWindows } from './use-row-windows.ts';

export const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 64;

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
  const { selected, total, dimensionNames, filter, search, sort, onDevice } = props;
  const searchId = useId();
  const scrollRef = useRef<HTMLElement>(null);
  const [viewport, setViewport] = useState(props.initialHeight ?? 600);

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

  // Rows come from the worker in blocks of the sorted selection.
  const fetchBlock = useCallback(
    (offset: number, limit: number) => props.fetchRows(offset, limit, sort),
    [props.fetchRows, sort],
  );
  const queryKey = JSON.stringify([props.dataKey, filter, search, sort, selected]);
  const windows = useRowWindows(fetchBlock, queryKey);

  const geometry = scrollGeometry(selected, ROW_HEIGHT, viewport - HEADER_HEIGHT);
  const scaleRef = useRef(geometry.scale);
  scaleRef.current = geometry.scale;

  const initialRect = { width: 1200, height: props.initialHeight ?? 600 };
  const virtualizer = useVirtualizer({
    count: selected,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect,
    // An element not laid out yet (or in jsdom) measures 0 × 0: keep the initial size rather than render no rows.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : initialRect)),
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => cb(offset * scaleRef.current, isScrolling)),
    scrollToFn: (offset, options, instance) => elementScroll(offset / scaleRef.current, options, instance),
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || viewport));
    observer.observe(el);
    return () => observer.disconnect();
  }, [viewport]);

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

  const table = useTable({
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
    onSortingChange: (updater: Updater<SortingState>) => props.onSort(stateToSort(resolve(updater, sorting))),
    onColumnFiltersChange: (updater: Updater<ColumnFiltersState>) =>
      props.onFilterChange(columnFiltersToFilter(filter, resolve(updater, columnFilters))),
    onGlobalFilterChange: (updater: Updater<unknown>) =>
      props.onSearch(String(resolve(updater, search) ?? '')),
  });

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
          <thead className="event-head" style={{ height: HEADER_HEIGHT }}>
            {table.getHeaderGroups().map((group) => (
              <tr
                key={group.id}
                aria-rowindex={1}
                className="event-row"
                style={{ gridTemplateColumns: template }}
              >
                {group.headers.map((header) => {
                  const column = header.column;
                  const sorted = column.getIsSorted();
                  const meta = column.columnDef.meta as EventColumnMeta | undefined;
                  const title = String(column.columnDef.header ?? column.id);
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                      className="event-th"
                    >
                      {column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={column.getToggleSortingHandler()}
                        >
                          {title}
                          <span aria-hidden="true">
                            {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                          </span>
                        </button>
                      ) : (
                        <span className="th-title">{title}</span>
                      )}
                      <ColumnFilterInput
                        title={title}
                        meta={meta}
                        value={column.getFilterValue()}
                        onChange={(v) => column.setFilterValue(v)}
                        fetchDimensionValues={props.fetchDimensionValues}
                      />
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
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
        </table>
        {selected === 0 && <p className="chart-empty">No events match the current filters.</p>}
      </section>
    </section>
  );
}

function ColumnFilterInput({
  title,
  meta,
  value,
  onChange,
  fetchDimensionValues,
}: {
  title: string;
  meta: EventColumnMeta | undefined;
  value: unknown;
  onChange(value: unknown): void;
  fetchDimensionValues(name: string): Promise<string[]>;
}) {
  const label = `Filter ${title}`;
  const filter = meta?.filter ?? { kind: 'none' };
  if (filter.kind === 'none') return <span className="th-filter-none" />;
  if (filter.kind === 'text' || filter.kind === 'codes') {
    return (
      <DebouncedInput
        className="th-filter"
        aria-label={label}
        placeholder={filter.kind === 'codes' ? 'e.g. 1404' : filter.placeholder}
        value={typeof value === 'string' ? value : ''}
        onCommit={(v) => onChange(v.trim() === '' ? undefined : v)}
      />
    );
  }
  if (filter.kind === 'choice') {
    return <ChoiceFilter label={label} options={filter.options} value={value} onChange={onChange} />;
  }
  return (
    <DimensionFilter
      label={label}
      name={filter.name}
      value={value}
      onChange={onChange}
      fetch={fetchDimensionValues}
    />
  );
}

// Option values carry a prefix so that a real value '' (empty dimension) differs from "All".
const ALL = '';
const MANY = '*';

function ChoiceFilter({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: string; label: string }[];
  value: unknown;
  onChange(value: unknown): void;
}) {
  const values = Array.isArray(value) ? (value as string[]) : [];
  const current = values.length === 0 ? ALL : values.length === 1 ? `=${values[0] ?? ''}` : MANY;
  return (
    <select
      className="th-filter"
      aria-label={label}
      value={current}
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (v !== MANY) onChange(v === ALL ? undefined : [v.slice(1)]);
      }}
    >
      <option value={ALL}>All</option>
      {values.length > 1 && <option value={MANY}>{values.length} selected</option>}
      {options.map((o) => (
        <option key={o.value} value={`=${o.value}`}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function DimensionFilter({
  label,
  name,
  value,
  onChange,
  fetch,
}: {
  label: string;
  name: string;
  value: unknown;
  onChange(value: unknown): void;
  fetch(name: string): Promise<string[]>;
}) {
  const [options, setOptions] = useState<string[] | null>(null);
  const load = () => {
    if (options === null) fetch(name).then(setOptions, () => setOptions([]));
  };
  const values = Array.isArray(value) ? (value as string[]) : [];
  // Show the chosen values even before the list has arrived.
  const shown = [...new Set([...values, ...(options ?? [])])];
  return (
    <ChoiceFilterWithLoad
      label={label}
      options={shown.map((v) => ({ value: v, label: formatDimensionValue(v) }))}
      value={value}
      onChange={onChange}
      onOpen={load}
    />
  );
}

function ChoiceFilterWithLoad(props: {
  label: string;
  options: { value: string; label: string }[];
  value: unknown;
  onChange(value: unknown): void;
  onOpen(): void;
}) {
  return (
    <span onFocusCapture={props.onOpen} onPointerDownCapture={props.onOpen}>
      <ChoiceFilter
        label={props.label}
        options={props.options}
        value={props.value}
        onChange={props.onChange}
      />
    </span>
  );
}
