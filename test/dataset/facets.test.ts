import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statusKey } from '../../src/catalog/catalog-types.ts';
import { hawkbitCatalog } from '../../src/catalog/hawkbit-catalog.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import type { Facet, Filter } from '../../src/dataset/query-types.ts';

interface Row {
  /** A SCOMO code, or (when `status` is set) none. */
  code: number;
  /** A hawkBit status word, '' for a SCOMO row. */
  status: string;
  device: string;
  count: number;
  model: string;
  region: string;
}

function build(rows: readonly Row[], weighted: boolean): Dataset {
  const builder = new DatasetBuilder(scomoCatalog);
  builder.enableDevice();
  if (weighted) builder.enableCount();
  const model = builder.dimensionSlot('model');
  const region = builder.dimensionSlot('region');
  for (const r of rows) {
    const dims: number[] = [];
    dims[model] = builder.dimensionValueId(model, r.model);
    dims[region] = builder.dimensionValueId(region, r.region);
    const result =
      r.status === '' ? builder.codeId(r.code) : builder.resultId(hawkbitCatalog, Number.NaN, r.status);
    builder.addResolved(result, Number.NaN, r.count, builder.deviceId(r.device), dims);
  }
  return builder.build();
}

const rowArb = fc.record({
  code: fc.constantFrom(1200, 1250, 1401, 1404, 1416, 1450, 1500, 1504, 1505, 1550, 1700),
  status: fc.constantFrom('', '', '', 'finished', 'FINISHED', 'error', 'running', 'canceled'),
  device: fc.constantFrom('a', 'b', 'c', 'dd'),
  count: fc.integer({ min: 0, max: 4 }),
  model: fc.constantFrom('', 'X', 'Y', 'Z'),
  region: fc.constantFrom('eu', 'us', 'apac'),
});

const valuesArb = fc.subarray(['', 'X', 'Y', 'Z']);
const filterArb: fc.Arbitrary<Filter> = fc.record(
  {
    codes: fc.subarray([1200, 1404, 1505, 1700]),
    outcomes: fc.subarray(['success', 'failure', 'unrecognized'] as const),
    stages: fc.subarray(['download', 'install'] as const),
    dimensions: fc.tuple(valuesArb, fc.subarray(['eu', 'us'])).map(([m, r]) => [
      { name: 'model', values: m },
      { name: 'region', values: r },
    ]),
    device: fc.constantFrom('a', 'd'),
    families: fc.subarray(['scomo', 'hawkbit']),
    statuses: fc.subarray(['finished', 'Error', 'running']),
    not: fc.record(
      {
        codes: fc.subarray([1200, 1404, 1505]),
        families: fc.subarray(['hawkbit']),
        statuses: fc.subarray(['error', 'RUNNING']),
        outcomes: fc.subarray(['not_applied', 'failure'] as const),
        causes: fc.subarray(['device', 'network'] as const),
        dimensions: valuesArb.map((values) => [{ name: 'model', values }]),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** The filter without one field's includes and excludes. */
function without(filter: Filter, field: Facet['field'], dimension: string | null): Filter {
  const { not, ...rest } = filter;
  if (field === 'dimension') {
    const drop = (list: Filter['dimensions']) => list?.filter((d) => d.name !== dimension);
    return { ...rest, dimensions: drop(rest.dimensions), not: { ...not, dimensions: drop(not?.dimensions) } };
  }
  return { ...rest, [field]: undefined, not: { ...not, [field]: undefined } };
}

/** The oracle: the facet's selection made by `select`, its events read one by one and grouped. */
function referenceFacet(ds: Dataset, filter: Filter, facet: Facet): Map<string, number[]> {
  const sel = ds.select(without(filter, facet.field, facet.dimension));
  const rows = sel.rows ? [...sel.rows] : Array.from({ length: ds.rowCount }, (_, i) => i);
  const out = new Map<string, number[]>();
  for (const row of rows) {
    const e = ds.event(row);
    const info = ds.resultInfo(e.result);
    const value =
      facet.field === 'dimension'
        ? e.dimensions[ds.dimensionNames.indexOf(facet.dimension as string)]
        : facet.field === 'codes'
          ? info.code === null
            ? null
            : String(info.code)
          : {
              statuses: info.status,
              families: info.family,
              categories: info.category,
              outcomes: info.outcome,
              stages: info.stage,
              causes: info.cause,
            }[facet.field];
    if (value === null || value === undefined) continue;
    const counts = out.get(value) ?? [0, 0, 0];
    if (info.outcome === 'in_progress') counts[2] = (counts[2] ?? 0) + e.count;
    else counts[0] = (counts[0] ?? 0) + e.count;
    if (info.outcome === 'failure') counts[1] = (counts[1] ?? 0) + e.count;
    out.set(value, counts);
  }
  for (const [value, counts] of out) if (counts.every((n) => n === 0)) out.delete(value);
  return out;
}

describe('Dataset.facets', () => {
  it('counts each field under the filter without its own part, like a selection per field', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 120 }), fc.boolean(), filterArb, (rows, weighted, filter) => {
        const ds = build(rows, weighted);
        const facets = ds.facets(filter, 1000);
        expect(facets.map((f) => f.dimension ?? f.field)).toEqual([
          'outcomes',
          'categories',
          'families',
          'codes',
          'statuses',
          'stages',
          'causes',
          'model',
          'region',
        ]);
        for (const facet of facets) {
          const expected = referenceFacet(ds, filter, facet);
          const got = new Map(facet.values.map((v) => [v.value, [v.operations, v.failures, v.inProgress]]));
          expect(got).toEqual(expected);
          expect(facet.distinct).toBe(expected.size);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lists the most operations first and at most the limit, saying how many values there are', () => {
    const rows: Row[] = ['X', 'X', 'X', 'Y', 'Y', 'Z'].map((model) => ({
      code: 1200,
      status: '',
      device: 'a',
      count: 1,
      model,
      region: 'eu',
    }));
    const model = build(rows, false)
      .facets({ dimensions: [{ name: 'model', values: ['Z'] }] }, 2)
      .find((f) => f.dimension === 'model');
    expect(model?.values.map((v) => [v.value, v.operations])).toEqual([
      ['X', 3],
      ['Y', 2],
    ]);
    expect(model?.distinct).toBe(3);
  });

  it('groups status words whatever their case, and keeps rows in progress apart from operations', () => {
    const rows: Row[] = ['finished', 'FINISHED', 'error', 'running', 'running'].map((status) => ({
      code: Number.NaN,
      status,
      device: 'a',
      count: 1,
      model: 'X',
      region: 'eu',
    }));
    const facets = build(rows, false).facets({}, 10);
    const statuses = facets.find((f) => f.field === 'statuses');
    expect(statuses?.values.map((v) => [statusKey(v.value), v.operations, v.failures, v.inProgress])).toEqual(
      [
        ['finished', 2, 0, 0],
        ['error', 1, 1, 0],
        ['running', 0, 0, 2],
      ],
    );
    expect(facets.find((f) => f.field === 'codes')?.values).toEqual([]);
  });
});
