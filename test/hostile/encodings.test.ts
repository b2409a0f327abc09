import { describe, expect, it } from 'vitest';
import { decodeLenientText } from '../../src/ingest/lenient-utf8.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';
import { legacyBytes } from '../support/legacy-bytes.ts';
import { byDimension } from '../support/reference-queries.ts';
import { utf16 } from '../support/utf16.ts';

const CSV = [
  'result_code,device_id,model,note',
  '1200,d1,Modèle 日本,"quoted, ok"',
  '1404,d2,Kestrel 🚀,plain',
  'bad,d3,x,y',
  '1505,d4,Ærø,"multi',
  'line"',
].join('\r\n');

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

/** A dimension's values without the empty one every dimension has, sorted. */
const nonEmpty = (values: readonly string[]) => values.filter((v) => v !== '').sort();

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

describe('UTF-16 without a BOM whose text is mostly not Latin (no zero byte in most characters)', () => {
  const cyrillic = [
    'Код,Устройство,Регион,Модель',
    ...Array.from(
      { length: 30 },
      (_, i) =>
        `${i % 3 ? 1200 : 1404},устройство-${i},${['Москва', 'Казань', 'Вінниця'][i % 3]},Сокол ${i % 2}`,
    ),
  ].join('\r\n');
  const cjk = [
    '結果コード|端末|地域',
    ...Array.from(
      { length: 30 },
      (_, i) => `${i % 4 ? 1200 : 1404}|端末${i}|${['東京', '大阪', '名古屋'][i % 3]}`,
    ),
  ].join('\n');

  it.each([
    ['Cyrillic, LE', cyrillic, false],
    ['Cyrillic, BE', cyrillic, true],
    ['CJK, LE', cjk, false],
    ['CJK, BE', cjk, true],
  ])('reads %s as UTF-16, in any chunking', async (_, text, bigEndian) => {
    const expected = await everything('u8.csv', new TextEncoder().encode(text));
    expect(expected.events).toHaveLength(30);
    const bytes = utf16(text, bigEndian, false);
    const { report } = await ingestFiles({ 'nobom.csv': bytes });
    expect(report.files[0]?.encoding).toBe(bigEndian ? 'utf-16be' : 'utf-16le');
    for (const chunkSize of [undefined, 1, 3]) {
      expect(await everything('u8.csv', bytes, chunkSize)).toEqual(expected);
    }
  });

  it('does not take UTF-8 text with a NUL after a line break for UTF-16', async () => {
    const { report, dataset } = await ingestFiles({ 'nul.csv': 'code,model\n\u0000x,a\n1200,b\n1404,c\n' });
    expect(report.files[0]?.encoding).toBe('utf-8');
    expect(dataset.rowCount).toBe(2);
    expect(report.rejectedSample).toEqual([
      { file: 'nul.csv', line: 2, reason: 'result code "\u0000x" is not an integer' },
    ]);
  });
});

describe('small files with a few NUL bytes are text', () => {
  it.each([
    ['a NUL in a value', 'code,model\n1200,a\u0000b\n', ['a\u0000b'], []],
    ['NULs in two rows', 'code,model\n1200,x\u0000\u0000\n1404,\u0000y\n', ['x\u0000\u0000', '\u0000y'], []],
    ['a NUL in a code', 'code,model\n12\u000000,a\n1404,b\n', ['b'], [2]],
  ])('%s: read, the NUL kept as data', async (_, text, models, rejectedLines) => {
    const { dataset, report } = await ingestFiles({ 'small.csv': text });
    expect(Array.from({ length: dataset.rowCount }, (_, i) => dataset.event(i).dimensions[0])).toEqual(
      models,
    );
    expect(report.rejectedSample.map((r) => r.line)).toEqual(rejectedLines);
  });
});

