import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { StringDictionary } from '../../src/dataset/growable-columns.ts';
import { bytesSource, readChunks } from '../../src/ingest/byte-source.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { warmUpCsv } from '../../src/worker/engine-warm-up.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';
import { byCode, byDimension, totals } from '../support/reference-queries.ts';
import { utf16 } from '../support/utf16.ts';

const ROWS = [
  ['1200', '2026-10-01T08:00:00Z', 'dev-1', 'Aurora X2'],
  ['1404', '2026-10-01T09:00:00Z', 'dev-2', 'Kestrel Mini'],
  ['1404', '2026-10-01T10:00:00Z', 'dev-2', 'Kestrel Mini'],
  ['1200', '2026-10-01T11:00:00Z', 'dev-2', 'Kestrel Mini'],
  ['1201', '2026-10-01T12:00:00Z', 'dev-3', 'Aurora X2'],
  ['1505', '2026-10-01T13:00:00Z', 'dev-4', 'Orca Pro'],
];
const HEADER = ['result_code', 'timestamp', 'device_id', 'model'];

function csv(delimiter: string, newline: string, rows = ROWS, header = HEADER): string {
  return [header, ...rows].map((r) => r.join(delimiter)).join(newline) + newline;
}

const EXPECTED_TOTALS = {
  operations: 6,
  successes: 2,
  failures: 3,
  unrecognized: 1,
  failureRate: 0.5,
  devices: 4,
  failingDevices: 2,
};

describe('CSV dialects', () => {
  for (const delimiter of [',', ';', '\t', '|']) {
    for (const [label, newline] of [
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ] as const) {
      it(`reads ${JSON.stringify(delimiter)} delimited with ${label} line endings`, async () => {
        const { dataset, report } = await ingestFiles({ 'fleet.csv': csv(delimiter, newline) });
        expect(report.files[0]?.delimiter).toBe(delimiter);
        expect(report.files[0]?.newline).toBe(newline);
        expect(totals(dataset)).toMatchObject(EXPECTED_TOTALS);
        expect(report.rowsRead).toBe(6);
        expect(dataset.dimensionNames).toEqual(['model']);
      });
    }
  }

  it('strips a UTF-8 byte-order mark so the first header is matched', async () => {
    const summary = await summarize('bom.csv', `\ufeff${csv(',', '\r\n')}`);
    expect(summary.columns.code).toBe('result_code');
    expect(summary.totals).toMatchObject(EXPECTED_TOTALS);
  });

  it('has no trailing-newline requirement and skips blank lines without counting them', async () => {
    const text = `result_code,device_id\n1200,a\n\n1404,b\n   \n1200,c`;
    const summary = await summarize('blank.csv', text);
    expect(summary.source.rowsRead).toBe(3);
    expect(summary.totals.operations).toBe(3);
  });

  it('reads a header-only file as an empty dataset', async () => {
    const summary = await summarize('empty.csv', 'result_code,device_id\n');
    expect(summary.totals.operations).toBe(0);
    expect(summary.source.rowsRead).toBe(0);
  });
});

describe('quoted fields', () => {
  const text = [
    'code,device,note,model',
    '1200,"dev,1","said ""hello""",A',
    '1404,dev-2,"line one',
    'line two, with comma",B',
    '1200,dev-3,"""quoted""",A',
    'oops,dev-4,x,A',
  ].join('\r\n');

  it('keeps delimiters, quotes and newlines inside quotes', async () => {
    const { dataset, report } = await ingestFiles({ 'q.csv': text });
    expect(report.rowsRead).toBe(4);
    const events = [0, 1, 2].map((r) => dataset.event(r));
    expect(events.map((e) => e.device)).toEqual(['dev,1', 'dev-2', 'dev-3']);
    expect(report.files[0]?.mapping.ignored).toContainEqual({ name: 'note', reason: 'free text' });
  });

  it('gives the physical line of a rejected row after a quoted newline', async () => {
    const { report } = await ingestFiles({ 'q.csv': text });
    expect(report.rejectedSample).toEqual([
      { file: 'q.csv', line: 6, reason: 'result code "oops" is not an integer' },
    ]);
  });

  it('rejects a row whose quote never closes, keeping the rows before it', async () => {
    const { report, dataset } = await ingestFiles({ 'cut.csv': 'code,device\n1200,a\n1404,"b\n1200,c\n' });
    expect(dataset.rowCount).toBe(1);
    expect(report.rowsRead).toBe(2);
    expect(report.rejectedSample[0]).toMatchObject({ line: 3 });
    expect(report.rejectedSample[0]?.reason).toMatch(/never closed/);
  });
});

