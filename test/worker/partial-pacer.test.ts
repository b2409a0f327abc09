/**
 * When the worker sends a load's progress (at once, then at most ~10×/s) and computes figures of the rows so
 * far (at the first rows, at most ~4×/s, a bounded share).
 */
import { describe, expect, it } from 'vitest';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import type { IngestProgress, PartialLoad } from '../../src/ingest/ingest.ts';
import {
  PARTIAL_EVERY_MS,
  PARTIAL_SHARE,
  PROGRESS_EVERY_MS,
  partialPacer,
  progressPacer,
} from '../../src/worker/partial-pacer.ts';

/** A load of `rows` rows whose snapshot takes `costMs` of the fake clock. */
function offer(clock: { now: number }, rows: number, costMs = 0): PartialLoad {
  const builder = new DatasetBuilder(scomoCatalog);
  for (let i = 0; i < rows; i++) builder.add(i % 2 ? 1200 : 1404, Number.NaN, 1, '', []);
  return {
    bytesRead: rows * 10,
    totalBytes: 10_000,
    files: 1,
    rows,
    rowsRejected: 0,
    snapshot: () => {
      clock.now += costMs;
      return builder.snapshot();
    },
  };
}

describe('partialPacer', () => {
  it('sends figures once there are rows, then at most every PARTIAL_EVERY_MS', () => {
    const clock = { now: 1000 };
    const sent: number[] = [];
    const pace = partialPacer(
      (f) => sent.push(f.rows),
      () => clock.now,
    );
    pace(offer(clock, 0));
    expect(sent).toEqual([]);
    pace(offer(clock, 7));
    expect(sent).toEqual([7]);
    clock.now += PARTIAL_EVERY_MS - 1;
    pace(offer(clock, 8));
    expect(sent).toEqual([7]);
    clock.now += 1;
    pace(offer(clock, 9));
    expect(sent).toEqual([7, 9]);
  });

  it('waits long enough after costly figures that they take at most PARTIAL_SHARE of the time', () => {
    const clock = { now: 0 };
    const sent: number[] = [];
    const pace = partialPacer(
      (f) => sent.push(f.rows),
      () => clock.now,
    );
    pace(offer(clock, 3, 20)); // 20 ms of figures
    expect(sent).toEqual([3]);
    const wait = 20 / PARTIAL_SHARE;
    expect(wait).toBeGreaterThan(PARTIAL_EVERY_MS);
    clock.now += wait - 1;
    pace(offer(clock, 4, 20));
    expect(sent).toEqual([3]);
    clock.now += 1;
    pace(offer(clock, 5, 20));
    expect(sent).toEqual([3, 5]);
  });
});

describe('progressPacer', () => {
  const progress = (bytesRead: number): IngestProgress => ({
    file: 'a.csv',
    fileIndex: 0,
    files: 1,
    bytesRead,
    totalBytes: 100 << 20,
    rows: bytesRead >> 7,
  });

  it('sends the first progress at once, then at most every PROGRESS_EVERY_MS, and always knows the latest', () => {
    const clock = { now: 5000 };
    const sent: number[] = [];
    const pace = progressPacer(
      (p) => sent.push(p.bytesRead),
      () => clock.now,
    );
    expect(pace.latest()).toBeNull();
    pace.onProgress(progress(1));
    expect(sent).toEqual([1]);
    // a megabyte every millisecond, as ingest reports on a fast load: one message per PROGRESS_EVERY_MS
    for (let mb = 2; mb <= 250; mb++) {
      clock.now += 1;
      pace.onProgress(progress(mb));
    }
    expect(sent.length).toBe(1 + Math.floor(249 / PROGRESS_EVERY_MS));
    expect(sent.slice(0, 3)).toEqual([1, 1 + PROGRESS_EVERY_MS, 1 + 2 * PROGRESS_EVERY_MS]);
    // what it held back is still the latest, for the partial figures that ride on it
    expect(pace.latest()?.bytesRead).toBe(250);
  });

  it('sends progress that comes less often than PROGRESS_EVERY_MS every time', () => {
    const clock = { now: 0 };
    const sent: number[] = [];
    const pace = progressPacer(
      (p) => sent.push(p.bytesRead),
      () => clock.now,
    );
    for (let mb = 1; mb <= 5; mb++) {
      pace.onProgress(progress(mb));
      clock.now += PROGRESS_EVERY_MS;
    }
    expect(sent).toEqual([1, 2, 3, 4, 5]);
  });
});
