import { describe, expect, it } from 'vitest';
import { verdicts } from '../../src/analysis/verdicts.ts';
import { analysisView, compareView, deviceIdList, viewFilter } from '../../src/views/analysis-view.ts';
import { dashboard } from '../../src/views/dashboard.ts';
import type { ViewQuery } from '../../src/views/view-types.ts';
import { generatedDataset } from '../support/generated-dataset.ts';

const ds = generatedDataset({ seed: 3, rows: 20_000 });
const all: ViewQuery = { filter: {}, search: '' };

describe('the analyses as the page asks for them', () => {
  it('the view’s top findings in words, and its devices by verdict', () => {
    const a = analysisView(ds, all, ds.select({}));
    expect(a.findings.length).toBeGreaterThan(0);
    expect(a.findings.length).toBeLessThanOrEqual(5);
    expect(a.findings[0]?.text).toMatch(/^140[46] is [\d.]+× over-represented on firmware = 5\.0\.0-rc2: /);
    const judged = verdicts(ds, ds.all());
    expect(a.verdicts?.counts).toEqual(judged?.counts);
    expect(a.verdicts?.keys).toEqual(['component', 'operation']);
    // a filter on a model narrows both
    const kestrel: ViewQuery = {
      filter: { dimensions: [{ name: 'model', values: ['Kestrel Mini'] }] },
      search: '',
    };
    const narrowed = analysisView(ds, kestrel, ds.select(kestrel.filter));
    const devices = (v: typeof a) => Object.values(v.verdicts?.counts ?? {}).reduce((x, y) => x + y, 0);
    expect(devices(narrowed)).toBeLessThan(devices(a));
  });

  it('device ids to retry, and of one verdict, one per line, as many as counted', () => {
    const a = analysisView(ds, all, ds.all());
    const retry = deviceIdList(ds, all, 'retry');
    expect(retry.endsWith('\n')).toBe(true);
    expect(retry.split('\n').slice(0, -1)).toHaveLength(a.verdicts?.retry ?? -1);
    const never = deviceIdList(ds, all, 'never_succeeded').split('\n').slice(0, -1);
    expect(never).toHaveLength(a.verdicts?.counts.never_succeeded ?? -1);
    for (const id of never) expect(retry.split('\n')).toContain(id);
  });

  it('compares within the view’s rows, leaving the split’s dimension out, at most 40 rows', () => {
    const c = compareView(ds, all, { by: 'dimension', dimension: 'firmware', a: '5.0.0', b: '5.0.0-rc2' });
    expect(c.a.label).toBe('firmware = 5.0.0');
    expect(c.rows.length).toBeLessThanOrEqual(40);
    expect(c.rows.some((r) => r.dimension === 'firmware')).toBe(false);
    expect(`${c.rows[0]?.kind}:${c.rows[0]?.key}`).toMatch(
      /^(code:140[46]|cause:device|value:Kestrel Mini)$/,
    );
    const filtered = compareView(
      ds,
      { filter: { dimensions: [{ name: 'region', values: ['eu-west'] }] }, search: '' },
      { by: 'dimension', dimension: 'firmware', a: '5.0.0', b: '5.0.0-rc2' },
    );
    expect(filtered.a.operations).toBeLessThan(c.a.operations);
  });

  it('a view of one verdict holds exactly its devices, whatever else it filters', () => {
    const a = analysisView(ds, all, ds.all());
    const never: ViewQuery = { filter: {}, search: '', verdict: 'never_succeeded' };
    const data = dashboard(
      ds,
      { ...never, dimension: null, deviceLimit: 5 },
      ds.select(viewFilter(ds, never)),
    );
    expect(data.totals.devices).toBe(a.verdicts?.counts.never_succeeded);
    expect(data.devices.every((d) => d.verdict === 'never_succeeded')).toBe(true);
    // with a code filter too: the verdicts are still judged on the devices' whole history
    const retry1404: ViewQuery = { filter: { codes: [1404] }, search: '', verdict: 'retry' };
    const ids = new Set(deviceIdList(ds, all, 'retry').split('\n'));
    const sel = ds.select(viewFilter(ds, retry1404));
    for (const row of sel.rows ?? []) {
      const e = ds.event(row);
      expect(e.code).toBe(1404);
      expect(ids.has(e.device ?? '')).toBe(true);
    }
    expect(sel.size).toBeGreaterThan(0);
  });
});
