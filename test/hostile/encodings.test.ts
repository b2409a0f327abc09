import { describe, expect, it } from 'vitest';
import { decodeLenientText } from '../../src/ingest/lenient-utf8.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';

const CSV = [
  'result_code,device_id,model,note',
  '1200,d1,Modèle 日本,"quoted, ok"',
  '1404,d2,Kestrel 🚀,plain',
  'bad,d3,x,y',
  '1505,d4,Ærø,"multi',
  'line"',
].join('\r\n');

function utf16(text: string, bigEndian: boolean, bom = true): Uint8Array {
  const start = bom ? 2 : 0;
  const bytes = new Uint8Array(start + text.length * 2);
  if (bom) bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[start + 2 * i + (bigEndian ? 1 : 0)] = unit & 0xff;
    bytes[start + 2 * i + (bigEndian ? 0 : 1)] = unit >> 8;
  }
  return bytes;
}

/** Text as Windows-1252 bytes (what a Latin-1 export writes); every character here is in that table. */
function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '„': 0x84, Œ: 0x8c, '’': 0x92, œ: 0x9c };
  return Uint8Array.from(text, (ch) => {
    const code = special[ch] ?? ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`${ch} is not in Windows-1252`);
    return code;
  });
}

async function everything(name: string, bytes: Uint8Array, chunkSize?: number) {
  const { dataset, report } = await ingestFiles({ [name]: bytes }, { chunkSize });
  return {
    events: Array.from({ length: dataset.rowCount }, (_, i) => dataset.event(i)),
    rejected: report.rejectedSample,
    headers: report.files[0]?.headers,
  };
}

describe('UTF-8 and UTF-16', () => {
  it('reads UTF-8 with and without a BOM the same, in chunks that split the BOM and characters', async () => {
    const plain = new TextEncoder().encode(CSV);
    const expected = await everything('u8.csv', plain);
    expect(expected.events.map((e) => e.dimensions[0])).toEqual(['Modèle 日本', 'Kestrel 🚀', 'Ærø']);
    expect(expected.rejected).toEqual([
      { file: 'u8.csv', line: 4, reason: 'result code "bad" is not an integer' },
    ]);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    for (const chunkSize of [undefined, 1, 2, 3, 5, 7]) {
      expect(await everything('u8.csv', plain, chunkSize)).toEqual(expected);
      expect(await everything('u8.csv', withBom, chunkSize)).toEqual(expected);
    }
  });

  it.each([
    ['LE', false],
    ['BE', true],
  ])(
    'reads UTF-16 %s with a BOM, CSV and JSON, in chunks that split code units and surrogate pairs',
    async (_, bigEndian) => {
      const expected = await everything('u16.csv', new TextEncoder().encode(CSV));
      const json = JSON.stringify([
        { code: 1200, model: 'Kestrel 🚀' },
        { code: 1404, model: 'Modèle 日本' },
      ]);
      const { report } = await ingestFiles({ 'u16.csv': utf16(CSV, bigEndian) });
      expect(report.files[0]?.encoding).toBe(bigEndian ? 'utf-16be' : 'utf-16le');
      for (const chunkSize of [undefined, 1, 2, 3, 5]) {
        expect(await everything('u16.csv', utf16(CSV, bigEndian), chunkSize)).toEqual(expected);
        const fromJson = await everything('u16.json', utf16(json, bigEndian), chunkSize);
        expect(fromJson.events.map((e) => e.dimensions[0])).toEqual(['Kestrel 🚀', 'Modèle 日本']);
      }
    },
  );

  it.each([
    ['LE', false],
    ['BE', true],
  ])('recognises UTF-16 %s without a BOM from its zero bytes', async (_, bigEndian) => {
    const { report, dataset } = await ingestFiles({ 'nobom.csv': utf16(CSV, bigEndian, false) });
    expect(report.files[0]?.encoding).toBe(bigEndian ? 'utf-16be' : 'utf-16le');
    expect(dataset.event(0).dimensions[0]).toBe('Modèle 日本');
    expect(report.rowsRead).toBe(4);
  });
});

