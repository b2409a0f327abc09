import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/catalog/catalog-registry.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import type { Filter } from '../../src/dataset/query-types.ts';
import * as ref from '../support/reference-queries.ts';

interface Row {
  code: number;
  time: number;
  device: string;
  count: number;
  model: string;
}

const T0 = Date.UTC(2026, 9, 1);
const HOUR = 3_600_000;

function build(rows: readonly Row[], withCount = false): Dataset {
  const builder = new DatasetBuilder(scomoCatalog);
  builder.enableTime();
  builder.enableDevice();
  if (withCount) builder.enableCount();
  const slot = builder.dimensionSlot('model');
  for (const r of rows) {
    const dims: string[] = [];
    dims[slot] = r.model;
    builder.add(r.code, r.time, r.count, r.device, dims);
  }
  return builder.build();
}

const STORY: Row[] = [
  { code: 1404, time: T0 + 1 * HOUR, device: 'd1', count: 1, model: 'Kestrel' },
  { code: 1404, time: T0 + 2 * HOUR, device: 'd1', count: 1, model: 'Kestrel' },
  { code: 1200, time: T0 + 3 * HOUR, device: 'd1', count: 1, model: 'Kestrel' },
  { code: 1200, time: T0 + 1 * HOUR, device: 'd2', count: 1, model: 'Aurora' },
  { code: 1504, time: T0 + 5 * HOUR, device: 'd2', count: 1, model: 'Aurora' },
  { code: 1417, time: T0 + 6 * HOUR, device: 'd3', count: 1, model: 'Aurora' },
  { code: 1260, time: Number.NaN, device: '', count: 1, model: '' },
];

const storyDataset = build(STORY);

/** The figures from `overview`, and from the reference queries the property tests trust. */
const storyFigures = {
  overview: storyDataset.overview(storyDataset.all(), { dimensions: ['model'], deviceLimit: 10 }),
  'the reference queries': {
    totals: ref.totals(storyDataset),
    byCode: ref.byCode(storyDataset),
    byCategory: ref.byCategory(storyDataset),
    byStage: ref.byStage(storyDataset),
    byCause: ref.byCause(storyDataset),
    byDimension: [ref.byDimension(storyDataset, 'model')],
    timeSeries: ref.timeSeries(storyDataset),
    devices: ref.devices(storyDataset, storyDataset.all(), 10),
  },
};

