import { describe, expect, it } from 'vitest';
import {
  FAMILIES,
  FAMILY_IDS,
  type FamilyId,
  type Format,
  familyHeaders,
  type GroundTruth,
  generateFile,
} from '../../bench/fleet-generator.ts';
import { getCatalog } from '../../src/catalog/catalog-registry.ts';
import type { SummaryJson } from '../../src/report/summary.ts';
import { summarize } from '../support/ingest-text.ts';

/**
 * Files the generator writes in each family's codes or status words (--family), read with that family's
 * catalog, give exactly the generator's truth under the outcome model; and family detection, given no
 * catalog, reads each generated family as itself with the same figures.
 */
function expectTruth(summary: SummaryJson, truth: GroundTruth): void {
  expect(summary.totals).toMatchObject({
    operations: truth.operations,
    successes: truth.successes,
    failures: truth.failures,
    notApplied: truth.notApplied,
    inProgress: truth.inProgress,
    unrecognized: truth.unrecognized,
    failureRate: truth.operations === 0 ? 0 : truth.failures / truth.operations,
    devices: truth.devices,
    failingDevices: truth.failingDevices,
  });
  expect(summary.source.rowsRead).toBe(truth.rowsRead);
  expect(summary.source.rowsRejected).toBe(truth.rowsRejected);
  if (truth.rejectedLines)
    expect(summary.source.rejectedSample.map((r) => r.line)).toEqual(truth.rejectedLines.slice(0, 1000));
}

const CODE_FAMILIES: [FamilyId, Format][] = [
  ['scomo', 'csv'],
  ['fumo', 'csv'],
  ['fumo', 'ndjson'],
  ['lwm2m-5', 'csv'],
  ['lwm2m-5', 'json'],
  ['lwm2m-9', 'csv'],
  ['adu', 'csv'],
  ['adu', 'ndjson'],
];

describe('ingest agrees with the generator’s truth in every family of codes', () => {
  for (const [family, format] of CODE_FAMILIES) {
    it(`${family} (${format})`, async () => {
      const { text, truth } = generateFile(
        format,
        { seed: family.length * 7 + format.length, rows: 3000, dirty: 0.03, family },
        { headers: familyHeaders(family) },
      );
      expect(truth.family).toBe(family);
      const summary = await summarize(`fleet.${format}`, text, {
        catalog: getCatalog(family),
        mapping: { code: familyHeaders(family).code },
      });
      expectTruth(summary, truth);
      expect(new Map(summary.byCode.map((c) => [c.code, c.count]))).toEqual(truth.byCode);
      // the outcome model's every figure is exercised where the family has it
      expect(truth.failures).toBeGreaterThan(0);
      if (family !== 'fumo' && family !== 'scomo') expect(truth.inProgress).toBeGreaterThan(0);
      if (family === 'lwm2m-5' || family === 'adu') expect(truth.notApplied).toBeGreaterThan(0);
    });
  }
});

const STATUS_FAMILIES: [FamilyId, Format][] = [
  ['hawkbit', 'csv'],
  ['hawkbit', 'json'],
  ['mender', 'csv'],
  ['mender', 'ndjson'],
  ['aws-iot-jobs', 'csv'],
  ['aws-iot-jobs', 'wrapped'],
];

describe('ingest agrees with the generator’s truth in every family of status words', () => {
  for (const [family, format] of STATUS_FAMILIES) {
    it(`${family} (${format})`, async () => {
      const { text, truth } = generateFile(
        format,
        { seed: family.length * 5 + format.length, rows: 3000, dirty: 0.03, family },
        { headers: familyHeaders(family) },
      );
      const summary = await summarize(`fleet.${format}`, text, { catalog: getCatalog(family) });
      expectTruth(summary, truth);
      const byStatus = new Map(summary.byCode.map((c) => [c.status, c.count]));
      expect(byStatus).toEqual(truth.byStatus);
      expect(truth.failures).toBeGreaterThan(0);
      expect(truth.notApplied).toBeGreaterThan(0);
      expect(truth.inProgress).toBeGreaterThan(0);
    });
  }
});

describe('family detection reads every generated family as itself', () => {
  for (const family of FAMILY_IDS) {
    it(family, async () => {
      const { text, truth } = generateFile(
        'csv',
        { seed: 9, rows: 3000, dirty: 0.03, family },
        { headers: familyHeaders(family) },
      );
      const summary = await summarize('fleet.csv', text);
      expect(summary.catalog).toBe(family);
      expectTruth(summary, truth);
    });
  }
});

describe("the generator's family tables", () => {
  it('write only values whose outcome is the one they are written for', () => {
    for (const table of Object.values(FAMILIES)) {
      for (const [outcome, values] of Object.entries(table.emits))
        for (const v of values) expect(table.outcome(v), `${table.id} ${v}`).toBe(outcome);
    }
  });

  it('agree with the catalogs on every value they write', () => {
    for (const table of Object.values(FAMILIES)) {
      const catalog = getCatalog(table.id);
      for (const values of Object.values(table.emits)) {
        for (const v of values) {
          const meant =
            table.kind === 'code'
              ? catalog.lookup(Number(v)).outcome
              : (catalog.lookupStatus(v)?.outcome ?? 'unrecognized');
          expect(meant, `${table.id} ${v}`).toBe(table.outcome(v));
        }
      }
    }
  });
});
