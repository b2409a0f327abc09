/**
 * The dashboard's fast paths against the plain queries they replace, on random datasets and filters:
 * `Dataset.select` (a column at a time) against a row-by-row reading of the filter, `Dataset.overview`
 * (one scan) against `totals`, `byCode`, … `devices` of the same selection, and the worker's `dashboard`
 * answer against the separate queries it used to make.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cause, Stage } from '../../src/catalog/catalog-types.ts';
import { CATEGORIES, CAUSES, OUTCOMES, STAGES } from '../../src/catalog/catalog-types.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { dimensionRoles } from '../../src/dataset/dimension-roles.ts';
import type {
  DimensionValueCounts,
  Filter,
  OverviewPartSpec,
  OverviewSpec,
  Selection,
} from '../../src/dataset/query-types.ts';
import type { DashboardQuery, TriageData } from '../../src/worker/dataset-protocol.ts';
import { dashboard } from '../../src/worker/dataset-service.ts';

const T0 = Date.UTC(2026, 9, 1);
const HOUR = 3_600_000;
const MODELS = ['', 'Kestrel', 'Orca', 'Aurora'];
const SERVERS = ['', 'dl1', 'dl2'];
const DEVICES = ['', 'a1', 'a2', 'b1', 'b2', 'c', 'dd', 'e'];

interface Row {
  code: number;
  time: number;
  device: string;
  count: number;
  model: string;
  server: string;
}

interface Shape {
  time: boolean;
  device: boolean;
  count: boolean;
}

function build(rows: readonly Row[], shape: Shape): Dataset {
  const builder = new DatasetBuilder(scomoCatalog);
  if (shape.time) builder.enableTime();
  if (shape.device) builder.enableDevice();
  if (shape.count) builder.enableCount();
  const model = builder.dimensionSlot('model');
  const server = builder.dimensionSlot('download_server');
  for (const r of rows) {
    const dims: string[] = [];
    dims[model] = r.model;
    dims[server] = r.server;
    builder.add(
      r.code,
      shape.time ? r.time : Number.NaN,
      shape.count ? r.count : 1,
      shape.device ? r.device : '',
      dims,
    );
  }
  return builder.build();
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  code: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(1200, 1250, 1401, 1402, 1404, 1406, 1407, 1450, 1502, 1504, 1505, 1550),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1190, max: 1610 }) },
  ),
  time: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 20 * 24 * 60 }).map((m) => T0 + m * 60_000) },
    { weight: 1, arbitrary: fc.constant(Number.NaN) },
  ),
  device: fc.constantFrom(...DEVICES),
  count: fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 4 }) },
    { weight: 1, arbitrary: fc.constant(0) },
  ),
  model: fc.constantFrom(...MODELS),
  server: fc.constantFrom(...SERVERS),
});

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  time: fc.boolean(),
  device: fc.boolean(),
  count: fc.boolean(),
});

/** A narrow time span too, so minute and hour buckets come up. */
const datasetArb = fc
  .tuple(fc.array(rowArb, { maxLength: 300, size: 'large' }), shapeArb, fc.constantFrom(1, 1, 60, 720))
  .map(([rows, shape, squeeze]) => ({
    rows: rows.map((r) => ({ ...r, time: Number.isNaN(r.time) ? r.time : T0 + (r.time - T0) / squeeze })),
    shape,
  }));

/** A filter of a few fields (AND across fields), so that selections are seldom empty. */
function fewOf(fields: fc.Arbitrary<Filter>[], max: number): fc.Arbitrary<Filter> {
  return fc
    .array(fc.oneof(...fields), { maxLength: max })
    .map((parts) => Object.assign({}, ...parts) as Filter);
}

const codeFields: fc.Arbitrary<Filter>[] = [
  fc.record({ codes: fc.subarray([1200, 1402, 1404, 1406, 1502, 1505, 1550, 1700], { minLength: 1 }) }),
  fc.record({ categories: fc.subarray([...CATEGORIES], { minLength: 1 }) }),
  fc.record({ outcomes: fc.subarray([...OUTCOMES], { minLength: 1 }) }),
  fc.record({ stages: fc.subarray([...STAGES], { minLength: 1 }) }),
  fc.record({ causes: fc.subarray([...CAUSES], { minLength: 1 }) }),
];
const codeFieldsArb = fewOf(codeFields, 2);

