/**
 * One table of filter fields: every field written to the URL comes back from it, shows chips that remove
 * it, and (where a table column edits it) shows in that column's filter and comes back from it.
 */
import { describe, expect, it } from 'vitest';
import { eventColumns, sortToState } from '../../src/app/events/event-columns.tsx';
import type { FilterValue } from '../../src/app/filter-field-kinds.ts';
import {
  columnFilterKind,
  columnFiltersToFilter,
  facetLists,
  filterChips,
  filterToColumnFilters,
} from '../../src/app/filter-fields.ts';
import { addToFilter, removeFromFilter } from '../../src/app/filter-model.ts';
import { fitViewToDimensions, hashToView, INITIAL_VIEW, viewToHash } from '../../src/app/view-state.ts';
import { EVENT_COLUMNS } from '../../src/dataset/event-columns.ts';
import type { Filter } from '../../src/dataset/query-types.ts';

const MAY_1 = Date.UTC(2024, 4, 1);
const MAY_2 = Date.UTC(2024, 4, 2);

/** One filter per field of the vocabulary, each with the column filter that shows it (null: none). */
const ONE_FIELD: { filter: Filter; column: { id: string; value: unknown } | null }[] = [
  { filter: { codes: [1405, -3] }, column: { id: 'code', value: '1405, -3' } },
  { filter: { categories: ['client_error'] }, column: { id: 'category', value: ['client_error'] } },
  { filter: { outcomes: ['failure'] }, column: null },
  {
    filter: { stages: ['download', 'validation'] },
    column: { id: 'stage', value: ['download', 'validation'] },
  },
  { filter: { causes: ['network'] }, column: { id: 'cause', value: ['network'] } },
  {
    filter: { dimensions: [{ name: 'model', values: ['X100', ''] }] },
    column: { id: 'dim:model', value: ['X100', ''] },
  },
  { filter: { device: 'dev-0' }, column: { id: 'device', value: 'dev-0' } },
  { filter: { timeFrom: MAY_1, timeTo: MAY_2 }, column: null },
];

describe('filter fields', () => {
  it.each(ONE_FIELD)('$filter: URL, chips and column filter agree', ({ filter, column }) => {
    const view = { ...INITIAL_VIEW, filter };
    expect(hashToView(viewToHash(view))).toEqual(view);

    const chips = filterChips(filter);
    expect(chips.length).toBeGreaterThan(0);
    expect(new Set(chips.map((c) => c.key)).size).toBe(chips.length);
    expect(chips.reduce((f, chip) => removeFromFilter(f, chip.value), filter)).toEqual({});

    expect(filterToColumnFilters(filter)).toEqual(column === null ? [] : [column]);
    // the table writes back what it shows, and leaves a field it does not show alone
    expect(columnFiltersToFilter({}, filterToColumnFilters(filter))).toEqual(column === null ? {} : filter);
    expect(columnFiltersToFilter(filter, [])).toEqual(column === null ? filter : {});
  });

  it('reads a link written before the table of fields, and writes one that reads the same', () => {
    // as the page wrote it: filter fields after the view's, dimensions last
    const old =
      '#view=events&dim=firmware&sort=-time&q=cdn+b&history=dev-002&code=1405%2C1505&category=client_error' +
      '&outcome=failure&stage=download&cause=network&device=dev-0&from=2024-05-01T00%3A00%3A00.000Z' +
      '&to=2024-05-02T00%3A00%3A00.000Z&d.model=X100&d.model=a%2Cb%26c&d.region=';
    const view = hashToView(old);
    expect(view).toEqual({
      filter: {
        codes: [1405, 1505],
        categories: ['client_error'],
        outcomes: ['failure'],
        stages: ['download'],
        causes: ['network'],
        device: 'dev-0',
        timeFrom: MAY_1,
        timeTo: MAY_2,
        dimensions: [
          { name: 'model', values: ['X100', 'a,b&c'] },
          { name: 'region', values: [''] },
        ],
      },
      search: 'cdn b',
      dimension: 'firmware',
      tab: 'events',
      sort: { column: 'time', desc: true },
      device: 'dev-002',
      verdict: null,
      zoom: [],
    });
    const again = viewToHash(view);
    expect(new Set(new URLSearchParams(again.slice(1)))).toEqual(new Set(new URLSearchParams(old.slice(1))));
    expect(hashToView(again)).toEqual(view);
  });

  it('gives each built-in column the filter control of the field it edits', () => {
    expect(columnFilterKind('code')).toEqual({ kind: 'codes' });
    expect(columnFilterKind('device')).toEqual({ kind: 'text', placeholder: 'contains…' });
    expect(columnFilterKind('stage')).toMatchObject({
      kind: 'choice',
      options: expect.arrayContaining([{ value: 'download', label: 'Download' }]),
    });
    for (const id of ['time', 'message', 'count'] as const)
      expect(columnFilterKind(id)).toEqual({ kind: 'none' });
  });
});

describe('EVENT_COLUMNS', () => {
  it('is the table’s built-in columns, in order, before the dimensions', () => {
    const ids = eventColumns(['model', 'time'], () => null).map((c) => c.id);
    expect(ids).toEqual([...EVENT_COLUMNS, 'dim:model', 'dim:time']);
  });

  it('is the sort columns a restored view keeps whatever the data', () => {
    for (const column of EVENT_COLUMNS) {
      const view = hashToView(`#sort=-${column}`);
      expect(fitViewToDimensions(view, []).sort).toEqual({ column, desc: true });
      expect(sortToState(view.sort, [column])).toEqual([{ id: column, desc: true }]);
    }
    expect(fitViewToDimensions(hashToView('#sort=firmware'), []).sort).toBeNull();
    expect(sortToState({ column: 'firmware', desc: false }, ['firmware'])).toEqual([
      { id: 'dim:firmware', desc: false },
    ]);
  });
});

describe('the facet lists, read through the same table', () => {
  it("turns each facet's values into filter values, labels and chip names, and adds them as chips", () => {
    const counts = { operations: 3, failures: 1, inProgress: 0 };
    const lists = facetLists([
      { field: 'codes', dimension: null, values: [{ value: '1404', ...counts }], distinct: 1 },
      {
        field: 'outcomes',
        dimension: null,
        values: [
          { value: 'failure', ...counts },
          { value: 'nope', ...counts },
        ],
        distinct: 2,
      },
      { field: 'dimension', dimension: '__proto__', values: [{ value: '', ...counts }], distinct: 5 },
    ]);
    expect(lists.map((l) => [l.key, l.title, l.distinct])).toEqual([
      ['codes', 'Code', 1],
      ['outcomes', 'Outcome', 2],
      ['dim:__proto__', '__proto__', 5],
    ]);
    // a value the vocabulary does not know is dropped, never trusted
    expect(lists.map((l) => l.entries.map((e) => [e.label, e.chip]))).toEqual([
      [['1404', 'Code 1404']],
      [['Failure', 'Outcome: Failure']],
      [['(none)', '__proto__: (none)']],
    ]);
    const entries = lists.flatMap((l) => l.entries);
    const filter = entries.reduce<Filter>(
      (f, e, i) => addToFilter(f, { ...e.value, not: i === 1 } as FilterValue),
      {},
    );
    expect(filter).toEqual({
      codes: [1404],
      dimensions: [{ name: '__proto__', values: [''] }],
      not: { outcomes: ['failure'] },
    });
    expect(filterChips(filter).map((c) => c.label)).toEqual([
      'Code 1404',
      'NOT Outcome: Failure',
      '__proto__: (none)',
    ]);
  });
});
