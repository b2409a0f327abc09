import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/ingest.ts';
import { MAX_TRACKED_DEPTH } from '../../src/ingest/json-reader.ts';
import { MAX_RECORD_CHARS } from '../../src/ingest/record-limit.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';
import { totals } from '../support/reference-queries.ts';

async function refusal(name: string, content: string | Uint8Array): Promise<string> {
  try {
    await ingestFiles({ [name]: content });
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return (error as Error).message;
  }
  throw new Error(`${name} was not refused`);
}

describe('empty and nearly empty files', () => {
  it('refuses an empty file and a blank one, saying which', async () => {
    expect(await refusal('empty.csv', '')).toBe('empty.csv: the file is empty.');
    expect(await refusal('blank.csv', '\n\r\n   \t\n')).toBe('blank.csv: the file holds only blank space.');
  });

  it('reads a header-only file, with or without a line break, as no operations', async () => {
    for (const text of [
      'result_code,device_id',
      'result_code,device_id\n',
      '\ufeffresult_code;device_id\r\n\r\n',
    ]) {
      const summary = await summarize('header.csv', text);
      expect(summary.source).toMatchObject({ rowsRead: 0, rowsRejected: 0 });
      expect(summary.totals.operations).toBe(0);
      expect(summary.columns.code).toBe('result_code');
    }
  });

  it('skips blank lines anywhere without counting them, and keeps line numbers right', async () => {
    const text = '\n\ncode,device\n\n1200,a\n   \n\t\nbad,b\r\n\r\n1404,c\n\n';
    const summary = await summarize('blank-lines.csv', text);
    expect(summary.source.rowsRead).toBe(3);
    expect(summary.totals.operations).toBe(2);
    expect(summary.source.rejectedSample).toEqual([
      { file: 'blank-lines.csv', line: 8, reason: 'result code "bad" is not an integer' },
    ]);
  });
});

