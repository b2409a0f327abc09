import { describe, expect, it } from 'vitest';
import { createDatasetService, newFiles } from '../../src/worker/dataset-service.ts';
import { dashboardFor } from '../app/dashboard-fixture.ts';

const noop = () => undefined;
const A = 'result_code,device_id,model\n1200,d1,A\n1404,d2,B\n1404,d3,B\n';
const B = 'result_code,device_id,model\n1200,d4,C\n1505,d5,C\n';

function file(name: string, text: string, lastModified = 1_760_000_000_000): File {
  return new File([text], name, { type: 'text/csv', lastModified });
}

async function loaded(files: File[]) {
  const service = createDatasetService();
  const info = await service.handle('load', { files }, noop);
  return { service, info };
}

describe('"Add files" in the worker', () => {
  it('reads the loaded files and the added ones into one dataset, a new data version, by source file', async () => {
    const { service } = await loaded([file('a.csv', A)]);
    const before = service.dataVersion;
    const added = await service.handle('append', { files: [file('b.csv', B)] }, noop);
    expect(added.duplicates).toEqual([]);
    expect(added.info?.rowCount).toBe(5);
    expect(added.info?.report.files.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
    expect(added.info?.dimensionNames).toEqual(['model', 'source file']);
    expect(service.dataVersion).toBe(before + 1);
    const all = await dashboardFor(service);
    expect(all.totals).toMatchObject({ operations: 5, failures: 3, devices: 5 });
    const onlyB = { dimensions: [{ name: 'source file', values: ['b.csv'] }] };
    expect((await dashboardFor(service, { filter: onlyB })).totals).toMatchObject({
      operations: 2,
      failures: 1,
    });
  });

  it('adds a file already loaded not again, and says which', async () => {
    const { service } = await loaded([file('a.csv', A)]);
    const before = service.dataVersion;
    const again = await service.handle('append', { files: [file('a.csv', A)] }, noop);
    expect(again).toEqual({ info: null, duplicates: ['a.csv'] });
    expect(service.dataVersion).toBe(before);
    // one new file among a duplicate and a second pick of itself: added once
    const some = await service.handle(
      'append',
      { files: [file('a.csv', A), file('b.csv', B), file('b.csv', B)] },
      noop,
    );
    expect(some.duplicates).toEqual(['a.csv', 'b.csv']);
    expect(some.info?.rowCount).toBe(5);
  });

  it('a file that fails leaves the loaded data as it was', async () => {
    const { service, info } = await loaded([file('a.csv', A)]);
    const before = service.dataVersion;
    const failing = service.handle('append', { files: [file('people.csv', 'name,age\nAda,36\n')] }, noop);
    await expect(failing).rejects.toThrow(/people\.csv.*no result-code column/);
    expect(service.dataVersion).toBe(before);
    expect((await dashboardFor(service)).totals.operations).toBe(info.rowCount);
    // and a later append still holds only the files that were loaded
    const added = await service.handle('append', { files: [file('b.csv', B)] }, noop);
    expect(added.info?.report.files.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
  });

  it('tells files apart by name, size and time of last change', () => {
    const a = file('a.csv', A);
    const longer = `${A}1200,d9,A\n`;
    const { fresh, duplicates } = newFiles(
      [a],
      [file('a.csv', A), file('a.csv', longer), file('a.csv', A, 1), file('b.csv', A)],
    );
    expect(duplicates).toEqual(['a.csv']);
    expect(fresh.map((f) => [f.name, f.size, f.lastModified])).toEqual([
      ['a.csv', longer.length, a.lastModified],
      ['a.csv', A.length, 1],
      ['b.csv', A.length, a.lastModified],
    ]);
  });
});
