import { gzipSync } from 'node:zlib';
import { strToU8, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { blobSource, bytesSource } from '../../src/ingest/byte-source.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';
import { totals } from '../support/reference-queries.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const scratch = scratchFiles('dmscope-compressed-');

const CSV = 'result_code,device_id,model\n1200,d1,A\n1404,d2,B\nbad,d3,C\n1505,d4,A\n';
const JSON_TEXT = JSON.stringify([
  { result_code: 1200, device_id: 'd5', model: 'B' },
  { result_code: 'ERR', device_id: 'd6', model: 'B' },
]);
const NDJSON =
  '{"result_code":1404,"device_id":"d7","model":"C"}\n{"result_code":1200,"device_id":"d8","model":"C"}\n';

const gz = (text: string | Uint8Array) => new Uint8Array(gzipSync(text));

describe('gzip, found from the bytes', () => {
  it('reads gzip-compressed CSV, JSON and NDJSON whatever their names, like the plain files', async () => {
    const plain = await summarize('x', CSV);
    for (const chunkSize of [undefined, 1, 7, 100]) {
      const [csv, json, ndjson] = await Promise.all([
        ingestFiles({ 'a.log': gz(CSV) }, { chunkSize }),
        ingestFiles({ 'b.bin': gz(JSON_TEXT) }, { chunkSize }),
        ingestFiles({ 'c.txt': gz(NDJSON) }, { chunkSize }),
      ]);
      expect(csv.report.files[0]).toMatchObject({ compressed: 'gzip', format: 'csv' });
      expect(totals(csv.dataset)).toMatchObject(plain.totals);
      expect(csv.report.rejectedSample).toEqual([
        { file: 'a.log', line: 4, reason: 'result code "bad" is not an integer' },
      ]);
      expect(json.report.files[0]).toMatchObject({ compressed: 'gzip', format: 'json' });
      expect(json.dataset.rowCount).toBe(1);
      expect(ndjson.report.files[0]).toMatchObject({ compressed: 'gzip', format: 'ndjson' });
      expect(ndjson.dataset.rowCount).toBe(2);
    }
  });

  it('reads gzip of UTF-16 and of Latin-1 text', async () => {
    const utf16 = new Uint8Array(Buffer.from(`\ufeff${CSV}`, 'utf16le'));
    const a = await ingestFiles({ 'u16.csv.gz': gz(utf16) });
    expect(a.report.files[0]).toMatchObject({ compressed: 'gzip', encoding: 'utf-16le' });
    expect(a.dataset.rowCount).toBe(3);
    const b = await ingestFiles({ 'l.csv.gz': gz(Buffer.from('code,model\n1200,Zürich\n', 'latin1')) });
    expect(b.dataset.event(0).dimensions).toEqual(['Zürich']);
    expect(b.report.warnings[0]).toMatch(/line 2 is the first with bytes that are not UTF-8/);
  });

  it('reads concatenated gzip members (cat a.gz b.gz) as one file', async () => {
    const both = new Uint8Array([...gz('code\n1200\n'), ...gz('1404\n1404\n')]);
    const summary = await summarize('both.gz', both);
    expect(summary.totals).toMatchObject({ operations: 3, failures: 2 });
  });

  it('keeps the rows before a truncated or damaged part, with a warning', async () => {
    const big = `code,model\n${Array.from({ length: 50_000 }, (_, i) => `${i % 3 ? 1200 : 1404},m${i % 9}`).join('\n')}\n`;
    const whole = gz(big);
    const cut = whole.subarray(0, Math.floor(whole.byteLength / 2));
    const { dataset, report } = await ingestFiles({ 'cut.csv.gz': cut });
    expect(dataset.rowCount).toBeGreaterThan(1000);
    expect(dataset.rowCount).toBeLessThan(50_000);
    expect(report.warnings[0]).toMatch(
      /^cut\.csv\.gz: the gzip data breaks off after [\d,]+ bytes \(damaged or truncated file\)/,
    );
    // junk after the end: every row before it is kept, whatever the chunks the bytes come in
    const junk = new Uint8Array([...whole, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const chunkSize of [undefined, 4096, 1 << 20]) {
      const trailing = await ingestFiles({ 'junk.gz': junk }, { chunkSize });
      expect(trailing.dataset.rowCount).toBe(50_000);
      expect(trailing.report.warnings[0]).toMatch(/gzip data breaks off/);
    }
  });

  it('refuses gzip data that holds nothing readable, an empty gzip file, and a gzip of an image', async () => {
    const header = gz('code\n1200\n').subarray(0, 10);
    await expect(summarize('broken.gz', header)).rejects.toThrow(/broken\.gz: the gzip data is damaged/);
    await expect(summarize('empty.gz', gz(''))).rejects.toThrow('empty.gz: the file is empty.');
    const png = gz(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await expect(summarize('img.gz', png)).rejects.toThrow(
      'img.gz: this is a PNG image, not a CSV or JSON log.',
    );
  });
});

function streamedZip(files: [string, string, 'deflate' | 'store'][]): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  for (const [name, text, method] of files) {
    const entry = method === 'deflate' ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  zip.end();
  return new Uint8Array(parts.flatMap((p) => [...p]));
}

describe('ZIP archives', () => {
  const archive = zipSync({
    'logs/': new Uint8Array(0),
    'logs/a.csv': strToU8(CSV),
    'logs/b.json': strToU8(JSON_TEXT),
    'c.ndjson.gz': gz(NDJSON),
    'README.txt': strToU8('Fleet logs for October.\nAsk ops for more.\n'),
    'photo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
    '__MACOSX/logs/._a.csv': new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]),
    'inner.zip': zipSync({ 'x.csv': strToU8(CSV) }),
  });

  it('reads each CSV and JSON file as a file of its own, named archive/path, skipping what is not a log', async () => {
    const { dataset, report } = await ingestFiles({ 'fleet.zip': archive });
    expect(report.files.map((f) => [f.name, f.format, f.compressed, f.rowsRead])).toEqual([
      ['fleet.zip/logs/a.csv', 'csv', 'zip', 4],
      ['fleet.zip/logs/b.json', 'json', 'zip', 2],
      ['fleet.zip/c.ndjson.gz', 'ndjson', 'zip', 2],
    ]);
    expect(report.rejectedSample).toEqual([
      { file: 'fleet.zip/logs/a.csv', line: 4, reason: 'result code "bad" is not an integer' },
      { file: 'fleet.zip/logs/b.json', line: 1, reason: 'result code "ERR" is not an integer' },
    ]);
    const direct = await ingestFiles({ 'a.csv': CSV, 'b.json': JSON_TEXT, 'c.ndjson': NDJSON });
    expect(totals(dataset)).toEqual(totals(direct.dataset));
    expect(report.warnings).toEqual([
      'fleet.zip: 1 macOS metadata entry (__MACOSX/, .DS_Store) skipped.',
      expect.stringMatching(/^fleet\.zip\/README\.txt: no result-code column found .* \(skipped\)$/),
      'fleet.zip/photo.png: this is a PNG image, not a CSV or JSON log. (skipped)',
      'fleet.zip/inner.zip: this is a ZIP archive inside an archive; unpack it first. (skipped)',
    ]);
  });

  it('gives the same result in chunks of any size', async () => {
    const whole = await summarize('fleet.zip', archive);
    for (const chunkSize of [1, 3, 64, 1000]) {
      expect(await summarize('fleet.zip', archive, { chunkSize })).toEqual(whole);
    }
  });

  it('reads stored entries and entries with data descriptors (archives written while streaming)', async () => {
    const streamed = streamedZip([
      ['deflated.csv', CSV, 'deflate'],
      ['stored.csv', CSV, 'store'],
    ]);
    for (const chunkSize of [undefined, 2, 5]) {
      const { dataset, report } = await ingestFiles({ 's.zip': streamed }, { chunkSize });
      expect(report.files.map((f) => f.name)).toEqual(['s.zip/deflated.csv', 's.zip/stored.csv']);
      expect(dataset.rowCount).toBe(6);
    }
    const stored = zipSync({ 'a.csv': strToU8(CSV) }, { level: 0 });
    expect((await summarize('stored.zip', stored)).totals.operations).toBe(3);
  });

  it('reads every entry of an archive of 20,000 small files, whatever the chunks, as the page and the CLI read it', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20_000; i++) files[`f${i}.csv`] = strToU8(`code\n${i % 2 ? 1200 : 1404}\n`);
    const many = zipSync(files, { level: 0 });
    // one chunk, and the page's slices of a File (256 KB, then 4 MB)
    for (const source of [bytesSource('many.zip', many), blobSource(new Blob([many]), 'many.zip')]) {
      const info = await createDatasetService().loadSources([source]);
      expect(info.report.warnings).toEqual([]);
      expect(info.report.files).toHaveLength(20_000);
      expect(info.rowCount).toBe(20_000);
    }
    const { status, stdout, stderr } = cli('summarize', scratch.write('many.zip', many), '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.source.files).toHaveLength(20_000);
    expect(summary.totals).toMatchObject({ operations: 20_000, failures: 10_000 });
  }, 120_000);

  it('skips macOS metadata (__MACOSX/, .DS_Store) with one warning saying how many entries', async () => {
    const mac = zipSync({
      'logs/a.csv': strToU8(CSV),
      '__MACOSX/': new Uint8Array(0),
      '__MACOSX/logs/._a.csv': new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]),
      'logs/.DS_Store': new Uint8Array([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]),
    });
    const { report } = await ingestFiles({ 'mac.zip': mac });
    expect(report.files.map((f) => f.name)).toEqual(['mac.zip/logs/a.csv']);
    expect(report.warnings).toEqual(['mac.zip: 3 macOS metadata entries (__MACOSX/, .DS_Store) skipped.']);
  });

  it('keeps what was read before a truncated or damaged part, with a warning', async () => {
    const big = `code,model\n${Array.from({ length: 20_000 }, (_, i) => `1200,m${i % 9}`).join('\n')}\n`;
    const zip = zipSync({ 'a.csv': strToU8(CSV), 'big.csv': strToU8(big) });
    const cut = zip.subarray(0, Math.floor(zip.byteLength * 0.6));
    const { report } = await ingestFiles({ 'cut.zip': cut });
    expect(report.files[0]?.name).toBe('cut.zip/a.csv');
    expect(report.warnings.join('\n')).toMatch(
      /cut\.zip(\/big\.csv)?: the (archive ends inside this file|ZIP data is damaged)/,
    );
  });

  it('refuses an empty archive, an archive of nothing readable, and an Office document, saying why', async () => {
    await expect(summarize('empty.zip', zipSync({}))).rejects.toThrow(
      'empty.zip: the ZIP archive holds no files.',
    );
    await expect(summarize('docs.zip', zipSync({ 'notes.txt': strToU8('hello') }))).rejects.toThrow(
      /^docs\.zip: the ZIP archive holds no CSV or JSON log that could be read\. docs\.zip\/notes\.txt: no result-code column/,
    );
    const xlsx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
    });
    await expect(summarize('fleet.xlsx', xlsx)).rejects.toThrow(
      'fleet.xlsx: this is an Office document (a spreadsheet or text document), not a CSV or JSON log; save the sheet as CSV.',
    );
  });
});
