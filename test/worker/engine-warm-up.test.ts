import { describe, expect, it, vi } from 'vitest';
import { Dataset } from '../../src/dataset/dataset.ts';
import { bytesSource } from '../../src/ingest/ingest.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { WARM_UP_ROWS, warmUpCsv } from '../../src/worker/engine-warm-up.ts';
import { dashboardFor, SMALL_CSV } from '../app/dashboard-fixture.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { byCode } from '../support/reference-queries.ts';

describe('the engine warm-up', () => {
  it('reads a made-up log shaped like a real one: every row kept, quoted notes, failures of the triage stages', async () => {
    const { dataset, report } = await ingestFiles({ 'warm-up.csv': warmUpCsv() });
    expect(dataset.rowCount).toBe(WARM_UP_ROWS);
    expect(report.rowsRejected).toBe(0);
    expect(warmUpCsv()).toContain('"retry, then ok"');
    expect(dataset.dimensionNames).toEqual(expect.arrayContaining(['model', 'server']));
    const stages = new Set(byCode(dataset).map((c) => c.stage));
    expect([...stages]).toEqual(expect.arrayContaining(['download', 'validation', 'activate']));
  });

  it("answers the made-up log's first view, for the page to draw its charts with, once", async () => {
    const service = createDatasetService();
    const view = await service.warmUp();
    expect(view?.data.totalRows).toBe(WARM_UP_ROWS);
    expect(view?.data.byCode.length).toBeGreaterThan(3);
    expect(view?.data.timeSeries?.buckets.length).toBeGreaterThan(1);
    expect(view?.data.devices.length).toBeGreaterThan(0);
    expect(view?.data.dimension?.name).toBe('model');
    expect(view?.dimensionNames).toEqual(expect.arrayContaining(['model', 'server']));
    const overview = vi.spyOn(Dataset.prototype, 'overview');
    expect(await service.handle('warmUpView', {}, () => undefined)).toBe(view);
    expect(overview).not.toHaveBeenCalled();
    overview.mockRestore();
  });

  it('answers no view when a load stopped it, or came first', async () => {
    const stopped = createDatasetService();
    const warming = stopped.warmUp();
    await stopped.loadSources([bytesSource('fleet-small.csv', SMALL_CSV)]);
    expect(await warming).toBeNull();
    expect(await stopped.handle('warmUpView', {}, () => undefined)).toBeNull();

    const late = createDatasetService();
    await late.loadSources([bytesSource('fleet-small.csv', SMALL_CSV)]);
    expect(await late.handle('warmUpView', {}, () => undefined)).toBeNull();
  });

  it('keeps nothing: no dataset is loaded after it', async () => {
    const service = createDatasetService();
    await service.warmUp();
    await expect(dashboardFor(service)).rejects.toThrow('No data is loaded yet.');
  });

  it('stops for a load that begins meanwhile, whose figures are those of a load alone', async () => {
    const alone = createDatasetService();
    await alone.loadSources([bytesSource('fleet-small.csv', SMALL_CSV)]);
    const expected = await dashboardFor(alone);

    const service = createDatasetService();
    const warming = service.warmUp();
    const info = await service.loadSources([bytesSource('fleet-small.csv', SMALL_CSV)]);
    await warming;
    expect(info.rowCount).toBe(expected.totalRows);
    expect(await dashboardFor(service)).toEqual(expected);
  });

  it('runs the dashboard code, and does not run once data is loaded', async () => {
    const overview = vi.spyOn(Dataset.prototype, 'overview');
    const service = createDatasetService();
    await service.warmUp();
    expect(overview).toHaveBeenCalled();
    await service.loadSources([bytesSource('fleet-small.csv', SMALL_CSV)]);
    overview.mockClear();
    await service.warmUp();
    expect(overview).not.toHaveBeenCalled();
    overview.mockRestore();
  });
});

describe('the engine warm-up, interrupted', () => {
  it('gives way to a load that begins while it reads: it stops within a chunk and answers nothing', async () => {
    const overview = vi.spyOn(Dataset.prototype, 'overview');
    const service = createDatasetService();
    const warming = service.warmUp(); // now reading its first chunk
    const loaded = service.loadSources([bytesSource('fleet-small.csv', SMALL_CSV)]);
    await warming;
    expect(overview).not.toHaveBeenCalled(); // it stopped before answering its view
    expect((await loaded).rowCount).toBeGreaterThan(0);
    overview.mockRestore();
  });
});
