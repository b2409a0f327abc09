import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { type ByteSource, ChunkLender } from '../../src/ingest/byte-source.ts';
import { SAMPLE_ROWS } from '../../src/ingest/file-sample.ts';
import { type IngestOptions, type IngestReport, ingest } from '../../src/ingest/ingest.ts';
import { ingestFiles } from '../support/ingest-text.ts';

/**
 * The flat-record reader (json-flat-record.ts, json-byte-reader.ts) against the JSON.parse path it stands in
 * for: the same NDJSON or JSON file read both ways gives the same dataset — every row's result, time,
 * device and dimension values, the values' order — and the same report: rows read, rejections with their
 * lines and reasons, warnings, bad-byte lines, unreadable times. Values and records of every form the
 * reader leaves to JSON.parse are mixed in often, so both sides of each hand-over are compared.
 */

const enc = new TextEncoder();

/** Everything a load gives that a user can see, as plain data (not which path read a record). */
function seen(dataset: Dataset, report: IngestReport): unknown {
  const files = report.files.map(({ rowsScanned: _, ...file }) => file);
  const rows = Array.from({ length: dataset.rowCount }, (_, i) => dataset.event(i));
  const names = dataset.dimensionNames;
  return { report: { ...report, files }, rows, names, values: names.map((n) => dataset.dimensionValues(n)) };
}

async function both(name: string, bytes: Uint8Array, options: IngestOptions = {}) {
  const run = async (jsonBytes: boolean) => {
    try {
      const { dataset, report } = await ingestFiles({ [name]: bytes }, { ...options, jsonBytes });
      return { seen: seen(dataset, report), scanned: report.files[0]?.rowsScanned ?? 0 };
    } catch (error) {
      return { seen: { error: String(error) }, scanned: 0 };
    }
  };
  const fast = await run(true);
  const parsed = await run(false);
  expect(parsed.scanned).toBe(0);
  return { fast: fast.seen, parsed: parsed.seen, scanned: fast.scanned };
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
/** JSON text of values, as written in the file ('\xff' becomes a byte that is not UTF-8). */
const codeArb = fc.oneof(
  { weight: 20, arbitrary: pick('1200', '1404', '1501', '1200', '"1402"') },
  {
    weight: 1,
    arbitrary: pick(
      '" 1404"',
      '1200.0',
      '1.2e3',
      '-0',
      'null',
      'true',
      '"ERR"',
      '12345678901',
      '""',
      '"\\u0031200"',
      '[1200]',
    ),
  },
);
const timeArb = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 86_399 }).map((s) => `"${isoAt(s)}"`) },
  {
    weight: 2,
    arbitrary: pick(
      '"2026-10-01 07:08:09.55"',
      '"2026-10-01T00:00:00+02:00"',
      '""',
      '"garbage"',
      '1696118400',
      '1696118400123',
      '1.6961184001234567e18',
      '1696118400.5',
      'null',
      '"2026-13-01T00:00:00Z"',
    ),
  },
);
const deviceArb = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.integer({ min: 0, max: 60 }).map((n) => `"dev-${String(n).padStart(3, '0')}"`),
  },
  {
    weight: 2,
    arbitrary: pick(
      '" dev-001"',
      '"é-dev"',
      '"dev-\xff"',
      '"dev\\u002d001"',
      '42',
      '-0',
      '1e2',
      'false',
      'null',
      '"__proto__"',
      '"\\ud83d\\ude00"',
      '"\u{1F600}"',
      '{"id":1}',
    ),
  },
);
const wordArb = fc.oneof(
  { weight: 10, arbitrary: pick('"Kestrel Mini"', '"Orca Go"', '"apac"', '"emea"') },
  { weight: 1, arbitrary: pick('""', '"日本"', '"a\\"b"', '" apac"', '3', '1.50', 'true') },
);
const noteArb = fc.oneof(
  { weight: 6, arbitrary: pick('""', '"ok"', '"retry later"') },
  {
    weight: 2,
    arbitrary: pick(
      '"line\\nbreak"',
      '"tab\\there"',
      '"\\u00e9"',
      '"a\xffb"',
      '"{[\\"]}"',
      '[1,{"a":2}]',
      '{"x":{"y":1}}',
      '-1.5e-3',
      'null',
      '"\\/"',
    ),
  },
);

