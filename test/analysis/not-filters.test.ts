/**
 * The excluded values (Filter.not) in every consumer of a filter besides the selection itself: the
 * verdicts' rows, a comparison's sides, the summary JSON's echo and its figures.
 */
import { describe, expect, it } from 'vitest';
import { splitSides } from '../../src/analysis/compare.ts';
import { verdictKey, verdictSelection } from '../../src/analysis/verdicts.ts';
import type { Filter } from '../../src/dataset/query-types.ts';
import { buildSummary } from '../../src/report/summary.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { build, T0 } from '../support/random-dataset.ts';

const ds = build(
  [
    { code: 1200, time: T0, device: 'a1', count: 1, model: 'Kestrel', server: 'dl1' },
    { code: 1404, time: T0 + 1, device: 'a1', count: 1, model: 'Kestrel', server: 'dl1' },
    { code: 1200, time: T0 + 2, device: 'b1', count: 1, model: 'Orca', server: 'dl2' },
    { code: 1504, time: T0 + 3, device: 'b1', count: 1, model: 'Orca', server: 'dl1' },
    { code: 1404, time: T0 + 4, device: 'c', count: 1, model: 'Aurora', server: 'dl2' },
  ],
  { time: true, device: true, count: false },
);
const rowsOf = (f: Filter) => [...(ds.select(f).rows ?? [])];

describe('excluded values (NOT) beyond the selection', () => {
  it('the verdicts are judged on the rows an excluded dimension value leaves, whatever code is excluded', () => {
    const notKestrel: Filter = { not: { dimensions: [{ name: 'model', values: ['Kestrel'] }] } };
    expect([...(verdictSelection(ds, notKestrel).rows ?? [])]).toEqual([2, 3, 4]);
    // a code exclude would cut a device's history short: not applied to verdicts, like a code include
    expect(verdictSelection(ds, { not: { codes: [1404] } }).rows).toBeNull();
    expect([
      ...(verdictSelection(ds, { ...notKestrel, not: { ...notKestrel.not, codes: [1404] } }).rows ?? []),
    ]).toEqual([2, 3, 4]);
  });

  it('the verdict cache keys an excluded dimension value apart, and not an excluded code', () => {
    const notKestrel: Filter = { not: { dimensions: [{ name: 'model', values: ['Kestrel'] }] } };
    expect(verdictKey(notKestrel)).not.toBe(verdictKey({}));
    expect(verdictKey(notKestrel)).not.toBe(verdictKey({ dimensions: notKestrel.not?.dimensions ?? [] }));
    expect(verdictKey({ not: { codes: [1404] } })).toBe(verdictKey({}));
  });

  it("a comparison's side of a value replaces the filter's exclude of that dimension, and keeps the others", () => {
    const filter: Filter = {
      not: {
        dimensions: [
          { name: 'model', values: ['Orca'] },
          { name: 'download_server', values: ['dl2'] },
        ],
      },
    };
    const [orca, kestrel] = splitSides(
      ds,
      { by: 'dimension', dimension: 'model', a: 'Orca', b: 'Kestrel' },
      filter,
    );
    expect([...(orca.selection.rows ?? [])]).toEqual([3]);
    expect([...(kestrel.selection.rows ?? [])]).toEqual([0, 1]);
    const [early] = splitSides(
      ds,
      { by: 'time', a: { from: T0, to: T0 + 3 }, b: { from: T0 + 3, to: T0 + 9 } },
      filter,
    );
    expect([...(early.selection.rows ?? [])]).toEqual(rowsOf({ ...filter, timeFrom: T0, timeTo: T0 + 3 }));
    expect([...(early.selection.rows ?? [])]).toEqual([0, 1]);
  });

  it('the summary JSON counts without the excluded values and echoes them under `not`', async () => {
    const { dataset, report } = await ingestFiles({
      'log.csv': 'code,device,model\n1200,a,X\n1404,a,X\n1404,b,Y\n1504,c,Y\n',
    });
    const filter: Filter = { not: { codes: [1404] } };
    const summary = buildSummary(dataset, report, filter);
    expect(summary.totals.operations).toBe(2);
    expect(summary.totals.failures).toBe(1);
    expect(summary.filter).toEqual(filter);
    // an exclude with nothing in it is no filter
    expect(buildSummary(dataset, report, { not: {} }).filter).toBeNull();
  });
});
