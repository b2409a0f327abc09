import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/catalog-registry.ts';
import { formatSummaryTable } from '../../src/cli/summary-table.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { buildSummary } from '../../src/report/summary.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';

/**
 * LwM2M object 5 Update Result (OMA LwM2M Registry, 5.xml, resource 5): 0 initial (in progress), 1 success,
 * 4 connection lost (failure), 10 cancelled and 11 deferred (not applied); 99 is not in the table.
 */
const LWM2M = 'update_result,device\n0,a\n1,a\n10,b\n11,c\n4,c\n99,d\n';
const lwm2m = { catalog: getCatalog('lwm2m-5'), mapping: { code: 'update_result' } };

describe('summary JSON (dmscope.summary/1) under the outcome model', () => {
  it('keeps the old totals and adds not applied and in progress; operations leave out in progress', async () => {
    const s = await summarize('lwm2m.csv', LWM2M, lwm2m);
    expect(s.schema).toBe('dmscope.summary/1');
    expect(s.totals).toEqual({
      operations: 5,
      successes: 1,
      failures: 1,
      notApplied: 2,
      inProgress: 1,
      unrecognized: 1,
      failureRate: 1 / 5,
      devices: 4,
      failingDevices: 1,
      devicesUpperBound: false,
    });
  });

  it("names the dataset's families with their sources and its categories with their outcomes", async () => {
    const s = await summarize('lwm2m.csv', LWM2M, lwm2m);
    const family = getCatalog('lwm2m-5');
    expect(s.families).toEqual([
      { id: 'lwm2m-5', name: 'LwM2M 5', title: family.title, source: family.source, rows: 6 },
    ]);
    expect(s.categories).toEqual([
      { id: 'success', label: 'Success', outcome: 'success' },
      { id: 'failure', label: 'Failure', outcome: 'failure' },
      { id: 'not_applied', label: 'Not applied', outcome: 'not_applied' },
      { id: 'in_progress', label: 'In progress', outcome: 'in_progress' },
      { id: 'unrecognized', label: 'Unrecognized code', outcome: 'unrecognized' },
    ]);
    expect(s.byCode.map((c) => c.label).sort()).toEqual(['0', '1', '10', '11', '4', '99']);
  });

  it('counts rows per family, the main family first, and the table prefixes results with the family', async () => {
    const fumo = getCatalog('fumo');
    const hawkbit = getCatalog('hawkbit');
    const builder = new DatasetBuilder(fumo);
    const rows: [typeof fumo, number, string][] = [
      [fumo, 200, ''],
      [fumo, 402, ''],
      [fumo, 402, ''],
      [hawkbit, Number.NaN, 'error'],
      [hawkbit, Number.NaN, 'running'],
    ];
    for (const [catalog, code, status] of rows)
      builder.addResolved(builder.resultId(catalog, code, status), Number.NaN, 1, 0, []);
    const { report } = await ingestFiles({ 'x.csv': 'result_code\n1200\n' });
    const s = buildSummary(builder.build(), report);
    expect(s.families.map((f) => [f.id, f.rows])).toEqual([
      ['fumo', 3],
      ['hawkbit', 2],
    ]);
    expect(s.totals).toMatchObject({ operations: 4, failures: 3, inProgress: 1, notApplied: 0 });
    const table = formatSummaryTable(s);
    // shares are of every result, the in-progress one included (5)
    expect(table).toMatch(/FUMO 402\s+2\s+40\.00%\s+Client error\s+Corrupted Firmware Update Package/);
    expect(table).toMatch(/hawkBit error\s+1\s+20\.00%/);
    expect(table).toMatch(/^hawkbit\s+2\s+Eclipse hawkBit action status \(/m);
  });

  it('the table shows not applied and in progress beside the old figures', async () => {
    const table = formatSummaryTable(await summarize('lwm2m.csv', LWM2M, lwm2m));
    const figures: [string, string][] = [
      ['Operations', '5'],
      ['Successes', '1'],
      ['Failures', '1'],
      ['Failure rate', '20.00%'],
      ['Not applied', '2'],
      ['In progress', '1'],
      ['Unrecognized codes', '1'],
      ['Devices', '4'],
      ['Failing devices', '1'],
    ];
    for (const [term, figure] of figures)
      expect(table).toMatch(new RegExp(`^${term}\\s+${figure.replace('.', '\\.')}$`, 'm'));
    // a share of the 6 results (5 operations and 1 in progress)
    expect(table).toMatch(/^10\s+1\s+16\.67%\s+Not applied\s+Firmware update cancelled$/m);
  });
});
