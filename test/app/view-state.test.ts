import { describe, expect, it } from 'vitest';
import { MAX_SPACER_PX, rowTop, scrollGeometry } from '../../src/app/events/scaled-scroll.ts';
import type { FilterValue } from '../../src/app/filter-field-kinds.ts';
import { filterChips } from '../../src/app/filter-fields.ts';
import { addToFilter, removeFromFilter, setFieldValues } from '../../src/app/filter-model.ts';
import type { ViewState } from '../../src/app/view-state.ts';
import { fitViewToDimensions, hashToView, INITIAL_VIEW, viewToHash } from '../../src/app/view-state.ts';

describe('URL hash', () => {
  it('round-trips filters, search, dimension, sort, tab, device, verdict and zoom stack', () => {
    const view: ViewState = {
      filter: {
        codes: [1405, 1505],
        categories: ['client_error'],
        stages: ['download'],
        causes: ['network'],
        device: 'dev-0',
        dimensions: [
          { name: 'model', values: ['X100', 'a,b&c'] },
          { name: 'region', values: [''] },
        ],
        timeFrom: Date.UTC(2024, 4, 1),
        timeTo: Date.UTC(2024, 4, 2),
      },
      search: 'cdn b',
      dimension: 'firmware',
      tab: 'events',
      sort: { column: 'time', desc: true },
      device: 'dev-002',
      verdict: 'never_succeeded',
      zoom: [null, { from: Date.UTC(2024, 3, 1), to: Date.UTC(2024, 5, 1) }],
    };
    expect(hashToView(viewToHash(view))).toEqual(view);
    expect(hashToView('#verdict=retry').verdict).toBe('retry');
    expect(viewToHash(INITIAL_VIEW)).toBe('');
  });

  it('round-trips excluded (NOT) values of every list field and dimension, in a readable form', () => {
    const view: ViewState = {
      ...INITIAL_VIEW,
      filter: {
        codes: [1405],
        outcomes: ['failure'],
        not: {
          codes: [1404, 1406],
          families: ['hawkbit'],
          statuses: ['error'],
          categories: ['client_error'],
          outcomes: ['in_progress'],
          stages: ['download'],
          causes: ['network'],
          dimensions: [
            { name: 'model', values: ['X100', 'a,b&c'] },
            { name: 'region', values: [''] },
          ],
        },
      },
    };
    const hash = viewToHash(view);
    expect(hashToView(hash)).toEqual(view);
    const params = new URLSearchParams(hash.slice(1));
    expect(params.get('-code')).toBe('1404,1406');
    expect(params.getAll('-d.model')).toEqual(['X100', 'a,b&c']);
    expect(hash).toContain('&-code=1404%2C1406');
    // the include and the exclude of one field are separate keys
    expect(hashToView('#code=1200&-code=1404').filter).toEqual({ codes: [1200], not: { codes: [1404] } });
    expect(hashToView('#-code=x,&-outcome=nope').filter).toEqual({});
  });

  it('drops what it does not understand instead of trusting it', () => {
    const view = hashToView('#code=14x,1402&category=nope,success&view=admin&stage=&verdict=__proto__');
    expect(view.filter).toEqual({ codes: [1402], categories: ['success'] });
    expect(view.verdict).toBeNull();
    expect(view.tab).toBe('overview');
  });

  it('keeps hostile dimension names as data', () => {
    const view = hashToView('#d.__proto__=x&d.constructor=y');
    expect(view.filter.dimensions).toEqual([
      { name: '__proto__', values: ['x'] },
      { name: 'constructor', values: ['y'] },
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('fits a restored view to the loaded data', () => {
    const view = hashToView('#d.model=X100&d.gone=1&-d.gone=2&-d.region=eu&dim=gone&sort=gone');
    const fitted = fitViewToDimensions(view, ['region', 'model']);
    expect(fitted.filter.dimensions).toEqual([{ name: 'model', values: ['X100'] }]);
    expect(fitted.filter.not).toEqual({ dimensions: [{ name: 'region', values: ['eu'] }] });
    expect(fitViewToDimensions(hashToView('#-d.gone=2'), ['model']).filter).toEqual({});
    expect(fitted.dimension).toBe('model');
    expect(fitted.sort).toBeNull();
  });
});

describe('cross-filter chips', () => {
  it('adds values (OR within a field) and removes them one by one', () => {
    let f = addToFilter({}, { field: 'codes', value: 1405 });
    f = addToFilter(f, { field: 'codes', value: 1505 });
    f = addToFilter(f, { field: 'dimension', name: 'model', value: 'X100' });
    expect(filterChips(f).map((c) => c.label)).toEqual(['Code 1405', 'Code 1505', 'model: X100']);
    f = removeFromFilter(f, { field: 'codes', value: 1405 });
    f = removeFromFilter(f, { field: 'dimension', name: 'model', value: 'X100' });
    expect(f).toEqual({ codes: [1505] });
  });

  it('shows an excluded value as a NOT chip, and moves a value between include and exclude', () => {
    let f = addToFilter({}, { field: 'codes', value: 1404, not: true });
    f = addToFilter(f, { field: 'dimension', name: 'model', value: 'X100', not: true });
    f = addToFilter(f, { field: 'outcomes', value: 'failure' });
    expect(filterChips(f).map((c) => [c.label, c.negated])).toEqual([
      ['NOT Code 1404', true],
      ['Outcome: Failure', false],
      ['NOT model: X100', true],
    ]);
    // including an excluded value takes it off the excludes
    f = addToFilter(f, { field: 'codes', value: 1404 });
    expect(f).toEqual({
      codes: [1404],
      outcomes: ['failure'],
      not: { dimensions: [{ name: 'model', values: ['X100'] }] },
    });
    f = removeFromFilter(f, { field: 'dimension', name: 'model', value: 'X100', not: true });
    expect(f).toEqual({ codes: [1404], outcomes: ['failure'] });
  });

  it('the chip editor sets one side of a field anew; the other side keeps its other values', () => {
    const f = addToFilter(addToFilter({}, { field: 'codes', value: 1404 }), {
      field: 'codes',
      value: 1406,
      not: true,
    });
    const ref = { field: 'codes' } as const;
    const values = [1406, 1502].map((value) => ({ field: 'codes' as const, value }));
    // the NOT chip's values made includes: 1406 moves over, 1404 stays
    expect(setFieldValues(f, ref, { from: true, to: false }, values)).toEqual({ codes: [1404, 1406, 1502] });
    // the include chip's values made excludes
    expect(setFieldValues(f, ref, { from: false, to: true }, [values[1] as FilterValue])).toEqual({
      not: { codes: [1406, 1502] },
    });
    expect(setFieldValues(f, ref, { from: false, to: false }, [])).toEqual({ not: { codes: [1406] } });
    const dim = { field: 'dimension', name: 'model' } as const;
    const g = setFieldValues({ codes: [1] }, dim, { from: false, to: true }, [
      { field: 'dimension', name: 'model', value: '' },
    ]);
    expect(g).toEqual({ codes: [1], not: { dimensions: [{ name: 'model', values: [''] }] } });
  });
});

describe('scaled scrolling for a million rows', () => {
  it('leaves small lists alone', () => {
    expect(scrollGeometry(1000, 30, 600)).toEqual({ contentHeight: 30_000, spacerHeight: 30_000, scale: 1 });
  });

  it('compresses a million rows under the browser height cap and still reaches the last row', () => {
    const viewport = 600;
    const g = scrollGeometry(1_000_000, 30, viewport);
    expect(g.spacerHeight).toBe(MAX_SPACER_PX);
    const maxScrollTop = g.spacerHeight - viewport;
    const virtualTop = maxScrollTop * g.scale;
    // At the bottom of the scrollbar the last row ends exactly at the bottom of the viewport…
    const lastStart = (1_000_000 - 1) * 30;
    expect(virtualTop + viewport).toBeCloseTo(lastStart + 30, 3);
    // …and is drawn inside the spacer, within the visible band.
    const top = rowTop(lastStart, maxScrollTop, g.scale);
    expect(top).toBeGreaterThanOrEqual(maxScrollTop);
    expect(top + 30).toBeLessThanOrEqual(g.spacerHeight + 1e-6);
  });
});
