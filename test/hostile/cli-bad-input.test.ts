import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deepBracketsGzip } from '../support/deep-brackets.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-hostile-');

describe('the CLI on bad input', () => {
  it('reads every row of a gzip file with junk after its end, with a warning', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i % 5 ? 1200 : 1404},d${i},m${i % 3}`);
    const gz = gzipSync(`result_code,device_id,model\n${rows.join('\n')}\n`);
    const junk = Buffer.concat([gz, Buffer.from('trailing junk, not gzip\n')]);
    const { status, stdout, stderr } = cli('summarize', file('junk.csv.gz', junk), '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).source.rowsRead).toBe(5000);
    expect(stderr).toMatch(/^dmscope: warning: junk\.csv\.gz: the gzip data breaks off after [\d,]+ bytes/);
  });

  it('reads a ZIP archive file by file and reports skipped entries and Latin-1 bytes as warnings', () => {
    const zip = zipSync({
      'a.csv': strToU8('code,model\n1200,A\n1404,B\n'),
      'b.csv': Uint8Array.from([...strToU8('code,model\n1404,Z'), 0xfc, ...strToU8('rich\n')]),
      'notes.txt': strToU8('nothing to see\n'),
    });
    const { status, stdout, stderr } = cli('summarize', file('logs.zip', zip), '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.source.files).toEqual(['logs.zip/a.csv', 'logs.zip/b.csv']);
    expect(summary.totals).toMatchObject({ operations: 3, failures: 2 });
    expect(stderr).toContain(
      'dmscope: warning: logs.zip/b.csv: line 2 is the first with bytes that are not UTF-8',
    );
    expect(stderr).toMatch(
      /dmscope: warning: logs\.zip\/notes\.txt: no result-code column found .* \(skipped\)/,
    );
  });

  it('reads every array of records of a wrapped JSON export and warns about the metadata array it skipped', () => {
    const text = JSON.stringify({
      meta: [{ exporter: 'dm-1' }],
      data: { page1: [{ code: 1200 }, { code: 1404 }], page2: [{ code: 1404 }] },
    });
    const { status, stdout, stderr } = cli('summarize', file('pages.json', text), '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      source: { rowsRead: 3, rowsRejected: 0 },
      totals: { operations: 3, failures: 2 },
    });
    expect(stderr).toBe(
      'dmscope: warning: pages.json: the array "meta" holds 1 record without a result-code field ("code"): skipped, not read as rows.\n',
    );
  });

  it('exits 2 with one line for a binary file, deep JSON and a JSON with no records', () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      [
        'photo.csv',
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
        /this is a PNG image/,
      ],
      ['deep.json', '['.repeat(100_000), /The JSON array holds no objects/],
      ['settings.json', '{\n "a": {"b": 1}\n}\n', /The JSON holds no array of records/],
    ];
    for (const [name, content, message] of cases) {
      const { status, stdout, stderr } = cli('summarize', file(name, content));
      expect(status, name).toBe(2);
      expect(stdout, name).toBe('');
      expect(stderr, name).toMatch(message);
      expect(stderr.trim().split('\n'), name).toHaveLength(1);
    }
  });

  it('reads epoch µs and ns times, and warns about a time out of range instead of failing', () => {
    const t = Date.UTC(2026, 9, 1, 8, 15, 30);
    const csv = file(
      'times.csv',
      `code,time\n1200,${t * 1000}\n1404,${t}000000\n1404,1${'0'.repeat(25)}\n1200,${t}\n1200,${t}\n`,
    );
    const json = file(
      'times.json',
      `[{"code": 1404, "time": 1e300}${`, {"code": 1200, "time": ${t}}`.repeat(4)}]`,
    );
    const { status, stdout, stderr } = cli('summarize', csv, json, '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.totals.operations).toBe(10);
    expect(summary.timeRange).toEqual({ from: '2026-10-01T08:15:30.000Z', to: '2026-10-01T08:15:30.000Z' });
    expect(stderr).toContain('times.csv: 1 row has a time that could not be read (first at line 4)');
    expect(stderr).toContain('times.json: 1 row has a time that could not be read (first at line 1)');
  });

  it("reads lines with mixed endings row by row, and honours Excel's sep= line", () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i === 60 ? 'oops' : 1200};d${i}`);
    const text = `sep=;\r\ncode;device\r\n${rows.slice(0, 5).join('\r\n')}\r\n${rows.slice(5).join('\n')}\n`;
    const { status, stdout, stderr } = cli('summarize', file('excel-mixed.csv', text), '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.source).toMatchObject({
      rowsRead: 100,
      rowsRejected: 1,
      rejectedSample: [
        { file: expect.stringMatching(/excel-mixed\.csv$/), line: 63, reason: expect.any(String) },
      ],
    });
    expect(summary.totals.operations).toBe(99);
  });

  it('refuses a gzip of 300 million [ with one line, in bounded memory, instead of dying', () => {
    const { status, stdout, stderr } = cli('summarize', file('deep.json.gz', deepBracketsGzip()));
    expect(stderr).toBe(
      'dmscope: deep.json.gz: The JSON array holds no objects, so no records (expected [{…}, …]).\n',
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
  }, 120_000);
});

/** Control characters a terminal acts on (C0 but line feed, DEL, C1): none may reach a person's terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('the CLI never writes terminal escape sequences from a file', () => {
  const title = '\u001b]0;owned\u0007';
  const clear = '\u001b[2J';
  const clipboard = '\u001b]52;c;ZWNobyBvd25lZA==\u0007';

  it('escapes them in the table, and keeps them exact in --json', () => {
    const csv = `code,model\n1200,A\n${title}${clear},B\n"${clipboard}\u009b31m",C\n`;
    const path = file(`x${clear}.csv`, csv);
    const table = cli('summarize', path);
    expect(table.status).toBe(0);
    expect(table.stdout).not.toMatch(TERMINAL_CONTROLS);
    expect(table.stdout).toContain('result code "\\x1b]0;owned\\x07\\x1b[2J" is not an integer');
    expect(table.stdout).toContain('\\x1b]52;c;ZWNobyBvd25lZA==\\x07\\x9b31m');
    expect(table.stdout).toContain('x\\x1b[2J.csv');
    const json = JSON.parse(cli('summarize', path, '--json').stdout);
    expect(json.source.rejectedSample.map((r: { reason: string }) => r.reason)).toEqual([
      `result code "${title}${clear}" is not an integer`,
      `result code "${clipboard}\u009b31m" is not an integer`,
    ]);
  });

  it('escapes them in warnings and in the one-line error', () => {
    const zip = zipSync({
      'a.csv': strToU8('code\n1200\n'),
      [`${clear}notes.txt`]: strToU8(`note,${title}\nthese are the notes of the October rollout,none\n`),
    });
    const warned = cli('summarize', file('w.zip', zip), '--json');
    expect(warned.status).toBe(0);
    expect(warned.stderr).toContain('w.zip/\\x1b[2Jnotes.txt: no result-code column found');
    expect(warned.stderr).not.toMatch(TERMINAL_CONTROLS);

    const refused = cli('summarize', file('cols.csv', `name,${clipboard}\nAda,London\n`));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('"\\x1b]52;c;ZWNobyBvd25lZA==\\x07"');
    expect(refused.stderr).not.toMatch(TERMINAL_CONTROLS);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });
});
