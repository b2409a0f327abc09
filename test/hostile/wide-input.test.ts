/**
 * Files with absurd numbers of columns: the work per column name is constant (no search of a growing list),
 * only the first MAX_COLUMNS columns of a file are tracked, and their warnings are one summary each.
 * The sizes are chosen so that quadratic work would run for minutes, far past the test time limit; a
 * linear reading takes about a second (no timing asserted).
 */
import { describe, expect, it } from 'vitest';
import { MAX_DIMENSIONS } from '../../src/dataset/dataset-builder.ts';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import { MAX_COLUMNS, uniqueColumnNames } from '../../src/ingest/table-sink.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-wide-');

/** A CSV whose header is `code` and then `names`, with two rows (1200, 1404) of `x` values. */
function wideCsv(names: readonly string[]): string {
  const values = names.map(() => 'x').join(',');
  return `code,${names.join(',')}\n1200,${values}\n1404,${values}\n`;
}

/** NDJSON where every record brings a key no record before it had. */
function newKeyPerRecord(records: number): string {
  let text = '';
  for (let i = 0; i < records; i++) text += `{"code":${i % 2 ? 1404 : 1200},"k${i}":"v"}\n`;
  return text;
}

describe('duplicate header names', () => {
  it('makes 100,000 repeats of one name unique with one step per name', () => {
    const names = uniqueColumnNames(Array.from({ length: 100_000 }, () => 'a'));
    expect(names.slice(0, 3)).toEqual(['a', 'a (2)', 'a (3)']);
    expect(names[99_999]).toBe('a (100000)');
    expect(new Set(names).size).toBe(100_000);
  });

  it('still steps over a name that is taken already, whichever came first', () => {
    expect(uniqueColumnNames(['a', 'a (2)', 'a', 'a', ' ', 'column 5', ''])).toEqual([
      'a',
      'a (2)',
      'a (3)',
      'a (4)',
      'column 5',
      'column 5 (2)',
      'column 7',
    ]);
  });

  it('reads a CSV with 30,000 duplicate header names, in the page and in the CLI', async () => {
    const csv = wideCsv(Array.from({ length: 30_000 }, () => 'model'));
    const info = await createDatasetService().loadSources([bytesSource('dup.csv', csv)]);
    expect(info.rowCount).toBe(2);
    expect(info.report.files[0]?.headers.slice(0, 3)).toEqual(['code', 'model', 'model (2)']);
    expect(info.report.warnings.filter((w) => w.includes('columns'))).toEqual([
      `dup.csv: the file has 30,001 columns; only the first ${MAX_COLUMNS.toLocaleString('en-US')} are read, the other 29,001 are not analysed.`,
    ]);
    const { status, stderr } = cli('summarize', file('dup.csv', csv), '--json');
    expect(status).toBe(0);
    expect(stderr).toContain('dup.csv: the file has 30,001 columns; only the first 1,000 are read');
  }, 60_000);
});