/** A line that ends inside its object: in an array, the rest of the file would be inside it (see breakAt). */
const UNCLOSED = '{"result_code":1200,"device_id":"dev-001"';

const KEYS = ['result_code', 'timestamp', 'device_id', 'model', 'region', 'note'] as const;

/** A record as the text of a JSON object, or a line that is something else. */
const recordArb = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.tuple(codeArb, timeArb, deviceArb, wordArb, wordArb, noteArb).map((v) => ({ values: v })),
  },
  {
    weight: 1,
    arbitrary: pick(
      '{"result_code":1200,"timestamp":"2026-10-01T00:00:00Z","result_code":1404}',
      '{"result_code":1200,"extra_key":"x"}',
      '{"res\\u0075lt_code":1404,"device_id":"dev-002"}',
      '{"result_code":1200,"device_id":"dev-001",}',
      '{"result_code":1200 "device_id":"dev-001"}',
      '{"result_code":012}',
      UNCLOSED,
      '{}',
      '{ }',
      '[1,2]',
      '42',
      '"text"',
      '',
      '   ',
      '{"result_code":1200,"note":"raw\ttab"}',
      '{"result_code":tru}',
      '{"result_code":1404,"meta":{"a":1}}',
      '{"result_code":1404,"model":"m"}  ',
      '{"result_code":1200}\r',
      '{"result_code":1200} {"result_code":1404}',
    ),
  },
);

const fileArb = fc.record({
  order: fc.shuffledSubarray([...KEYS], { minLength: 6, maxLength: 6 }),
  records: fc.array(recordArb, { minLength: SAMPLE_ROWS + 50, maxLength: SAMPLE_ROWS + 400 }),
  shape: pick('ndjson', 'array', 'array-minified', 'array-pretty', 'wrapped'),
  /** Fields left out of a record now and then (sparse records). */
  sparse: fc.boolean(),
  spacing: pick('', ' ', '\t'),
  bom: fc.boolean(),
  crlf: fc.boolean(),
  chunkSize: pick(1, 7, 61, 4096, 70_000, 1 << 20),
  maxRecordChars: pick(undefined, undefined, undefined, 90, 200),
  badBytes: fc.boolean(),
  /** An array whose structure breaks (an unbalanced bracket) after this many records. */
  breakAt: fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: SAMPLE_ROWS, max: SAMPLE_ROWS + 40 }) },
  ),
});

type FileCase = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function isoAt(second: number): string {
  const hh = String(Math.floor(second / 3600)).padStart(2, '0');
  const mm = String(Math.floor(second / 60) % 60).padStart(2, '0');
  const ss = String(second % 60).padStart(2, '0');
  return `2026-10-01T${hh}:${mm}:${ss}.${String(second % 1000).padStart(3, '0')}Z`;
}

function recordText(f: FileCase, r: FileCase['records'][number], i: number, pretty: boolean): string {
  if (typeof r === 'string') return r;
  const s = f.spacing;
  const fields = f.order
    .filter((key, k) => !(f.sparse && (i + k) % 7 === 0 && key !== 'result_code'))
    .map((key) => `"${key}"${s}:${s}${r.values[KEYS.indexOf(key)]}`);
  return pretty ? `{\n  ${fields.join(',\n  ')}\n}` : `{${fields.join(`,${s}`)}}`;
}

