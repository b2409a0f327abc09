import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ByteRowSink, readCsvBytes } from '../../src/ingest/csv-byte-reader.ts';
import { readCsv } from '../../src/ingest/csv-reader.ts';
import type { Cell } from '../../src/ingest/field-parsers.ts';
import { parseIsoTimeBytes, parseTime } from '../../src/ingest/field-parsers.ts';
import { rowTooLarge } from '../../src/ingest/record-limit.ts';

type Event = ['columns', string[]] | ['row', string[], number] | ['reject', number, string];

/** Records what a reader reports, turning byte rows into strings, keeping the first `keep` fields. */
function recorder(keep: number): ByteRowSink & { events: Event[] } {
  const decoder = new TextDecoder();
  const events: Event[] = [];
  return {
    events,
    columns: (names) => events.push(['columns', [...names]]),
    row: (cells: readonly Cell[], line) => events.push(['row', cells.slice(0, keep).map(String), line]),
    reject: (line, reason) => events.push(['reject', line, reason]),
    warn: () => undefined,
    fieldsNeeded: () => keep,
    rowBytes: (bytes, starts, ends, count, line) => {
      const fields: string[] = [];
      for (let k = 0; k < count && k < keep; k++)
        fields.push(decoder.decode(bytes.subarray(starts[k], ends[k])));
      events.push(['row', fields, line]);
    },
  };
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
}

async function* decoded(bytes: Uint8Array, size: number): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of chunked(bytes, size)) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

const fieldArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '1200',
      '1404',
      ' 1505 ',
      '',
      'ERR',
      'Kestrel Mini',
      'é日本🚀',
      '2026-10-01T08:00:00Z',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.string({
      unit: fc.constantFrom('a', ' ', ',', ';', '\t', '|', '"', '\n', '\r', 'é', '🚀'),
      maxLength: 8,
    }),
  },
);

/**
 * CSV text in a random dialect, with fields quoted when needed (or at random), sometimes ragged, sometimes
 * with Excel's `sep=` line; its lines end in one line ending or in several, mixed (files concatenated).
 */
const csvCaseArb = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    newlines: fc.oneof(
      fc.constantFrom(['\n'], ['\r\n'], ['\r']),
      fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 2, maxLength: 30 }),
    ),
    width: fc.integer({ min: 1, max: 5 }),
    rows: fc.array(fc.array(fieldArb, { minLength: 0, maxLength: 6 }), { minLength: 0, maxLength: 25 }),
    quoteAll: fc.boolean(),
    trailingNewline: fc.boolean(),
    bom: fc.boolean(),
    sepLine: fc.boolean(),
  })
  .map(({ delimiter, newlines, width, rows, quoteAll, trailingNewline, bom, sepLine }) => {
    const quote = (f: string) =>
      quoteAll || f.includes(delimiter) || f.includes('"') || f.includes('\n') || f.includes('\r')
        ? `"${f.replaceAll('"', '""')}"`
        : f;
    const header = Array.from({ length: width }, (_, i) => `col${i}`);
    const lines = [header, ...rows].map((r) => r.map(quote).join(delimiter));
    if (sepLine) lines.unshift(`sep=${delimiter}`);
    // a CR, an empty line and an LF would be one CRLF: that CR is written as CRLF
    const ending = (i: number) => {
      const chosen = newlines[i % newlines.length] as string;
      const after = newlines[(i + 1) % newlines.length] as string;
      return chosen === '\r' && lines[i + 1] === '' && after === '\n' ? '\r\n' : chosen;
    };
    const text = lines.map((line, i) => (i < lines.length - 1 || trailingNewline ? line + ending(i) : line));
    return { text: `${bom ? '\ufeff' : ''}${text.join('')}`, header, rows, sepLine, lines };
  });
const csvArb = csvCaseArb.map((c) => c.text);

/**
 * What a reader must report for a generated file, worked out from the fields it was written from: a row
 * per written line (blank ones skipped), its line the file's line, every line break (LF, CRLF, CR) counted
 * once. A CR alone inside a quoted value reads as LF. A written row longer than `limit` characters is
 * rejected as too large.
 */
function writtenEvents(
  { header, rows, sepLine, lines }: { header: string[]; rows: string[][]; sepLine: boolean; lines: string[] },
  keep: number,
  limit = Number.POSITIVE_INFINITY,
): Event[] {
  const events: Event[] = [['columns', header]];
  let line = sepLine ? 3 : 2;
  for (const [r, fields] of rows.entries()) {
    const values = fields.map((f) => f.replace(/\r(?!\n)/g, '\n'));
    const at = line;
    line += 1 + values.join('').split('\n').length - 1;
    const blank = values.length === 0 || (values.length === 1 && /^[\s\0]*$/.test(values[0] as string));
    const written = lines[r + (sepLine ? 2 : 1)] as string;
    if (blank) continue;
    if (written.length > limit) events.push(['reject', at, rowTooLarge(limit)]);
    else events.push(['row', values.slice(0, keep), at]);
  }
  return events;
}

