import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dataset } from '../../src/dataset/dataset.ts';
import { bytesSource } from '../../src/ingest/ingest.ts';
import { dashboardFor, loadedService, SMALL_CSV } from '../app/dashboard-fixture.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the worker warms the filter code up after a load', () => {
  it('answers the likely first filters once, after the first answer, and changes no answer', async () => {
    const { service } = await loadedService();
    const select = vi.spyOn(Dataset.prototype, 'select');
    const before = await dashboardFor(service);
    const topCode = before.byCode[0]?.code;
    const topModel = before.dimension?.values[0]?.value;
    expect(select).toHaveBeenCalledTimes(1); // the unfiltered view, answered before any warm-up
    await nextTask();
    const warmed = select.mock.calls.slice(1).map(([filter]) => filter);
    expect(warmed).toContainEqual({ codes: [topCode] });
    expect(warmed).toContainEqual({ dimensions: [{ name: 'model', values: [topModel] }] });
    // the same answers as before the warm-up, filtered or not, and no warm-up a second time
    select.mockClear();
    expect(await dashboardFor(service)).toEqual(before);
    const filtered = await dashboardFor(service, { filter: { codes: [topCode as number] } });
    expect(filtered.totals.operations).toBeGreaterThan(0);
    await nextTask();
    // the view's own selection and its by-dimension share's denominators (the view without the code filter):
    // no warm-up selections a second time
    expect(select.mock.calls.map(([filter]) => filter)).toEqual([
      { codes: [topCode], text: '' },
      { text: '' },
    ]);
  });

  it('skips the warm-up when another load has begun', async () => {
    const { service } = await loadedService();
    const select = vi.spyOn(Dataset.prototype, 'select');
    await dashboardFor(service);
    const reload = service.loadSources([bytesSource('again.csv', SMALL_CSV)]);
    await nextTask();
    await reload;
    expect(select).toHaveBeenCalledTimes(1);
  });
});
