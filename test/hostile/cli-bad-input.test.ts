import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deepBracketsGzip } from '../support/deep-brackets.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-hostile-');

describe('the CLI on bad input', () => {
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
