import { describe, expect, it, vi } from 'vitest';
import * as verdictModule from '../../src/analysis/verdicts.ts';
import { verdictSelection, verdicts } from '../../src/analysis/verdicts.ts';
import { analysisView } from '../../src/views/analysis-view.ts';
import { ViewCache } from '../../src/worker/view-cache.ts';
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
