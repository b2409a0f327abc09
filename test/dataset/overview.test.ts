/**
 * The dashboard's fast paths against the plain queries they replace, on random datasets and filters:
 * `Dataset.select` (a column at a time) against a row-by-row reading of the filter, and `Dataset.overview`
 * (one scan) against `totals`, `byCode`, … `devices` of the same selection.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.ts';
import type { Filter, OverviewPartSpec, OverviewSpec, Selection } from '../../src/dataset/query-types.ts';
import { deviceValues } from '../support/device-ids.ts';
import { build, codeFieldsArb, DEVICES, datasetArb, filterArb, T0 } from '../support/random-dataset.ts';
import * as ref from '../support/reference-queries.ts';

/** The filter read row by row from the events and the catalog: what `select` must agree with. */
function referenceSelect(ds: Dataset, filter: Filter): number[] {
  const out: number[] = [];
  const names = ds.dimensionNames;
  const device = filter.device?.trim().toLowerCase();
  const text = filter.text?.trim().toLowerCase();
  for (let row = 0; row < ds.rowCount; row++) {
    const e = ds.event(row);
    const info = ds.resultInfo(e.result);
    if (filter.codes && (e.code === null || !filter.codes.includes(e.code))) continue;
    if (filter.categories && !filter.categories.includes(info.category)) continue;
    if (filter.outcomes && !filter.outcomes.includes(info.outcome)) continue;
    if (filter.stages && (info.stage === null || !filter.stages.includes(info.stage))) continue;
    if (filter.causes && (info.cause === null || !filter.causes.includes(info.cause))) continue;
    const dimsOk = (filter.dimensions ?? []).every(({ name, values }) => {
      const at = names.indexOf(name);
      return at < 0 || values.includes(e.dimensions[at] as string);
    });
    if (!dimsOk) continue;
    // NOT: a row holding any excluded value is out; a row without the field's value (no stage) is not
    const not = filter.not ?? {};
    if (e.code !== null && not.codes?.includes(e.code)) continue;
    if (not.categories?.includes(info.category) || not.outcomes?.includes(info.outcome)) continue;
    if (info.stage !== null && not.stages?.includes(info.stage)) continue;
    if (info.cause !== null && not.causes?.includes(info.cause)) continue;
    const excludedDims = (not.dimensions ?? []).some(({ name, values }) => {
      const at = names.indexOf(name);
      return at >= 0 && values.includes(e.dimensions[at] as string);
    });
    if (excludedDims) continue;
    if (device && !(e.device ?? '').toLowerCase().includes(device) && ds.hasDevice) continue;
    if (device && !ds.hasDevice) continue;
    if (filter.deviceIds && (!e.device || !filter.deviceIds.includes(e.device))) continue;
    if (text) {
      const hit =
        String(e.code).startsWith(text) ||
        info.name.toLowerCase().includes(text) ||
        (e.device ?? '').toLowerCase().includes(text) ||
        e.dimensions.some((v) => v.toLowerCase().includes(text));
      if (!hit) continue;
    }
    if (filter.timeFrom !== undefined || filter.timeTo !== undefined) {
      const from = filter.timeFrom ?? Number.NEGATIVE_INFINITY;
      const to = filter.timeTo ?? Number.POSITIVE_INFINITY;
      if (e.time === null || !(e.time >= from && e.time < to)) continue;
    }
    out.push(row);
  }
  return out;
}

/** Both filters at once: a field present in both keeps the values they share. */
function intersect(a: Filter, b: Filter): Filter {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = (a as Record<string, unknown>)[key];
    out[key] = Array.isArray(mine) && Array.isArray(value) ? mine.filter((v) => value.includes(v)) : value;
  }
  return out as Filter;
}

function separately(ds: Dataset, sel: Selection, dimensions: readonly string[]) {
  return {
    totals: ref.totals(ds, sel),
    byCode: ref.byCode(ds, sel),
    byCategory: ref.byCategory(ds, sel),
    byStage: ref.byStage(ds, sel),
    byCause: ref.byCause(ds, sel),
    timeRange: ref.timeRange(ds, sel),
    timeSeries: ref.timeSeries(ds, sel),
    byDimension: dimensions.map((name) => ref.byDimension(ds, name, sel)),
  };
}

