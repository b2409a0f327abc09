import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateEvents,
  storiesOf,
  truthFromJSON,
  truthToJSON,
  writeFormat,
} from '../../bench/fleet-generator.ts';
import { parseArgs, runGenerate } from '../../bench/generate-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'dmscope-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generate CLI', () => {
  it('parses its flags', () => {
    const args = parseArgs([
      '--rows',
      '500',
      '--seed',
      '9',
      '--format',
      'csv',
      '--delimiter',
      ';',
      '--newline',
      'crlf',
      '--bom',
      '--headers',
      'omadm',
      '--time',
      'space',
      '--dirty',
      '0.02',
      '--no-story',
      '--out',
      'x.csv',
    ]);
    expect(args).toEqual({
      out: 'x.csv',
      format: 'csv',
      gen: { seed: 9, rows: 500, dirty: 0.02, story: false },
      write: { delimiter: ';', newline: '\r\n', bom: true, headers: 'omadm', time: 'space' },
    });
    expect(
      parseArgs(['--out=f.json', '--format=ndjson', '--delimiter', 'tab', '--nested', '--code-as', 'mixed']),
    ).toMatchObject({
      out: 'f.json',
      format: 'ndjson',
      write: { delimiter: '\t', nested: true, codeAs: 'mixed' },
    });
    expect(() => parseArgs(['--rows', '10'])).toThrow(/--out/);
    expect(() => parseArgs(['--out', 'x', '--format', 'xml'])).toThrow(/format/);
    expect(() => parseArgs(['--out', 'x', '--rows', 'many'])).toThrow(/number/);
    expect(() => parseArgs(['--out', 'x', '--bogus'])).toThrow(/unknown/);
    expect(() => parseArgs(['--out', 'x', '--format', 'json', '--aggregate'])).toThrow(/csv/);
    expect(() => parseArgs(['--out', 'x', '--family', 'oma'])).toThrow(/--family must be one of scomo, fumo/);
    expect(() => parseArgs(['--out', 'x', '--family', 'fumo', '--aggregate'])).toThrow(/SCOMO codes only/);
    expect(parseArgs(['--out', 'x', '--family', 'aws-iot-jobs']).write.headers).toMatchObject({
      code: 'status',
    });
  });

  it('rejects when the output cannot be written', async () => {
    await expect(
      runGenerate(parseArgs(['--rows', '10', '--out', join(dir, 'missing', 'x.csv')])),
    ).rejects.toThrow(/ENOENT/);
  });

  it('streams the same bytes as the in-memory writer and writes FILE.truth.json', async () => {
    for (const argv of [
      [
        '--format',
        'csv',
        '--delimiter',
        ';',
        '--newline',
        'crlf',
        '--bom',
        '--headers',
        'title',
        '--dirty',
        '0.05',
      ],
      ['--format', 'ndjson', '--nested', '--dirty', '0.05'],
      ['--format', 'wrapped', '--wrap-key', 'rows', '--code-as', 'string'],
      ['--format', 'csv', '--aggregate', '--dirty', '0.05'],
      ['--format', 'csv', '--family', 'lwm2m-5', '--dirty', '0.05'],
      ['--format', 'ndjson', '--family', 'mender', '--dirty', '0.05'],
    ]) {
      const out = join(dir, `fleet-${argv[1]}-${argv.length}.out`);
      const args = parseArgs(['--rows', '20000', '--seed', '3', ...argv, '--out', out]);
      const result = await runGenerate(args);
      const format = args.format;
      if (format === 'parquet') throw new Error('this list holds the text formats');
      const expected = writeFormat(format, generateEvents(args.gen), args.write);
      const bytes = readFileSync(out);
      expect(bytes.length).toBe(result.bytes);
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(expected.text);
      const truthJson = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8')) as Record<string, unknown>;
      expect(truthJson).toMatchObject(
        JSON.parse(JSON.stringify(truthToJSON(expected.truth))) as Record<string, unknown>,
      );
      const { options: _, stories, ...truthOnly } = truthJson;
      expect(stories).toEqual(JSON.parse(JSON.stringify(storiesOf(args.gen))));
      expect(truthFromJSON(truthOnly)).toEqual(expected.truth);
      expect(result.rows).toBe(20_000);
    }
  });

  it('plants stories from --plant and names them in FILE.truth.json', async () => {
    const out = join(dir, 'planted.csv');
    const args = parseArgs([
      '--rows',
      '2000',
      '--no-story',
      '--plant',
      'code=1409,region=latam-south,rate=0.3',
      '--plant',
      'code=1502,from-day=3,to-day=5,rate=0.5',
      '--out',
      out,
    ]);
    expect(args.gen.plant).toEqual([
      { kind: 'over-represented', code: 1409, field: 'region', value: 'latam-south', rate: 0.3 },
      { kind: 'window', code: 1502, fromDay: 3, toDay: 5, rate: 0.5 },
    ]);
    await runGenerate(args);
    const truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8')) as { stories: unknown[] };
    expect(truth.stories).toEqual([
      { kind: 'over-represented', code: 1409, field: 'region', value: 'latam-south', rate: 0.3 },
      {
        kind: 'window',
        code: 1502,
        fromDay: 3,
        toDay: 5,
        rate: 0.5,
        from: '2026-10-04T00:00:00.000Z',
        to: '2026-10-06T00:00:00.000Z',
      },
    ]);
    for (const bad of ['code=1409,rate=0.3', 'code=1409,region=x,rate=2', 'region=x,rate=0.1', 'nonsense']) {
      expect(() => parseArgs(['--plant', bad, '--out', out])).toThrow(/--plant/);
    }
  });
});