describe('ragged rows, broken quoting, odd headers', () => {
  it('rejects a row too short to hold the code, keeps short rows that have it, ignores extra fields', async () => {
    const text = 'device,model,code,region\nd1,A,1200,EU\nd2,B\nd3,C,1404\nd4,D,1505,US,extra,more\nd5\n';
    const { dataset, report } = await ingestFiles({ 'ragged.csv': text });
    expect(dataset.rowCount).toBe(3);
    expect(dataset.event(1)).toMatchObject({ device: 'd3', code: 1404, dimensions: ['C', ''] });
    expect(dataset.event(2)).toMatchObject({ device: 'd4', code: 1505, dimensions: ['D', 'US'] });
    expect(report.rejectedSample).toEqual([
      { file: 'ragged.csv', line: 3, reason: 'no result-code field' },
      { file: 'ragged.csv', line: 6, reason: 'no result-code field' },
    ]);
  });

  it('rejects the row whose quote never closes, keeping every row before it, in any chunking', async () => {
    const text = 'code,device,note\n1200,a,"fine"\n1404,b,ok\n1200,c,"never closed\n1404,d,x\n1200,e,y\n';
    for (const chunkSize of [undefined, 1, 3]) {
      const { dataset, report } = await ingestFiles({ 'open.csv': text }, { chunkSize });
      expect(dataset.rowCount).toBe(2);
      expect(report.rowsRead).toBe(3);
      expect(report.rejectedSample).toEqual([
        { file: 'open.csv', line: 4, reason: 'a quoted field is never closed (the file may be truncated)' },
      ]);
    }
  });

  it('makes duplicate header names unique and reads the first as the code', async () => {
    const { dataset, report } = await ingestFiles({
      'dup.csv': 'code,code,model,model\n1200,x,A,B\n1404,y,A,C\n',
    });
    expect(report.files[0]?.headers).toEqual(['code', 'code (2)', 'model', 'model (2)']);
    expect(report.files[0]?.mapping.code).toBe('code');
    expect(totals(dataset)).toMatchObject({ operations: 2, failures: 1 });
    const json = await ingestFiles({ 'dup.json': '[{"code": 1404, "code": 1200, "model": "A"}]' });
    // JSON.parse keeps the last of duplicate keys, as every JSON reader does
    expect(json.dataset.event(0).code).toBe(1200);
  });

  it('treats __proto__, constructor and prototype names as data, in CSV headers, JSON keys and nested keys', async () => {
    const csv = '__proto__,constructor,prototype,hasOwnProperty,code\nx,y,z,w,1200\nx,q,z,w,1404\n';
    const a = await ingestFiles({ 'proto.csv': csv });
    expect(a.dataset.dimensionNames).toEqual(['__proto__', 'constructor', 'prototype', 'hasOwnProperty']);
    expect(a.dataset.dimensionValues('constructor')).toEqual(expect.arrayContaining(['y', 'q']));
    expect(a.dataset.select({ dimensions: [{ name: 'constructor', values: ['q'] }] }).size).toBe(1);
    const json = JSON.stringify([{ code: 1200, nested: { x: 1 } }]).replace(
      '"nested":{"x":1}',
      '"__proto__":{"polluted":"yes","toString":"no"},"constructor":{"prototype":{"polluted":"yes"}}',
    );
    const b = await ingestFiles({ 'proto.json': json });
    expect(b.report.files[0]?.headers).toEqual([
      'code',
      '__proto__.polluted',
      '__proto__.toString',
      'constructor.prototype.polluted',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString).toBe(Object.prototype.toString);
    expect(String({})).toBe('[object Object]');
    const c = await ingestFiles(
      { 'p.json': '[{"__proto__": 1404, "model": "A"}]' },
      { mapping: { code: '__proto__' } },
    );
    expect(c.dataset.event(0).code).toBe(1404);
  });
});

describe('huge fields and deep nesting', () => {
  const big = 'x'.repeat(10_000_000);

  it('reads a 10 MB single field in CSV, quoted CSV, UTF-16 CSV, JSON and NDJSON in linear time', async () => {
    const utf16 = new Uint8Array(Buffer.from(`\ufeffcode,note\n1200,"${big}"\n1404,b\n`, 'utf16le'));
    const inputs: [string, string | Uint8Array][] = [
      ['plain.csv', `code,note\n1200,${big}\n1404,b\n`],
      ['quoted.csv', `code,note\n1200,"${big}\n${big}"\n1404,b\n`],
      ['utf16.csv', utf16],
      ['records.json', JSON.stringify([{ code: 1200, note: big }, { code: 1404 }])],
      ['lines.ndjson', `${JSON.stringify({ code: 1200, note: big })}\n${JSON.stringify({ code: 1404 })}\n`],
    ];
    for (const [name, content] of inputs) {
      // 16 KB chunks: a reader that re-scanned its carried-over text per chunk would take many minutes and
      // run into this test's time limit; a linear one takes about a second per input (no timing asserted)
      const { dataset, report } = await ingestFiles({ [name]: content }, { chunkSize: 16 * 1024 });
      expect(dataset.rowCount, name).toBe(2);
      expect(report.rowsRejected, name).toBe(0);
    }
  }, 120_000);

  it('reads 100,000 nested [ without overflowing the stack, and says there are no records', async () => {
    const deep = '['.repeat(100_000);
    expect(await refusal('deep.json', deep)).toBe(
      'deep.json: The JSON array holds no objects, so no records (expected [{…}, …]).',
    );
    expect(await refusal('deep-closed.json', `${deep}${']'.repeat(100_000)}`)).toMatch(/holds no objects/);
    expect(await refusal('deep-objects.json', '{"a":'.repeat(100_000))).toMatch(/^deep-objects\.json: The /);
  });

  it('keeps a record whose field nests 100,000 deep, showing that field as a marker', async () => {
    const arrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const objects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const json = `[{"code": 1200, "x": ${arrays}}, {"code": 1404, "y": ${objects}}]`;
    const { dataset, report } = await ingestFiles({ 'deep.json': json });
    expect(dataset.rowCount).toBe(2);
    expect(report.rowsRejected).toBe(0);
    const ndjson = `{"code": 1200, "x": ${arrays}}\n{"code": 1404, "y": ${objects}}\n`;
    const lines = await ingestFiles({ 'deep.ndjson': ndjson });
    expect(lines.dataset.rowCount).toBe(2);
    // objects become dotted names 16 levels down, then JSON text
    expect(lines.report.files[0]?.headers[2]).toBe(`y${'.a'.repeat(16)}`);
  });
});

describe('what the JSON reader holds is bounded', () => {
  const huge = 'x'.repeat(MAX_RECORD_CHARS + 1);
  const tooLarge = (what: string) => `the ${what} is too large to read (over 64 million characters)`;

  it('rejects a record or NDJSON line longer than the limit without holding it, and reads on', async () => {
    const inputs: [string, string, number][] = [
      ['array.json', `[\n{"code": 1200, "note": "${huge}"},\n{"code": 1404}\n]`, 2],
      ['wrapped.json', `{"events": [{"code": 1404}, {"code": 1200, "note": "${huge}"}]}`, 1],
      ['lines.ndjson', `{"code": 1404}\n{"code": 1200, "note": "${huge}"}\n{"code": 1404}\n`, 2],
      ['first-line.ndjson', `{"code": 1200, "note": "${huge}"}\n{"code": 1404}\n`, 1],
    ];
    for (const [name, text, line] of inputs) {
      const { dataset, report } = await ingestFiles({ [name]: text }, { chunkSize: 4 << 20 });
      expect(report.rejectedSample, name).toEqual([
        { file: name, line, reason: tooLarge(name.endsWith('.ndjson') ? 'line' : 'record') },
      ]);
      expect(totals(dataset).failures, name).toBeGreaterThan(0);
      expect(report.rowsRead, name).toBe(dataset.rowCount + 1);
    }
  }, 120_000);

  it(`looks for records through ${MAX_TRACKED_DEPTH} levels of objects, and says so when they nest deeper`, async () => {
    const nested = (levels: number) =>
      `${'{"a":'.repeat(levels)}[{"code": 1200}, {"code": 1404}]${'}'.repeat(levels)}`;
    const { dataset, report } = await ingestFiles({ 'deep.json': nested(MAX_TRACKED_DEPTH - 1) });
    expect(dataset.rowCount).toBe(2);
    expect(report.warnings).toEqual([]);
    const beside = `{"events": [{"code": 1404}],\n "deep": ${nested(MAX_TRACKED_DEPTH + 1)}}`;
    const warned = await ingestFiles({ 'beside.json': beside });
    expect(warned.dataset.rowCount).toBe(1);
    expect(warned.report.warnings).toEqual([
      'beside.json: Objects nest more than 1,000 levels deep at line 2, and records are not looked for deeper than that.',
    ]);
    expect(await refusal('deeper.json', nested(MAX_TRACKED_DEPTH + 1))).toBe(
      'deeper.json: The JSON holds no array of records: objects nest more than 1,000 levels deep at line 1, and records are not looked for deeper than that.',
    );
  });
});

describe('JSON that is not a list of records', () => {
  it.each([
    ['{\n  "source": "dm-1",\n  "settings": {"a": 1}\n}', 'The JSON holds no array of records'],
    ['[1, 2, 3]', 'The JSON array holds no objects, so no records'],
    ['[["a", 1], ["b", 2]]', 'The JSON array holds no objects, so no records'],
    ['[]', 'The JSON array is empty: there are no records.'],
    ['{"items": []}\n', 'The JSON holds no array of records'],
    ['not json\n[1]', 'no result-code column found'],
    ['[1, 2', 'The JSON array holds no objects'],
  ])('%j → a message that says why', async (text, why) => {
    expect(await refusal('x.json', text)).toContain(`x.json: ${why}`);
  });

  it('reads a single-line object as one record, and a minified wrapper with a final newline as records', async () => {
    expect((await summarize('one.json', '{"code": 1404, "model": "A"}')).totals.failures).toBe(1);
    const wrapped = `${JSON.stringify({ exported: 'x', events: [{ code: 1200 }, { code: 1404 }] })}\n`;
    const summary = await summarize('wrapped.json', wrapped);
    expect(summary.source.format).toBe('json');
    expect(summary.totals.operations).toBe(2);
  });
});

describe('no result-code column', () => {
  it('names the columns it found and how to choose one', async () => {
    const message = await refusal('nocode.csv', 'device,model,region\nd1,A,EU\nd2,B,US\n');
    expect(message).toBe(
      'nocode.csv: no result-code column found (a column named like result_code, ResultCode or code, holding codes such as 1200, 402 or 8), and no status-word column (named like status, detailStatus or deviceState, holding words such as finished, error or SUCCEEDED). The columns are "device", "model", "region"; choose one with the column mapping (CLI: --code NAME or --status NAME).',
    );
  });
});

describe('result codes: the documented decisions', () => {
  const text = [
    'code,device',
    '1200,a', // accepted
    '1.2e3,b', // rejected: exponent notation is not how codes are written
    '-1,c', // an integer outside the table: accepted, counted as unrecognized
    '1200.0,d', // accepted as 1200: spreadsheets write integers so
    '0x4B0,e', // rejected: hexadecimal
    ' +1404 ,f', // accepted: sign and surrounding spaces
    '1200.5,g', // rejected
    '99999999999,h', // rejected: not a 32-bit integer
    '1201,i', // accepted, unrecognized
  ].join('\n');

  it('accepts integers, 1200.0, signs and spaces; rejects 1.2e3, 0x4B0 and fractions; -1 is unrecognized', async () => {
    const summary = await summarize('codes.csv', text);
    expect(summary.totals).toMatchObject({ operations: 5, successes: 2, failures: 1, unrecognized: 2 });
    expect(summary.byCode.map((c) => [c.code, c.count, c.category])).toEqual(
      expect.arrayContaining([
        [1200, 2, 'success'],
        [1404, 1, 'client_error'],
        [-1, 1, 'unrecognized'],
        [1201, 1, 'unrecognized'],
      ]),
    );
    expect(summary.source.rejectedSample.map((r) => [r.line, r.reason])).toEqual([
      [3, 'result code "1.2e3" is not an integer'],
      [6, 'result code "0x4B0" is not an integer'],
      [8, 'result code "1200.5" is not an integer'],
      [9, 'result code "99999999999" is not an integer'],
    ]);
  });

  it('reads JSON numbers as numbers (1.2e3 is the number 1200) and JSON strings as text', async () => {
    const json =
      '[{"code": 1.2e3}, {"code": "1.2e3"}, {"code": -1}, {"code": 1200.0}, {"code": "0x4B0"}, {"code": 12.5}]';
    const summary = await summarize('codes.json', json);
    expect(summary.totals).toMatchObject({ operations: 3, successes: 2, unrecognized: 1 });
    expect(summary.source.rejectedSample.map((r) => r.reason)).toEqual([
      'result code "1.2e3" is not an integer',
      'result code "0x4B0" is not an integer',
      'result code 12.5 is not an integer',
    ]);
  });
});

describe('binary files get a message, not a pile of rejected rows', () => {
  const bytes = (...b: number[]) =>
    new Uint8Array([...b, ...Array.from({ length: 2000 }, (_, i) => (i * 31) % 256)]);
  it.each([
    ['photo.csv', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'this is a PNG image'],
    ['photo.jpg', bytes(0xff, 0xd8, 0xff, 0xe0), 'this is a JPEG image'],
    ['anim.gif', bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61), 'this is a GIF image'],
    [
      'report.pdf',
      new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
      'this is a PDF document',
    ],
    ['tool', bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1), 'this is an executable'],
    ['tool.exe', bytes(0x4d, 0x5a, 0x90, 0), 'this is an executable'],
    ['fleet.db', new TextEncoder().encode('SQLite format 3\0'), 'this is an SQLite database'],
    ['old.xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'this is a legacy Office document'],
    [
      'logs.7z',
      bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c),
      'this is a 7-Zip archive (dmscope reads gzip and ZIP)',
    ],
    ['logs.xz', bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00), 'this is an xz archive'],
    [
      'noise.csv',
      Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + (i >> 3)) % 256),
      'this looks like a binary file',
    ],
  ])('%s', async (name, content, message) => {
    expect(await refusal(name, content)).toContain(`${name}: ${message}`);
  });

  it('does not take text in a legacy single-byte encoding (Cyrillic Windows-1251) for binary', async () => {
    // every letter is a byte ≥ 0xC0 and none is UTF-8: recognised as Windows-1251 and decoded as such
    const cyrillic = (word: string) => [...word].map((ch) => ch.charCodeAt(0) - 0x410 + 0xc0);
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('code,region\n1200,'),
      ...cyrillic('МОСКВА'),
      ...new TextEncoder().encode('\n1404,'),
      ...cyrillic('КАЗАНЬ'),
      10,
    ]);
    const { dataset, report } = await ingestFiles({ 'ru.csv': bytes });
    expect(dataset.rowCount).toBe(2);
    expect(dataset.dimensionValues('region').filter((v) => v !== '')).toEqual(['КАЗАНЬ', 'МОСКВА']);
    expect(report.warnings[0]).toMatch(/^ru\.csv: the file is not UTF-8: it was read as windows-1251 /);
  });

  it('shows a long header name short in the message', async () => {
    const message = await refusal('junk.csv', `${'x'.repeat(100_000)},y\n1,2\n`);
    expect(message).toContain(`"${'x'.repeat(40)}…", "y"`);
    expect(message.length).toBeLessThan(400);
  });
});
