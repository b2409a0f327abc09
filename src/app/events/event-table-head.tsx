import type { ReactTable } from '@tanstack/react-table';
import { ColumnFilterInput } from './column-filter-input.tsx';
import type { EventColumnMeta, EventSlot, eventTableFeatures } from './event-columns.tsx';

export const HEADER_HEIGHT = 64;

/** The header row: each column's title (a sort button where it sorts) and its filter control. */
export function EventTableHead({
  table,
  template,
  fetchDimensionValues,
}: {
  table: ReactTable<typeof eventTableFeatures, EventSlot>;
  /** The grid's column widths, shared with the body rows. */
  template: string;
  fetchDimensionValues(name: string): Promise<string[]>;
}) {
  return (
    <thead className="event-head" style={{ height: HEADER_HEIGHT }}>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id} aria-rowindex={1} className="event-row" style={{ gridTemplateColumns: template }}>
          {group.headers.map((header) => {
            const column = header.column;
            const sorted = column.getIsSorted();
            const meta = column.columnDef.meta as EventColumnMeta | undefined;
            const title = String(column.columnDef.header ?? column.id);
            return (
              <th
                key={header.id}
                scope="col"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                className="event-th"
              >
                {column.getCanSort() ? (
                  <button type="button" className="sort-button" onClick={column.getToggleSortingHandler()}>
                    {title}
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                ) : (
                  <span className="th-title">{title}</span>
                )}
                <ColumnFilterInput
                  title={title}
                  meta={meta}
                  value={column.getFilterValue()}
                  onChange={(v) => column.setFilterValue(v)}
                  fetchDimensionValues={fetchDimensionValues}
                />
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}
