import { describe, expect, it, vi } from 'vitest';
import type { IngestOptions } from '../../src/ingest/ingest.ts';
import { decodeLenient } from '../../src/ingest/lenient-utf8.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { utf16 } from '../support/utf16.ts';

/** The limit the tests lower the row limit to (the real one is 64 million characters). */
const LIMIT = 1_000_000;
const TOO_LARGE = 'the row is too large to read (over 1 million characters)';

/** Each way a CSV file is read: the byte reader in chunks of any size, and the text reader. */
const READS: [string, (text: string) => Uint8Array, IngestOptions][] = [
  ['UTF-8, one chunk', (t) => new TextEncoder().encode(t), {}],
  ['UTF-8, 4 KB chunks', (t) => new TextEncoder().encode(t), { chunkSize: 4096 }],
  ['UTF-8, 4097-byte chunks', (t) => new TextEncoder().encode(t), { chunkSize: 4097 }],
  ['UTF-16, one chunk', utf16, {}],
  ['UTF-16, 4 KB chunks', utf16, { chunkSize: 4096 }],
];

async function read(text: string, encode: (text: string) => Uint8Array, options: IngestOptions) {
  const { dataset, report } = await ingestFiles(
    { 'long.csv': encode(text) },
    { maxRecordChars: LIMIT, ...options },
  );
  const devices = Array.from({ length: dataset.rowCount }, (_, i) => dataset.event(i).device);
  return { devices, rejected: report.rejectedSample.map((r) => [r.line, r.reason]), report };
}

describe('a CSV row longer than the row limit', () => {
  const x = (n: number) => 'x'.repeat(n);
  const text = [
    'code,device,note\n',
    '1405,d1,ok\n', // 2
    `1405,d2,${x(LIMIT)}\n`, // 3: over the limit by the code and device before the note
    `1402,d3,${x(LIMIT - 8)}\r\n`, // 4: exactly the limit, then CRLF
    `1402,d4,"${x(LIMIT / 2)}\n,""\r\n${x(LIMIT / 2)}"\n`, // 5–7: quoted, over the limit, line breaks inside
    '1402,d5,"short, quoted"\n', // 8
    `1505,d6,${x(600_000)}"${x(600_000)}\n`, // 9: a quote inside an unquoted field is a character
    `${' '.repeat(LIMIT + 5)}\n`, // 10: blank, as long as it is: skipped, not counted
    `1505,d7,"${x(LIMIT)}" ,1\n`, // 11: white space after the closing quote
    `1200,d8,${'é'.repeat(LIMIT - 8)}\n`, // 12: 2 MB but the limit in characters: read
    '1200,d9,end\n', // 13
    `1200,d10,"${x(LIMIT)}`, // 14: a quote that never closes, at the end
  ].join('');

  it.each(READS)(
    'is rejected with its line, and the rows after it are read (%s)',
    async (_, encode, options) => {
      const { devices, rejected, report } = await read(text, encode, options);
      expect(devices).toEqual(['d1', 'd3', 'd5', 'd8', 'd9']);
      expect(rejected).toEqual([
        [3, TOO_LARGE],
        [5, TOO_LARGE],
        [9, TOO_LARGE],
        [11, TOO_LARGE],
        [14, TOO_LARGE],
      ]);
      expect(report.rowsRejected).toBe(5);
    },
  );

  it('is never held: a 40 MB row in a load allowed 8 MB is skipped, not refused', async () => {
    const long = `code,device\n1405,d1\n1405,${x(40_000_000)}\n1402,d2\n`;
    for (const options of [{}, { chunkSize: 1 << 20 }]) {
      const { devices, rejected } = await read(long, (t) => new TextEncoder().encode(t), {
        maxDatasetBytes: 8_000_000,
        ...options,
      });
      expect(devices).toEqual(['d1', 'd2']);
      expect(rejected).toEqual([[3, TOO_LARGE]]);
    }
  });
});

describe('decodeLenient', () => {
  it('reads bytes as Windows-1252 only where they are not UTF-8, not on any other error', () => {
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    try {
      decode.mockImplementation(() => {
        throw new Error('Cannot create a string longer than 0x1fffffe8 characters');
      });
      expect(() => decodeLenient(new Uint8Array(600).fill(0xe9))).toThrow('longer than');
      // a browser's decoder gives "" for text longer than a string can be
      decode.mockImplementation(() => '');
      expect(() => decodeLenient(new Uint8Array(600).fill(0x78))).toThrow(RangeError);
    } finally {
      decode.mockRestore();
    }
    expect(decodeLenient(new Uint8Array(600).fill(0xe9)).firstBadByte).toBe(0);
  });
});
