// @vitest-environment jsdom
/**
 * Column names come from the user's files. A dimension called like a property every object inherits
 * (`constructor`, `toString`, `__proto__`, …) is filtered on, shown and removed like any other.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/app.tsx';
import { setDimensionFilter } from '../../src/app/filter-field-kinds.ts';
import { columnFiltersToFilter, filterChips, filterToColumnFilters } from '../../src/app/filter-fields.ts';
import { addToFilter, removeFromFilter } from '../../src/app/filter-model.ts';
import { fitViewToDimensions, hashToView, INITIAL_VIEW, viewToHash } from '../../src/app/view-state.ts';
import {
  dashboardFor,
  inProcessClient,
  installResizeObserver,
  loadedService,
  SMALL_CSV,
} from './dashboard-fixture.ts';

/** The reference answer, from the fixture as it is (its column named `model`). */
async function euX100Rows(): Promise<number> {
  const { service } = await loadedService();
  const filter = {
    dimensions: [
      { name: 'region', values: ['eu'] },
      { name: 'model', values: ['X100'] },
    ],
  };
  const rows = (await dashboardFor(service, { filter })).selectedRows;
  expect(rows).toBeGreaterThan(0);
  return rows;
}

const HOSTILE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

/** The fixture with its `model` column renamed. */
function fixtureWithModelNamed(name: string): string {
  return SMALL_CSV.replace(/^(\w+,\w+,)model,/, `$1${name},`);
}

describe.each(HOSTILE_NAMES)('a dimension named %s', (name) => {
  it('is added to the filter, shown as chips and removed again', () => {
    // another dimension's filter first: then the hostile name is looked up in a filter that has one
    let filter = addToFilter({}, { field: 'dimension', name: 'region', value: 'eu' });
    filter = addToFilter(filter, { field: 'dimension', name, value: 'X100' });
    filter = addToFilter(filter, { field: 'dimension', name, value: 'X200' });
    expect(filterChips(filter).map((c) => c.label)).toEqual(['region: eu', `${name}: X100`, `${name}: X200`]);
    filter = removeFromFilter(filter, { field: 'dimension', name, value: 'X100' });
    expect(filterChips(filter).map((c) => c.label)).toEqual(['region: eu', `${name}: X200`]);
    filter = removeFromFilter(filter, { field: 'dimension', name, value: 'X200' });
    filter = removeFromFilter(filter, { field: 'dimension', name: 'region', value: 'eu' });
    expect(filterChips(filter)).toEqual([]);
    expect(filter).toEqual({});
  });

  it('round-trips through the URL hash and survives fitting to the loaded columns', () => {
    const filter = addToFilter({}, { field: 'dimension', name, value: 'X100' });
    const view = { ...INITIAL_VIEW, filter };
    const back = hashToView(viewToHash(view));
    expect(back.filter).toEqual(filter);
    expect(filterChips(back.filter).map((c) => c.label)).toEqual([`${name}: X100`]);
    expect(fitViewToDimensions(back, [name]).filter).toEqual(filter);
    expect(filterChips(fitViewToDimensions(back, ['model']).filter)).toHaveLength(0);
    expect(filterChips(hashToView(`#d.${name}=a&d.${name}=b`).filter)).toHaveLength(2);
  });

  it('is a table column filter like any other', () => {
    const filter = setDimensionFilter(setDimensionFilter({}, 'region', ['eu']), name, ['X100']);
    const columns = filterToColumnFilters(filter);
    expect(columns).toEqual([
      { id: 'dim:region', value: ['eu'] },
      { id: `dim:${name}`, value: ['X100'] },
    ]);
    const cleared = columnFiltersToFilter(filter, []);
    expect(filterChips(cleared)).toEqual([]);
    const changed = columnFiltersToFilter(filter, [{ id: `dim:${name}`, value: ['X200'] }]);
    expect(filterChips(changed).map((c) => c.label)).toEqual([`${name}: X200`]);
  });

  it('narrows the selection in the worker', async () => {
    const { service } = await loadedService(fixtureWithModelNamed(name));
    const region = addToFilter({}, { field: 'dimension', name: 'region', value: 'eu' });
    const filter = addToFilter(region, { field: 'dimension', name, value: 'X100' });
    const data = await dashboardFor(service, { filter, dimension: name });
    expect(data.selectedRows).toBe(await euX100Rows());
    expect(data.dimension?.name).toBe(name);
  });
});

describe('the page with a dimension named like an object property', () => {
  beforeEach(() => {
    installResizeObserver();
    history.replaceState(null, '', '/');
  });
  afterEach(cleanup);

  it.each(HOSTILE_NAMES)('filters on %s from its chart and shows the chip', async (name) => {
    // a filter on another dimension is active (restored from a shared link)
    history.replaceState(null, '', '/#d.region=eu');
    render(<App client={inProcessClient()} />);
    await userEvent.upload(
      screen.getByLabelText('Upload logs'),
      new File([fixtureWithModelNamed(name)], 'hostile.csv', { type: 'text/csv' }),
    );
    const chart = await screen.findByRole('figure', { name: `Failure rate by ${name}` }, { timeout: 10_000 });
    await userEvent.click(within(chart).getByText('Data table'));
    await userEvent.click(within(chart).getByRole('button', { name: `Filter by ${name} X100` }));
    const chips = screen.getByRole('region', { name: 'Active filters' });
    expect(await within(chips).findByText(`${name}: X100`)).toBeTruthy();
    const rows = await euX100Rows();
    await vi.waitFor(() =>
      expect(screen.getByRole('region', { name: 'Summary' }).textContent).toContain(`${rows} of 18`),
    );
    await userEvent.click(screen.getByRole('button', { name: `Remove filter ${name}: X100` }));
    await vi.waitFor(() => expect(within(chips).queryByText(`${name}: X100`)).toBeNull());
  });
});
