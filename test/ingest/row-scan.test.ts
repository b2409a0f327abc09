import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { SAMPLE_ROWS } from '../../src/ingest/file-sample.ts';
import type { IngestOptions, IngestReport } from '../../src/ingest/ingest.ts';
import { loadRowScanner, RowScanner } from '../../src/ingest/row-scan.ts';
import { ingestFiles } from '../support/ingest-text.ts';

/**
 * The row scanner (WebAssembly, row-scan.ts) against the JavaScript path it stands in for: the same file
 * read both ways gives the same dataset — every row's result, time, device and dimension values, the
 * values' order — and the same report: rows read, rejections with their lines and reasons, warnings,
 * bad-byte lines, unreadable times. The JavaScript path is itself held to PapaParse (csv-differential).
 */

const enc = new TextEncoder();

/** Everything a load gives that a user can see, as plain data (not which path read a row). */
function seen(dataset: Dataset, report: IngestReport): unknown {
  const files = report.files.map(({ rowsScanned: _, ...file }) => file);
  const rows = Array.from({ length: dataset.rowCount }, (_, i) => dataset.event(i));
  const names = dataset.dimensionNames;
  return {
    report: { ...report, files },
    rows,
    names,
    values: names.map((n) => dataset.dimensionValues(n)),
  };
}

async function both(bytes: Uint8Array, options: IngestOptions = {}) {
  const a = await ingestFiles({ 'fleet.csv': bytes }, { ...options, rowScan: true });
  const b = await ingestFiles({ 'fleet.csv': bytes }, { ...options, rowScan: false });
  expect(b.report.files[0]?.rowsScanned).toBe(0);
  const scanned = a.report.files[0]?.rowsScanned ?? 0;
  return { scan: seen(a.dataset, a.report), js: seen(b.dataset, b.report), scanned };
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const codeArb = fc.oneof(
  { weight: 20, arbitrary: pick('1200', '1404', '1501', '1200', '1402') },
  { weight: 1, arbitrary: pick(' 1404', '1200.0', '', 'ERR', '0200', '-1', '"1200"', '12345678901', '200') },
);
const timeArb = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 86_399 }).map((s) => isoAt(s)) },
  {
    weight: 2,
    arbitrary: pick(
      '2026-10-01T00:00:00.5Z',
      '2026-10-01 07:08:09.55',
      '2026-10-01T00:00:00+02:00',
      '',
      'garbage',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '1696118400',
      '0000-01-01T00:00:00Z',
      '2026-10-01T00:00:00.1234Z',
    ),
  },
);
const deviceArb = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 60 }).map((n) => `dev-${String(n).padStart(3, '0')}`) },
  {
    weight: 2,
    arbitrary: pick(' dev-001', 'dev-001 ', 'é-dev', '', 'dev-\xff', '"a,b"', 'x'.repeat(40), '__proto__'),
  },
);
const wordArb = fc.oneof(
  { weight: 10, arbitrary: pick('Kestrel Mini', 'Orca Go', 'apac', 'emea', 'na') },
  { weight: 1, arbitrary: pick('', '日本', '"Q"', ' apac', 'apac ', '"x""y"') },
);
const noteArb = fc.oneof(
  { weight: 6, arbitrary: pick('', 'ok', 'retry later') },
  { weight: 2, arbitrary: pick('"a, b"', '"line one\nline two"', '"say ""hi"""', 'x"y', '"cr\rhere"') },
  { weight: 1, arbitrary: pick('"a"b', '"a"\r') },
);

const COLUMNS = ['result_code', 'timestamp', 'device_id', 'model', 'region', 'note'] as const;
const rowArb = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.tuple(codeArb, timeArb, deviceArb, wordArb, wordArb, noteArb).map((f) => [...f]),
  },
  {
    weight: 1,
    arbitrary: pick(['1200', isoAt(5)], [''], ['   '], ['1200', isoAt(1), 'dev-001', 'a', 'b', 'c', 'extra']),
  },
);

const fileArb = fc.record({
  order: fc.shuffledSubarray([...COLUMNS], { minLength: 6, maxLength: 6 }),
  rows: fc.array(rowArb, { minLength: SAMPLE_ROWS + 50, maxLength: SAMPLE_ROWS + 900 }),
  newline: pick('\n', '\r\n', '\r', 'mixed'),
  endings: fc.array(pick('\n', '\r\n', '\r'), { minLength: 7, maxLength: 7 }),
  delimiter: pick(',', ';', '\t'),
  bom: fc.boolean(),
  chunkSize: pick(1, 7, 61, 4096, 1 << 20),
  // a lowered row limit: rows longer than it are rejected with their line, on either path
  maxRecordChars: pick(undefined, 80, 200),
  // a byte that is not UTF-8: where the encoding sniff sees one, the file is read as text, not scanned
  badBytes: fc.boolean(),
  // the usual log: notes last, past the fields read, where the scanner reads quoted (multi-line) notes
  noteLast: fc.boolean(),
  // a quote never closed swallows the rest of the file: only ever on the last row
  unclosed: fc.boolean(),
});

