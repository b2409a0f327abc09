import { describe, expect, it } from 'vitest';
import {
  MAX_SAVED_VIEWS,
  readSavedViews,
  renamedView,
  SAVED_VIEWS_KEY,
  SAVED_VIEWS_VERSION,
  type SavedView,
  withoutView,
  withView,
  writeSavedViews,
} from '../../src/app/saved-views.ts';
import { hashToView, missingFields, viewToHash } from '../../src/app/view-state.ts';

/** A Storage of one map, as localStorage behaves (strings in, strings out). */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => {
      map.set(key, String(value));
    },
    map,
  };
}

const VIEW: SavedView = {
  name: 'Kestrel OOM',
  hash: '#view=triage&code=1404',
  savedAt: '2026-10-02T08:00:00.000Z',
};

describe('saved views store', () => {
  it('reads back what it wrote, under a versioned key', () => {
    const storage = memoryStorage();
    expect(writeSavedViews(storage, [VIEW])).toBeNull();
    expect(SAVED_VIEWS_KEY).toMatch(/v1$/);
    expect(JSON.parse(storage.map.get(SAVED_VIEWS_KEY) ?? '')).toEqual({
      version: SAVED_VIEWS_VERSION,
      views: [VIEW],
    });
    expect(readSavedViews(storage)).toEqual({ views: [VIEW], problem: null });
  });

  it('has nothing to say when nothing is stored', () => {
    expect(readSavedViews(memoryStorage())).toEqual({ views: [], problem: null });
    expect(readSavedViews(null)).toEqual({ views: [], problem: null });
  });

  it.each([
    ['not JSON', '{"version":1,"views":[', /damaged \(not JSON\)/],
    ['another version', JSON.stringify({ version: 2, views: [VIEW] }), /does not read \(version 2\)/],
    ['an array', JSON.stringify([VIEW]), /does not read and were ignored/],
    ['views that are not a list', JSON.stringify({ version: 1, views: { a: VIEW } }), /does not read/],
    ['null', 'null', /does not read/],
  ])('ignores stored data that is %s, and says so', (_what, text, problem) => {
    const read = readSavedViews(memoryStorage({ [SAVED_VIEWS_KEY]: text }));
    expect(read.views).toEqual([]);
    expect(read.problem).toMatch(problem);
  });

  it('keeps the entries it can read and counts the others', () => {
    const views = [
      VIEW,
      { name: '', hash: '#a=1', savedAt: 'x' }, // no name
      { name: 'bad hash', hash: 'javascript:alert(1)', savedAt: 'x' },
      { name: 'no date', hash: '#a=1' },
      { name: ' padded ', hash: '', savedAt: 'x' },
      { ...VIEW, hash: '#view=events' }, // a second view of one name
      'a string',
      null,
      { name: '__proto__', hash: '', savedAt: 'x' },
    ];
    const read = readSavedViews(memoryStorage({ [SAVED_VIEWS_KEY]: JSON.stringify({ version: 1, views }) }));
    expect(read.views).toEqual([VIEW, { name: '__proto__', hash: '', savedAt: 'x' }]);
    expect(read.problem).toBe(
      '7 of the saved views stored in this browser could not be read and were ignored.',
    );
  });

  it(`reads at most ${MAX_SAVED_VIEWS} views`, () => {
    const views = Array.from({ length: MAX_SAVED_VIEWS + 5 }, (_, i) => ({ ...VIEW, name: `v${i}` }));
    const read = readSavedViews(memoryStorage({ [SAVED_VIEWS_KEY]: JSON.stringify({ version: 1, views }) }));
    expect(read.views).toHaveLength(MAX_SAVED_VIEWS);
  });

  it('says when storage refuses to read or to write, and never throws', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readSavedViews(refusing).problem).toMatch(/does not let the page read/);
    expect(writeSavedViews(refusing, [VIEW])).toMatch(/refused to store/);
    expect(writeSavedViews(null, [VIEW])).toMatch(/not kept/);
  });

  it('saves over a view of the same name in its place, renames and deletes', () => {
    const other = { ...VIEW, name: 'All EU' };
    const list = withView([VIEW, other], { ...VIEW, hash: '#view=events' });
    expect(list.map((v) => [v.name, v.hash])).toEqual([
      ['Kestrel OOM', '#view=events'],
      ['All EU', VIEW.hash],
    ]);
    expect(renamedView(list, 'All EU', 'Kestrel OOM')).toMatch(/already/);
    expect(renamedView(list, 'All EU', '   ')).toMatch(/1 to 120 characters/);
    const renamed = renamedView(list, 'All EU', '  Europe  ');
    expect(typeof renamed === 'string' ? renamed : renamed.map((v) => v.name)).toEqual([
      'Kestrel OOM',
      'Europe',
    ]);
    expect(withoutView(list, 'Kestrel OOM').map((v) => v.name)).toEqual(['All EU']);
  });
});

describe('a saved view against the loaded data', () => {
  const fields = { dimensionNames: ['model', 'firmware'], hasTime: true, hasDevice: true };

  it('fits when the data has every field it uses', () => {
    const view = hashToView('#view=triage&dim=firmware&d.model=Kestrel&sort=-firmware&code=1404');
    expect(missingFields(view, fields)).toEqual([]);
  });

  it('names the dimensions, times and device ids the data lacks', () => {
    const view = hashToView(
      viewToHash({
        ...hashToView('#dim=region&sort=server'),
        filter: { dimensions: [{ name: 'region', values: ['eu'] }], timeFrom: 0, timeTo: 1 },
        verdict: 'retry',
      }),
    );
    expect(missingFields(view, fields)).toEqual(['the dimension “region”', 'the dimension “server”']);
    const excluded = { ...view, filter: { not: { dimensions: [{ name: 'carrier', values: ['x'] }] } } };
    // a dimension only left out (NOT) is a field the view uses too
    expect(missingFields(excluded, fields)).toEqual([
      'the dimension “carrier”',
      'the dimension “region”',
      'the dimension “server”',
    ]);
    expect(
      missingFields(view, { dimensionNames: ['region', 'server'], hasTime: false, hasDevice: false }),
    ).toEqual(['times', 'device ids']);
  });
});
