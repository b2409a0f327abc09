import { describe, expect, it } from 'vitest';
import { FAMILY_FIXTURES } from '../support/family-fixtures.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-families-');

type Totals = (typeof FAMILY_FIXTURES)[number]['totals'];
const OUTCOME_FIELDS = [
  'operations',
  'successes',
  'failures',
  'notApplied',
  'inProgress',
  'unrecognized',
] as const;

describe('dmscope summarize over every family', () => {
  it('reads each file in its family, says why in source.perFile, and sums the exact figures', () => {
    const paths = FAMILY_FIXTURES.map((f) => file(f.name, f.content));
    const { status, stdout, stderr } = cli('summarize', ...paths, '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.source.perFile.map((f: { catalog: { id: string } }) => f.catalog.id)).toEqual(
      FAMILY_FIXTURES.map((f) => f.family),
    );
    for (const f of summary.source.perFile) {
      expect(f.catalog.recognised).toBe(f.catalog.total);
      expect(f.catalog.reason).not.toBe('');
    }
    expect(summary.source.otherRecords).toBe(2);
    const expected: Partial<Totals> = {};
    for (const field of OUTCOME_FIELDS) {
      expected[field] = FAMILY_FIXTURES.reduce((sum, f) => sum + f.totals[field], 0);
    }
    expect(summary.totals).toMatchObject(expected);
    expect(summary.warnings).toEqual([]);
  });

  it('honours --catalog, and warns in the JSON and the table when the family knows too little', () => {
    const fumo = file('fumo-as-scomo.csv', 'result_code,device\n200,d1\n402,d2\n');
    const json = cli('summarize', fumo, '--catalog', 'scomo', '--json');
    expect(json.status).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary.source.perFile[0].catalog).toMatchObject({ id: 'scomo', recognised: 0, total: 2 });
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(
      /recognises only 0 of 2 rows' results.*200 \(1\), 402 \(1\).*id fumo: 2 of 2/,
    );
    const table = cli('summarize', fumo, '--catalog', 'scomo');
    expect(table.stdout).toMatch(/Warnings:\n {2}! .*recognises only 0 of 2/);
    expect(table.stdout).toMatch(
      /fumo-as-scomo\.csv {2}OMA-DM SCOMO result codes \(scomo\): 0 of 2 results recognised/,
    );
  });

  it('refuses an unknown --catalog with the ids it knows, exit 2', () => {
    const { status, stderr } = cli('summarize', file('x.csv', 'result_code\n1200\n'), '--catalog', 'nope');
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /^dmscope: --catalog: Unknown catalog "nope"; known catalogs: "scomo", "fumo", .*"aws-iot-jobs"\n$/,
    );
  });

  it('reads a status-only file with --status and --code none', () => {
    const csv = file('s.csv', 'device,outcome,note\nd1,SUCCEEDED,a\nd2,FAILED,b\n');
    const { status, stdout } = cli('summarize', csv, '--code', 'none', '--status', 'outcome', '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.columns).toMatchObject({ status: 'outcome' });
    expect(summary.totals).toMatchObject({ successes: 1, failures: 1, operations: 2 });
  });
});
