import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SOURCE_FILE_DIMENSION } from '../../src/dataset/source-file.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { byDimension, totals } from '../support/reference-queries.ts';

const A = 'result_code,device_id,model\n1200,d1,A\n1404,d2,B\nnot-a-code,d9,A\n1200,d3,A\n';
const B = 'Result Code;IMEI;region\n1404;d2;eu\n1505;d4;us\n';

/** The file each accepted row came from, read row by row. */
function fileOfRows(dataset: Awaited<ReturnType<typeof ingestFiles>>['dataset']): string[] {
  const at = dataset.dimensionNames.indexOf(SOURCE_FILE_DIMENSION);
  return Array.from({ length: dataset.rowCount }, (_, row) => dataset.event(row).dimensions[at] ?? '?');
}

describe('the source file dimension', () => {
  it('names the file each row came from when the rows came from two or more files', async () => {
    const { dataset, report } = await ingestFiles({ 'a.csv': A, 'b.csv': B });
    expect(dataset.dimensionNames).toContain(SOURCE_FILE_DIMENSION);
    expect(report.columns.dimensions).toContain(SOURCE_FILE_DIMENSION);
    // the rejected row of a.csv shifts nothing: rows are a.csv's three accepted ones, then b.csv's two
    expect(report.rowsRejected).toBe(1);
    expect(fileOfRows(dataset)).toEqual(['a.csv', 'a.csv', 'a.csv', 'b.csv', 'b.csv']);
    const perFile = byDimension(dataset, SOURCE_FILE_DIMENSION).map((v) => [v.value, v.operations]);
    expect(perFile.sort()).toEqual([
      ['a.csv', 3],
      ['b.csv', 2],
    ]);
    // filtering on one file gives that file's figures alone
    const onlyB = dataset.select({ dimensions: [{ name: SOURCE_FILE_DIMENSION, values: ['b.csv'] }] });
    const alone = await ingestFiles({ 'b.csv': B });
    expect(totals(dataset, onlyB)).toEqual(totals(alone.dataset));
  });

  it('is not there for one file, nor for a second file without accepted rows', async () => {
    expect((await ingestFiles({ 'a.csv': A })).dataset.dimensionNames).not.toContain(SOURCE_FILE_DIMENSION);
    const zip = zipSync({ 'README.txt': strToU8('hello\n'), 'a.csv': strToU8(A) });
    const zipped = await ingestFiles({ 'logs.zip': zip });
    expect(zipped.report.warnings.join(' ')).toMatch(/README/);
    expect(zipped.dataset.dimensionNames).not.toContain(SOURCE_FILE_DIMENSION);
  });

  it("names a ZIP archive's entries, and tells two files of one name apart", async () => {
    const zip = zipSync({ 'a.csv': strToU8(A), 'b.csv': strToU8(B) });
    const zipped = await ingestFiles({ 'logs.zip': zip });
    expect(new Set(fileOfRows(zipped.dataset))).toEqual(new Set(['logs.zip/a.csv', 'logs.zip/b.csv']));
    const twice = await ingestFiles([
      ['a.csv', A],
      ['a.csv', B],
    ]);
    expect(fileOfRows(twice.dataset)).toEqual(['a.csv', 'a.csv', 'a.csv', 'a.csv (2)', 'a.csv (2)']);
  });

  it("leaves a column of the files' own of that name as it is, and says so", async () => {
    const own = 'code,source file\n1200,x\n1404,y\n';
    const { dataset, report } = await ingestFiles({ 'a.csv': own, 'b.csv': own });
    expect(byDimension(dataset, SOURCE_FILE_DIMENSION).map((v) => v.value)).toEqual(
      expect.arrayContaining(['x', 'y']),
    );
    expect(dataset.dimensionValues(SOURCE_FILE_DIMENSION)).not.toContain('a.csv');
    expect(report.warnings.join(' ')).toMatch(/column "source file" of their own/);
  });
});