const filterArb: fc.Arbitrary<Filter> = fewOf(
  [
    ...codeFields,
    fc.record({
      dimensions: fc
        .record(
          {
            model: fc.subarray([...MODELS, 'Nope'], { minLength: 1 }),
            download_server: fc.subarray(SERVERS, { minLength: 1 }),
          },
          { requiredKeys: [] },
        )
        .map((byName) => Object.entries(byName).map(([name, values]) => ({ name, values }))),
    }),
    fc.record({ device: fc.constantFrom('a', 'A2', 'd', 'zz', ' b ', '') }),
    fc.record({ text: fc.constantFrom('', 'd', 'orca', '14', '150', 'memory', 'dl2', 'zz') }),
    fc.record(
      {
        timeFrom: fc.integer({ min: 0, max: 10 * 24 }).map((h) => T0 + h * HOUR),
        timeTo: fc.integer({ min: 5 * 24, max: 20 * 24 }).map((h) => T0 + h * HOUR),
      },
      { requiredKeys: [] },
    ),
  ],
  3,
);

/** The filter read row by row from the events and the catalog: what `select` must agree with. */
function referenceSelect(ds: Dataset, filter: Filter): number[] {
  const out: number[] = [];
  const names = ds.dimensionNames;
  const device = filter.device?.trim().toLowerCase();
  const text = filter.text?.trim().toLowerCase();
  for (let row = 0; row < ds.rowCount; row++) {
    const e = ds.event(row);
    const info = ds.codeInfo(e.code);
    if (filter.codes && !filter.codes.includes(e.code)) continue;
    if (filter.categories && !filter.categories.includes(info.category)) continue;
    if (filter.outcomes && !filter.outcomes.includes(info.outcome)) continue;
    if (filter.stages && (info.stage === null || !filter.stages.includes(info.stage))) continue;
    if (filter.causes && (info.cause === null || !filter.causes.includes(info.cause))) continue;
    const dimsOk = (filter.dimensions ?? []).every(({ name, values }) => {
      const at = names.indexOf(name);
      return at < 0 || values.includes(e.dimensions[at] as string);
    });
    if (!dimsOk) continue;
    if (device && !(e.device ?? '').toLowerCase().includes(device) && ds.hasDevice) continue;
    if (device && !ds.hasDevice) continue;
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
    totals: ds.totals(sel),
    byCode: ds.byCode(sel),
    byCategory: ds.byCategory(sel),
    byStage: ds.byStage(sel),
    byCause: ds.byCause(sel),
    timeRange: ds.timeRange(sel),
    timeSeries: ds.timeSeries(sel),
    byDimension: dimensions.map((name) => ds.byDimension(name, sel)),
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
  it('equals the separate queries, for the selection and for its part', () => {
    fc.assert(
      fc.property(datasetArb, filterArb, specArb, ({ rows, shape }, filter, spec) => {
        const ds = build(rows, shape);
        const sel = ds.select(filter);
        const dims = spec.dimensions ?? [];
        const got = ds.overview(sel, spec);
        const { part, devices, ...main } = got;
        expect(main).toEqual(separately(ds, sel, dims));
        expect(devices).toEqual(ds.devices(sel, spec.deviceLimit ?? 0));
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
        const codeSeries = ds.timeSeries(ds.select(intersect(partFilter, { codes: [code] })), series.bucket);
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
        expect(ds.overview(sel, { deviceLimit: limit }).devices).toEqual(ds.devices(sel, limit));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- the worker's answer against the separate queries it used to make -------------------------------

const TRIAGE_STAGES: readonly Stage[] = ['download', 'validation'];

/** The worker's `dashboard` answer as it was computed before `overview`: one query per figure. */
function referenceDashboard(ds: Dataset, query: DashboardQuery) {
  const selection = ds.select({ ...query.filter, text: query.search });
  const dimension =
    query.dimension !== null && ds.dimensionNames.includes(query.dimension) ? query.dimension : null;
  const topByOperations = (values: DimensionValueCounts[]) =>
    [...values].sort((a, b) => b.operations - a.operations).slice(0, 25);
  return {
    selectedRows: selection.size,
    totalRows: ds.rowCount,
    totals: ds.totals(selection),
    byCode: ds.byCode(selection).filter((c) => c.outcome !== 'success'),
    byCategory: ds.byCategory(selection),
    byStage: ds.byStage(selection),
    byCause: ds.byCause(selection),
    timeSeries: ds.timeSeries(selection),
    timeRange: ds.timeRange(selection),
    dimension:
      dimension === null
        ? null
        : { name: dimension, values: topByOperations(ds.byDimension(dimension, selection)) },
    devices: ds.hasDevice ? ds.devices(selection, query.deviceLimit) : [],
    triage: referenceTriage(ds, query),
  };
}

function referenceTriage(ds: Dataset, query: DashboardQuery): TriageData {
  const topByFailures = (values: DimensionValueCounts[]) =>
    values
      .filter((v) => v.failures > 0)
      .sort((a, b) => b.failures - a.failures)
      .slice(0, 25);
  const stages = (query.filter.stages ?? TRIAGE_STAGES).filter((s) => TRIAGE_STAGES.includes(s));
  const { server: serverDimension, model: modelDimension } = dimensionRoles(ds.dimensionNames);
  if (stages.length === 0) {
    return {
      failures: 0,
      byCause: [],
      byCode: [],
      serverDimension,
      byServer: [],
      modelDimension,
      byModel: [],
      unknownShare: null,
    };
  }
  const filter: Filter = { ...query.filter, stages };
  const selection = ds.select({ ...filter, text: query.search });
  const series = ds.timeSeries(selection);
  let unknownShare: TriageData['unknownShare'] = null;
  if (series !== null) {
    const codes = query.filter.codes ?? [1505];
    const unknownSelection = codes.includes(1505)
      ? ds.select({ ...filter, codes: [1505], text: query.search })
      : null;
    const unknownByStart = new Map<number, number>();
    if (unknownSelection !== null) {
      for (const b of ds.timeSeries(unknownSelection, series.bucket)?.buckets ?? []) {
        unknownByStart.set(b.start, b.failures);
      }
    }
    unknownShare = {
      bucket: series.bucket,
      buckets: series.buckets.map((b) => {
        const unknown = unknownByStart.get(b.start) ?? 0;
        return {
          start: b.start,
          failures: b.failures,
          unknown,
          share: b.failures > 0 ? unknown / b.failures : null,
        };
      }),
    };
  }
  return {
    failures: ds.totals(selection).failures,
    byCause: ds.byCause(selection),
    byCode: ds.byCode(selection).filter((c) => c.outcome === 'failure'),
    serverDimension,
    byServer: serverDimension === null ? [] : topByFailures(ds.byDimension(serverDimension, selection)),
    modelDimension,
    byModel: modelDimension === null ? [] : topByFailures(ds.byDimension(modelDimension, selection)),
    unknownShare,
  };
}

describe("the worker's dashboard answer", () => {
  it('equals the separate queries it replaces', () => {
    const queryArb: fc.Arbitrary<DashboardQuery> = fc.record({
      filter: filterArb.map(({ text: _text, ...rest }) => rest),
      search: fc.constantFrom('', '', 'dl1', '1505', 'kestrel'),
      dimension: fc.constantFrom(null, 'model', 'download_server', 'missing'),
      deviceLimit: fc.integer({ min: 0, max: 15 }),
    });
    fc.assert(
      fc.property(datasetArb, queryArb, ({ rows, shape }, query) => {
        const ds = build(rows, shape);
        const selection = ds.select({ ...query.filter, text: query.search });
        expect(dashboard(ds, query, selection)).toEqual(referenceDashboard(ds, query));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the triage stages of a stage filter, and none when it has no triage stage', () => {
    const ds = build(
      [
        { code: 1404, time: T0, device: 'a', count: 1, model: 'X', server: 's' },
        { code: 1406, time: T0 + HOUR, device: 'a', count: 1, model: 'X', server: 's' },
        { code: 1505, time: T0 + HOUR, device: 'b', count: 1, model: 'Y', server: 't' },
      ],
      { time: true, device: true, count: false },
    );
    for (const stages of [undefined, ['download'], ['install'], ['install', 'validation']] as (
      | Stage[]
      | undefined
    )[]) {
      const query: DashboardQuery = {
        filter: stages === undefined ? {} : { stages },
        search: '',
        dimension: 'model',
        deviceLimit: 5,
      };
      const selection = ds.select(query.filter);
      expect(dashboard(ds, query, selection)).toEqual(referenceDashboard(ds, query));
    }
    const none = dashboard(
      ds,
      { filter: { stages: ['install'] }, search: '', dimension: null, deviceLimit: 5 },
      ds.select({ stages: ['install'] }),
    );
    expect(none.triage.failures).toBe(0);
    expect(none.triage.unknownShare).toBeNull();
    const causes: Cause[] = none.byCause.filter((c) => c.count > 0).map((c) => c.cause);
    expect(causes).toEqual(['device']);
  });
});