describe.each(Object.entries(storyFigures))('Dataset queries, from %s', (_, overview) => {
  const ds = storyDataset;

  it('totals separate successes, failures and unrecognized codes', () => {
    expect(overview.totals).toEqual({
      operations: 7,
      successes: 3,
      failures: 3,
      notApplied: 0,
      inProgress: 0,
      unrecognized: 1,
      failureRate: 3 / 7,
      devices: 3,
      failingDevices: 2,
      devicesUpperBound: false,
      rows: 7,
    });
  });

  it('counts by code with the catalog message, by category, stage and cause', () => {
    expect(overview.byCode.map((c) => [c.code, c.count, c.category])).toEqual([
      [1200, 2, 'success'],
      [1404, 2, 'client_error'],
      [1260, 1, 'success_vendor'],
      [1417, 1, 'unrecognized'],
      [1504, 1, 'download_server_error'],
    ]);
    expect(overview.byCode[1]?.name).toBe('Download Failed Due to Device being Out of Memory');
    expect(overview.byCategory).toMatchObject({
      success: 2,
      success_vendor: 1,
      client_error: 2,
      unrecognized: 1,
    });
    expect(overview.byStage.find((s) => s.stage === 'download')?.count).toBe(3);
    expect(overview.byCause.filter((c) => c.count > 0)).toEqual([
      { cause: 'device', count: 2 },
      { cause: 'network', count: 1 },
    ]);
  });

  it('filters by code-derived fields, dimension, device substring and time', () => {
    expect(ds.select({ causes: ['device'] }).size).toBe(2);
    expect(
      ds.select({ stages: ['download'], dimensions: [{ name: 'model', values: ['Aurora'] }] }).size,
    ).toBe(1);
    expect(ds.select({ device: 'D1' }).size).toBe(3);
    expect(ds.select({ timeFrom: T0 + 2 * HOUR, timeTo: T0 + 5 * HOUR }).size).toBe(2);
    expect(ds.select({ outcomes: ['unrecognized'] }).rows).toEqual(new Uint32Array([5]));
    expect(ds.select({ codes: [] }).size).toBe(0);
    expect(ds.select({}).rows).toBeNull();
  });

  it('reports failure rate per dimension value', () => {
    expect(overview.byDimension[0]?.[0]).toEqual({
      value: 'Kestrel',
      operations: 3,
      successes: 1,
      failures: 2,
      notApplied: 0,
      inProgress: 0,
      unrecognized: 0,
      failureRate: 2 / 3,
    });
  });

  it('buckets time by hour for a span of hours, with empty buckets present', () => {
    const series = overview.timeSeries;
    expect(series?.bucket).toBe('hour');
    expect(series?.buckets.map((b) => b.operations)).toEqual([2, 1, 1, 0, 1, 1]);
    expect(series?.buckets[0]?.start).toBe(T0 + HOUR);
    expect(series?.buckets[4]?.byCategory.download_server_error).toBe(1);
  });

  it('lists the most failing devices with their last result', () => {
    const devices = overview.devices;
    expect(devices.map((d) => d.device)).toEqual(['d1', 'd2', 'd3']);
    expect(devices[0]).toMatchObject({
      attempts: 3,
      failures: 2,
      lastCode: '1200',
    });
    expect(devices[1]).toMatchObject({ failures: 1, lastCode: '1504' });
    expect(ds.deviceHistory('d1').map((e) => e.code)).toEqual([1404, 1404, 1200]);
  });

  it('a device row without a time is not placed at its row number: times are of timed rows, and it comes last', () => {
    const mixed = build([
      { code: 1404, time: Number.NaN, device: 'x', count: 1, model: 'K' },
      { code: 1200, time: T0 + 5 * HOUR, device: 'x', count: 1, model: 'K' },
      { code: 1200, time: Number.NaN, device: 'y', count: 1, model: 'K' },
    ]);
    const listed = mixed.overview(mixed.all(), { deviceLimit: 5 }).devices;
    expect(listed[0]).toMatchObject({
      device: 'x',
      firstTime: T0 + 5 * HOUR,
      lastTime: T0 + 5 * HOUR,
      lastCode: '1404',
    });
    expect(listed[1]).toMatchObject({ device: 'y', firstTime: null, lastTime: null, lastCode: '1200' });
    expect(mixed.deviceHistory('x').map((e) => e.code)).toEqual([1200, 1404]);
    expect(listed).toEqual(ref.devices(mixed, mixed.all(), 5));
  });

  it('sorts rows by any column, missing values last', () => {
    const sel = ds.all();
    expect([...ds.sortedRows(sel, { column: 'time', desc: true })]).toEqual([5, 4, 2, 1, 0, 3, 6]);
    expect([...ds.sortedRows(sel, { column: 'code', desc: false })].map((r) => ds.event(r).code)).toEqual([
      1200, 1200, 1260, 1404, 1404, 1417, 1504,
    ]);
    expect(ds.sortedRows(sel, { column: 'model', desc: false })[6]).toBe(6);
  });
});

// ---- properties -------------------------------------------------------------------------------------

const rowArb = fc.record({
  code: fc.oneof(
    fc.constantFrom(1200, 1250, 1299, 1401, 1404, 1416, 1450, 1500, 1505, 1550, 1599),
    fc.integer({ min: -5, max: 2000 }),
  ),
  time: fc.oneof(
    fc.integer({ min: 0, max: 30 * 24 }).map((h) => T0 + h * HOUR),
    fc.constant(Number.NaN),
  ),
  device: fc.constantFrom('', 'a', 'b', 'c', 'dd', 'e'),
  count: fc.integer({ min: 0, max: 5 }),
  model: fc.constantFrom('', 'X', 'Y', 'Z'),
});

