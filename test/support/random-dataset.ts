/**
 * Random small datasets and filters over the SCOMO catalog, for the property tests that hold the
 * dataset's fast paths and the views to a plain reading of the same rows.
 */
import fc from 'fast-check';
import { CATEGORIES } from '../../src/catalog/catalog-registry.ts';
import { CAUSES, OUTCOMES, STAGES } from '../../src/catalog/catalog-types.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import type { Filter } from '../../src/dataset/query-types.ts';

export const T0 = Date.UTC(2026, 9, 1);
export const HOUR = 3_600_000;
export const MODELS = ['', 'Kestrel', 'Orca', 'Aurora'];
export const SERVERS = ['', 'dl1', 'dl2'];
export const DEVICES = ['', 'a1', 'a2', 'b1', 'b2', 'c', 'dd', 'e'];

export interface Row {
  code: number;
  time: number;
  device: string;
  count: number;
  model: string;
  server: string;
}

export interface Shape {
  time: boolean;
  device: boolean;
  count: boolean;
}

/** `afterRow`: called after each row is added, with the rows added so far (the partial-figures tests). */
export function build(
  rows: readonly Row[],
  shape: Shape,
  afterRow?: (builder: DatasetBuilder, added: number) => void,
): Dataset {
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
    afterRow?.(builder, builder.rowCount);
  }
  return builder.build();
}

export const rowArb: fc.Arbitrary<Row> = fc.record({
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

export const shapeArb: fc.Arbitrary<Shape> = fc.record({
  time: fc.boolean(),
  device: fc.boolean(),
  count: fc.boolean(),
});

/** A narrow time span too, so minute and hour buckets come up. */
export const datasetArb = fc
  .tuple(fc.array(rowArb, { maxLength: 300, size: 'large' }), shapeArb, fc.constantFrom(1, 1, 60, 720))
  .map(([rows, shape, squeeze]) => ({
    rows: rows.map((r) => ({ ...r, time: Number.isNaN(r.time) ? r.time : T0 + (r.time - T0) / squeeze })),
    shape,
  }));

/** A filter of a few fields (AND across fields), so that selections are seldom empty. */
export function fewOf(fields: fc.Arbitrary<Filter>[], max: number): fc.Arbitrary<Filter> {
  return fc
    .array(fc.oneof(...fields), { maxLength: max })
    .map((parts) => Object.assign({}, ...parts) as Filter);
}

export const codeFields: fc.Arbitrary<Filter>[] = [
  fc.record({ codes: fc.subarray([1200, 1402, 1404, 1406, 1502, 1505, 1550, 1700], { minLength: 1 }) }),
  fc.record({ categories: fc.subarray([...CATEGORIES], { minLength: 1 }) }),
  fc.record({ outcomes: fc.subarray([...OUTCOMES], { minLength: 1 }) }),
  fc.record({ stages: fc.subarray([...STAGES], { minLength: 1 }) }),
  fc.record({ causes: fc.subarray([...CAUSES], { minLength: 1 }) }),
];
export const codeFieldsArb = fewOf(codeFields, 2);

export const filterArb: fc.Arbitrary<Filter> = fewOf(
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
    // the excludes (NOT): a few of the list fields and a dimension
    fc.record({
      not: fewOf(
        [
          ...codeFields,
          fc.record({
            dimensions: fc
              .subarray([...MODELS, 'Nope'], { minLength: 1 })
              .map((values) => [{ name: 'model', values }]),
          }),
        ],
        2,
      ),
    }),
    fc.record({ device: fc.constantFrom('a', 'A2', 'd', 'zz', ' b ', '') }),
    fc.record({ deviceIds: fc.subarray([...DEVICES, 'zz', 'A1']) }),
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
