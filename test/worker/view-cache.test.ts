import { describe, expect, it, vi } from 'vitest';
import * as findingsModule from '../../src/analysis/findings.ts';
import * as verdictModule from '../../src/analysis/verdicts.ts';
import { verdictSelection, verdicts } from '../../src/analysis/verdicts.ts';
import { Dataset } from '../../src/dataset/dataset.ts';
import { analysisView } from '../../src/views/analysis-view.ts';
import { RecentAnswers, ViewCache } from '../../src/worker/view-cache.ts';
import { generatedDataset } from '../support/generated-dataset.ts';

const ds = generatedDataset({ seed: 5, rows: 5_000 });
const kestrel = { dimensions: [{ name: 'model', values: ['Kestrel Mini'] }] };

describe("the worker's view cache", () => {
  it('judges the fleet once for filter steps that cannot change a verdict, again for those that can', () => {
    const cache = new ViewCache(ds);
    const judged = vi.spyOn(verdictModule, 'verdicts');
    const ask = (filter: object) =>
      analysisView(ds, { filter, search: '' }, cache.select({ filter, search: '' }), cache.judge);
    const all = ask({});
    ask({ codes: [1404] });
    ask({ outcomes: ['failure'], timeFrom: 0, timeTo: 2 ** 52 });
    expect(judged).toHaveBeenCalledTimes(1);
    const narrowed = ask(kestrel);
    expect(judged).toHaveBeenCalledTimes(2);
    ask({ ...kestrel, codes: [1404] });
    ask({});
    expect(judged).toHaveBeenCalledTimes(2);
    judged.mockRestore();
    // the cached answers are the direct ones
    expect(all.verdicts?.counts).toEqual(verdicts(ds, ds.all())?.counts);
    expect(narrowed.verdicts?.counts).toEqual(verdicts(ds, verdictSelection(ds, kestrel))?.counts);
  });

  it('a list of device ids is judged in full, never from counts', () => {
    const cache = new ViewCache(ds);
    const counts = cache.judge({}, true);
    const full = cache.judge({}, false);
    expect(counts?.devices).toHaveLength(0);
    expect(full?.devices.length).toBeGreaterThan(0);
    expect(cache.judge({}, true)).toBe(full);
  });
});

describe('RecentAnswers', () => {
  it('keeps the last few by use, a hit moving to the front, and the pinned key whatever came between', () => {
    const recent = new RecentAnswers<string>(2, 'pinned');
    recent.put('pinned', 'P');
    recent.put('a', 'A');
    recent.put('b', 'B');
    expect(recent.get('a')).toBe('A'); // a is now the one used last
    recent.put('c', 'C'); // pushes out b, the least recently used
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')).toBe('A');
    expect(recent.get('c')).toBe('C');
    for (const key of ['d', 'e', 'f']) recent.put(key, key);
    expect(recent.get('pinned')).toBe('P');
    expect(recent.get('a')).toBeUndefined();
    recent.put('e', 'E2'); // a new answer for a key replaces the one kept
    expect(recent.get('e')).toBe('E2');
    expect(recent.get('e', (v) => v !== 'E2')).toBeUndefined();
  });
});

describe('answers kept for a step back', () => {
  const models = ['Kestrel Mini', 'Orca Go', 'Nimbus 5', 'Aurora X2', 'Orca Pro'];
  const byModel = (model: string) => ({ dimensions: [{ name: 'model', values: [model] }] });

  it('judges the whole fleet once, however many filters come between two visits to it', () => {
    const cache = new ViewCache(ds);
    const judged = vi.spyOn(verdictModule, 'verdicts');
    const fleet = cache.analysis({ filter: {}, search: '' });
    // more filters in a row than verdicts are kept for
    for (const model of models) cache.analysis({ filter: byModel(model), search: '' });
    expect(cache.judge({}, true)).toBe(cache.judge({}, true));
    expect(cache.analysis({ filter: {}, search: '' })).toBe(fleet);
    // the fleet once, each model once
    expect(judged).toHaveBeenCalledTimes(1 + models.length);
    judged.mockRestore();
  });

  it('answers a view seen last from the cache, equal to the direct answer; another view is computed', () => {
    const cache = new ViewCache(ds);
    const findings = vi.spyOn(findingsModule, 'findings');
    const fleet = { filter: {}, search: '' };
    const kestrel = { filter: byModel('Kestrel Mini'), search: '' };
    const first = cache.analysis(fleet);
    cache.analysis(kestrel);
    expect(cache.analysis(fleet)).toBe(first);
    const kept = cache.analysis(kestrel);
    expect(findings).toHaveBeenCalledTimes(2);
    // a search or a verdict is another view
    const searched = cache.analysis({ filter: {}, search: 'orca' });
    const retry = cache.analysis({ filter: {}, search: '', verdict: 'retry' });
    expect(findings).toHaveBeenCalledTimes(4);
    findings.mockRestore();
    expect(kept).toEqual(analysisView(ds, kestrel, ds.select(kestrel.filter)));
    expect(searched).toEqual(analysisView(ds, { filter: {}, search: 'orca' }, ds.select({ text: 'orca' })));
    expect(retry).not.toBe(first);
  });

  it("answers a view's figures from its dashboard when that came first, else from a scan of their own", () => {
    const cache = new ViewCache(ds);
    const query = { search: '', dimension: 'model', deviceLimit: 15, filter: byModel('Orca Go') };
    const overview = vi.spyOn(Dataset.prototype, 'overview');
    const data = cache.dashboard(query, () => undefined);
    const scans = overview.mock.calls.length;
    const { selectedRows, totalRows, totals, timeRange } = data;
    expect(cache.figures(query)).toEqual({ selectedRows, totalRows, totals, timeRange });
    expect(overview).toHaveBeenCalledTimes(scans);
    const other = { ...query, filter: byModel('Nimbus 5') };
    const early = cache.figures(other);
    expect(overview).toHaveBeenCalledTimes(scans + 1);
    overview.mockRestore();
    const later = cache.dashboard(other, () => undefined);
    expect(early).toEqual({
      selectedRows: later.selectedRows,
      totalRows: later.totalRows,
      totals: later.totals,
      timeRange: later.timeRange,
    });
  });

  it('keeps the unfiltered dashboard through a filter, a cross-filter and the steps back', () => {
    const cache = new ViewCache(ds);
    const query = { search: '', dimension: 'model', deviceLimit: 15 };
    const all = cache.dashboard({ ...query, filter: {} }, () => undefined);
    const kestrel = cache.dashboard({ ...query, filter: byModel('Kestrel Mini') }, () => undefined);
    cache.dashboard({ ...query, filter: { ...byModel('Kestrel Mini'), codes: [1404] } }, () => undefined);
    expect(cache.dashboard({ ...query, filter: byModel('Kestrel Mini') }, () => undefined)).toBe(kestrel);
    expect(cache.dashboard({ ...query, filter: {} }, () => undefined)).toBe(all);
  });
});
