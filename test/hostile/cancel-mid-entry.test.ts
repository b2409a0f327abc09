/**
 * A Cancel stops a load also while ingest reads bytes that need no read of the source (a ZIP entry inflated
 * from a chunk of the archive read earlier): ingest looks at its signal before every chunk it reads, and the
 * worker gets a turn of its event loop there, to receive the Cancel at all.
 */
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Calls `before(rows so far)` before rows are added, one at a time (addResolved) or a run at a time (addRun). */
function onRowsAdded(before: (builder: DatasetBuilder) => void): void {
  const add = DatasetBuilder.prototype.addResolved;
  vi.spyOn(DatasetBuilder.prototype, 'addResolved').mockImplementation(function (
    this: DatasetBuilder,
    ...args: Parameters<DatasetBuilder['addResolved']>
  ) {
    before(this);
    add.apply(this, args);
  });
  const addRun = DatasetBuilder.prototype.addRun;
  vi.spyOn(DatasetBuilder.prototype, 'addRun').mockImplementation(function (
    this: DatasetBuilder,
    ...args: Parameters<DatasetBuilder['addRun']>
  ) {
    before(this);
    addRun.apply(this, args);
  });
}

describe('cancelling a load whose work does not come from its source', () => {
  // One chunk of a ZIP archive holds the whole entry: 2,000,000 rows that reach ingest without a read of
  // the source, the only place a load used to look at its signal (and, in the worker, at its messages).
  // Reading them takes many of the worker's yield periods, so a Cancel pressed early has turns to arrive in.
  const rows = Array.from({ length: 2_000_000 }, (_, i) => `${i % 3 ? 1200 : 1404},d${i % 100}\n`).join('');
  const zip = zipSync({ 'big.csv': strToU8(`code,device\n${rows}`) });

  it('stops a ZIP entry within a chunk when cancelled', async () => {
    const controller = new AbortController();
    let cancelledAt = -1;
    let rowsAtEnd = 0;
    onRowsAdded((builder) => {
      rowsAtEnd = builder.rowCount;
      // the user's Cancel, mid-entry
      if (!controller.signal.aborted && builder.rowCount >= 10_000) {
        controller.abort();
        cancelledAt = builder.rowCount;
      }
    });
    await expect(ingest([bytesSource('logs.zip', zip)], { signal: controller.signal })).rejects.toMatchObject(
      { name: 'AbortError' },
    );
    // rows already in the chunk being read may still be added: a 256 KB chunk of an entry holds ~29,000
    expect(cancelledAt).toBeGreaterThan(0);
    expect(rowsAtEnd - cancelledAt).toBeLessThan(30_000);
  }, 60_000);

  it('lets the worker see a Cancel that arrives while a ZIP entry is read', async () => {
    const service = createDatasetService();
    // the page's Cancel: a message, which the worker handles only when its event loop gets a turn
    const page = new MessageChannel();
    page.port1.onmessage = () => void service.handle('cancel', {}, () => undefined);
    let added = 0;
    let pressed = false;
    onRowsAdded((builder) => {
      added = builder.rowCount;
      if (!pressed && added >= 10_000) {
        pressed = true;
        page.port2.postMessage('cancel'); // pressed mid-entry
      }
    });
    try {
      await expect(service.loadSources([bytesSource('logs.zip', zip)])).rejects.toMatchObject({
        name: 'AbortError',
      });
      expect(added).toBeLessThan(2_000_000);
    } finally {
      page.port1.close();
    }
  }, 60_000);
});
