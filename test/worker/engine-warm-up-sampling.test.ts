import { describe, expect, it, vi } from 'vitest';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { SAMPLE_ROWS } from '../../src/ingest/file-sink.ts';
import {
  SAMPLE_WARM_UP_ROWS,
  SAMPLE_WARM_UPS,
  WARM_UP_ROWS,
  warmUpEngine,
} from '../../src/worker/engine-warm-up.ts';

// a file of its own: the warm-up reads on after its view is answered, which would count in other tests
describe("the engine warm-up's small files", () => {
  it('are read after the view is answered, each past its sample, so that choosing a mapping runs optimised', async () => {
    expect(SAMPLE_WARM_UP_ROWS).toBeGreaterThan(SAMPLE_ROWS);
    const files = vi.spyOn(DatasetBuilder.prototype, 'markSource');
    let rows = 0;
    let filesWhenAnswered = -1;
    await warmUpEngine(
      (dataset) => {
        rows = dataset.rowCount;
      },
      new AbortController().signal,
      () => {
        filesWhenAnswered = files.mock.calls.length;
      },
    );
    expect(rows).toBe(WARM_UP_ROWS);
    expect(filesWhenAnswered).toBe(1);
    expect(files).toHaveBeenCalledTimes(1 + SAMPLE_WARM_UPS);
    files.mockRestore();
  });

  it('stop when a load begins', async () => {
    const files = vi.spyOn(DatasetBuilder.prototype, 'markSource');
    const controller = new AbortController();
    await warmUpEngine(
      () => undefined,
      controller.signal,
      () => controller.abort(),
    );
    expect(files.mock.calls.length).toBeLessThanOrEqual(1);
    files.mockRestore();
  });
});
