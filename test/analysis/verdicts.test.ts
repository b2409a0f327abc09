import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  retryList,
  VERDICTS,
  type Verdict,
  verdicts,
  verdictsIgnorePartOf,
} from '../../src/analysis/verdicts.ts';
import { hawkbitCatalog } from '../../src/catalog/hawkbit-catalog.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { deviceIdsOf } from '../support/device-ids.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 9, 1);
/** hawkBit status words: a success, a failure, a not-applied end and a step in progress. */
const STATUSES = ['finished', 'error', 'canceled', 'running'] as const;
const OUTCOME_OF: Record<(typeof STATUSES)[number], string> = {
  finished: 'success',
  error: 'failure',
  canceled: 'not_applied',
  running: 'in_progress',
};

interface Rec {
  device: string;
  component: string;
  operation: string;
  status: (typeof STATUSES)[number];
  /** Hours after T0; null for a row without a time. */
  hour: number | null;
  count: number;
}

function build(recs: readonly Rec[]): Dataset {
  const b = new DatasetBuilder(hawkbitCatalog);
  b.enableTime();
  b.enableDevice();
  b.enableCount();
  const component = b.dimensionSlot('component');
  const operation = b.dimensionSlot('operation');
  for (const r of recs) {
    const dims = new Int32Array(2);
    dims[component] = b.dimensionValueId(component, r.component);
    dims[operation] = b.dimensionValueId(operation, r.operation);
    const time = r.hour === null ? Number.NaN : T0 + r.hour * HOUR;
    b.addResolved(
      b.resultId(hawkbitCatalog, Number.NaN, r.status),
      time,
      r.count,
      b.deviceId(r.device),
      dims,
    );
  }
  return b.build();
}

/**
 * The oracle: the rules of the verdicts read plainly from the records, sharing no code with the product.
 * Rows without a time come after the timed ones; ties keep row order.
 */
function reference(recs: readonly Rec[], keep: (r: Rec) => boolean, stuckAfter: number, stormAbove: number) {
  const latest = Math.max(...recs.flatMap((r) => (r.hour === null ? [] : [T0 + r.hour * HOUR])));
  const groups = new Map<string, { row: number; rec: Rec }[]>();
  recs.forEach((rec, row) => {
    if (!keep(rec) || rec.device === '') return;
    const key = JSON.stringify([rec.device, rec.component, rec.operation]);
    groups.set(key, [...(groups.get(key) ?? []), { row, rec }]);
  });
  const worst = new Map<string, Verdict>();
  for (const [key, list] of groups) {
    const device = JSON.parse(key)[0] as string;
    const hourOf = (x: { rec: Rec }) => x.rec.hour ?? Number.POSITIVE_INFINITY;
    list.sort((x, y) => hourOf(x) - hourOf(y) || x.row - y.row);
    const outcomes = list.flatMap((x) => Array<string>(x.rec.count).fill(OUTCOME_OF[x.rec.status]));
    const lastRec = list[list.length - 1] as { rec: Rec };
    const ops = outcomes.filter((o) => o !== 'in_progress');
    const decided = ops.filter((o) => o === 'success' || o === 'failure');
    let verdict: Verdict;
    if (OUTCOME_OF[lastRec.rec.status] === 'in_progress') {
      const age = lastRec.rec.hour === null ? Number.NaN : latest - (T0 + lastRec.rec.hour * HOUR);
      verdict = age > stuckAfter ? 'stuck' : 'in_progress';
    } else if (ops.length > stormAbove) verdict = 'retry_storm';
    else if (decided.length === 0) verdict = 'no_outcome';
    else if (decided[decided.length - 1] === 'failure') {
      if (decided.includes('success')) verdict = 'regression';
      else verdict = decided.length > 1 ? 'never_succeeded' : 'last_attempt_failed';
    } else verdict = decided.includes('failure') ? 'succeeded_after_failures' : 'succeeded_first_time';
    const known = worst.get(device);
    if (known === undefined || VERDICTS.indexOf(verdict) < VERDICTS.indexOf(known))
      worst.set(device, verdict);
  }
  return [...worst].sort(([a], [b]) => (a < b ? -1 : 1));
}

const recArb: fc.Arbitrary<Rec> = fc.record({
  device: fc.constantFrom('', 'a', 'b', 'c', 'd'),
  component: fc.constantFrom('os', 'app'),
  operation: fc.constantFrom('download', 'activate'),
  status: fc.constantFrom(...STATUSES),
  hour: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 96 }) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  count: fc.integer({ min: 1, max: 3 }),
});

