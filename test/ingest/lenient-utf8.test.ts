import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesForUnits,
  decodeLenient,
  decodeLenientText,
  LenientUtf8Stream,
} from '../../src/ingest/lenient-utf8.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { utf16 } from '../support/utf16.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** Bytes that mix ASCII structure, UTF-8 text and stray high bytes (what a half-Latin-1 export holds). */
const mixedBytes = fc
  .array(
    fc.oneof(
      fc.constantFrom(...',;\n\r"ab1 '.split('')).map(encode),
      fc.string({ unit: 'grapheme', maxLength: 3 }).map(encode),
      fc.integer({ min: 0x80, max: 0xff }).map((b) => Uint8Array.of(b)),
      fc.uint8Array({ maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => new Uint8Array(parts.flatMap((p) => [...p])));

describe('decodeLenient', () => {
  it('decodes valid UTF-8 exactly as TextDecoder does, BOM included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const bytes = encode(text);
        expect(decodeLenient(bytes)).toEqual({ text, firstBadByte: -1 });
      }),
    );
    expect(decodeLenient(encode('\ufeffa')).text).toBe('\ufeffa');
  });

  it('reads each byte outside a UTF-8 sequence as its Windows-1252 character', () => {
    // the WHATWG table (Node's own TextDecoder('windows-1252') decodes as ISO-8859-1, so it is no reference)
    const expected: [number, string][] = [
      [0x80, '€'],
      [0x81, '\u0081'],
      [0x8a, 'Š'],
      [0x8c, 'Œ'],
      [0x92, '’'],
      [0x99, '™'],
      [0x9f, 'Ÿ'],
      [0xa0, '\u00a0'],
      [0xe9, 'é'],
      [0xff, 'ÿ'],
    ];
    for (const [b, ch] of expected) {
      const { text, firstBadByte } = decodeLenient(Uint8Array.of(0x41, b, 0x42));
      expect(text).toBe(`A${ch}B`);
      expect(firstBadByte).toBe(1);
    }
    for (let b = 0x80; b <= 0xff; b++) expect(decodeLenientText(Uint8Array.of(b))).toHaveLength(1);
    // overlong forms, surrogates and code points past U+10FFFF are not UTF-8
    for (const bad of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      expect(decodeLenient(Uint8Array.from(bad)).text).toHaveLength(bad.length);
    }
  });

  it('gives the same text for a row as for its fields decoded one by one (split at ASCII bytes)', () => {
    fc.assert(
      fc.property(mixedBytes, (bytes) => {
        const pieces: string[] = [];
        let from = 0;
        for (let i = 0; i <= bytes.byteLength; i++) {
          if (i === bytes.byteLength || bytes[i] === 44 /* , */) {
            pieces.push(decodeLenientText(bytes.subarray(from, i)));
            from = i;
          }
        }
        expect(pieces.join('')).toBe(decodeLenientText(bytes));
      }),
    );
  });

  it('bytesForUnits maps a consumed text length back to its bytes', () => {
    fc.assert(
      fc.property(mixedBytes, fc.nat(), (bytes, cut) => {
        const text = decodeLenientText(bytes);
        expect(bytesForUnits(bytes, 0, text.length)).toBe(bytes.byteLength);
        // at a character boundary, the bytes taken decode to exactly that prefix
        let units = text.length === 0 ? 0 : cut % (text.length + 1);
        if (units > 0 && units < text.length && /[\udc00-\udfff]/.test(text.charAt(units))) units--;
        const taken = bytesForUnits(bytes, 0, units);
        expect(decodeLenientText(bytes.subarray(0, taken))).toBe(text.slice(0, units));
      }),
    );
  });
});

describe('LenientUtf8Stream', () => {
  it('gives the same text in any chunking, and the line (by LF) of the first bad byte', () => {
    fc.assert(
      fc.property(mixedBytes, fc.integer({ min: 1, max: 9 }), (bytes, size) => {
        const lines: number[] = [];
        const stream = new LenientUtf8Stream((line) => lines.push(line));
        let text = '';
        for (let at = 0; at < bytes.byteLength; at += size) {
          text += stream.decode(bytes.subarray(at, at + size), false);
        }
        text += stream.decode(new Uint8Array(0), true);
        const whole = decodeLenient(bytes);
        expect(text).toBe(whole.text);
        if (whole.firstBadByte < 0) expect(lines).toEqual([]);
        else {
          const before = bytes.subarray(0, whole.firstBadByte).filter((b) => b === 10).length;
          expect(lines).toEqual([before + 1]);
        }
      }),
    );
  });
});

describe('CSV with bytes that are not UTF-8: the byte path and the PapaParse path agree', () => {
  it('gives the same rows, values and rejections as the same text read through PapaParse', async () => {
    const field = fc.oneof(
      fc.constantFrom('1200', '1404', 'x', ''),
      mixedBytes.map((b) => b.filter((x) => x !== 10 && x !== 13 && x !== 44 && x !== 34 && x !== 0)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field, fc.boolean()), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 16 }),
        async (rows, chunkSize) => {
          const lines = [encode('code,model')];
          for (const [code, model, quoted] of rows) {
            const c = typeof code === 'string' ? encode(code) : code;
            const m = typeof model === 'string' ? encode(model) : model;
            lines.push(new Uint8Array([...c, 44, ...(quoted ? [34, ...m, 34] : m)]));
          }
          const bytes = new Uint8Array(lines.flatMap((l) => [...l, 10]));
          const direct = await ingestFiles({ 'f.csv': bytes }, { chunkSize }).catch((e: Error) => e.message);
          const viaText = await ingestFiles({ 'f.csv': utf16(decodeLenientText(bytes)) }).catch(
            (e: Error) => e.message,
          );
          // only the byte path sniffs for binary files (a UTF-16 file has a BOM that says it is text)
          fc.pre(!(typeof direct === 'string' && /binary/.test(direct)));
          if (typeof direct === 'string' || typeof viaText === 'string') {
            expect(direct).toEqual(viaText);
            return;
          }
          // bytes that read better in another legacy encoding are decoded as that, not by this rule
          fc.pre(direct.report.files[0]?.encoding === 'utf-8');
          const events = (r: typeof direct) =>
            Array.from({ length: r.dataset.rowCount }, (_, i) => r.dataset.event(i));
          expect(events(direct)).toEqual(events(viaText));
          expect(direct.report.rejectedSample).toEqual(viaText.report.rejectedSample);
        },
      ),
      { numRuns: 200 },
    );
  });
});
