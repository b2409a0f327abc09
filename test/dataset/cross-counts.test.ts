import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, datasetArb, filterArb } from '../support/random-dataset.ts';

describe('Dataset.crossCounts', () => {
  it('equals a row-by-row tally of value × result, weighted by count', () => {
    fc.assert(
      fc.property(datasetArb, filterArb, ({ rows, shape }, filter) => {
        const ds = build(rows, shape);
        const sel = ds.select(filter);
        const tables = ds.crossCounts(sel, ['download_server', 'nope', 'model', 'device']);
        expect(tables.map((t) => t.dimension)).toEqual(['download_server', 'model']);
        for (const table of tables) {
          const at = ds.dimensionNames.indexOf(table.dimension);
          const expected = new Map<string, number>();
          for (const row of sel.rows ?? Array.from({ length: ds.rowCount }, (_, i) => i)) {
            const e = ds.event(row);
            const key = `${e.dimensions[at]}|${e.result}`;
            expected.set(key, (expected.get(key) ?? 0) + e.count);
          }
          const actual = new Map<string, number>();
          table.counts.forEach((w, k) => {
            if (w === 0) return;
            const value = table.values[Math.floor(k / ds.resultCount)];
            actual.set(`${value}|${k % ds.resultCount}`, w);
          });
          for (const [key, w] of expected) if (w === 0) expected.delete(key);
          expect(actual).toEqual(expected);
        }
      }),
      { seed: 15, numRuns: 150 },
    );
  });
});
