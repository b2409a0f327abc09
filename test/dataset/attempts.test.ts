import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../src/catalog/catalog-types.ts';
import { hawkbitCatalog } from '../../src/catalog/hawkbit-catalog.ts';
import { sequenceKey } from '../../src/dataset/attempts.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import type { AttemptSequences } from '../../src/dataset/query-types.ts';
import { deviceIdsOf } from '../support/device-ids.ts';

/** hawkBit status words: a success, a failure, a not-applied end and a step in progress. */
const STATUSES = ['finished', 'error', 'canceled', 'running'] as const;
const OUTCOME_OF = { finished: 'success', error: 'failure', canceled: 'not_applied', running: 'in_progress' };
const DIMS = ['component', 'operation', 'region'] as const;

interface Rec {
  device: string;
  dims: [string, string, string];
  status: (typeof STATUSES)[number];
  /** null: no time; Infinity: a time of +∞ (never read from a file, but a builder may be given one). */
  time: number | null;
  count: number;
}

function build(recs: readonly Rec[], counted: boolean, timed: boolean): Dataset {
  const b = new DatasetBuilder(hawkbitCatalog);
  if (timed) b.enableTime();
  b.enableDevice();
  if (counted) b.enableCount();
  const slots = DIMS.map((name) => b.dimensionSlot(name));
  for (const r of recs) {
    const dims = new Int32Array(slots.length);
    slots.forEach((slot, j) => {
      dims[slot] = b.dimensionValueId(slot, r.dims[j] as string);
    });
    const id = b.resultId(hawkbitCatalog, Number.NaN, r.status);
    b.addResolved(id, r.time ?? Number.NaN, r.count, b.deviceId(r.device), dims);
  }
  return b.build();
}

/** One sequence as plain values: its device, key values and records (outcome, time, weight) in order. */
type Plain = [string, string[], [string, number | null, number][]];

function plain(seq: AttemptSequences): Plain[] {
  const out: Plain[] = [];
  for (let s = 0; s + 1 < seq.start.length; s++) {
    const records: Plain[2] = [];
    for (let k = seq.start[s] as number; k < (seq.start[s + 1] as number); k++) {
      const t = seq.time[k] as number;
      records.push([
        OUTCOMES[seq.outcome[k] as number] as string,
        Number.isNaN(t) ? null : t,
        seq.weight?.[k] ?? 1,
      ]);
    }
    out.push([seq.deviceNames[seq.device[s] as number] as string, sequenceKey(seq, s), records]);
  }
  return out;
}

/**
 * The oracle, sharing no code with the product: per device (by id: first seen), per key combination (by
 * the key columns' value ids: first seen), the kept records sorted by time (none last), then row.
 */
function reference(
  recs: readonly Rec[],
  keep: (r: Rec) => boolean,
  keys: readonly number[],
  listed: readonly string[] | null,
  counted: boolean,
  timed: boolean,
): Plain[] {
  const firstSeen = (values: string[]) => [...new Set(values)];
  const deviceIds = firstSeen(recs.map((r) => r.device));
  const valueIds = DIMS.map((_, j) => firstSeen(recs.map((r) => r.dims[j] as string)));
  const rank = (r: Rec) => keys.map((j) => (valueIds[j] as string[]).indexOf(r.dims[j] as string));
  const rows = recs
    .map((rec, row) => ({ rec, row }))
    .filter(({ rec }) => keep(rec) && rec.device !== '' && (listed === null || listed.includes(rec.device)));
  const when = (r: Rec) => (timed && r.time !== null ? r.time : Number.POSITIVE_INFINITY);
  const cmpRank = (a: number[], b: number[]) => a.reduce((c, x, j) => c || x - (b[j] as number), 0);
  rows.sort(
    (a, b) =>
      deviceIds.indexOf(a.rec.device) - deviceIds.indexOf(b.rec.device) ||
      cmpRank(rank(a.rec), rank(b.rec)) ||
      (when(a.rec) === when(b.rec) ? 0 : when(a.rec) < when(b.rec) ? -1 : 1) ||
      a.row - b.row,
  );
  const out: Plain[] = [];
  let last = '';
  for (const { rec } of rows) {
    const key = JSON.stringify([rec.device, rank(rec)]);
    if (key !== last) out.push([rec.device, keys.map((j) => rec.dims[j] as string), []]);
    last = key;
    const time = timed && rec.time !== null ? rec.time : null;
    out[out.length - 1]?.[2].push([OUTCOME_OF[rec.status], time, counted ? rec.count : 1]);
  }
  return out;
}

