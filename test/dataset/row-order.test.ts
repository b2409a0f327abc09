import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByNumber, orderByRank } from '../../src/dataset/row-order.ts';

/** The obvious reference: a stable comparator sort, missing values last. */
function reference(rows: number[], key: (r: number) => number, desc: boolean): number[] {
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (Number.isNaN(ka) || Number.isNaN(kb)) return Number.isNaN(ka) ? (Number.isNaN(kb) ? a - b : 1) : -1;
    return (desc ? kb - ka : ka - kb) || a - b;
  });
}

const rowsArb = (n: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }).map((r) => r.sort((a, b) => a - b));

describe('row ordering', () => {
  it('orderByNumber equals a stable comparator sort (packed and comparator paths)', () => {
    const keyArb = fc.oneof(
      fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_000 + 2 ** 38 }),
      fc.integer({ min: 0, max: 5 }),
      fc.constant(Number.NaN),
      fc.double({ noNaN: true, min: -1e300, max: 1e300 }),
    );
    fc.assert(
      fc.property(fc.array(keyArb, { minLength: 1, maxLength: 300 }), fc.boolean(), (keys, desc) => {
        const key = (r: number) => keys[r] as number;
        const rows = keys.map((_, i) => i).filter((i) => i % 3 !== 1);
        expect([...orderByNumber(Uint32Array.from(rows), key, desc)]).toEqual(reference(rows, key, desc));
      }),
      { numRuns: 500 },
    );
  });

  it('orderByRank equals a stable comparator sort by rank, missing last', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1, max: 6 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 200 }),
        fc.boolean(),
        (rankOfId, rawIds, desc) => {
          const ids = Uint8Array.from(rawIds, (v) => v % rankOfId.length);
          const rank = Int32Array.from(rankOfId);
          const key = (r: number) => {
            const k = rank[ids[r] as number] as number;
            return k < 0 ? Number.NaN : k;
          };
          const rows = [...ids.keys()];
          expect([...orderByRank(Uint32Array.from(rows), ids, rank, desc)]).toEqual(
            reference(rows, key, desc),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes the shortcut for keys already in order, ties included, both directions', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 }), fc.boolean(), (raw, desc) => {
        const keys = [...raw].sort((a, b) => a - b);
        const key = (r: number) => keys[r] as number;
        const rows = keys.map((_, i) => i);
        expect([...orderByNumber(Uint32Array.from(rows), key, desc)]).toEqual(reference(rows, key, desc));
      }),
    );
  });

  it('handles a selection, not only all rows', () => {
    fc.assert(
      fc.property(rowsArb(50), (rows) => {
        const key = (r: number) => (r * 7) % 5;
        expect([...orderByNumber(Uint32Array.from(rows), key, false)]).toEqual(reference(rows, key, false));
      }),
    );
  });
});
