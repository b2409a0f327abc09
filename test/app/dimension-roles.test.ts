/**
 * "Which dimension is the model / the download server" has one answer, whoever asks: the triage view's
 * breakdowns (the worker's dashboard) and the Overview's first dimension (the app's restored view).
 */
import { describe, expect, it } from 'vitest';
import { fitViewToDimensions, INITIAL_VIEW } from '../../src/app/view-state.ts';
import { dimensionRoles } from '../../src/dataset/dimension-roles.ts';
import { dashboardFor, loadedService } from './dashboard-fixture.ts';

/** A small log whose dimension columns are `names`, each row failing at the download stage. */
function logWith(names: readonly string[]): string {
  const header = ['time', 'device_id', 'result_code', ...names].join(',');
  const rows = [1, 2, 3].map((i) =>
    [`2024-05-01T0${i}:00:00Z`, `dev-${i}`, 1505, ...names.map((n) => `${n}-${i % 2}`)].join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

describe('dimension roles', () => {
  it.each([
    { names: ['region', 'model', 'download_server'], model: 'model', server: 'download_server' },
    // a name that says "model" wins over an earlier one that only says hardware
    { names: ['hw_rev', 'model', 'cdn_host'], model: 'model', server: 'cdn_host' },
    { names: ['region', 'device_type', 'mirror'], model: 'device_type', server: 'mirror' },
    { names: ['region', 'firmware'], model: null, server: null },
    { names: [], model: null, server: null },
  ])('$names → model $model, server $server', ({ names, model, server }) => {
    expect(dimensionRoles(names)).toEqual({ model, server });
  });

  it.each([
    ['region', 'device_type', 'download_server'],
    ['hw_rev', 'firmware', 'model'],
    ['region', 'firmware'],
  ])('the page picks the same model for the Overview and for triage: %s', async (...names) => {
    const { service, info } = await loadedService(logWith(names), 'roles.csv');
    expect(info.dimensionNames).toEqual(names);
    const data = await dashboardFor(service, { dimension: null });
    const fitted = fitViewToDimensions(INITIAL_VIEW, info.dimensionNames);
    expect(data.triage.modelDimension).toBe(dimensionRoles(names).model);
    expect(fitted.dimension).toBe(data.triage.modelDimension ?? names[0]);
  });
});
