import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonParse } from '../../bench/anchors/json-anchor.ts';
import { headerDelimiter, lineScan } from '../../bench/anchors/line-scan.ts';
import { PLAIN_COLUMNS, SHUFFLED_ARGS } from '../../bench/bench-data.ts';
import { parseOptions } from '../../bench/bench-options.ts';
import {
  type Field,
  type GroundTruth,
  generateEvents,
  writeCsv,
  writeJson,
  writeNdjson,
} from '../../bench/fleet-generator.ts';
import { parseArgs, runGenerate } from '../../bench/generate-cli.ts';
import { nodeFileSource } from '../../src/cli/node-file-source.ts';
import { ingest } from '../../src/ingest/ingest.ts';

/** A File whose stream hands over `size`-byte chunks, so records and UTF-8 sequences straddle them. */
function fileOf(text: string, size: number): File {
  const bytes = new TextEncoder().encode(text);
  return {
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
          controller.close();
        },
      }),
  } as unknown as File;
}

function codesOf(truth: GroundTruth): Record<string, number> {
  return Object.fromEntries([...truth.byCode].map(([code, n]) => [String(code), n]));
}

const events = [...generateEvents({ seed: 2, rows: 2000, dirty: 0.1 })];

describe('the JSON.parse anchor counts every record and code of NDJSON and JSON arrays', () => {
  for (const [name, write] of [
    ['NDJSON', writeNdjson],
    ['a JSON array', writeJson],
  ] as const) {
    it(`${name}, in chunks of 97 bytes and of 64 KB: the generator's rows and codes`, async () => {
      const { text, truth } = write(events);
      for (const size of [97, 65_536]) {
        const counted = await jsonParse(fileOf(text, size));
        expect(counted.rows).toBe(truth.rowsRead);
        expect(counted.codes).toEqual(codesOf(truth));
      }
    });
  }

  it('an array’s records are found by strings and depth, not by line: braces and quotes in strings, nesting', async () => {
    const text =
      '[{"result_code":1200,"note":"a}b{\\"c\\\\"},{"result_code":" 1404 ","x":{"y":[1,{"z":"]"}]}},\n' +
      '{"result_code":"ERR","note":"\\\\"}]';
    for (const size of [1, 3, 1000]) {
      expect(await jsonParse(fileOf(text, size))).toEqual({ rows: 3, codes: { '1200': 1, '1404': 1 } });
    }
  });

  it('an array cut off inside a record is an error, not a count', async () => {
    await expect(jsonParse(fileOf('[{"result_code":1200},{"result_code":14', 5))).rejects.toThrow(
      /ends inside/,
    );
  });
});

describe('the line scan counts every row and code of the quoted and the shuffled logs', () => {
  const clean = [...generateEvents({ seed: 3, rows: 2000 })];
  for (const [name, options] of [
    ['the quoted log', {}],
    ['the shuffled log', { delimiter: ';', newline: '\r\n', shuffleColumns: 5 }],
  ] as const) {
    it(`${name}, in chunks of 97 bytes and of 64 KB: the generator's rows and codes`, async () => {
      const { text, truth } = writeCsv(clean, options);
      for (const size of [97, 65_536]) {
        const counted = await lineScan(fileOf(text, size));
        expect(counted.rows).toBe(truth.rowsRead);
        expect(counted.codes).toEqual(codesOf(truth));
      }
    });
  }

  it("takes the header's delimiter: the one it holds most of, else a comma", () => {
    expect(headerDelimiter('a;b;c,d')).toBe(';');
    expect(headerDelimiter('a\tb\tc')).toBe('\t');
    expect(headerDelimiter('result_code')).toBe(',');
  });
});

describe('the plain log: the same fleet, no quote character', () => {
  it('has no quote in any row, and the quoted log’s ground truth', () => {
    const quoted = writeCsv(events);
    const plain = writeCsv(events, { columns: PLAIN_COLUMNS as Field[] });
    expect(quoted.text).toContain('"');
    expect(plain.text).not.toContain('"');
    expect(plain.text.split('\n')[0]?.split(',')).toHaveLength(8);
    const { rejectedLines: _q, ...quotedTruth } = quoted.truth;
    const { rejectedLines: _p, ...plainTruth } = plain.truth;
    expect(plainTruth).toEqual(quotedTruth);
  });
});

describe('the shuffled log: the same fleet written another way', () => {
  it("has ';' between fields, CRLF line ends and the columns in another order, the quoted log's ground truth, and dmscope reads it to that truth", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmscope-shuffled-'));
    const generate = async (name: string, extra: string[]) => {
      const out = join(dir, name);
      await runGenerate(
        parseArgs(['--rows', '3000', '--seed', '7', '--format', 'csv', '--out', out, ...extra]),
      );
      const truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8'));
      return { out, text: readFileSync(out, 'utf8'), truth };
    };
    const quoted = await generate('quoted.csv', []);
    const shuffled = await generate('shuffled.csv', [...SHUFFLED_ARGS, '--shuffle-columns', '7']);
    const header = (text: string, delimiter: string) => (text.split(/\r?\n/)[0] ?? '').split(delimiter);
    expect(shuffled.text.split('\r\n').length).toBeGreaterThan(3000);
    expect(header(shuffled.text, ';')).not.toEqual(header(quoted.text, ','));
    expect([...header(shuffled.text, ';')].sort()).toEqual([...header(quoted.text, ',')].sort());
    const { options: _q, ...quotedTruth } = quoted.truth;
    const { options: _s, ...shuffledTruth } = shuffled.truth;
    expect(shuffledTruth).toEqual(quotedTruth);
    const { report } = await ingest([nodeFileSource(shuffled.out)]);
    expect(report.files[0]?.delimiter).toBe(';');
    expect(report.rowsRead).toBe(quoted.truth.rowsRead);
    expect(report.rowsRejected).toBe(quoted.truth.rowsRejected);
    // the row scanner reads it too: the layout is one it serves, whatever the order and delimiter
    expect(report.files[0]?.rowsScanned).toBeGreaterThan(0);
  });
});

describe('the command line asks for the logs and the JSON files', () => {
  it('--plain adds the plain log at each size; --logs picks; the default is the quoted log alone', () => {
    expect(parseOptions([]).logs).toEqual(['quoted']);
    expect(parseOptions(['--plain']).logs).toEqual(['quoted', 'plain']);
    expect(parseOptions(['--logs', 'plain']).logs).toEqual(['plain']);
    expect(parseOptions(['--logs=plain,quoted,plain']).logs).toEqual(['plain', 'quoted']);
    expect(parseOptions(['--logs', 'quoted,shuffled']).logs).toEqual(['quoted', 'shuffled']);
    expect(() => parseOptions(['--logs', 'fancy'])).toThrow(/not a log shape/);
  });

  it('--json adds 1M-record NDJSON and JSON-array files, --json=LIST other sizes; none by default', () => {
    expect(parseOptions([]).jsonSizes).toEqual([]);
    expect(parseOptions(['--json']).jsonSizes).toEqual([1_000_000]);
    expect(parseOptions(['--json=100k,2.5m']).jsonSizes).toEqual([100_000, 2_500_000]);
  });
});
