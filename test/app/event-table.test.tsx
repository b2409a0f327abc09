// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventTable, type EventTableProps } from '../../src/app/events/event-table.tsx';
import { installResizeObserver, loadedService } from './dashboard-fixture.ts';

beforeEach(installResizeObserver);
afterEach(cleanup);

async function setup(overrides: Partial<EventTableProps> = {}) {
  const { service, info } = await loadedService();
  const props: EventTableProps = {
    selected: 18,
    total: 18,
    dimensionNames: info.dimensionNames,
    filter: {},
    search: '',
    sort: null,
    dataKey: '1',
    onFilterChange: vi.fn(),
    onSearch: vi.fn(),
    onSort: vi.fn(),
    onDevice: vi.fn(),
    fetchRows: (offset, limit, sort) =>
      service.handle('rows', { filter: {}, search: '', sort, offset, limit }, () => undefined),
    fetchDimensionValues: (name) => service.handle('dimensionValues', { name, limit: 50 }, () => undefined),
    initialHeight: 800,
    ...overrides,
  };
  render(<EventTable {...props} />);
  return props;
}

describe('EventTable', () => {
  it('shows "N of M events" and the rows fetched from the worker, with catalog columns', async () => {
    await setup({ selected: 18, total: 20 });
    expect(screen.getByRole('heading', { name: '18 of 20 events' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Events' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers.slice(0, 8).map((h) => h?.replace(/(All|contains…|e.g. 1404).*$/, ''))).toEqual([
      'Time (UTC)',
      'Device',
      'Code',
      'Message',
      'Category',
      'Stage',
      'Likely cause',
      'Count',
    ]);
    expect(await within(table).findByText('2024-05-01 08:05 UTC')).toBeTruthy();
    const row = within(table).getByText('2024-05-01 08:05 UTC').closest('tr');
    expect(row?.textContent).toContain('1405');
    expect(row?.textContent).toContain('Install Failed');
    expect(row?.getAttribute('aria-rowindex')).toBe('3');
  });

  it('sorts through the worker, filters columns into the Filter and searches', async () => {
    const props = await setup();
    await userEvent.click(screen.getByRole('button', { name: 'Code' }));
    expect(props.onSort).toHaveBeenCalledWith({ column: 'code', desc: false });

    await userEvent.selectOptions(screen.getByLabelText('Filter Stage'), 'Download');
    expect(props.onFilterChange).toHaveBeenCalledWith({ stages: ['download'] });

    await userEvent.type(screen.getByLabelText('Filter Code'), '1405{Enter}');
    expect(props.onFilterChange).toHaveBeenLastCalledWith({ codes: [1405] });

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'cdn-b{Enter}');
    expect(props.onSearch).toHaveBeenLastCalledWith('cdn-b');
  });

  it('opens a device’s history from its cell', async () => {
    const props = await setup();
    const buttons = await screen.findAllByRole('button', { name: 'dev-002' });
    await userEvent.click(buttons[0] as HTMLElement);
    expect(props.onDevice).toHaveBeenCalledWith('dev-002');
  });

  it('keeps the DOM small for a million rows', async () => {
    const fetchRows = vi.fn(async (offset: number, _limit: number) => ({
      offset,
      total: 1_000_000,
      rows: [],
    }));
    await setup({ selected: 1_000_000, total: 1_000_000, fetchRows });
    const table = screen.getByRole('table', { name: 'Events' });
    expect(table.getAttribute('aria-rowcount')).toBe('1000001');
    expect(table.querySelectorAll('tbody tr').length).toBeLessThan(80);
    expect(fetchRows).toHaveBeenCalledWith(0, 200, null);
  });
});