function fileText(f: FileCase): string {
  const nl = f.crlf ? '\r\n' : '\n';
  const pretty = f.shape === 'array-pretty';
  const texts = f.records.map((r, i) => recordText(f, r, i, pretty));
  if (f.shape === 'ndjson') return texts.join(nl) + nl;
  // in an array, a line that is no value (blank) is left out; a value that is no object stays
  const values = texts.filter((t) => t.trim() !== '').map((t) => (t === UNCLOSED ? `${t}}` : t));
  if (f.breakAt !== null) values.splice(f.breakAt, 0, '}');
  const sep = f.shape === 'array-minified' ? ',' : `,${nl}`;
  const array = `[${nl}${values.join(sep)}${nl}]`;
  return f.shape === 'wrapped' ? `{"meta":{"n":1},${nl}"events":${array},"tail":[1,2]}${nl}` : array + nl;
}

/** The file's bytes: `\xff` stays one byte that is not UTF-8 (or becomes `y`). */
function fileBytes(f: FileCase): Uint8Array {
  const text = fileText(f);
  const parts = (f.badBytes ? text : text.replaceAll('\xff', 'y')).split('\xff').map((p) => enc.encode(p));
  const bytes: number[] = f.bom ? [0xef, 0xbb, 0xbf] : [];
  parts.forEach((p, i) => {
    if (i > 0) bytes.push(0xff);
    for (const b of p) bytes.push(b);
  });
  return Uint8Array.from(bytes);
}

describe('the flat-record reader reads JSON as JSON.parse does', () => {
  it('gives the same dataset and report for any NDJSON or JSON file, cut into chunks anywhere', async () => {
    let scannedRows = 0;
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, async (f) => {
        const name = f.shape === 'ndjson' ? 'fleet.ndjson' : 'fleet.json';
        const { fast, parsed, scanned } = await both(name, fileBytes(f), {
          chunkSize: f.chunkSize,
          ...(f.maxRecordChars === undefined ? {} : { maxRecordChars: f.maxRecordChars }),
        });
        expect(fast).toEqual(parsed);
        if (f.maxRecordChars === undefined && f.breakAt === null) {
          scannedRows += scanned;
          rows += f.records.length - SAMPLE_ROWS;
        }
      }),
      // no shrinking: a case is a file of over a thousand records, and its seed and path are printed
      { numRuns: 24, endOnFailure: true },
    );
    // records with odd values (a tenth of them) and the records after a hand-over are read through
    // JSON.parse; the reader must still have read most, or this compared one path with itself
    expect(scannedRows).toBeGreaterThan(rows * 0.5);
  }, 120_000);

  it('reads the same when a chunk it gives back is taken away at once, as the read worker does', async () => {
    // a file of whole lent chunks whose memory is detached when given back: a view kept by mistake reads empty
    const records = Array.from(
      { length: 6_000 },
      (_, i) =>
        `{"result_code":${i % 7 ? 1200 : 1404},"timestamp":"${isoAt(i % 86_400)}","device_id":"dev-${i % 97}","model":"${i % 3 ? 'Orca Go' : 'a\\"b'}"}`,
    );
    for (const [name, text] of [
      ['fleet.ndjson', `${records.join('\n')}\n`],
      ['fleet.json', `[\n${records.join(',\n')}\n]\n`],
    ] as const) {
      const bytes = enc.encode(text);
      const lent = async (jsonBytes: boolean) => {
        const { dataset, report } = await ingest([detachingSource(name, bytes, 70_001)], { jsonBytes });
        return { seen: seen(dataset, report), scanned: report.files[0]?.rowsScanned ?? 0 };
      };
      const fast = await lent(true);
      expect(fast.seen).toEqual((await lent(false)).seen);
      expect(fast.scanned).toBeGreaterThan(3_000); // a third have an escape in a needed string
    }
  });
});

/** `bytes` in chunks of `size`, each a buffer of its own, lent; a chunk given back is detached. */
function detachingSource(name: string, bytes: Uint8Array, size: number): ByteSource {
  const lender = new ChunkLender();
  return {
    name,
    size: bytes.byteLength,
    lender,
    stream: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.byteLength) {
            controller.close();
            return;
          }
          const chunk = bytes.slice(at, at + size);
          at += size;
          lender.lend(chunk, (buffer) => structuredClone(buffer, { transfer: [buffer] }));
          controller.enqueue(chunk);
        },
      });
    },
  };
}