function isoAt(second: number): string {
  const hh = String(Math.floor(second / 3600)).padStart(2, '0');
  const mm = String(Math.floor(second / 60) % 60).padStart(2, '0');
  const ss = String(second % 60).padStart(2, '0');
  return `2026-10-01T${hh}:${mm}:${ss}.${String(second % 1000).padStart(3, '0')}Z`;
}

/** The file's bytes: `\xff` in a value stays one byte that is not UTF-8. */
function fileBytes(c: FileCase): Uint8Array {
  const f = c.noteLast ? { ...c, order: [...c.order.filter((n) => n !== 'note'), 'note'] } : c;
  const lines = [f.order.join(f.delimiter)];
  for (const row of f.rows) {
    // a full row in the header's order; shorter and longer rows as they are
    const cells =
      row.length === COLUMNS.length
        ? f.order.map((name) => row[COLUMNS.indexOf(name as (typeof COLUMNS)[number])] as string)
        : row;
    lines.push(cells.join(f.delimiter === ',' ? ',' : f.delimiter));
  }
  if (f.unclosed) lines.push(`1200${f.delimiter}"unclosed\nrow`);
  let text = '';
  lines.forEach((line, i) => {
    const end = f.newline === 'mixed' ? (f.endings[i % f.endings.length] as string) : f.newline;
    text += line + end;
  });
  const parts = (f.badBytes ? text : text.replaceAll('\xff', 'y')).split('\xff').map((p) => enc.encode(p));
  const bytes: number[] = f.bom ? [0xef, 0xbb, 0xbf] : [];
  parts.forEach((p, i) => {
    if (i > 0) bytes.push(0xff);
    bytes.push(...p);
  });
  return Uint8Array.from(bytes);
}

interface FileCase {
  order: string[];
  rows: string[][];
  newline: string;
  endings: string[];
  delimiter: string;
  bom: boolean;
  chunkSize: number;
  badBytes: boolean;
  maxRecordChars: number | undefined;
  unclosed: boolean;
  noteLast: boolean;
}

describe('the row scanner reads a file as the JavaScript path does', () => {
  it('is available here (Node has WebAssembly SIMD): the tests below compare two paths', async () => {
    expect(RowScanner.create(1)).toBeNull(); // not loaded yet
    expect(await loadRowScanner()).toBe(true);
    expect(RowScanner.create(1)).not.toBeNull();
  });

  it('gives the same dataset and report for any file, cut into chunks anywhere', async () => {
    let scannedRows = 0;
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, async (f) => {
        const bytes = fileBytes(f as FileCase);
        const { scan, js, scanned } = await both(bytes, {
          chunkSize: f.chunkSize,
          ...(f.maxRecordChars === undefined ? {} : { maxRecordChars: f.maxRecordChars }),
        });
        expect(scan).toEqual(js);
        // the mapping is chosen from the first SAMPLE_ROWS rows, which the JavaScript path writes; a file
        // with bytes that are not UTF-8 may be read as text in another encoding
        if (!f.badBytes) {
          scannedRows += scanned;
          rows += f.rows.length - SAMPLE_ROWS;
        }
      }),
      // no shrinking: a case is a file of over a thousand rows, and its seed and path are printed
      { numRuns: 25, endOnFailure: true },
    );
    // A row with a quote in a needed field, a code or time of another form or too few fields is left to the
    // JavaScript path: about half of these rows (their odd values are frequent, to be compared often).
    // The scanner must still have read a good share, or this compared one path with itself.
    expect(scannedRows).toBeGreaterThan(rows * 0.2);
  }, 120_000);

  it('drops a dimension with too many values at the same point, and reads the rest alike', async () => {
    // a dimension past MAX_DIMENSION_CARDINALITY distinct values is dropped mid-file (while a run's new
    // values are resolved, on the scanner's path); the other columns go on being read. Its values are few in
    // the sample the mapping is chosen from, so it is a dimension until then.
    const build = (i: number) => (i < SAMPLE_ROWS ? `build-${i % 20}` : `build-${i}`);
    const rows = Array.from(
      { length: 12_500 },
      (_, i) => `${i % 5 ? 1200 : 1404},${isoAt(i % 86_400)},dev-${i % 300},${build(i)},${['a', 'b'][i % 2]}`,
    );
    const bytes = enc.encode(`result_code,timestamp,device_id,build,region\n${rows.join('\n')}\n`);
    const { scan, js, scanned } = await both(bytes);
    expect(scan).toEqual(js);
    const report = (js as { report: IngestReport }).report;
    expect(report.files[0]?.mapping.dimensions).toEqual(['build', 'region']);
    expect((js as { names: string[] }).names).toEqual(['region']);
    expect(scanned).toBeGreaterThan(10_000);
  });
});