describe('many distinct columns', () => {
  it('reads 200,000 distinct header names, tracking the first MAX_COLUMNS, in the page and in the CLI', async () => {
    const csv = wideCsv(Array.from({ length: 200_000 }, (_, i) => `c${i}`));
    const info = await createDatasetService().loadSources([bytesSource('wide.csv', csv, 64 * 1024)]);
    expect(info.rowCount).toBe(2);
    expect(info.report.files[0]?.headers).toHaveLength(MAX_COLUMNS);
    expect(info.dimensionNames).toHaveLength(MAX_COLUMNS - 1);
    expect(info.report.warnings).toContain(
      'wide.csv: the file has 200,001 columns; only the first 1,000 are read, the other 199,001 are not analysed.',
    );
    const { status, stdout, stderr } = cli('summarize', file('wide.csv', csv), '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).totals).toMatchObject({ operations: 2, failures: 1 });
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('says that only the first columns are read when the chosen code column lies past them', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => `c${i}`);
    const csv = wideCsv(names).replace(/^code,/, 'first,');
    await expect(ingestFiles({ 'w.csv': csv }, { mapping: { code: 'c1500' } })).rejects.toThrow(
      /no column named "c1500".* Only the first 1,000 of the file's 2,001 columns are read\.$/,
    );
  });

  it('reads NDJSON with a new key in every record, with one warning for the keys past the limit', async () => {
    const text = newKeyPerRecord(60_000);
    const info = await createDatasetService().loadSources([bytesSource('keys.ndjson', text, 64 * 1024)]);
    expect(info.rowCount).toBe(60_000);
    // each key is filled in one record of the sample: not a dimension that would cost every row an id
    expect(info.dimensionNames).toEqual([]);
    expect(info.report.files[0]?.mapping.ignored).toHaveLength(MAX_COLUMNS - 1);
    expect(info.report.files[0]?.mapping.ignored[0]).toEqual({ name: 'k0', reason: 'almost always empty' });
    const warning =
      'keys.ndjson: the file has 60,001 columns; only the first 1,000 are read, the other 59,001 are not analysed.';
    expect(info.report.warnings).toEqual([warning]);
    const { status, stderr } = cli('summarize', file('keys.ndjson', text));
    expect(status).toBe(0);
    expect(stderr).toBe(`dmscope: warning: ${warning}\n`);
  }, 60_000);

  it('sums up the columns that first appear after the sample in one warning', async () => {
    const fixed = Array.from({ length: 1000 }, () => '{"code":1200,"model":"A"}\n').join('');
    const late = Array.from({ length: 500 }, (_, i) => `{"code":1404,"x${i}":"v"}\n`).join('');
    const { dataset, report } = await ingestFiles({ 'late.ndjson': fixed + late });
    expect(dataset.rowCount).toBe(1500);
    expect(report.warnings).toEqual([
      'late.ndjson: 500 columns first appear after the first 1,000 records and are not analysed ("x0", "x1", "x2", …).',
    ]);
    const one = await ingestFiles({ 'one.ndjson': `${fixed}{"code":1404,"x":"v"}\n` });
    expect(one.report.warnings).toEqual([
      'one.ndjson: 1 column first appears after the first 1,000 records and is not analysed ("x").',
    ]);
  });

  it('counts JSON keys past the column limit in one warning, whether in one record or many', async () => {
    const record: Record<string, unknown> = { code: 1200 };
    for (let i = 0; i < 150_000; i++) record[`k${i}`] = 'v';
    const { dataset, report } = await ingestFiles({ 'one.json': JSON.stringify([record, { code: 1404 }]) });
    expect(dataset.rowCount).toBe(2);
    expect(report.files[0]?.headers).toHaveLength(MAX_COLUMNS);
    expect(report.warnings).toEqual([
      'one.json: the file has 150,001 columns; only the first 1,000 are read, the other 149,001 are not analysed.',
    ]);
  }, 60_000);

  it('keeps at most MAX_DIMENSIONS dimensions across files, with one warning', async () => {
    const files: [string, string][] = [];
    for (let f = 0; f < 30; f++) {
      files.push([`f${f}.csv`, wideCsv(Array.from({ length: 100 }, (_, i) => `f${f}c${i}`))]);
    }
    const { dataset, report } = await ingestFiles(files);
    expect(dataset.rowCount).toBe(60);
    // the files' columns up to the limit, and the file each row came from (source-file.ts)
    expect(dataset.dimensionNames).toHaveLength(MAX_DIMENSIONS + 1);
    expect(dataset.dimensionNames.at(-1)).toBe('source file');
    expect(report.warnings).toEqual([
      `2,000 columns are not used as dimensions: a dataset keeps at most ${MAX_DIMENSIONS.toLocaleString('en-US')} ("f10c0", "f10c1", "f10c2", …).`,
    ]);
    expect(report.files[10]?.mapping.dimensions).toEqual([]);
    expect(report.files[10]?.mapping.ignored[0]).toEqual({
      name: 'f10c0',
      reason: `past the ${MAX_DIMENSIONS.toLocaleString('en-US')} dimensions a dataset keeps`,
    });
  });
});