describe('chunk boundaries', () => {
  const text = [
    'Result Code;Time;IMEI;Modèle;Note',
    '1200;2026-10-01 08:00:00;356938035643809;Aurora X2 🚀;"naïve ""café""; ok"',
    '1404;2026-10-01 09:00:00;356938035643810;Kestrel Mini 日本;"multi',
    'line é"',
    ' 1404 ;2026-10-01 10:00:00;356938035643810;Kestrel Mini 日本;plain',
    ';2026-10-01 10:30:00;356938035643811;Orca Pro;empty code',
    '1505;2026-10-01 11:00:00;356938035643812;Orca Pro;"ends with CRLF"',
  ].join('\r\n');
  const bytes = new TextEncoder().encode(`\ufeff${text}\r\n`);

  it('gives the same result for chunks of 1 to 7 bytes as for one chunk', async () => {
    const whole = await ingestFiles({ 'u.csv': bytes });
    const expected = {
      totals: totals(whole.dataset),
      events: Array.from({ length: whole.dataset.rowCount }, (_, i) => whole.dataset.event(i)),
      rejected: whole.report.rejectedSample,
    };
    expect(expected.totals).toMatchObject({ operations: 4, failures: 3, devices: 3 });
    expect(expected.events[1]?.dimensions).toEqual(['Kestrel Mini 日本']);
    expect(expected.events[0]?.dimensions).toEqual(['Aurora X2 🚀']);
    expect(expected.rejected).toEqual([{ file: 'u.csv', line: 6, reason: 'empty result code' }]);
    for (let chunkSize = 1; chunkSize <= 7; chunkSize++) {
      const chunked = await ingestFiles({ 'u.csv': bytes }, { chunkSize });
      expect({
        totals: totals(chunked.dataset),
        events: Array.from({ length: chunked.dataset.rowCount }, (_, i) => chunked.dataset.event(i)),
        rejected: chunked.report.rejectedSample,
      }).toEqual(expected);
      expect(chunked.report.files[0]?.newline).toBe('\r\n');
      expect(chunked.report.files[0]?.delimiter).toBe(';');
    }
  });

  it('reads the same from a byte source that hands its bytes over in chunks', async () => {
    const whole = await ingestFiles({ 'u.csv': bytes });
    const source = bytesSource('u.csv', bytes, 5);
    const sizes: number[] = [];
    for await (const chunk of readChunks(source.stream())) sizes.push(chunk.byteLength);
    expect(sizes.slice(0, -1).every((n) => n === 5)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(bytes.byteLength);
    const chunked = await ingest([source]);
    expect(totals(chunked.dataset)).toEqual(totals(whole.dataset));
    expect(chunked.report.rejectedSample).toEqual(whole.report.rejectedSample);
  });
});

describe('rejected rows and header names', () => {
  it('counts every rejected row with its line and reason, and keeps the first 1,000', async () => {
    const lines = ['code,device'];
    for (let i = 0; i < 1500; i++) lines.push(i % 3 === 0 ? `bad${i},d${i}` : `1200,d${i}`);
    const summary = await summarize('many.csv', lines.join('\n'));
    expect(summary.source.rowsRead).toBe(1500);
    expect(summary.source.rowsRejected).toBe(500);
    expect(summary.source.rejectedSample).toHaveLength(500);
    expect(summary.source.rejectedSample[0]).toEqual({
      file: 'many.csv',
      line: 2,
      reason: 'result code "bad0" is not an integer',
    });
    const more = ['code,device'];
    for (let i = 0; i < 2500; i++) more.push(`x,d${i}`);
    const big = await summarize('all-bad.csv', more.join('\n'));
    expect(big.source.rowsRejected).toBe(2500);
    expect(big.source.rejectedSample).toHaveLength(1000);
    expect(big.source.rejectedSample[999]?.line).toBe(1001);
  });

  it('rejects a short row that lacks the code field', async () => {
    const summary = await summarize('short.csv', 'device,model,code\nd1,A,1200\nd2,B\n');
    expect(summary.source.rejectedSample).toEqual([
      { file: 'short.csv', line: 3, reason: 'no result-code field' },
    ]);
  });

  it('keeps __proto__ and constructor as ordinary columns without touching prototypes', async () => {
    const text = 'code,__proto__,constructor,toString\n1200,x,y,z\n1404,x,w,z\n';
    const { dataset } = await ingestFiles({ 'proto.csv': text });
    expect(dataset.dimensionNames).toEqual(['__proto__', 'constructor', 'toString']);
    expect(byDimension(dataset, '__proto__')).toEqual([
      {
        value: 'x',
        operations: 2,
        successes: 1,
        failures: 1,
        notApplied: 0,
        inProgress: 0,
        unrecognized: 0,
        failureRate: 0.5,
      },
    ]);
    expect(dataset.select({ dimensions: [{ name: 'constructor', values: ['w'] }] }).size).toBe(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('makes duplicate and blank header names unique', async () => {
    const { report } = await ingestFiles({ 'dup.csv': 'code,model,model,\n1200,A,B,C\n' });
    expect(report.files[0]?.headers).toEqual(['code', 'model', 'model (2)', 'column 4']);
  });

  it('weights pre-aggregated rows by their count and rejects an unusable count', async () => {
    const text = 'result_code,model,count\n1200,A,90\n1404,B,7\n1505,A,3\n1200,B,n/a\n';
    const summary = await summarize('agg.csv', text);
    expect(summary.totals).toMatchObject({ operations: 100, successes: 90, failures: 10, devices: null });
    expect(summary.source.rejectedSample).toEqual([
      { file: 'agg.csv', line: 5, reason: 'count "n/a" is not a non-negative integer' },
    ]);
  });
});

describe('values read as bytes', () => {
  it('enter the string tables without a Map, sample rows included, when their bytes are their text', async () => {
    const idOf = vi.spyOn(StringDictionary.prototype, 'idOf');
    const rows = Array.from(
      { length: 1500 },
      (_, i) => `1402,2026-10-01T00:00:0${i % 10}Z,dev-${i % 700},model-${i % 7}`,
    );
    const { dataset } = await ingestFiles({ 'fleet.csv': `${HEADER.join(',')}\n${rows.join('\n')}\n` });
    expect(dataset.rowCount).toBe(1500);
    expect(dataset.dimensionValues('model').filter(Boolean).length).toBe(7);
    // only the empty value each column starts with
    expect(idOf.mock.calls).toEqual([[''], ['']]);
    idOf.mockRestore();
  });

  it('enter them the same way from rows read as text (quotes mid-row), and odd values do not fill the Map', async () => {
    const idOf = vi.spyOn(StringDictionary.prototype, 'idOf');
    const rows = Array.from({ length: 1500 }, (_, i) =>
      i % 50 === 7
        ? `"1402","2026-10-01T00:00:0${i % 10}Z","dev-${i % 700}","model-${i % 7}"` // PapaParse reads it
        : i % 100 === 9
          ? `1402,2026-10-01T00:00:0${i % 10}Z,dev-${i % 700},Zürich` // not ASCII: decoded, in the Map
          : `1402,2026-10-01T00:00:0${i % 10}Z,dev-${i % 700},model-${i % 7}`,
    );
    const { dataset } = await ingestFiles({ 'fleet.csv': `${HEADER.join(',')}\n${rows.join('\n')}\n` });
    expect(dataset.rowCount).toBe(1500);
    expect(dataset.dimensionValues('model').filter(Boolean).sort()).toEqual(
      ['Zürich', ...Array.from({ length: 7 }, (_, i) => `model-${i}`)].sort(),
    );
    expect(
      byCode(dataset, dataset.select({ dimensions: [{ name: 'model', values: ['model-0'] }] })).length,
    ).toBe(1);
    expect(new Set(idOf.mock.calls.map(([v]) => v))).toEqual(new Set(['', 'Zürich']));
    idOf.mockRestore();
  });

  it('share one id with the same text written with spaces around it', async () => {
    const text = `${HEADER.join(',')}\n1402,,dev-1, A \n1402,,dev-1,A\n1200,, dev-1,A\n`;
    const { dataset } = await ingestFiles({ 'fleet.csv': text });
    expect(dataset.dimensionValues('model').filter(Boolean)).toEqual(['A']);
    expect((await summarize('fleet.csv', text)).totals.devices).toBe(1);
  });
});

describe('room for the rows a file promises', () => {
  it("reserves its columns once, for about the rows its size holds at the sample's bytes per row", async () => {
    const reserve = vi.spyOn(DatasetBuilder.prototype, 'reserve');
    const text = warmUpCsv(5000); // quoted notes included: some sample rows are read as text
    const { dataset } = await ingest([bytesSource('fleet.csv', text, 65_536)]);
    expect(dataset.rowCount).toBe(5000);
    expect(reserve).toHaveBeenCalledTimes(1);
    const reserved = reserve.mock.calls[0]?.[0] as number;
    expect(reserved).toBeGreaterThanOrEqual(5000);
    expect(reserved).toBeLessThan(5000 * 1.1);

    // compressed bytes say nothing about the rows: no reservation, the same rows
    reserve.mockClear();
    const zipped = await ingest([bytesSource('fleet.csv.gz', gzipSync(Buffer.from(text)))]);
    expect(reserve).not.toHaveBeenCalled();
    expect(zipped.dataset.rowCount).toBe(5000);

    // nor do JSON's: its records are read as text, keys and all
    const records = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify({ result_code: 1402, device_id: `dev-${i % 90}`, model: `m-${i % 4}` }),
    );
    const json = await ingest([bytesSource('fleet.ndjson', `${records.join('\n')}\n`)]);
    expect(reserve).not.toHaveBeenCalled();
    expect(json.dataset.rowCount).toBe(1200);
    reserve.mockRestore();
  });
});

describe.each([
  ['UTF-8, read as bytes', (text: string): string | Uint8Array => text],
  ['UTF-16, read as text', (text: string) => utf16(text)],
])('%s', (_, encode) => {
  it("honours Excel's sep= first line: it names the delimiter and is not the header", async () => {
    for (const [sep, newline] of [
      ['sep=;', '\n'],
      ['sep=;', '\r\n'],
      ['"sep=|"', '\r'],
      ['SEP=\t', '\n'],
    ] as const) {
      const delimiter = sep.at(-1) === '"' ? (sep.at(-2) as string) : (sep.at(-1) as string);
      const rows = [
        ['code', 'model', 'note'],
        ['1200', 'A', 'x,y'],
        ['oops', 'B', ''],
        ['1404', 'B', 'z'],
      ];
      const text = `${sep}${newline}${rows.map((r) => r.join(delimiter)).join(newline)}${newline}`;
      const { dataset, report } = await ingestFiles({ 'excel.csv': encode(text) });
      expect(report.files[0]?.delimiter, sep).toBe(delimiter);
      expect(report.files[0]?.headers, sep).toEqual(['code', 'model', 'note']);
      expect(dataset.rowCount, sep).toBe(2);
      expect(report.rejectedSample, sep).toEqual([
        { file: 'excel.csv', line: 4, reason: 'result code "oops" is not an integer' },
      ]);
    }
  });

  it('ends a row at any line break, also where CRLF, LF and CR lines are mixed', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${i === 50 ? 'oops' : 1404},d${i},"n ${i}"`);
    const crlfThenLf = `code,device,note\r\n${lines.slice(0, 5).join('\r\n')}\r\n${lines.slice(5).join('\n')}\n`;
    const crThenLf = `code,device,note\r${lines.slice(0, 5).join('\r')}\r${lines.slice(5).join('\n')}`;
    const lfThenCrlf = `code,device,note\n${lines.slice(0, 50).join('\n')}\n${lines.slice(50).join('\r\n')}`;
    for (const text of [crlfThenLf, crThenLf, lfThenCrlf, text100Unquoted(lines)]) {
      const { dataset, report } = await ingestFiles({ 'mixed.csv': encode(text) });
      expect(dataset.rowCount).toBe(99);
      expect(report.rejectedSample).toEqual([
        { file: 'mixed.csv', line: 52, reason: 'result code "oops" is not an integer' },
      ]);
      expect(dataset.event(98).device).toBe('d99');
    }
  });
});

/** The same lines without quotes (the byte reader's plain path), every line ending in turn. */
function text100Unquoted(lines: string[]): string {
  const endings = ['\r\n', '\n', '\r'];
  const plain = lines.map((l) => l.replaceAll('"', ''));
  return `code,device,note\n${plain.map((l, i) => l + endings[i % 3]).join('')}`;
}