describe('legacy encodings other than Windows-1252 are recognised from the sample and decoded', () => {
  /** Rows whose values are distinct texts; every one must come back as it was written. */
  function log(delimiter: string, header: string[], values: string[][]): string {
    const rows = Array.from({ length: 60 }, (_, i) => {
      const row = values[i % values.length] as string[];
      return [i % 5 ? '1200' : '1404', `dev-${i % 7}`, ...row].join(delimiter);
    });
    return `${[header.join(delimiter), ...rows].join('\r\n')}\r\n`;
  }

  it.each([
    [
      'windows-1251 (Ukrainian: В+і is the valid UTF-8 pair C2 B3)',
      'windows-1251',
      ',',
      ['code', 'device', 'регіон', 'модель'],
      [
        ['Вінниця', 'ВіК-2'],
        ['інниця', 'іК-2'],
        ['Київ', 'Сокіл'],
        ['Рівне', 'Сокол'],
        ['Львів', 'ВІК-2'],
      ],
    ],
    [
      'windows-1251 (Russian)',
      'windows-1251',
      ';',
      ['code', 'device', 'регион', 'модель'],
      [
        ['Москва', 'Сокол'],
        ['Казань', 'Ястреб'],
        ['Новосибирск', 'Сокол М'],
      ],
    ],
    [
      'Shift-JIS, pipe-delimited (ポ is 83 7C: its second byte is "|")',
      'shift_jis',
      '|',
      ['code', 'device', '地域', 'モデル'],
      [
        ['東京', 'ポータル'],
        ['大阪', 'ポート'],
        ['名古屋', 'ソフト'],
        ['札幌', 'ポ'],
      ],
    ],
    [
      'GBK, pipe-delimited',
      'gbk',
      '|',
      ['code', 'device', '地区', '型号'],
      [
        ['北京', '猎鹰'],
        ['上海', '猎鹰二'],
        ['广州', '雄鹰'],
        ['深圳', '雄鹰'],
      ],
    ],
    [
      'EUC-KR',
      'euc-kr',
      ',',
      ['code', 'device', '지역', '모델'],
      [
        ['서울', '매'],
        ['부산', '독수리'],
        ['대구', '매 2'],
        ['인천', '독수리'],
      ],
    ],
  ])('%s: every value as written, none merged, none split', async (_, label, delimiter, header, values) => {
    const text = log(delimiter, header, values);
    const bytes = legacyBytes(label, text);
    const expected = await everything('u8.csv', new TextEncoder().encode(text));
    for (const chunkSize of [undefined, 1, 2, 5]) {
      expect(await everything('legacy.csv', bytes, chunkSize)).toEqual(expected);
    }
    const { report, dataset } = await ingestFiles({ 'legacy.csv': bytes });
    expect(report.files[0]?.encoding).toBe(label);
    expect(report.files[0]?.delimiter).toBe(delimiter);
    expect(nonEmpty(dataset.dimensionValues(header[2] as string))).toEqual(
      [...new Set(values.map((v) => v[0]))].sort(),
    );
    expect(report.warnings).toEqual([
      expect.stringMatching(new RegExp(`^legacy\\.csv: the file is not UTF-8: it was read as ${label} `)),
    ]);
  });

  it('reads legacy JSON the same way', async () => {
    const json = JSON.stringify(
      Array.from({ length: 40 }, (_, i) => ({ code: 1200, model: ['ポータル', '東京|大阪'][i % 2] })),
    );
    const { dataset, report } = await ingestFiles({ 'sjis.json': legacyBytes('shift_jis', json) });
    expect(report.files[0]?.encoding).toBe('shift_jis');
    expect(nonEmpty(dataset.dimensionValues('model'))).toEqual(['ポータル', '東京|大阪'].sort());
  });

  it('says which line first has bytes the encoding cannot read, and that values may merge there', async () => {
    const good = legacyBytes('shift_jis', log('|', ['code', 'device', 'モデル'], [['ポータル'], ['東京']]));
    const bad = Uint8Array.from([...good, ...legacyBytes('shift_jis', '1200|dev-9|'), 0x85, 0x40, 0x0a]);
    const { dataset, report } = await ingestFiles({ 'bad.csv': bad });
    expect(dataset.rowCount).toBe(61);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(
        /^bad\.csv: line 62 is the first with bytes that are not shift_jis: they were read as �, so values that differ only there are counted as one\.$/,
      ),
    );
  });

  it('keeps the Windows-1252 reading for Latin-1 text (French, German) and for a mixed UTF-8 file', async () => {
    const text = log(
      ',',
      ['code', 'device', 'région', 'Modèle'],
      [
        ['Île-de-France', 'Café'],
        ['Zürich', 'Übergröße'],
        ['Besançon', 'Ærø'],
      ],
    );
    const { report, dataset } = await ingestFiles({ 'fr.csv': windows1252(text) });
    expect(report.files[0]?.encoding).toBe('utf-8');
    expect(nonEmpty(dataset.dimensionValues('région'))).toEqual(
      ['Besançon', 'Île-de-France', 'Zürich'].sort(),
    );
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
    expect(byDimension(dataset, 'model').map((d) => [d.value, d.operations])).toEqual([
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