const filterArb: fc.Arbitrary<Filter> = fc.record(
  {
    codes: fc.array(fc.constantFrom(1200, 1404, 1505, 1700), { maxLength: 3 }),
    categories: fc.subarray([...CATEGORIES]),
    outcomes: fc.subarray(['success', 'failure', 'unrecognized'] as const),
    dimensions: fc.subarray(['', 'X', 'Y', 'Z']).map((values) => [{ name: 'model', values }]),
    device: fc.constantFrom('a', 'd', 'e', 'zz'),
    timeFrom: fc.integer({ min: 0, max: 30 * 24 }).map((h) => T0 + h * HOUR),
    text: fc.constantFrom('', 'd', 'x', '14', '150', 'memory', 'Y', 'zz'),
    not: fc.record(
      {
        codes: fc.array(fc.constantFrom(1200, 1404, 1505, 1700), { maxLength: 2 }),
        outcomes: fc.subarray(['success', 'failure', 'unrecognized'] as const),
        stages: fc.subarray(['download', 'install', 'validation'] as const),
        causes: fc.subarray(['device', 'network', 'server'] as const),
        dimensions: fc.subarray(['', 'X', 'Y', 'Z']).map((values) => [{ name: 'model', values }]),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

describe('aggregation invariants', () => {
  it('successes + failures + unrecognized = operations; categories, codes and buckets add up', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 200 }), fc.boolean(), filterArb, (rows, weighted, filter) => {
        const ds = build(rows, weighted);
        const sel = ds.select(filter);
        const o = ds.overview(sel, { dimensions: ['model'] });
        const t = o.totals;
        expect(t.successes + t.failures + t.unrecognized).toBe(t.operations);
        const sumCategories = Object.values(o.byCategory).reduce((a, b) => a + b, 0);
        expect(sumCategories).toBe(t.operations);
        expect(o.byCode.reduce((a, c) => a + c.count, 0)).toBe(t.operations);
        expect(o.byStage.reduce((a, s) => a + s.count, 0)).toBe(t.failures);
        expect(o.byCause.reduce((a, s) => a + s.count, 0)).toBe(t.failures);
        const dims = o.byDimension[0] ?? [];
        expect(dims.reduce((a, d) => a + d.operations, 0)).toBe(t.operations);
        const series = o.timeSeries;
        const timedOps = rows.reduce(
          (a, r, i) =>
            sel.rows === null || sel.rows.includes(i)
              ? a + (Number.isNaN(r.time) ? 0 : weighted ? r.count : 1)
              : a,
          0,
        );
        expect(series?.buckets.reduce((a, b) => a + b.operations, 0) ?? 0).toBe(timedOps);
        expect(t.failingDevices ?? 0).toBeLessThanOrEqual(t.devices ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  it('filters never add rows: a narrower filter selects a subset', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 200 }), filterArb, filterArb, (rows, a, b) => {
        const ds = build(rows);
        const wide = ds.select(a);
        const narrow = ds.select({ ...b, ...a });
        expect(wide.size).toBeLessThanOrEqual(rows.length);
        expect(narrow.size).toBeLessThanOrEqual(wide.size);
        const wideRows = new Set(wide.rows ?? rows.map((_, i) => i));
        for (const r of narrow.rows ?? []) expect(wideRows.has(r)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('selection matches a straightforward per-row evaluation of the filter', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 100 }), filterArb, (rows, filter) => {
        const ds = build(rows);
        const expected = rows.flatMap((r, i) => {
          const info = scomoCatalog.lookup(r.code);
          const ok =
            (!filter.codes || filter.codes.includes(r.code)) &&
            (!filter.categories || filter.categories.includes(info.category)) &&
            (!filter.outcomes || filter.outcomes.includes(info.outcome)) &&
            (filter.dimensions ?? []).every((d) => d.name !== 'model' || d.values.includes(r.model)) &&
            // the excludes: a row holds none of the excluded values (a row without a stage or cause has none)
            !filter.not?.codes?.includes(r.code) &&
            !filter.not?.outcomes?.includes(info.outcome) &&
            !(info.stage !== null && filter.not?.stages?.includes(info.stage)) &&
            !(info.cause !== null && filter.not?.causes?.includes(info.cause)) &&
            (filter.not?.dimensions ?? []).every((d) => d.name !== 'model' || !d.values.includes(r.model)) &&
            (!filter.device || r.device.includes(filter.device)) &&
            (filter.timeFrom === undefined || r.time >= filter.timeFrom) &&
            (!filter.text ||
              String(r.code).startsWith(filter.text.toLowerCase()) ||
              info.name.toLowerCase().includes(filter.text.toLowerCase()) ||
              r.device.includes(filter.text.toLowerCase()) ||
              r.model.toLowerCase().includes(filter.text.toLowerCase()));
          return ok ? [i] : [];
        });
        const sel = ds.select(filter);
        expect(sel.rows ? [...sel.rows] : rows.map((_, i) => i)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
