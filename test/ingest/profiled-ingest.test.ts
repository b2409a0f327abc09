import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGS, getCatalog } from '../../src/catalog/catalog-registry.ts';
import { type Profile, parseProfile, withProfiles } from '../../src/catalog/profile.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { summarize } from '../support/ingest-text.ts';

function shipped(name: string): Profile {
  const parsed = parseProfile(readFileSync(`profiles/${name}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.profile;
}

describe('withProfiles', () => {
  it("amends only the profiles' families, and keeps every catalog's id and place", () => {
    const catalogs = withProfiles(CATALOGS, [shipped('operator-fumo')]);
    expect(catalogs.map((c) => c.id)).toEqual(CATALOGS.map((c) => c.id));
    catalogs.forEach((c, i) => {
      if (c.id !== 'fumo') expect(c).toBe(CATALOGS[i]);
    });
    const fumo = catalogs.find((c) => c.id === 'fumo');
    expect(fumo?.lookup(403)).toMatchObject({ name: 'Deferred', outcome: 'not_applied' });
    expect(fumo?.lookup(402).outcome).toBe('failure');
  });

  it('reads a file with the profiled family: an operator FUMO 403 is not applied, 255 in progress', async () => {
    // OMA-TS-DM-FUMO-V1_0 "Result Codes": 200 success, 402 corrupted package (failure); the operator's
    // profile reads 403 as deferred (not applied) and 255 as "download successful" (in progress).
    const csv = 'fumo_result,device\n200,a\n402,b\n403,c\n255,d\n403,d\n';
    const catalogs = withProfiles(CATALOGS, [shipped('operator-fumo')]);
    const profiled = catalogs.find((c) => c.id === 'fumo');
    const mapping = { code: 'fumo_result' };
    const plain = await summarize('f.csv', csv, { catalog: getCatalog('fumo'), mapping });
    expect(plain.totals).toMatchObject({ operations: 5, failures: 3, notApplied: 0, inProgress: 0 });
    const read = await summarize('f.csv', csv, { catalog: profiled, catalogs, mapping });
    expect(read.totals).toEqual({
      operations: 4,
      successes: 1,
      failures: 1,
      notApplied: 2,
      inProgress: 1,
      unrecognized: 0,
      failureRate: 1 / 4,
      devices: 4,
      failingDevices: 1,
      devicesUpperBound: false,
    });
  });

  it('reads with the profiled default family when only the catalogs are given', async () => {
    const catalogs = withProfiles(CATALOGS, [shipped('redbend-scomo')]);
    const read = await summarize('s.csv', 'result_code\n1472\n', { catalogs });
    expect(read.byCode[0]).toMatchObject({ code: 1472, name: 'Installation and rollback success' });
  });
});

describe('a profiled family beside the main one', () => {
  it("keeps its profile's classes and title in the dataset (an in-progress FUMO code beside SCOMO rows)", async () => {
    const fumo = withProfiles(CATALOGS, [shipped('operator-fumo')]).find((c) => c.id === 'fumo');
    if (fumo === undefined) throw new Error('no fumo catalog');
    const scomo = getCatalog('scomo');
    const builder = new DatasetBuilder(scomo);
    for (let i = 0; i < 3; i++) builder.addResolved(builder.resultId(scomo, 1200, ''), Number.NaN, 1, 0, []);
    builder.addResolved(builder.resultId(fumo, 255, ''), Number.NaN, 1, 0, []);
    const dataset = builder.build();
    expect(dataset.families.map((f) => f.title)).toEqual([scomo.title, fumo.title]);
    expect(dataset.categories.map((c) => c.id)).toContain('in_progress');
    expect(dataset.overview(dataset.all()).totals).toMatchObject({ operations: 3, inProgress: 1 });
  });
});
