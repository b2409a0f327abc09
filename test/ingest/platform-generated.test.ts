import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type GroundTruth,
  generateShape,
  parseStory,
  SHAPE_EXTENSION,
  SHAPE_FAMILY,
  SHAPES,
  type Shape,
} from '../../bench/fleet-generator.ts';
import { parseArgs, runGenerate } from '../../bench/generate-cli.ts';
import { summarize } from '../support/ingest-text.ts';
import { cli, scratchFiles } from '../support/run-cli.ts';

/**
 * The generator's platform shapes (`--shape`, bench/generator/shape-writer.ts), a few thousand records each,
 * read with no catalog given: detection must name the platform's family and every figure must equal the
 * generator's ground truth. The hand-made fixtures of the same shapes are in platform-shapes.test.ts.
 */
const ROWS = 3000;
const SEED = 20261001;
const PLANT = 'code=1999,region=latam-south,rate=0.3';

function shaped(shape: Shape): { text: string; truth: GroundTruth } {
  // a planted code SCOMO does not know: the shape writes its family's unrecognized word or code for it
  const { bytes, truth } = generateShape(shape, { seed: SEED, rows: ROWS, plant: [parseStory(PLANT)] });
  return { text: new TextDecoder().decode(bytes), truth };
}

/** The truth figures the summary must give exactly. */
function expected(truth: GroundTruth) {
  return {
    totals: {
      operations: truth.operations,
      successes: truth.successes,
      failures: truth.failures,
      notApplied: truth.notApplied,
      inProgress: truth.inProgress,
      unrecognized: truth.unrecognized,
      devices: truth.devices,
      failingDevices: truth.failingDevices,
    },
    source: { rowsRead: truth.rowsRead, rowsRejected: 0, otherRecords: truth.otherRecords ?? 0 },
  };
}

describe('generated platform exports (--shape) give the ground truth exactly', () => {
  for (const shape of SHAPES) {
    it(shape, async () => {
      const { text, truth } = shaped(shape);
      // the file is the platform's: records of every outcome, in its own nesting
      expect(truth.rowsRead).toBe(ROWS);
      expect(
        truth.successes * truth.failures * (truth.notApplied ?? 0) * (truth.inProgress ?? 0),
      ).toBeGreaterThan(0);
      const summary = await summarize(`${shape}.${SHAPE_EXTENSION[shape]}`, text);
      expect(summary.families[0]?.id).toBe(SHAPE_FAMILY[shape].detected);
      const want = expected(truth);
      expect(summary.totals).toMatchObject(want.totals);
      expect(summary.source).toMatchObject(want.source);
    });
  }

  it('Leshan: the State resources are other records, counted and never results', () => {
    const { text, truth } = shaped('leshan');
    const lines = text.trim().split('\n');
    expect(truth.otherRecords).toBe(lines.length - ROWS);
    expect(lines.filter((l) => l.includes('"/5/0/3"') || l.includes('"/9/0/7"'))).toHaveLength(
      truth.otherRecords ?? -1,
    );
  });

  it('hawkBit DDI: the progress cnt/of is written and never a count', () => {
    const { text } = shaped('hawkbit-ddi');
    const first = JSON.parse(text.slice(0, text.indexOf('\n')));
    expect(first.status.result.progress.of).toBe(5);
    expect(first.time).toMatch(/^\d{8}T\d{6}$/);
  });

  it('the generate CLI writes the shape and its truth; the CLI JSON gives the same figures', async () => {
    const out = scratchFiles('dmscope-shape-').write('mender.json', '');
    const args = parseArgs([
      '--shape',
      'mender-devices',
      '--rows',
      String(ROWS),
      '--seed',
      String(SEED),
      '--out',
      out,
      '--plant',
      PLANT,
    ]);
    const { truthFile } = await runGenerate(args);
    const truth = JSON.parse(readFileSync(truthFile, 'utf8'));
    expect(truth.family).toBe('mender');
    expect(truth).toMatchObject(expected(shaped('mender-devices').truth).totals);
    const { status, stdout, stderr } = cli('summarize', out, '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.families.map((f: { id: string }) => f.id)).toEqual(['mender']);
    expect(json.totals).toMatchObject(expected(truth).totals);
    expect(json.source).toMatchObject({ rowsRead: truth.rowsRead, rowsRejected: 0 });
  });

  it('--shape refuses options it cannot honour', () => {
    expect(() => parseArgs(['--shape', 'leshan', '--family', 'fumo', '--out', 'x'])).toThrow(/--shape/);
    expect(() => parseArgs(['--shape', 'leshan', '--dirty', '0.1', '--out', 'x'])).toThrow(/--dirty/);
    expect(() => parseArgs(['--shape', 'nope', '--out', 'x'])).toThrow(/--shape must be one of/);
    expect(() => parseArgs(['--shape', 'aws-jobs', '--headers', 'camel', '--out', 'x'])).toThrow(/headers/);
  });
});
