import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-cli-profile-');
const REDBEND = join(process.cwd(), 'profiles/redbend-scomo.json');

const CSV = 'result_code,device_id\n1200,d1\n1452,d2\n1472,d3\n1472,d4\n';

describe('dmscope summarize --profile', () => {
  it("reads codes with the profile's names and outcomes", () => {
    const plain = JSON.parse(cli('summarize', file('a.csv', CSV), '--json').stdout);
    expect(plain.byCode.find((c: { code: number }) => c.code === 1472).name).not.toBe(
      'Installation and rollback success',
    );
    const { status, stdout } = cli('summarize', file('b.csv', CSV), '--json', '--profile', REDBEND);
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    const names = Object.fromEntries(
      summary.byCode.map((c: { code: number; name: string }) => [c.code, c.name]),
    );
    expect(names).toEqual({
      1200: 'Successful',
      1452: 'Partially successful',
      1472: 'Installation and rollback success',
    });
    expect(summary.totals).toMatchObject({ operations: 4, successes: 1, failures: 3 });
    expect(summary.families[0].title).toContain('Red Bend SCOMO client');
  });

  it('applies several profiles, the later winning where two name one code', () => {
    const later = file(
      'later.json',
      JSON.stringify({
        name: 'Later',
        family: 'scomo',
        codes: [{ code: 1472, name: 'Rolled back', outcome: 'not_applied' }],
      }),
    );
    const { status, stdout } = cli(
      'summarize',
      file('c.csv', CSV),
      '--json',
      '--profile',
      REDBEND,
      '--profile',
      later,
    );
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.totals).toMatchObject({ operations: 4, failures: 1, notApplied: 2 });
  });

  it('refuses a bad profile with its line and column, and reads nothing', () => {
    const bad = file(
      'bad.json',
      '{\n  "name": "x",\n  "family": "scomo",\n  "codes": [ { "code": 1452, "outcome": "fine" } ]\n}\n',
    );
    const { status, stdout, stderr } = cli('summarize', file('d.csv', CSV), '--profile', bad);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.json: not a valid profile: line 4, column \d+: /);
    const missing = cli(
      'summarize',
      file('e.csv', CSV),
      '--profile',
      join(process.cwd(), 'no-such-profile.json'),
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-such-profile\.json: cannot read the profile \(ENOENT\)/);
  });
});