const recOf = (...devices: string[]): fc.Arbitrary<Rec> =>
  fc.record({
    device: fc.constantFrom(...devices),
    dims: fc.tuple(
      fc.constantFrom('os', 'app'),
      fc.constantFrom('download', 'activate'),
      fc.constantFrom('eu', 'us', 'ap'),
    ),
    status: fc.constantFrom(...STATUSES),
    time: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 12 }) },
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant(Number.POSITIVE_INFINITY) },
    ),
    count: fc.integer({ min: 1, max: 4 }),
  });
const recArb = recOf('', 'a', 'b', 'c', 'd', 'e');

describe('attempt sequences', () => {
  it('equal a row-by-row grouping and sort, for any records, keys, selection and listed devices', () => {
    fc.assert(
      fc.property(
        // some with a device of more records than the insertion sort takes (the merge sort's)
        fc.oneof(
          fc.array(recArb, { minLength: 1, maxLength: 90 }),
          fc.array(recOf('a', 'b'), { minLength: 40, maxLength: 160 }),
          // …in time order (a log written as it happened), ties included: sorted by key combination alone
          fc
            .array(recOf('a', 'b'), { minLength: 40, maxLength: 160 })
            .map((recs) => recs.map((r, i) => ({ ...r, time: Math.floor(i / 3) }))),
        ),
        fc.subarray([0, 1, 2]),
        fc.constantFrom(null, 'eu', 'us'),
        fc.option(fc.subarray(['a', 'b', 'c', '', 'zz']), { nil: null }),
        fc.boolean(),
        fc.boolean(),
        (recs, keys, region, listed, counted, timed) => {
          const ds = build(recs, counted, timed);
          const sel = ds.select(
            region === null ? {} : { dimensions: [{ name: 'region', values: [region] }] },
          );
          const names = [...keys.map((j) => DIMS[j] as string), 'not-a-column'];
          const seq = ds.attemptSequences(sel, names, listed && { names: listed }) as AttemptSequences;
          expect(seq.keys).toEqual(keys.map((j) => DIMS[j]));
          expect(seq.weight === null).toBe(!counted);
          const keep = (r: Rec) => region === null || r.dims[2] === region;
          expect(plain(seq)).toEqual(reference(recs, keep, keys, listed, counted, timed));
          // the same devices by id, in any order, repeated: the same sequences
          if (listed !== null) {
            const ids = deviceIdsOf(ds, [...listed].reverse());
            const byId = ds.attemptSequences(sel, names, { ids: [...ids, ...ids] }) as AttemptSequences;
            expect(plain(byId)).toEqual(plain(seq));
          }
        },
      ),
      { seed: 17, numRuns: 400 },
    );
  });

  it('tell sequences apart with many key values, up to and past 2^53 combinations', () => {
    // four key columns of 10,000 values each: 10^16 combinations, past exact doubles
    const n = 10_000;
    const b = new DatasetBuilder(hawkbitCatalog);
    b.enableTime();
    b.enableDevice();
    const slots = [0, 1, 2, 3].map((j) => b.dimensionSlot(`k${j}`));
    const recs: { device: string; key: string[]; time: number; status: string }[] = [];
    for (let i = 0; i < n; i++) {
      // rows 0 … n − 1 each bring new values; the last rows repeat earlier keys on other devices and times
      const v = i < n - 6 ? i : (i * 7) % 5;
      recs.push({
        device: `d${i % 3}`,
        key: slots.map((j) => `${j}:${v}`),
        time: (n - i) % 11,
        status: i % 4 ? 'finished' : 'error',
      });
    }
    for (const r of recs) {
      const dims = new Int32Array(slots.length);
      slots.forEach((slot, j) => {
        dims[slot] = b.dimensionValueId(slot, r.key[j] as string);
      });
      b.addResolved(b.resultId(hawkbitCatalog, Number.NaN, r.status), r.time, 1, b.deviceId(r.device), dims);
    }
    const ds = b.build();
    // 10^4, 10^8, 10^12 and 10^16 combinations: each width of the combination numbers, and past 2^53
    for (const m of [1, 2, 3, 4]) {
      const names = ['k0', 'k1', 'k2', 'k3'].slice(0, m);
      const got = plain(ds.attemptSequences(ds.all(), names) as AttemptSequences);
      // every device's sequences hold its records of one key each, in time order, and every record is in one
      expect(got.reduce((sum, [, , records]) => sum + records.length, 0)).toBe(n);
      const byKey = new Map<string, number[]>();
      for (const r of recs) {
        const key = `${r.device} ${r.key.slice(0, m).join(',')}`;
        byKey.set(key, [...(byKey.get(key) ?? []), r.time]);
      }
      for (const [device, key, records] of got)
        expect(records.map(([, t]) => t)).toEqual(
          byKey.get(`${device} ${key.join(',')}`)?.sort((x, y) => x - y),
        );
      expect(new Set(got.map(([d, k]) => `${d} ${k.join(',')}`)).size).toBe(got.length);
    }
  });
});
