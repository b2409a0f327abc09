import { describe, expect, it } from 'vitest';
import {
  type Format,
  type GroundTruth,
  generateFile,
  type WriteOptions,
} from '../../bench/fleet-generator.ts';
import { summarize } from '../support/ingest-text.ts';

/** Each variant is a file the team might be handed: dialects, header names, time formats, dirt. */
const VARIANTS: [string, Format, WriteOptions, number][] = [
  ['comma CSV, snake headers', 'csv', {}, 0],
  [
    'semicolon CSV, CRLF, BOM, title headers',
    'csv',
    { delimiter: ';', newline: '\r\n', bom: true, headers: 'title' },
    0.05,
  ],
  [
    'tab CSV, camel headers, epoch seconds',
    'csv',
    { delimiter: '\t', headers: 'camel', time: 'epoch-s' },
    0.05,
  ],
  [
    'pipe CSV, CR-only, OMA-DM headers, shuffled',
    'csv',
    { delimiter: '|', newline: '\r', headers: 'omadm', shuffleColumns: 7 },
    0.05,
  ],
  ['comma CSV, every field quoted, space times', 'csv', { quoteAll: true, time: 'space' }, 0.1],
  ['JSON array, codes as strings', 'json', { codeAs: 'string' }, 0.05],
  ['JSON array, nested, mixed code types', 'json', { nested: true, codeAs: 'mixed', time: 'epoch-ms' }, 0.05],
  ['wrapped JSON', 'wrapped', { wrapKey: 'items', headers: 'camel' }, 0.05],
  ['NDJSON, CRLF', 'ndjson', { newline: '\r\n', time: 'iso-nozone' }, 0.05],
];

function expectMatches(summary: Awaited<ReturnType<typeof summarize>>, truth: GroundTruth): void {
  expect(summary.totals).toMatchObject({
    operations: truth.operations,
    successes: truth.successes,
    failures: truth.failures,
    unrecognized: truth.unrecognized,
  });
  expect(summary.source.rowsRead).toBe(truth.rowsRead);
  expect(summary.source.rowsRejected).toBe(truth.rowsRejected);
  expect(new Map(summary.byCode.map((c) => [c.code, c.count]))).toEqual(truth.byCode);
}

describe('ingest agrees with the generator’s ground truth', () => {
  for (const [label, format, options, dirty] of VARIANTS) {
    it(label, async () => {
      const { text, truth } = generateFile(format, { seed: label.length, rows: 3000, dirty }, options);
      const summary = await summarize(`fleet.${format}`, text);
      expectMatches(summary, truth);
      expect(summary.totals.devices).toBe(truth.devices);
      expect(summary.totals.failingDevices).toBe(truth.failingDevices);
      if (truth.rejectedLines) {
        expect(summary.source.rejectedSample.map((r) => r.line)).toEqual(truth.rejectedLines.slice(0, 1000));
      }
      // the same file in small chunks gives the same answer
      expect(await summarize(`fleet.${format}`, text, { chunkSize: 997 })).toEqual(summary);
    });
  }

  it('pre-aggregated CSV with a count column', async () => {
    const { text, truth } = generateFile('csv', { seed: 3, rows: 5000, dirty: 0.02 }, { aggregate: true });
    const summary = await summarize('agg.csv', text);
    expectMatches(summary, truth);
    expect(summary.totals.devices).toBeNull();
  });
});
