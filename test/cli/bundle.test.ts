import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { warmUpCsv } from '../../src/worker/engine-warm-up.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-bundle-');
const BUNDLE = 'dist-cli/dmscope.mjs';

/** `npm run -s cli -- …` without npm: the launcher that builds the bundle when stale, then runs it. */
function launcher(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dmscope.mjs', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the CLI as npm run cli runs it: a bundle of the source', () => {
  it('rebuilds a bundle older than the source before it runs, and answers as the source does', () => {
    const path = file('fleet.csv', warmUpCsv(3000));
    launcher('--help'); // a bundle there, fresh or not
    utimesSync(BUNDLE, new Date(0), new Date(0)); // older than every source file
    const bundled = launcher('summarize', path, '--json');
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(Date.now() - 10 * 60_000);
    const source = cli('summarize', path, '--json');
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
    expect(JSON.parse(bundled.stdout).source.rowsRead).toBe(3000);
    // fresh now: run as it is, with the same answer
    const built = statSync(BUNDLE).mtimeMs;
    expect(launcher('summarize', path, '--json').stdout).toBe(source.stdout);
    expect(statSync(BUNDLE).mtimeMs).toBe(built);
  }, 120_000);

  it('loads a reader only some inputs need from a chunk of its own, when such a file is read', () => {
    launcher('--help'); // a bundle there, fresh or not
    const entry = readFileSync(BUNDLE, 'utf8');
    // the SyncML reader and the Parquet library are not compiled on every start
    expect(entry).not.toContain('function readSyncml(');
    expect(entry).not.toContain('function parquetRead(');
    expect(readdirSync('dist-cli/chunks').some((name) => name.startsWith('syncml-reader-'))).toBe(true);
    const path = 'test/fixtures/syncml/generic-alerts.xml';
    const bundled = launcher('summarize', path, '--json');
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(cli('summarize', path, '--json').stdout);
    expect(JSON.parse(bundled.stdout).source.format).toBe('xml');
  }, 120_000);
});
