import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/create-catalog.ts';
import { resolveResult } from '../../src/catalog/result.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';

/** A made-up platform: codes 1 (ok) and 2 (broken), and the words done / error / skipped / running. */
const platform = createCatalog({
  id: 'platform',
  title: 'Made-up platform',
  source: 'made up for this test',
  plausible: (code) => code === 1 || code === 2,
  categories: [
    { id: 'success', outcome: 'success', label: 'Success' },
    { id: 'failure', outcome: 'failure', label: 'Failure' },
    { id: 'not_applied', outcome: 'not_applied', label: 'Not applied' },
    { id: 'in_progress', outcome: 'in_progress', label: 'In progress' },
  ],
  entries: [
    { from: 1, to: 1, message: 'OK', description: 'ok', category: 'success', stage: null, cause: null },
    {
      from: 2,
      to: 2,
      message: 'Broken',
      description: 'broken',
      category: 'failure',
      stage: 'install',
      cause: 'device',
    },
  ],
  statuses: [
    { words: ['done'], message: 'Done', description: 'done', category: 'success', stage: null, cause: null },
    {
      words: ['error'],
      message: 'Error',
      description: 'error',
      category: 'failure',
      stage: 'other',
      cause: 'unknown',
    },
    {
      words: ['skipped'],
      message: 'Skipped',
      description: 'skipped',
      category: 'not_applied',
      stage: null,
      cause: null,
    },
    {
      words: ['running'],
      message: 'Running',
      description: 'running',
      category: 'in_progress',
      stage: null,
      cause: null,
    },
  ],
  triage: scomoCatalog.triage,
});

describe('resolveResult: the code decides, else the status word', () => {
  it('a recognised code decides over the status word', () => {
    expect(resolveResult(platform, 2, 'done')).toMatchObject({
      outcome: 'failure',
      decidedBy: 'code',
      label: '2',
      status: 'done',
    });
  });
  it('the status word decides when the code is absent or unrecognised', () => {
    expect(resolveResult(platform, null, ' Error ')).toMatchObject({
      outcome: 'failure',
      decidedBy: 'status',
      label: 'Error',
      code: null,
    });
    expect(resolveResult(platform, 77, 'skipped')).toMatchObject({
      outcome: 'not_applied',
      decidedBy: 'status',
      code: 77,
    });
  });
  it('neither recognised: unrecognized, named by the code, else the word', () => {
    expect(resolveResult(platform, 77, 'what')).toMatchObject({
      outcome: 'unrecognized',
      decidedBy: null,
      label: '77',
    });
    expect(resolveResult(platform, null, 'what')).toMatchObject({
      outcome: 'unrecognized',
      label: 'what',
      name: 'Unrecognized status',
    });
  });
});

describe('DatasetBuilder.resultId', () => {
  it('one result per family, code and status word whatever its case and spacing; figures follow the outcome model', () => {
    const b = new DatasetBuilder(scomoCatalog);
    const rows: [number, string][] = [
      [Number.NaN, 'done'],
      [Number.NaN, 'DONE'],
      [Number.NaN, ' Done '],
      [Number.NaN, 'error'],
      [Number.NaN, 'skipped'],
      [Number.NaN, 'running'],
      [Number.NaN, 'running'],
      [2, ''],
      [2, 'done'],
      [9, ''],
    ];
    const ids = rows.map(([code, status]) => b.resultId(platform, code, status));
    expect(ids.slice(0, 3)).toEqual([0, 0, 0]);
    expect(new Set(ids).size).toBe(7);
    for (const id of ids) b.addResolved(id, Number.NaN, 1, 0, []);
    b.addResolved(b.codeId(1200), Number.NaN, 1, 0, []);
    const ds = b.build();
    expect(ds.catalog.id).toBe('platform');
    expect(ds.resultInfo(0)).toMatchObject({ label: 'done', status: 'done', family: 'platform' });
    const { totals, byCategory } = ds.overview(ds.all());
    expect(totals).toMatchObject({
      successes: 4,
      failures: 3,
      notApplied: 1,
      inProgress: 2,
      unrecognized: 1,
      operations: 9,
      failureRate: 3 / 9,
      rows: 11,
    });
    // the dataset's categories: the main family's, then the other families' (SCOMO's) not yet listed
    expect(ds.categories.map((c) => c.id)).toEqual([
      'success',
      'failure',
      'not_applied',
      'in_progress',
      ...scomoCatalog.categories.map((c) => c.id).filter((id) => id !== 'success'),
    ]);
    expect(byCategory).toMatchObject({
      success: 4,
      failure: 3,
      in_progress: 2,
      not_applied: 1,
      unrecognized: 1,
    });
    expect(ds.select({ statuses: ['RUNNING'] }).size).toBe(2);
    expect(ds.select({ families: ['scomo'] }).size).toBe(1);
    expect(ds.select({ codes: [2] }).size).toBe(2);
  });
});