const specArb: fc.Arbitrary<OverviewSpec & { part: OverviewPartSpec | null }> = fc.record({
  dimensions: fc.subarray(['model', 'download_server', 'missing']),
  deviceLimit: fc.integer({ min: 0, max: 6 }),
  part: fc.option(
    fc.record(
      {
        filter: codeFieldsArb,
        dimensions: fc.subarray(['download_server', 'model', 'missing']),
        seriesCode: fc.constantFrom(1505, 1404, 1200, 1999),
      },
      { requiredKeys: ['filter'] },
    ),
    { nil: null },
  ),
});

describe('Dataset.select, a column at a time', () => {
  it('selects the rows a row-by-row reading of the filter selects, in order', () => {
    fc.assert(
      fc.property(datasetArb, filterArb, ({ rows, shape }, filter) => {
        const ds = build(rows, shape);
        const sel = ds.select(filter);
        expect([...(sel.rows ?? rows.map((_, i) => i))]).toEqual(referenceSelect(ds, filter));
        expect(sel.size).toBe(sel.rows?.length ?? rows.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe('Dataset.overview, one scan', () => {
  it('equals the reference queries, for the selection and for its part', () => {
    fc.assert(
      fc.property(datasetArb, filterArb, specArb, ({ rows, shape }, filter, spec) => {
        const ds = build(rows, shape);
        const sel = ds.select(filter);
        const dims = spec.dimensions ?? [];
        const got = ds.overview(sel, spec);
        const { part, devices, deviceIds, ...main } = got;
        expect(main).toEqual(separately(ds, sel, dims));
        expect(devices).toEqual(ref.devices(ds, sel, spec.deviceLimit ?? 0));
        // each listed device's id in the device column
        expect(deviceIds.map((d) => deviceValues(ds)[d])).toEqual(devices.map((d) => d.device));
        if (spec.part === null) {
          expect(part).toBeNull();
          return;
        }
        const partFilter = intersect(filter, spec.part.filter);
        const partSel = ds.select(partFilter);
        expect(part).not.toBeNull();
        const { codeFailures, ...partMain } = part as NonNullable<typeof part>;
        expect(partMain).toEqual(separately(ds, partSel, spec.part.dimensions ?? []));
        const series = partMain.timeSeries;
        if (series === null || spec.part.seriesCode === undefined) {
          expect(codeFailures).toBeNull();
          return;
        }
        // The code's own series, in the part's bucket unit, lined up by bucket start.
        const code = spec.part.seriesCode;
        const codeSeries = ref.timeSeries(
          ds,
          ds.select(intersect(partFilter, { codes: [code] })),
          series.bucket,
        );
        expect(codeSeries === null || codeSeries.bucketMs === series.bucketMs).toBe(true);
        const byStart = new Map(codeSeries?.buckets.map((b) => [b.start, b.failures]));
        expect(codeFailures).toEqual(series.buckets.map((b) => byStart.get(b.start) ?? 0));
      }),
      { numRuns: 400 },
    );
  });

  it('lists the same devices as `devices` when failures tie, counts are zero or there are few failures', () => {
    const rowsArb = fc.array(
      fc.record({
        code: fc.constantFrom(1200, 1404, 1502, 1999),
        time: fc.integer({ min: 0, max: 50 }).map((m) => T0 + m * 60_000),
        device: fc.constantFrom(...DEVICES, 'f', 'g', 'h'),
        count: fc.constantFrom(0, 1, 1, 2),
        model: fc.constant('X'),
        server: fc.constant('s'),
      }),
      { maxLength: 120 },
    );
    fc.assert(
      fc.property(rowsArb, fc.boolean(), fc.integer({ min: 1, max: 8 }), (rows, count, limit) => {
        const ds = build(rows, { time: true, device: true, count });
        const sel = ds.all();
        const { devices, deviceIds } = ds.overview(sel, { deviceLimit: limit });
        expect(devices).toEqual(ref.devices(ds, sel, limit));
        expect(deviceIds.map((d) => deviceValues(ds)[d])).toEqual(devices.map((d) => d.device));
      }),
      { numRuns: 300 },
    );
  });
});