describe('the byte CSV reader is PapaParse-identical', () => {
  it('reports the same columns, rows, lines and rejections as the PapaParse text reader', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvArb,
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 7 }),
        async (text, size, keep) => {
          const bytes = new TextEncoder().encode(text);
          const reference = recorder(keep);
          const referenceDialect = await readCsv(decoded(bytes, 1 << 20), reference);
          const fast = recorder(keep);
          const { delimiter, newline } = await readCsvBytes(chunked(bytes, size), fast);
          expect({ delimiter, newline }).toEqual(referenceDialect);
          expect(fast.events).toEqual(reference.events);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 400) },
    );
  });

  it('reports the rows and lines the file was written with, whatever its line endings', async () => {
    await fc.assert(
      fc.asyncProperty(
        // one column and no sep= line: no delimiter to find, so a field's other delimiters could be taken
        csvCaseArb.filter((c) => c.header.length > 1 || c.sepLine),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 7 }),
        async (written, size, keep) => {
          const { text } = written;
          const expected = writtenEvents(written, keep);
          const bytes = new TextEncoder().encode(text);
          const reference = recorder(keep);
          await readCsv(decoded(bytes, size), reference);
          expect(reference.events).toEqual(expected);
          const fast = recorder(keep);
          await readCsvBytes(chunked(bytes, size), fast);
          expect(fast.events).toEqual(expected);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 400) },
    );
  });

  it('rejects the same rows as longer than a lowered row limit, with the same lines', async () => {
    let rejecting = 0;
    await fc.assert(
      fc.asyncProperty(
        csvCaseArb,
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 7 }),
        // above the longest header (5 quoted names: 34 characters), below many rows
        fc.integer({ min: 35, max: 70 }),
        async (written, size, keep, limit) => {
          const bytes = new TextEncoder().encode(written.text);
          const reference = recorder(keep);
          await readCsv(decoded(bytes, size), reference, limit);
          const fast = recorder(keep);
          await readCsvBytes(chunked(bytes, size), fast, { maxRecordChars: limit });
          expect(fast.events).toEqual(reference.events);
          if (written.header.length > 1 || written.sepLine) {
            expect(reference.events).toEqual(writtenEvents(written, keep, limit));
          }
          if (reference.events.some((e) => e[0] === 'reject')) rejecting++;
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 400) },
    );
    // the property is only worth something if many cases had a row over the limit
    expect(rejecting).toBeGreaterThan(Number(process.env.RUNS ?? 400) / 10);
  });

  it('handles a truncated quote and malformed quotes the same way', async () => {
    for (const text of ['a,b\n1,"x\n2,y\n', 'a,b\n1,x"y"z\n2,"q"r\n3,s', 'a\r\nb"\nc\r\n"d\r\n']) {
      const bytes = new TextEncoder().encode(text);
      const reference = recorder(9);
      await readCsv(decoded(bytes, 3), reference);
      const fast = recorder(9);
      await readCsvBytes(chunked(bytes, 2), fast);
      expect(fast.events).toEqual(reference.events);
    }
  });
});

describe('the byte time parser agrees with parseTime', () => {
  it('never disagrees where it answers', () => {
    const digits = (n: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
    const isoArb = fc
      .tuple(digits(4), digits(2), digits(2), fc.constantFrom('T', ' ', 'x'), digits(2), digits(2), digits(2))
      .chain(([y, mo, d, t, h, mi, s]) =>
        fc
          .tuple(
            fc.constantFrom('', '.5', '.25', '.123', '.1234', '.'),
            fc.constantFrom('', 'Z', '+02:00', ' '),
          )
          .map(([frac, zone]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac}${zone}`),
      );
    fc.assert(
      fc.property(isoArb, (text) => {
        const fast = parseIsoTimeBytes(new TextEncoder().encode(text), 0, text.length);
        if (!Number.isNaN(fast)) expect(fast).toBe(parseTime(text));
      }),
      { numRuns: 5000 },
    );
    const known = '2026-10-01T08:15:30.250Z';
    expect(parseIsoTimeBytes(new TextEncoder().encode(known), 0, known.length)).toBe(
      Date.UTC(2026, 9, 1, 8, 15, 30, 250),
    );
  });
});

describe('known tricky inputs', () => {
  it.each([
    ['col0\r\t"\r\n"\r1200', 1, 1],
    ['col0\tcol1\n\t', 1, 1],
    ['col0\n"""";1200\n', 1, 1],
    ['col0,col1\r\n1200,a\n1404,"b"\r1200,c\r\n', 1, 2],
    ['col0,col1\r1200,"a\r\nb"\r\n1404,b\r', 2, 2],
    ['sep=;\r\ncol0;col1\n1200;"x"\r', 3, 1],
  ])('%j in chunks of %d', async (text, size, keep) => {
    const bytes = new TextEncoder().encode(text);
    const reference = recorder(keep);
    await readCsv(decoded(bytes, 1 << 20), reference);
    const fast = recorder(keep);
    await readCsvBytes(chunked(bytes, size), fast);
    expect(fast.events).toEqual(reference.events);
  });
});
