import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { legacyBytes } from '../support/legacy-bytes.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { dir, write: file } = scratchFiles('dmscope-cli-');

const CSV =
  'result_code,timestamp,device_id,model\n1200,2026-10-01T08:00:00Z,d1,A\n1404,2026-10-01T09:00:00Z,d2,B\nERR,2026-10-01T10:00:00Z,d3,B\n';

describe('dmscope summarize', () => {
  it('prints the summary JSON with --json', () => {
    const { status, stdout } = cli('summarize', file('a.csv', CSV), '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      schema: 'dmscope.summary/1',
      catalog: 'scomo',
      source: { files: ['a.csv'], format: 'csv', rowsRead: 3, rowsRejected: 1 },
      columns: { code: 'result_code', time: 'timestamp', device: 'device_id', dimensions: ['model'] },
      totals: {
        operations: 2,
        successes: 1,
        failures: 1,
        unrecognized: 0,
        failureRate: 0.5,
        devices: 2,
        failingDevices: 1,
      },
      timeRange: { from: '2026-10-01T08:00:00.000Z', to: '2026-10-01T09:00:00.000Z' },
    });
    expect(summary.source.rejectedSample).toEqual([
      { file: 'a.csv', line: 4, reason: 'result code "ERR" is not an integer' },
    ]);
  });

  it('prints a readable table without --json, codes with their messages', () => {
    const { status, stdout } = cli('summarize', file('b.csv', CSV));
    expect(status).toBe(0);
    expect(stdout).toMatch(/Operations\s+2/);
    expect(stdout).toMatch(
      /1404\s+1\s+50\.00%\s+Client error\s+Download Failed Due to Device being Out of Memory/,
    );
    expect(stdout).toMatch(/b\.csv:4 {2}result code "ERR" is not an integer/);
  });

  it('merges several files, gzip included, and honours column overrides', () => {
    const second = file('c.csv.gz', gzipSync('when;what;who\n2026-10-02 08:00:00;1505;d9\n'));
    const { status, stdout } = cli(
      'summarize',
      file('a2.csv', CSV),
      second,
      '--json',
      '--code',
      'what',
      '--time',
      'when',
      '--device',
      'none',
    );
    // the override names columns of the second file only: the first has no "what" column
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const ok = cli('summarize', second, '--json', '--code', 'what', '--device', 'none');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).totals).toMatchObject({ operations: 1, failures: 1, devices: null });
  });

  it('names the file each row came from in a `source file` dimension when given several files', () => {
    const other = file('b.csv', 'result_code,device_id,model\n1404,d7,B\n1404,d8,B\n');
    const { status, stdout } = cli('summarize', file('a3.csv', CSV), other, '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.columns.dimensions).toEqual(['model', 'source file']);
    expect(summary.totals).toMatchObject({ operations: 4, failures: 3 });
    // one file: no such dimension
    const one = JSON.parse(cli('summarize', other, '--json').stdout);
    expect(one.columns.dimensions).toEqual(['model']);
  });

  it.each([
    ['an empty file', 'empty.csv', '', /empty\.csv: the file is empty\./],
    [
      'a binary file',
      'image.csv',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /this is a PNG image/,
    ],
    [
      'no code column',
      'people.csv',
      'name,city\nAda,London\n',
      /no result-code column found.*"name", "city"/,
    ],
  ])('exits 2 with a one-line reason for %s', (_, name, content, message) => {
    const { status, stdout, stderr } = cli('summarize', file(name, content), '--json');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a missing file and for bad usage', () => {
    expect(cli('summarize', join(dir, 'nope.csv')).status).toBe(2);
    expect(cli('summarize').status).toBe(2);
    expect(cli('frobnicate', 'x').status).toBe(2);
    expect(cli('summarize', 'x', '--bogus').status).toBe(2);
  });

  it('reads a Windows-1251 log as Windows-1251 (no two values merged), and says so on standard error', () => {
    // "Вінниця" starts with C2 B3, a valid UTF-8 pair; read byte by byte it would equal "інниця"
    const regions = ['Вінниця', 'інниця', 'Київ'];
    const rows = Array.from({ length: 30 }, (_, i) => `${i % 3 === 1 ? 1404 : 1200},d${i},${regions[i % 3]}`);
    const path = file('ua.csv', legacyBytes('windows-1251', ['code,device,регіон', ...rows].join('\n')));
    const { status, stdout, stderr } = cli('summarize', path, '--json', '--dimensions', 'регіон');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).columns.dimensions).toEqual(['регіон']);
    expect(stderr).toMatch(/ua\.csv: the file is not UTF-8: it was read as windows-1251 /);
  });
});
