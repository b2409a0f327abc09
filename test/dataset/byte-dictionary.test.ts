import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../src/dataset/byte-dictionary.ts';

describe('ByteDictionary', () => {
  it('gives equal bytes the same id and different bytes different ids, across rehashes', () => {
    // short values (kept in the entry as words), long ones (kept in the pool), values that differ only
    // in their last word or in trailing NULs (a word's padding), and ones on either side of 24 bytes
    const value = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ minLength: 14, maxLength: 40 }),
      fc.string({ maxLength: 8 }).map((tail) => `0123456789abcdef${tail}`),
      fc.string({ maxLength: 3 }).map((tail) => `01234567890123456789012${tail}`),
      fc.nat(3).map((n) => `ab${'\0'.repeat(n)}`),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 3000 }), (values) => {
        const decoder = new TextDecoder();
        const ids = new Map<string, number>();
        let resolved = 0;
        const dict = new ByteDictionary((b, s, e) => {
          resolved++;
          const text = decoder.decode(b.subarray(s, e));
          let id = ids.get(text);
          if (id === undefined) {
            id = ids.size;
            ids.set(text, id);
          }
          return id;
        });
        const encoder = new TextEncoder();
        for (const value of values) {
          // embed the value in a larger buffer, as a CSV row would
          const bytes = encoder.encode(`x,${value},y`);
          const at = 2;
          expect(dict.idOf(bytes, at, bytes.length - 2)).toBe(ids.get(value) ?? ids.size);
        }
        expect(resolved).toBe(new Set(values.map((v) => encoder.encode(v).join())).size);
        expect(dict.size).toBe(resolved);
      }),
    );
  });
});
