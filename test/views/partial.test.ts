/**
 * The figures of a load in progress (src/views/partial.ts over DatasetBuilder.snapshot): after k rows they
 * are exactly the dashboard's figures of a dataset of those k rows, and their label never claims more of
 * the input than the rows come from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import { ingest, type PartialLoad } from '../../src/ingest/ingest.ts';
import { dashboard } from '../../src/views/dashboard.ts';
import { type PartialFigures, partialFigures, partialLabel } from '../../src/views/partial.ts';
import type { DashboardQuery } from '../../src/views/view-types.ts';
import { build, datasetArb } from '../support/random-dataset.ts';

const QUERY: DashboardQuery = { filter: {}, search: '', dimension: null, deviceLimit: 0 };
const LOAD = { bytesRead: 10, totalBytes: 100, files: 1, rowsRejected: 0 };

describe('partial figures', () => {
  it('after k rows equal the dashboard of a dataset of the first k rows', () => {
    fc.assert(
      fc.property(datasetArb, ({ rows, shape }) => {
        const seen: PartialFigures[] = [];
        build(rows, shape, (builder) => seen.push(partialFigures(builder.snapshot(), LOAD)));
        expect(seen).toHaveLength(rows.length);
        seen.forEach((partial, i) => {
          const exact = build(rows.slice(0, i + 1), shape);
          const figures = dashboard(exact, QUERY, exact.all());
          expect(partial.rows).toBe(i + 1);
          expect(partial.totals).toEqual(figures.totals);
          expect(partial.byCode).toEqual(figures.byCode);
          expect(partial.categories.map((c) => c.id)).toEqual(exact.categories.map((c) => c.id));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('are labelled with the share of the input read, never 100% and never without a label', () => {
    const label = (bytesRead: number, totalBytes: number | null, files = 1, rows = 1234) =>
      partialLabel({ bytesRead, totalBytes, files, rows });
    expect(label(34, 100)).toBe('so far: 34% of the file');
    expect(label(349, 1000)).toBe('so far: 34% of the file');
    expect(label(0, 100)).toBe('so far: 0% of the file');
    expect(label(100, 100)).toBe('so far: 99% of the file');
    expect(label(50, 200, 3)).toBe('so far: 25% of the 3 files');
    expect(label(50, null)).toBe('so far: 1,234 rows');
  });

  it('come, in ingest, from no more bytes than the rows read so far', async () => {
    const lines = ['device,time,result_code'];
    for (let i = 0; i < 8000; i++)
      lines.push(`d${i % 37},2026-10-01T00:${String(i % 60).padStart(2, '0')}:00Z,${i % 3 ? 1200 : 1404}`);
    const text = `${lines.join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    const offers: { bytesRead: number; rows: number; operations: number }[] = [];
    const onPartial = (load: PartialLoad) => {
      const figures = partialFigures(load.snapshot(), load);
      offers.push({ bytesRead: load.bytesRead, rows: load.rows, operations: figures.totals.operations });
    };
    const { dataset } = await ingest([bytesSource('fleet.csv', bytes, 9973)], { onPartial });
    expect(offers.length).toBeGreaterThan(5);
    let before = { bytesRead: 0, rows: 0 };
    for (const offer of offers) {
      // the rows of every complete line in the bytes the label counts are in
      const complete = text.slice(0, offer.bytesRead).split('\n').length - 2;
      expect(offer.rows).toBeGreaterThanOrEqual(Math.max(0, complete));
      expect(offer.operations).toBe(offer.rows);
      expect(offer.bytesRead).toBeGreaterThanOrEqual(before.bytesRead);
      expect(offer.rows).toBeGreaterThanOrEqual(before.rows);
      expect(offer.bytesRead).toBeLessThan(bytes.byteLength);
      before = offer;
    }
    expect(offers.at(-1)?.rows).toBeLessThanOrEqual(dataset.rowCount);
    // and say how far they are: the last offer comes from most of the file
    expect(offers.at(-1)?.bytesRead).toBeGreaterThan(bytes.byteLength * 0.9);
  });
});
