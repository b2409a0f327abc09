import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/catalog/catalog-registry.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import { inferColumns } from '../../src/ingest/column-inference.ts';
import { detectFamily, familyOfValue } from '../../src/ingest/family-detection.ts';
import { OTHER_FAMILY } from '../../src/ingest/row-writer.ts';
import { FAMILY_FIXTURES } from '../support/family-fixtures.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { byDimension, totals } from '../support/reference-queries.ts';

function detect(header: string[], rows: string[][]) {
  const inferred = inferColumns(header, rows, CATALOGS);
  if (!inferred.ok) throw new Error(inferred.reason);
  return detectFamily(header, rows, inferred.mapping, CATALOGS);
}

describe('family detection', () => {
  it.each(FAMILY_FIXTURES.map((f) => [f.about, f] as const))(
    'reads %s in its family, with exact figures',
    async (_, fixture) => {
      const { dataset, report } = await ingestFiles({ [fixture.name]: fixture.content });
      const file = report.files[0];
      expect(file?.catalog.id).toBe(fixture.family);
      expect(file?.catalog.perRecord !== undefined).toBe(fixture.perRecord === true);
      expect(file?.catalog.reason).not.toBe('');
      expect(file?.otherRecords).toBe(fixture.otherRecords ?? 0);
      expect(report.rowsRejected).toBe(0);
      const { operations, successes, failures, notApplied, inProgress, unrecognized, devices } =
        totals(dataset);
      expect({ operations, successes, failures, notApplied, inProgress, unrecognized, devices }).toEqual(
        fixture.totals,
      );
      expect(file?.catalog).toMatchObject({ recognised: file?.catalog.total });
      expect(report.warnings).toEqual([]);
    },
  );

  it('never reads a FUMO, an ADU or a LwM2M file as SCOMO, nor a SCOMO file as another family', () => {
    expect(detect(['result_code'], [['200'], ['402'], ['501']]).family).toBe('fumo');
    expect(detect(['result_code'], [['200'], ['500']]).family).toBe('fumo');
    expect(
      detect(
        ['resultCode', 'extendedResultCode'],
        [
          ['1200', '0'],
          ['0', '1'],
        ],
      ).family,
    ).toBe('adu');
    expect(detect(['updateResult'], [['1'], ['8'], ['0']]).family).toBe('lwm2m-5');
    expect(detect(['updateResult'], [['2'], ['50'], ['0']]).family).toBe('lwm2m-9');
    expect(detect(['result_code'], [['1200'], ['1200']]).family).toBe('scomo');
    expect(detect(['result_code'], [['1200'], ['1404'], ['1502']]).family).toBe('scomo');
    expect(detect(['code'], [['1200'], ['-1'], ['1200']]).family).toBe('scomo');
  });

  it('decodes ADU extendedResultCode into facility and component dimensions', async () => {
    const adu = FAMILY_FIXTURES.find((f) => f.name === 'adu.csv') as (typeof FAMILY_FIXTURES)[number];
    const { dataset, report } = await ingestFiles({ [adu.name]: adu.content });
    expect(report.columns.dimensions).toEqual([
      'extendedResultCode',
      'extendedResultCode facility',
      'extendedResultCode component',
    ]);
    // by failures first: d2's 0x30200002 is content handler (0x3), component 0x02
    expect(byDimension(dataset, 'extendedResultCode facility').map((v) => [v.value, v.operations])).toEqual([
      ['0x3 content handler', 1],
      ['0x0 unknown', 3],
    ]);
    expect(byDimension(dataset, 'extendedResultCode component').map((v) => v.value)).toEqual([
      '0x02',
      '0x00',
    ]);
  });

  it("decodes any catalog's declared field, not only ADU's: the rule is the catalog's, ingest names no family", async () => {
    // a SCOMO reading whose vendor packs "region/site" into one field
    const field = {
      name: 'site_path',
      parts: ['region', 'site'],
      decode: (value: string) => (value.includes('/') ? value.split('/', 2) : null),
    };
    const catalog = { ...scomoCatalog, decodedField: field };
    const text = 'result_code,device_id,site_path\n1200,d1,eu/ams\n1404,d2,eu/fra\n1404,d3,us-east\n';
    const { dataset, report } = await ingestFiles({ 'sites.csv': text }, { catalog, catalogs: [catalog] });
    expect(report.columns.dimensions).toEqual(['site_path', 'site_path region', 'site_path site']);
    expect(byDimension(dataset, 'site_path region').map((v) => [v.value, v.operations])).toEqual([
      ['eu', 2],
      ['', 1],
    ]);
    const plain = await ingestFiles(
      { 'sites.csv': text },
      { catalog: scomoCatalog, catalogs: [scomoCatalog] },
    );
    expect(plain.report.columns.dimensions).toEqual(['site_path']);
  });

  it('never takes a download progress for the count column', async () => {
    const ddi = FAMILY_FIXTURES.find((f) => f.family === 'hawkbit-ddi') as (typeof FAMILY_FIXTURES)[number];
    const { report } = await ingestFiles({ [ddi.name]: ddi.content });
    expect(report.files[0]?.mapping.count).toBeNull();
    const inferred = inferColumns(
      ['code', 'progress.cnt', 'progress_of', 'download percent'],
      [['1200', '3', '5', '60']],
      CATALOGS,
    );
    expect(inferred.ok && inferred.mapping.count).toBeNull();
  });

  it('knows the alert types of each family, per record', () => {
    expect(familyOfValue('org.openmobilealliance.dm.firmwareupdate.userrequest', CATALOGS)).toBe(1);
    expect(familyOfValue('org.openmobilealliance.softwarecomponent.OperationComplete', CATALOGS)).toBe(0);
    expect(familyOfValue('URN:OMA:AT:SCOMO:1.0:InstallInactive', CATALOGS)).toBe(0);
    expect(familyOfValue('/5/0/5', CATALOGS)).toBe(2);
    expect(familyOfValue('/5/0/3', CATALOGS)).toBe(OTHER_FAMILY);
    expect(familyOfValue('org.openmobilealliance.dm.session', CATALOGS)).toBe(OTHER_FAMILY);
  });

  it('reads small integers as LwM2M only under an update-result name', () => {
    expect(detect(['result'], [['1'], ['8'], ['4']]).family).not.toMatch(/^lwm2m/);
  });

  it('tells status-word platforms apart by their words and field names', () => {
    expect(detect(['status'], [['success'], ['failure']]).family).toBe('mender');
    expect(detect(['status'], [['SUCCEEDED'], ['FAILED']]).family).toBe('aws-iot-jobs');
    expect(detect(['deviceState'], [['Succeeded'], ['Failed']]).family).toBe('adu');
    expect(detect(['detailStatus'], [['finished'], ['error']]).family).toBe('hawkbit');
  });

  it('says why it chose', () => {
    expect(detect(['result_code'], [['200'], ['402']]).reason).toBe(
      'OMA-DM FUMO result codes recognises 2 of the 2 sampled results in "result_code"',
    );
  });

  it('warns, naming the unknown codes and the families that know them, when the family fits badly', async () => {
    const fumo = FAMILY_FIXTURES.find((f) => f.family === 'fumo') as (typeof FAMILY_FIXTURES)[number];
    const { report } = await ingestFiles({ 'fumo.csv': fumo.content }, { catalog: scomoCatalog });
    expect(report.files[0]?.catalog).toMatchObject({ id: 'scomo', recognised: 0, total: 6 });
    expect(report.warnings).toEqual([
      `fumo.csv: OMA-DM SCOMO result codes recognises only 0 of 6 rows' results (0.0%), so its figures may be wrong; it does not know 200 (2), 402 (1), 501 (1), 410 (1), 250 (1). They fit OMA-DM FUMO result codes (id fumo: 6 of 6), Azure Device Update result codes (id adu: 3 of 6): choose the family in the column mapping (CLI: --catalog ID).`,
    ]);
  });

  it('warns about a file that fits no family', async () => {
    const { report } = await ingestFiles({ 'odd.csv': 'result_code\n9999\n8888\n9999\n' });
    expect(report.files[0]?.catalog.reason).toBe(
      'no family recognises the sampled results; read as OMA-DM SCOMO result codes',
    );
    expect(report.warnings).toEqual([
      `odd.csv: OMA-DM SCOMO result codes recognises only 0 of 3 rows' results (0.0%), so its figures may be wrong; it does not know 9999 (2), 8888 (1). No family dmscope knows recognises them.`,
    ]);
  });

  it('reads every file in the family the mapping override names', async () => {
    const { report, dataset } = await ingestFiles(
      { 'a.csv': 'result_code\n200\n402\n' },
      { mapping: { catalog: 'fumo' } },
    );
    expect(report.files[0]?.catalog).toMatchObject({
      id: 'fumo',
      reason: 'chosen by the user (OMA-DM FUMO result codes)',
    });
    expect(totals(dataset)).toMatchObject({ successes: 1, failures: 1 });
    await expect(
      ingestFiles({ 'a.csv': 'result_code\n200\n' }, { mapping: { catalog: 'nope' } }),
    ).rejects.toThrow(/Unknown catalog "nope"; known catalogs: "scomo", "fumo"/);
  });
});
