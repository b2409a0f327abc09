/** When the worker computes figures of a load in progress: at the first rows, at most ~4×/s, a bounded share. */
import { describe, expect, it } from 'vitest';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import type { PartialLoad } from '../../src/ingest/ingest.ts';
import { PARTIAL_EVERY_MS, PARTIAL_SHARE, partialPacer } from '../../src/worker/partial-pacer.ts';

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
