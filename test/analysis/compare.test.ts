import { describe, expect, it } from 'vitest';
import { DEFAULT_START } from '../../bench/fleet-generator.ts';
import { type CompareRow, compare, splitSides } from '../../src/analysis/compare.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { generatedDataset } from '../support/generated-dataset.ts';

const DAY = 86_400_000;
const whole = (dataset: Dataset, label: string) => ({ dataset, selection: dataset.all(), label });
const significant = (rows: readonly CompareRow[]) => rows.filter((r) => r.q <= 0.05);

describe('compare A against B', () => {
  it('per code, stage, cause and value: rates, Wilson intervals, difference and tests', () => {
    const b = new DatasetBuilder(scomoCatalog);
    const slot = b.dimensionSlot('firmware');
    const add = (code: number, firmware: string, times: number) => {
      const dims: string[] = [];
      dims[slot] = firmware;
      for (let i = 0; i < times; i++) b.add(code, Number.NaN, 1, '', dims);
    };
    add(1404, '5.0.0', 10);
    add(1200, '5.0.0', 190);
    add(1404, '5.0.1', 40);
    add(1200, '5.0.1', 160);
    const ds = b.build();
    const [a, bb] = splitSides(ds, { by: 'dimension', dimension: 'firmware', a: '5.0.0', b: '5.0.1' });
    const result = compare(a, bb, { dimensions: [] });
    expect(result.a).toMatchObject({ label: 'firmware = 5.0.0', operations: 200, failures: 10 });
    const code = result.rows.find((r) => r.kind === 'code');
    expect(code).toMatchObject({ key: '1404', family: 'scomo' });
    expect(code?.difference).toBeCloseTo(0.15, 12);
    expect(code?.a).toMatchObject({ failures: 10, operations: 200, rate: 0.05 });
    expect(code?.a.low).toBeCloseTo(0.02738, 4); // Wilson 95% of 10/200
    expect(code?.a.high).toBeCloseTo(0.08958, 4);
    expect(code?.z).toBeGreaterThan(0);
    expect(code?.p).toBeLessThan(0.001);
    expect(result.rows.map((r) => `${r.kind}:${r.key}`).sort()).toEqual([
      'cause:device',
      'code:1404',
      'stage:download',
    ]);
  });

  it('two draws of the same rollout: nothing significant', () => {
    for (const seed of [1, 3, 5]) {
      const a = generatedDataset({ seed, rows: 30_000, story: false });
      const b = generatedDataset({ seed: seed + 1, rows: 30_000, story: false });
      const result = compare(whole(a, 'A'), whole(b, 'B'));
      expect(result.rows.length).toBeGreaterThan(50);
      expect(significant(result.rows).map((r) => `${r.kind} ${r.dimension ?? ''} ${r.key}`)).toEqual([]);
    }
  });

  it('two rollouts differing in one planted way rank that difference first', () => {
    const a = generatedDataset({ seed: 1, rows: 30_000, story: false });
    const b = generatedDataset({
      seed: 2,
      rows: 30_000,
      story: false,
      plant: [{ kind: 'over-represented', code: 1409, field: 'region', value: 'latam-south', rate: 0.06 }],
    });
    const [first, ...rest] = compare(whole(a, 'A'), whole(b, 'B')).rows;
    // 1409 is scomo's activate failure, cause device: any of these rows names the planted difference
    expect([`${first?.kind}:${first?.key}`]).toContainEqual(
      expect.stringMatching(/^(code:1409|stage:activate|value:latam-south)$/),
    );
    expect(first?.q).toBeLessThan(0.001);
    expect(first?.z).toBeGreaterThan(0);
    const named = (r: CompareRow) =>
      ['code:1409', 'stage:activate', 'cause:device', 'value:latam-south'].includes(`${r.kind}:${r.key}`);
    expect(significant(rest).filter((r) => !named(r))).toEqual([]);
  });

  it('two time windows of one log: a planted regression ranks first', () => {
    const ds = generatedDataset({
      seed: 4,
      rows: 30_000,
      story: false,
      plant: [{ kind: 'window', code: 1502, fromDay: 4, toDay: 6, rate: 0.03 }],
    });
    const before = { from: DEFAULT_START, to: DEFAULT_START + 4 * DAY };
    const during = { from: DEFAULT_START + 4 * DAY, to: DEFAULT_START + 6 * DAY };
    const result = compare(...splitSides(ds, { by: 'time', a: before, b: during }));
    expect(result.a.label).toBe('2026-10-01T00:00:00.000Z – 2026-10-05T00:00:00.000Z');
    expect(result.rows[0]).toMatchObject({ kind: 'code', key: '1502' });
    expect(result.rows[0]?.q).toBeLessThan(0.001);
  });
});
