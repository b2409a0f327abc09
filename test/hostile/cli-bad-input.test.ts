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

  it('refuses a gzip of 300 million [ with one line, in bounded memory, instead of dying', () => {
    const { status, stdout, stderr } = cli('summarize', file('deep.json.gz', deepBracketsGzip()));
    expect(stderr).toBe(
      'dmscope: deep.json.gz: The JSON array holds no objects, so no records (expected [{…}, …]).\n',
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
  }, 120_000);
});