describe('bytes that are not UTF-8 (Latin-1 / Windows-1252 exports)', () => {
  const latin = [
    'result_code;device_id;Modèle;région',
    '1200;d1;Aurora Mini;Île-de-France',
    '1404;d2;Kestrel ü;Zürich',
    '1404;d2;Kestrel ü;"Zürich; quoted"',
    'bad;d3;Café;Besançon',
    '1505;d4;€ edition;Œuvre’s',
  ].join('\r\n');
  const bytes = windows1252(`${latin}\r\n`);

  it('keeps every row, decodes the text as Windows-1252 and names the first line with such bytes', async () => {
    const { dataset, report } = await ingestFiles({ 'latin.csv': bytes });
    expect(report.files[0]?.headers).toEqual(['result_code', 'device_id', 'Modèle', 'région']);
    expect(dataset.rowCount).toBe(4);
    expect(report.rowsRejected).toBe(1);
    expect(dataset.dimensionValues('Modèle')).toEqual(
      expect.arrayContaining(['Aurora Mini', 'Kestrel ü', '€ edition']),
    );
    expect(dataset.dimensionValues('région')).toEqual(
      expect.arrayContaining(['Île-de-France', 'Zürich', 'Zürich; quoted', 'Œuvre’s']),
    );
    expect(report.warnings).toEqual([
      'latin.csv: line 1 is the first with bytes that are not UTF-8 (a Latin-1 / Windows-1252 export?); such bytes were read as Windows-1252 characters and the rows kept.',
    ]);
  });

  it('names the first line with bad bytes when the header is clean, also inside a quoted row', async () => {
    const text = 'code,model\n1200,plain\n1404,"quoted\nZürich"\n1200,Zürich\n';
    const { report, dataset } = await ingestFiles({ 'q.csv': windows1252(text) });
    expect(dataset.dimensionValues('model')).toEqual(expect.arrayContaining(['quoted\nZürich', 'Zürich']));
    expect(report.warnings[0]).toMatch(/^q\.csv: line 4 is the first with bytes that are not UTF-8/);
    const later = await ingestFiles({
      'later.csv': windows1252('code,model\n1200,plain\n1200,plain\n1404,Zürich\n'),
    });
    expect(later.report.warnings[0]).toMatch(/line 4 is the first/);
  });

  it('gives the same rows in chunks of 1 to 7 bytes as in one chunk', async () => {
    const whole = await everything('latin.csv', bytes);
    for (let chunkSize = 1; chunkSize <= 7; chunkSize++) {
      expect(await everything('latin.csv', bytes, chunkSize)).toEqual(whole);
    }
  });

  it('reads the bytes the way the PapaParse text path reads the same text (the byte path agrees)', async () => {
    // the same content, decoded with the same rule, as UTF-16: that goes through the PapaParse text path
    const asText = utf16(decodeLenientText(bytes), false);
    expect(await everything('latin.csv', asText)).toEqual(await everything('latin.csv', bytes));
  });

  it('decodes UTF-8 values as UTF-8 and stray bytes as Windows-1252 in one mixed file', async () => {
    const utf8 = new TextEncoder().encode('code,model\n1200,Zürich\n');
    const mixed = new Uint8Array([...utf8, ...windows1252('1404,Zürich\n1404,Café\n')]);
    const { dataset, report } = await ingestFiles({ 'mixed.csv': mixed });
    expect(dataset.byDimension('model', dataset.all()).map((d) => [d.value, d.operations])).toEqual([
      ['Zürich', 2],
      ['Café', 1],
    ]);
    expect(report.warnings[0]).toMatch(/line 3 is the first/);
  });

  it('reads Latin-1 JSON and NDJSON the same way, naming the line', async () => {
    const json = windows1252('[\n{"code": 1200, "model": "Zürich"},\n{"code": 1404, "model": "Café"}\n]\n');
    const { dataset, report } = await ingestFiles({ 'l.json': json });
    expect(dataset.dimensionValues('model')).toEqual(expect.arrayContaining(['Zürich', 'Café']));
    expect(report.warnings[0]).toMatch(/^l\.json: line 2 is the first with bytes that are not UTF-8/);
    for (const chunkSize of [1, 2, 3]) {
      const ndjson = windows1252('{"code": 1200, "model": "A"}\n{"code": 1404, "model": "Café"}\n');
      const nd = await ingestFiles({ 'l.ndjson': ndjson }, { chunkSize });
      expect(nd.dataset.event(1).dimensions).toEqual(['Café']);
      expect(nd.report.warnings[0]).toMatch(/line 2 is the first/);
    }
  });
});

describe('NUL bytes', () => {
  it('keeps a NUL inside a value as data, and a row whose code holds one is rejected with its line', async () => {
    // (in a file of a few bytes, a NUL or two would make it look binary: this one is of a normal size)
    const more = Array.from({ length: 50 }, (_, i) => `1200,row ${i % 3}`).join('\n');
    const text = `code,model\n1200,a\0b\n12\u000000,c\n1404,d\n${more}\n`;
    const { dataset, report } = await ingestFiles({ 'nul.csv': text });
    expect(dataset.rowCount).toBe(52);
    expect(dataset.event(0).dimensions).toEqual(['a\0b']);
    expect(report.rejectedSample).toEqual([
      { file: 'nul.csv', line: 3, reason: 'result code "12\u000000" is not an integer' },
    ]);
  });

  it('reads a zero-filled tail (a log cut off by a crash) as blank lines, not rows', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i % 2 ? 1404 : 1200},d${i}`).join('\n');
    for (const tail of [
      '\0'.repeat(5000),
      `\n${'\0'.repeat(5000)}`,
      `\n${'\0'.repeat(300)}\n${'\0'.repeat(300)}`,
    ]) {
      const summary = await summarize('tail.csv', `code,device\n${rows}${tail}`);
      expect(summary.source.rowsRead).toBe(100);
      expect(summary.source.rowsRejected).toBe(0);
      expect(summary.totals.operations).toBe(100);
    }
    const small = await summarize('small.csv', `code\n1200\n${'\0'.repeat(64)}`);
    expect(small.totals.operations).toBe(1);
  });

  it('refuses a file of zero bytes only, saying so', async () => {
    await expect(summarize('zeros.csv', new Uint8Array(10_000))).rejects.toThrow(
      'zeros.csv: the file holds only zero bytes (NUL), no text.',
    );
  });
});

describe('CR-only line endings (classic Mac OS exports)', () => {
  const text = ['code,device,note', '1200,d1,"a\rb"', '1404,d2,"x\r\ny"', 'oops,d3,z', '1200,d4,end'].join(
    '\r',
  );

  it('reads rows and quoted line breaks, and counts lines for rejected rows, in any chunking', async () => {
    const bytes = new TextEncoder().encode(text);
    const whole = await everything('cr.csv', bytes);
    expect(whole.events.map((e) => e.device)).toEqual(['d1', 'd2', 'd4']);
    expect(whole.rejected).toEqual([
      { file: 'cr.csv', line: 6, reason: 'result code "oops" is not an integer' },
    ]);
    for (const chunkSize of [1, 2, 3, 4]) expect(await everything('cr.csv', bytes, chunkSize)).toEqual(whole);
    const { report } = await ingestFiles({ 'cr.csv': bytes });
    expect(report.files[0]?.newline).toBe('\r');
  });
});