describe('device verdicts', () => {
  it('equal a row-by-row reference, per device, component and operation, for any records and selection', () => {
    fc.assert(
      fc.property(
        fc.array(recArb, { minLength: 1, maxLength: 60 }),
        fc.constantFrom(null, 'os', 'app'),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 6 }),
        fc.subarray(['a', 'b', 'c', 'd', '', 'not-in-data']),
        (recs, component, stuckHours, stormAbove, listed) => {
          fc.pre(recs.some((r) => r.hour !== null));
          const ds = build(recs);
          const sel = ds.select(
            component === null ? {} : { dimensions: [{ name: 'component', values: [component] }] },
          );
          const result = verdicts(ds, sel, { stuckAfterMs: stuckHours * HOUR, stormAbove });
          const keep = (r: Rec) => component === null || r.component === component;
          expect(result?.keys).toEqual(['component', 'operation']);
          expect(result?.devices.map((d) => [d.device, d.verdict])).toEqual(
            reference(recs, keep, stuckHours * HOUR, stormAbove),
          );
          const counted = verdicts(ds, sel, {
            stuckAfterMs: stuckHours * HOUR,
            stormAbove,
            countsOnly: true,
          });
          expect(counted?.counts).toEqual(result?.counts);
          expect(counted?.retryCount).toBe(result?.devices.filter((d) => d.retry).length);
          // judging only some devices (the dashboard's list) judges each of them as the whole fleet does
          const some = verdicts(ds, sel, {
            stuckAfterMs: stuckHours * HOUR,
            stormAbove,
            devices: { names: listed },
          });
          expect(some?.devices).toEqual(result?.devices.filter((d) => listed.includes(d.device)));
          // … and by id in the device column, as the dashboard lists them (`Overview.deviceIds`)
          const byId = verdicts(ds, sel, {
            stuckAfterMs: stuckHours * HOUR,
            stormAbove,
            devices: { ids: deviceIdsOf(ds, listed) },
          });
          expect(byId?.devices).toEqual(some?.devices);
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });

  it('a device whose activate failed is not saved by a later successful download', () => {
    const ds = build([
      { device: 'a', component: 'os', operation: 'activate', status: 'error', hour: 1, count: 1 },
      { device: 'a', component: 'os', operation: 'download', status: 'finished', hour: 2, count: 1 },
      { device: 'a', component: 'os', operation: 'download', status: 'finished', hour: 3, count: 1 },
      { device: 'b', component: 'os', operation: 'download', status: 'error', hour: 1, count: 1 },
      { device: 'b', component: 'os', operation: 'download', status: 'finished', hour: 2, count: 1 },
      { device: 'c', component: 'os', operation: 'download', status: 'finished', hour: 1, count: 1 },
      { device: 'c', component: 'os', operation: 'download', status: 'error', hour: 2, count: 1 },
    ]);
    const result = verdicts(ds, ds.all());
    expect(result?.devices.map((d) => [d.device, d.verdict, d.retry])).toEqual([
      ['a', 'last_attempt_failed', true],
      ['b', 'succeeded_after_failures', false],
      ['c', 'regression', true],
    ]);
    expect(result?.devices[1]?.failures).toBe(1);
    expect(result?.counts).toMatchObject({
      last_attempt_failed: 1,
      succeeded_after_failures: 1,
      regression: 1,
    });
    expect(result && retryList(result)).toBe('a\nc\n');
  });

  it('stuck is judged against the data’s latest time; a retry storm beats success', () => {
    const ds = build([
      { device: 'a', component: 'os', operation: 'download', status: 'running', hour: 0, count: 1 },
      { device: 'b', component: 'os', operation: 'download', status: 'running', hour: 40, count: 1 },
      { device: 'c', component: 'os', operation: 'download', status: 'error', hour: 10, count: 6 },
      { device: 'c', component: 'os', operation: 'download', status: 'finished', hour: 41, count: 1 },
    ]);
    const result = verdicts(ds, ds.all(), { stuckAfterMs: 24 * HOUR, stormAbove: 5 });
    expect(result?.devices.map((d) => [d.device, d.verdict])).toEqual([
      ['a', 'stuck'],
      ['b', 'in_progress'],
      ['c', 'retry_storm'],
    ]);
  });

  it('is null without a device column', () => {
    const b = new DatasetBuilder(hawkbitCatalog);
    b.addResolved(b.resultId(hawkbitCatalog, Number.NaN, 'error'), Number.NaN, 1, 0, []);
    const ds = b.build();
    expect(verdicts(ds, ds.all())).toBeNull();
  });
});

describe('which filters the verdicts are judged under', () => {
  it('dimensions and devices narrow them; codes, outcomes, times and search do not, and the page is told', () => {
    expect(verdictsIgnorePartOf({})).toBe(false);
    expect(verdictsIgnorePartOf({ dimensions: [{ name: 'model', values: ['A'] }], device: 'd1' })).toBe(
      false,
    );
    expect(verdictsIgnorePartOf({ not: { dimensions: [{ name: 'model', values: ['A'] }] } })).toBe(false);
    expect(verdictsIgnorePartOf({ codes: [] })).toBe(false);
    expect(verdictsIgnorePartOf({ codes: [1404] })).toBe(true);
    expect(verdictsIgnorePartOf({ outcomes: ['failure'] })).toBe(true);
    expect(verdictsIgnorePartOf({ timeFrom: 0, timeTo: 1 })).toBe(true);
    expect(verdictsIgnorePartOf({ text: 'kestrel' })).toBe(true);
    expect(verdictsIgnorePartOf({ not: { codes: [1200] } })).toBe(true);
  });
});
