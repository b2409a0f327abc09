import { describe, expect, it } from 'vitest';
import { type PlantedStory, storiesOf } from '../../bench/fleet-generator.ts';
import { describeFinding, type Finding, findings } from '../../src/analysis/findings.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { generatedDataset } from '../support/generated-dataset.ts';

const LATAM_1409: PlantedStory = {
  kind: 'over-represented',
  code: 1409,
  field: 'region',
  value: 'latam-south',
  rate: 0.05,
};

/** The stories' (code, dimension, value) triples, read from the generator's ground truth. */
function storyTriples(
  stories: Record<string, unknown>[],
): { codes: number[]; dimension: string; value: string }[] {
  return stories.flatMap((s) => {
    const codes = (s.codes as number[] | undefined) ?? [s.code as number];
    if (s.kind === 'over-represented')
      return [{ codes, dimension: s.field as string, value: s.value as string }];
    return ['model', 'firmware', 'server']
      .filter((field) => typeof s[field] === 'string')
      .map((field) => ({ codes, dimension: field, value: s[field] as string }));
  });
}

/** A finding names a story when its code is one of the story's (or its cause is theirs) on a story's value. */
function namesAStory(f: Finding, triples: ReturnType<typeof storyTriples>): boolean {
  return triples.some(
    (t) =>
      t.dimension === f.dimension &&
      t.value === f.value &&
      (f.subject === 'code'
        ? t.codes.includes(f.code ?? -1)
        : t.codes.some((c) => scomoCatalog.lookup(c).cause === f.cause)),
  );
}

describe('findings: what is different about the failures', () => {
  it('in words, with the figures behind them, on a small log', () => {
    const b = new DatasetBuilder(scomoCatalog);
    const slot = b.dimensionSlot('model');
    const add = (code: number, model: string, times: number) => {
      const dims: string[] = [];
      dims[slot] = model;
      for (let i = 0; i < times; i++) b.add(code, Number.NaN, 1, '', dims);
    };
    add(1404, 'SM-T200', 60);
    add(1200, 'SM-T200', 40);
    add(1404, 'Other', 10);
    add(1200, 'Other', 890);
    const ds = b.build();
    const [top, ...rest] = findings(ds, ds.all());
    expect(top).toMatchObject({
      subject: 'code',
      label: '1404',
      dimension: 'model',
      value: 'SM-T200',
      failures: 60,
      subjectFailures: 70,
      operations: 100,
      totalOperations: 1000,
    });
    expect(top?.lift).toBeCloseTo(60 / 70 / (100 / 1000), 10);
    expect(describeFinding(top as Finding)).toBe(
      '1404 is 8.6× over-represented on model = SM-T200: 60 of its 70 failures, on 10.0% of operations, p < 0.001',
    );
    // the same failures read as their cause, "device"; nothing is over-represented on "Other"
    expect(rest.map((f) => [f.subject, f.label, f.value])).toEqual([['cause', 'device', 'SM-T200']]);
  });

  it('ranks the planted stories first, and finds each of them', () => {
    const options = { seed: 1, rows: 40_000, plant: [LATAM_1409] };
    const ds = generatedDataset(options);
    const found = findings(ds, ds.all());
    const triples = storyTriples(storiesOf(options));
    const storied = found.map((f) => namesAStory(f, triples));
    const firstOther = storied.indexOf(false);
    // every finding that names a story comes before any that does not
    if (firstOther >= 0) expect(storied.slice(firstOther)).not.toContain(true);
    // each story is found: the out-of-memory firmware and model, the flaky server, the planted region
    for (const t of triples)
      expect(
        found.some((f) => namesAStory(f, [t])),
        JSON.stringify(t),
      ).toBe(true);
    // BH at 1% allows a few false discoveries among many true ones; this seed has one in twelve
    expect(storied.filter((s) => !s).length).toBeLessThanOrEqual(Math.ceil(0.1 * found.length));
  });

  it('a log with no planted story gives no finding at the default threshold', () => {
    for (const seed of [2, 3, 4]) {
      const ds = generatedDataset({ seed, rows: 40_000, story: false });
      expect(findings(ds, ds.all()).map(describeFinding)).toEqual([]);
    }
  });

  it('leaves the operation out unless asked: a code belongs to its operation', () => {
    const ds = generatedDataset({ seed: 2, rows: 20_000, story: false });
    expect(findings(ds, ds.all())).toEqual([]);
    const onOperation = findings(ds, ds.all(), { dimensions: ['operation'] });
    expect(onOperation.some((f) => f.label === '1409' && f.value === 'activate')).toBe(true);
  });
});
