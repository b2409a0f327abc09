import { describe, expect, it } from 'vitest';
import { generateFile } from '../../bench/fleet-generator.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-gate-');

/** Two operations, one a 1404 failure: a 50% failure rate, 1404 at 50%, no network failure. */
const SMALL =
  'result_code,timestamp,device_id,model\n1200,2026-10-01T08:00:00Z,d1,A\n1404,2026-10-01T09:00:00Z,d2,B\n';
/** The generator's fleet: 1404/1406 on Kestrel Mini 5.0.0-rc2, 1502/1504 on alt-cdn-3 for two days. */
const FLEET = file('fleet.csv', generateFile('csv', { seed: 3, rows: 20_000 }).text);

describe('dmscope summarize as a gate', () => {
  it('exits 0 and says nothing more when every limit holds', () => {
    const { status, stdout, stderr } = cli(
      'summarize',
      file('ok.csv', SMALL),
      '--fail-above',
      '60%',
      '--max',
      'cause:network=1%',
      '--min-operations',
      '2',
    );
    expect(status).toBe(0);
    expect(stdout).toMatch(/Failure rate\s+50\.00%/);
    expect(stderr).toBe('');
  });

  it('exits 1 above --fail-above, saying by how much and the findings behind it', () => {
    const { status, stdout, stderr } = cli('summarize', FLEET, '--fail-above', '5%');
    expect(status).toBe(1);
    expect(stdout).toMatch(/^dmscope summary/); // the summary is still printed
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^dmscope: gate: failure rate: 12\.\d\d% of operations, above the 5% limit by 7\.\d\d points \([\d,]+ of 20,000\)$/,
    );
    expect(lines[1]).toMatch(
      /^ {2}behind it: 140[46] is \d+\.\d× over-represented on firmware = 5\.0\.0-rc2: /,
    );
    expect(lines.slice(1)).toHaveLength(3);
  });

  it('--max limits one code and one cause; only the limits passed are printed, each with its own findings', () => {
    const { status, stderr } = cli(
      'summarize',
      FLEET,
      '--max',
      '1404=0.5%',
      '--max',
      'cause:network=2%',
      '--max',
      'cause:user=5%',
    );
    expect(status).toBe(1);
    const messages = stderr.split(/^dmscope: gate: /m).filter((m) => m !== '');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(
      /^code 1404: 1\.\d\d% of operations, above the 0\.5% limit by 0\.\d\d points/,
    );
    expect(messages[0]).toMatch(
      /behind it: 1404 is [\d.]+× over-represented on (firmware = 5\.0\.0-rc2|model = Kestrel Mini)/,
    );
    expect(messages[0]).not.toMatch(/behind it: (1406|cause)/);
    expect(messages[1]).toMatch(/^cause network: 2\.\d\d% of operations, above the 2% limit/);
    expect(messages[1]).toMatch(
      /behind it: cause "network" is [\d.]+× over-represented on server = alt-cdn-3\.fleet\.example/,
    );
  });

  it('says when no finding stands out behind a limit passed', () => {
    const { status, stderr } = cli('summarize', file('flat.csv', SMALL), '--max', '1404=10%');
    expect(status).toBe(1);
    expect(stderr).toBe(
      'dmscope: gate: code 1404: 50.00% of operations, above the 10% limit by 40.00 points (1 of 2)\n' +
        '  no finding stands out: the failures are spread evenly over the dimensions\n',
    );
  });

  it('exits 1 with too few operations to judge (--min-operations)', () => {
    const { status, stderr } = cli(
      'summarize',
      file('few.csv', SMALL),
      '--min-operations',
      '100',
      '--fail-above',
      '90%',
    );
    expect(status).toBe(1);
    expect(stderr).toBe(
      'dmscope: gate: too few operations to judge: 2, and the gate needs at least 100 (--min-operations)\n',
    );
  });

  it('keeps stdout JSON with --json when the gate fails', () => {
    const { status, stdout } = cli('summarize', FLEET, '--json', '--fail-above', '5%');
    expect(status).toBe(1);
    const summary = JSON.parse(stdout);
    expect(summary.findings[0]).toMatchObject({ dimension: 'firmware', value: '5.0.0-rc2' });
    expect(summary.verdicts.devices.succeeded_first_time).toBeGreaterThan(0);
  });

  it.each([
    [['--fail-above', '5'], 'dmscope: --fail-above needs a percentage like 5% or 0.5%, not "5"'],
    [['--fail-above', '150%'], 'dmscope: --fail-above: 150% is more than 100%'],
    [
      ['--max', '1404'],
      'dmscope: --max needs CODE=PERCENT, cause:NAME=PERCENT or stage:NAME=PERCENT, not "1404"',
    ],
    [['--max', 'kind:x=1%'], 'dmscope: --max: "kind:x" is neither a code nor cause:NAME nor stage:NAME'],
    [['--min-operations', 'many'], 'dmscope: --min-operations needs a whole number, not "many"'],
  ])('exits 2 on a gate it cannot read: %j', (args, message) => {
    const { status, stderr } = cli('summarize', file('syntax.csv', SMALL), ...args);
    expect(status).toBe(2);
    expect(stderr).toBe(`${message}\n`);
  });

  it('exits 2, not 1, on unusable input whatever the gate', () => {
    const { status, stderr } = cli('summarize', file('empty.csv', ''), '--fail-above', '5%');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^dmscope: .*empty/);
  });
});
