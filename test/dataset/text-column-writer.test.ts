import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { defaultCatalog } from '../../src/catalog/catalog-registry.ts';
import { DatasetBuilder, MAX_DIMENSION_CARDINALITY } from '../../src/dataset/dataset-builder.ts';
import { StringDictionary } from '../../src/dataset/growable-columns.ts';
import { builtColumns } from '../support/built-columns.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const decode = (bytes: Uint8Array, from: number, to: number) => decoder.decode(bytes.subarray(from, to));

describe('TextColumnWriter (builder.textColumn)', () => {
  it('gives a value the id a plain Map would, whether it comes as bytes or as text, in any order', () => {
    const value = fc.oneof(
      fc.constantFrom('a', 'dev-1', 'dev-2', '__proto__', 'constructor', ''),
      fc.constantFrom(' a', 'a ', 'Zürich', 'é', '\tdev-1', 'x'.repeat(300)),
      fc.string({ maxLength: 30 }),
    );
    const step = fc.record({ asBytes: fc.boolean(), value });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const builder = new DatasetBuilder(defaultCatalog);
        const slot = builder.dimensionSlot('model');
        const writer = builder.textColumn(slot, decode);
        const reference = new Map<string, number>([['', 0]]);
        for (const { asBytes, value } of steps) {
          // a text value reaches the writer trimmed; bytes are trimmed once decoded
          const text = value.trim();
          const bytes = encoder.encode(`,${value},`);
          const id = asBytes ? writer.idOfBytes(bytes, 1, bytes.length - 1) : writer.idOfText(text);
          if (!reference.has(text)) reference.set(text, reference.size);
          expect(id).toBe(reference.get(text));
        }
        expect(builtColumns(builder).dimensions[0]?.values).toEqual([...reference.keys()]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps canonical values out of the string table’s Map, from bytes and from text, and holds its bytes', () => {
    const idOf = vi.spyOn(StringDictionary.prototype, 'idOf');
    const builder = new DatasetBuilder(defaultCatalog);
    builder.enableDevice();
    const writer = builder.textColumn('device', decode);
    const before = writer.byteSize;
    for (let i = 0; i < 5000; i++) {
      const bytes = encoder.encode(`dev-${i % 1000}`);
      expect(
        i % 2 === 0 ? writer.idOfBytes(bytes, 0, bytes.length) : writer.idOfText(`dev-${i % 1000}`),
      ).toBe((i % 1000) + 1);
    }
    expect(idOf.mock.calls).toEqual([['']]); // the empty value the column starts with
    expect(writer.byteSize).toBeGreaterThan(before);
    idOf.mockRestore();
  });

  it('gives every value of a dropped dimension id 0 without looking it up', () => {
    const builder = new DatasetBuilder(defaultCatalog);
    const slot = builder.dimensionSlot('note');
    const writer = builder.textColumn(slot, decode);
    for (let i = 0; i <= MAX_DIMENSION_CARDINALITY; i++) writer.idOfText(`note ${i}`);
    expect(builder.isDropped(slot)).toBe(true);
    const size = writer.byteSize;
    const bytes = encoder.encode('never seen');
    expect(writer.idOfBytes(bytes, 0, bytes.length)).toBe(0);
    expect(writer.idOfText('never seen either')).toBe(0);
    expect(writer.byteSize).toBe(size);
    expect(builder.warnings[0]).toContain('"note"');
  });
});
