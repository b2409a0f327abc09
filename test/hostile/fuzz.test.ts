import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { eventsToCsv } from '../../src/dataset/csv-export.ts';
import { IngestError, type IngestOptions, type IngestResult } from '../../src/ingest/ingest.ts';
import { buildSummary } from '../../src/report/summary.ts';
import { ingestFiles } from '../support/ingest-text.ts';

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

/** Ingest that may refuse (IngestError) but must never throw anything else; checks the row invariants. */
async function ingestOrRefuse(name: string, content: string | Uint8Array, options: IngestOptions = {}) {
  let result: IngestResult;
  try {
    result = await ingestFiles({ [name]: content }, options);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    expect(error.message.startsWith(`${name}`)).toBe(true);
    return null;
  }
  const { dataset, report } = result;
  // every data row read is either accepted or rejected
  expect(dataset.rowCount + report.rowsRejected).toBe(report.rowsRead);
  expect(report.files.reduce((n, f) => n + f.rowsRead, 0)).toBe(report.rowsRead);
  expect(report.rejectedSample.length).toBe(Math.min(report.rowsRejected, 1000));
  for (const r of report.rejectedSample) {
    expect(r.line).toBeGreaterThanOrEqual(1);
    expect(r.reason.length).toBeGreaterThan(5);
  }
  return result;
}

const asciiAndMore = fc.constantFrom(
  ...'0123456789,;|\t"\'\n\r {}[]:=+-@.xé'.split(''),
  '1200',
  '1404',
  '\0',
  '日',
  '🚀',
  '\ufeff',
);

describe('fuzzing: ingest never throws anything but IngestError, and rows add up', () => {
  it('random bytes, plain, gzipped, zipped, behind a BOM or a CSV header', async () => {
    const wrap = fc.constantFrom('plain', 'gzip', 'zip', 'bom', 'utf16', 'header');
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        wrap,
        fc.integer({ min: 1, max: 50 }),
        async (bytes, how, chunkSize) => {
          const content =
            how === 'gzip'
              ? new Uint8Array(gzipSync(bytes))
              : how === 'zip'
                ? zipSync({ 'inner.csv': bytes, 'more.json': bytes })
                : how === 'bom'
                  ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])
                  : how === 'utf16'
                    ? new Uint8Array([0xff, 0xfe, ...bytes])
                    : how === 'header'
                      ? new Uint8Array([...strToU8('result_code,device,model\n'), ...bytes])
                      : bytes;
          await ingestOrRefuse('random.bin', content, { chunkSize });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random text that looks a little like CSV or JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('', 'code,model\n', 'result_code;device\r\n', '[', '{"events":[', '{"code":'),
        fc.string({ unit: asciiAndMore, maxLength: 400 }),
        fc.integer({ min: 1, max: 30 }),
        async (prefix, body, chunkSize) => {
          await ingestOrRefuse('random.txt', prefix + body, { chunkSize });
        },
      ),
      { numRuns: 400 },
    );
  });

  const cellArb = fc.oneof(
    fc.constantFrom('1200', '1404', ' 1505 ', '-1', '1.2e3', '0x4B0', '1200.0', '', 'ERR', '=1+1', '@x'),
    fc.string({ unit: asciiAndMore, maxLength: 12 }),
  );

  it('well-formed CSV in any dialect: every generated row is read, and accepted + rejected = rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.tuple(cellArb, cellArb, cellArb), { maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        async (delimiter, newline, rows, chunkSize) => {
          const quote = (f: string) =>
            /[,;\t|"\r\n]/.test(f) || f !== f.trim() ? `"${f.replaceAll('"', '""')}"` : f;
          const text = [['result_code', 'device', 'model'], ...rows]
            .map((r) => r.map(quote).join(delimiter))
            .join(newline);
          const result = await ingestOrRefuse('gen.csv', text, { chunkSize });
          if (!result) return; // e.g. NUL-heavy text refused as binary
          // a row is skipped only when blank: one field of white space / NUL — here rows have three fields
          expect(result.report.rowsRead).toBe(rows.length);
          expect(result.report.files[0]?.delimiter).toBe(delimiter);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random JSON values, and arrays of random records (hostile keys included), as JSON and NDJSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await ingestOrRefuse('value.json', JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
    const key = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'code'),
      fc.string(),
    );
    const record = fc.record({
      result_code: fc.oneof(
        fc.integer(),
        fc.constantFrom('1200', '1404', 'x', ''),
        fc.double(),
        fc.constant(null),
      ),
      extra: fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 30 }), fc.boolean(), async (records, ndjson) => {
        const text = ndjson
          ? records.map((r) => JSON.stringify(r)).join('\n')
          : JSON.stringify({ exported: 'fuzz', events: records }, null, 1);
        const result = await ingestOrRefuse(ndjson ? 'r.ndjson' : 'r.json', text);
        if (result) expect(result.report.rowsRead).toBe(records.length);
      }),
      { numRuns: 200 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  });
});

describe('fuzzing: export CSV → ingest gives the same summary', () => {
  it('a dataset without devices or times exports without those columns (found by the property below)', async () => {
    // one record whose code column is ambiguous: "1404" in batch is a known code, -7 is no family's (an id
    // column such as device_id is never the code for its values alone, so it cannot play that part)
    const records = [{ result_code: -7, batch: '1404', model: '', region: 'EU' }];
    const first = await ingestFiles({ 'source.json': JSON.stringify(records) });
    expect(first.dataset.hasDevice).toBe(false);
    const csv = eventsToCsv(first.dataset, first.dataset.sortedRows(first.dataset.all(), null));
    expect(csv.split('\r\n')[0]).toBe('result_code,message,category,stage,cause,result_code,region');
    const second = await ingestFiles({ 'export.csv': csv });
    expect(buildSummary(second.dataset, second.report).totals).toEqual(
      buildSummary(first.dataset, first.report).totals,
    );
  });

  const text = fc.string({ unit: asciiAndMore, maxLength: 10 }).filter((s) => !s.includes('\0'));
  const event = fc.record({
    result_code: fc.constantFrom(1200, 1250, 1401, 1404, 1502, 1505, 1555, 1201, -1),
    time: fc.option(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), { nil: undefined }),
    device_id: text,
    model: text,
    region: fc.constantFrom('EU', 'US', '=cmd', '-x', "'=y"),
    count: fc.integer({ min: 0, max: 5 }),
  });

  it('keeps operations, successes, failures, unrecognized, devices, codes and time range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        async (events, counted) => {
          const records = events.map(({ time, count, ...rest }) => ({
            ...rest,
            ...(time === undefined ? {} : { time: new Date(time).toISOString() }),
            ...(counted ? { count } : {}),
          }));
          const first = await ingestFiles({ 'source.json': JSON.stringify(records) });
          const csv = eventsToCsv(first.dataset, first.dataset.sortedRows(first.dataset.all(), null));
          const second = await ingestFiles({ 'export.csv': csv });
          const a = buildSummary(first.dataset, first.report);
          const b = buildSummary(second.dataset, second.report);
          expect(second.report.rowsRejected).toBe(0);
          expect(b.totals).toEqual(a.totals);
          expect(b.byCode).toEqual(a.byCode);
          expect(b.byCategory).toEqual(a.byCategory);
          expect(b.timeRange).toEqual(a.timeRange);
        },
      ),
      { numRuns: 150 },
    );
  });
});
