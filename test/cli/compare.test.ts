import { describe, expect, it } from 'vitest';
import { generateFile } from '../../bench/fleet-generator.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-compare-');

const draw = (name: string, seed: number, plant = false) =>
  file(
    name,
    generateFile('csv', {
      seed,
      rows: 15_000,
      story: false,
      ...(plant
        ? {
            plant: [
              {
                kind: 'over-represented',
                code: 1409,
                field: 'region',
                value: 'latam-south',
                rate: 0.06,
              } as const,
            ],
          }
        : {}),
    }).text,
  );
const A = draw('a.csv', 1);
const B = draw('b.csv', 2);
const PLANTED = draw('planted.csv', 2, true);
const STORY = file('story.csv', generateFile('csv', { seed: 3, rows: 15_000 }).text);

describe('dmscope compare', () => {
  it('two draws of the same rollout: nothing significant, exit 0', () => {
    const { status, stdout, stderr } = cli('compare', A, '--against', B);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^A: .*a\.csv — [\d,]+ failures of 15,000 operations, \d+\.\d\d% \[/);
    expect(stdout).toMatch(/^No difference is significant at q ≤ 0\.05 \(\d+ rows compared\)\.$/m);
  });

  it('--json: the planted difference ranks first, with its intervals and q', () => {
    const { status, stdout } = cli('compare', A, '--against', PLANTED, '--json');
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ schema: 'dmscope.compare/1', level: 0.05 });
    const first = result.rows[0];
    expect(`${first.kind}:${first.key}`).toMatch(/^(code:1409|stage:activate|value:latam-south)$/);
    expect(first.q).toBeLessThan(0.001);
    expect(first.b.rate).toBeGreaterThan(first.a.rate);
    expect(first.a.low).toBeLessThanOrEqual(first.a.rate);
    expect(first.a.high).toBeGreaterThanOrEqual(first.a.rate);
  });

  it('--by a dimension compares two of its values within one file set', () => {
    const { status, stdout } = cli('compare', STORY, '--by', 'firmware=5.0.0,5.0.0-rc2');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^A: firmware = 5\.0\.0 — /);
    expect(stdout).toMatch(/^B: firmware = 5\.0\.0-rc2 — /m);
    const firstRow = stdout.split('\n').find((l) => l.startsWith('* '));
    expect(firstRow).toMatch(/^\* (code 140[46]|cause device|model = Kestrel Mini)/);
    expect(stdout).not.toMatch(/firmware = 4/); // the split's own dimension is not compared
  });

  it('--by time compares two windows: the flaky server’s two days stand out', () => {
    const { status, stdout } = cli(
      'compare',
      STORY,
      '--by',
      'time=2026-10-01T00:00Z..2026-10-03T12:00Z,2026-10-03T12:00Z..2026-10-05T12:00Z',
    );
    expect(status).toBe(0);
    const firstRow = stdout.split('\n').find((l) => l.startsWith('* '));
    expect(firstRow).toMatch(/^\* (cause network|code 150[24]|server = alt-cdn-3\.fleet\.example)/);
  });

  it.each([
    [['compare', 'A'], 'dmscope: compare needs --against B... or --by'],
    [['compare', 'A', '--against'], 'dmscope: --against needs at least one file'],
    [
      ['compare', 'A', '--by', 'nope=x,y'],
      'dmscope: --by: no dimension "nope"; the data has model, firmware, region, operation, server, component',
    ],
    [
      ['compare', 'A', '--by', 'model=x'],
      'dmscope: --by needs DIMENSION=VALUE_A,VALUE_B or time=FROM..TO,FROM..TO, not "model=x"',
    ],
    [['compare', 'A', '--by', 'model=x,y'], 'dmscope: model = x: no operations to compare'],
    [['compare', 'A', '--against', 'missing.csv'], 'dmscope: missing.csv: no such file'],
  ])('exits 2 with a reason: %j', (args, message) => {
    const { status, stderr } = cli(...args.map((a) => (a === 'A' ? A : a)));
    expect(status).toBe(2);
    expect(stderr).toBe(`${message}\n`);
  });
});
