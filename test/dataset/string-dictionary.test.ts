import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GrowableFloat64,
  GrowableIds,
  GrowableUint32,
  StringDictionary,
} from '../../src/dataset/growable-columns.ts';

describe('StringDictionary', () => {
  it('gives the ids a plain Map would, however lookups by text and lazily kept canonical values mix', () => {
    const value = fc.constantFrom('a', 'b', 'c', 'dev-1', 'dev-2', '__proto__', 'constructor', '');
    // values that cannot be canonical: outside ASCII, white space at an end (looked up by text only)
    const odd = fc.constantFrom('Zürich', ' a', 'b ', '\tc', 'dev-1\n', 'é', 'x'.repeat(300));
    const step = fc.oneof(
      fc.record({ kind: fc.constant('text' as const), value: fc.oneof(value, odd) }),
      // a canonical value is never empty (see idOfCanonical)
      fc.record({
        kind: fc.constant('canonical' as const),
        value: value.filter((v) => v !== ''),
        owner: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({ kind: fc.constant('find' as const), value: fc.oneof(value, odd) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const dictionary = new StringDictionary();
        const reference = new Map<string, number>();
        const owners = [{}, {}, {}];
        // a byte dictionary asks for a value only the first time it sees its bytes
        const seenBy = owners.map(() => new Set<string>());
        for (const s of steps) {
          if (s.kind === 'find') {
            expect(dictionary.find(s.value)).toBe(reference.get(s.value));
            continue;
          }
          if (s.kind === 'canonical') {
            const seen = seenBy[s.owner] as Set<string>;
            if (seen.has(s.value)) continue;
            seen.add(s.value);
          }
          const id =
            s.kind === 'text'
              ? dictionary.idOf(s.value)
              : dictionary.idOfCanonical(s.value, owners[s.owner] as object);
          if (!reference.has(s.value)) reference.set(s.value, reference.size);
          expect(id).toBe(reference.get(s.value));
        }
        expect(dictionary.values).toEqual([...reference.keys()]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('growable columns with room reserved', () => {
  it('keep what they hold, fill the room without growing, and widen ids within it', () => {
    const ids = new GrowableIds();
    const times = new GrowableFloat64();
    const counts = new GrowableUint32();
    for (let i = 0; i < 10; i++) {
      ids.push(i);
      times.push(i / 2);
      counts.push(i * 3);
    }
    ids.reserve(5000);
    times.reserve(5000);
    counts.reserve(5000);
    ids.reserve(100); // never shrinks
    for (let i = 10; i < 4000; i++) {
      ids.push(i); // widens to 16 bits on the way
      times.push(i / 2);
      counts.push(i * 3);
    }
    const view = ids.view();
    expect(view).toBeInstanceOf(Uint16Array);
    expect([...view]).toEqual(Array.from({ length: 4000 }, (_, i) => i));
    expect([...times.view()]).toEqual(Array.from({ length: 4000 }, (_, i) => i / 2));
    expect([...counts.view()]).toEqual(Array.from({ length: 4000 }, (_, i) => i * 3));
    // the room left over (1000 of 5000) is trimmed: the view is a copy of the 4000
    expect(times.view().buffer.byteLength).toBe(4000 * 8);
    // device ids are 32-bit from the first (see DatasetBuilder.enableDevice)
    const wide = new GrowableIds(true);
    wide.push(3);
    wide.push(70_000);
    expect(wide.view()).toEqual(Uint32Array.of(3, 70_000));
  });
});
