/**
 * The dashboard view against the reference queries it replaces, on random datasets and filters, and the
 * triage view following its catalog's triage settings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verdictSelection, verdicts } from '../../src/analysis/verdicts.ts';
import type { Cause, Stage } from '../../src/catalog/catalog-types.ts';
import { createCatalog } from '../../src/catalog/create-catalog.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { dimensionRoles } from '../../src/dataset/dimension-roles.ts';
import type { DimensionValueCounts, Filter } from '../../src/dataset/query-types.ts';
import { dashboard, viewFigures } from '../../src/views/dashboard.ts';
import { triageLabels } from '../../src/views/triage.ts';
import type { DashboardData, DashboardQuery, TriageData } from '../../src/views/view-types.ts';
import { build, datasetArb, filterArb, HOUR, T0 } from '../support/random-dataset.ts';
import * as ref from '../support/reference-queries.ts';

const TRIAGE_STAGES: readonly Stage[] = ['download', 'validation'];
/** Every cause a download or validation failure can have. */
const TRIAGE_CAUSES: readonly Cause[] = ['device', 'package', 'network', 'server', 'config', 'unknown'];

/** The `dashboard` answer as it was computed before `overview`: one query per figure. */
function referenceDashboard(ds: Dataset, query: DashboardQuery) {
  const selection = ds.select({ ...query.filter, text: query.search });
  const dimension =
    query.dimension !== null && ds.dimensionNames.includes(query.dimension) ? query.dimension : null;
  return {
    selectedRows: selection.size,
    totalRows: ds.rowCount,
    totals: ref.totals(ds, selection),
    byCode: ref.byCode(ds, selection).filter((c) => c.outcome !== 'success'),
    byCategory: ref.byCategory(ds, selection),
    byStage: ref.byStage(ds, selection),
    byCause: ref.byCause(ds, selection),
    timeSeries: ref.timeSeries(ds, selection),
    timeRange: ref.timeRange(ds, selection),
    dimension: dimension === null ? null : referenceDimension(ds, query, dimension),
    devices: ds.hasDevice ? ref.devices(ds, selection, query.deviceLimit) : [],
    triage: referenceTriage(ds, query),
  };
}

/**
 * The "by dimension" figures: with a result filter (code, status, class, outcome, stage or cause) every
 * operation of each value counts in the denominator, and the rows passing the whole filter in the share.
 */
function referenceDimension(ds: Dataset, query: DashboardQuery, dimension: string) {
  const topByOperations = (values: DimensionValueCounts[]) =>
    [...values].sort((a, b) => b.operations - a.operations).slice(0, 25);
  const { codes, statuses, categories, outcomes, stages, causes, not, ...included } = query.filter;
  // the excludes of the result fields are result filters too; a family or dimension exclude stays
  const rest: Filter = {
    ...included,
    ...(not?.families || not?.dimensions
      ? { not: { families: not.families, dimensions: not.dimensions } }
      : {}),
  };
  const hasResultFilter =
    [codes, statuses, categories, outcomes, stages, causes].some((f) => f !== undefined) ||
    [not?.codes, not?.statuses, not?.categories, not?.outcomes, not?.stages, not?.causes].some(
      (f) => f !== undefined,
    );
  if (!hasResultFilter) {
    const selection = ds.select({ ...query.filter, text: query.search });
    return {
      name: dimension,
      values: topByOperations(ref.byDimension(ds, dimension, selection)),
      share: null,
    };
  }
  const values = topByOperations(ref.byDimension(ds, dimension, ds.select({ ...rest, text: query.search })));
  const passing = ref.byDimension(ds, dimension, ds.select({ ...query.filter, text: query.search }));
  const matching = values.map((v) => passing.find((p) => p.value === v.value)?.operations ?? 0);
  return { name: dimension, values, share: { matching } };
}

/**
 * The answer less the devices' verdicts: those are judged by src/analysis/verdicts.ts, held to a row-by-row
 * oracle of their own (test/analysis/verdicts.test.ts); here they must be that judgement of the listed devices.
 */
function withoutVerdicts(data: DashboardData) {
  return {
    ...data,
    devices: data.devices.map(({ verdict: _v, verdictFailures: _f, retry: _r, ...row }) => row),
  };
}

function referenceTriage(ds: Dataset, query: DashboardQuery): TriageData {
  const topByFailures = (values: DimensionValueCounts[]) =>
    values
      .filter((v) => v.failures > 0)
      .sort((a, b) => b.failures - a.failures)
      .slice(0, 25);
  const stages = (query.filter.stages ?? TRIAGE_STAGES).filter(
    (s) => TRIAGE_STAGES.includes(s) && !query.filter.not?.stages?.includes(s),
  );
  const { server: serverDimension, model: modelDimension } = dimensionRoles(ds.dimensionNames);
  const labels = triageLabels(scomoCatalog.triage, { server: serverDimension, model: modelDimension });
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
      labels,
    };
  }
  const filter: Filter = { ...query.filter, stages };
  const selection = ds.select({ ...filter, text: query.search });
  const series = ref.timeSeries(ds, selection);
  let unknownShare: TriageData['unknownShare'] = null;
  if (series !== null) {
    const codes = query.filter.codes ?? [1505];
    const unknownSelection = codes.includes(1505)
      ? ds.select({ ...filter, codes: [1505], text: query.search })
      : null;
    const unknownByStart = new Map<number, number>();
    if (unknownSelection !== null) {
      for (const b of ref.timeSeries(ds, unknownSelection, series.bucket)?.buckets ?? []) {
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
    failures: ref.totals(ds, selection).failures,
    byCause: ref.byCause(ds, selection).filter((c) => TRIAGE_CAUSES.includes(c.cause)),
    byCode: ref.byCode(ds, selection).filter((c) => c.outcome === 'failure'),
    serverDimension,
    byServer: serverDimension === null ? [] : topByFailures(ref.byDimension(ds, serverDimension, selection)),
    modelDimension,
    byModel: modelDimension === null ? [] : topByFailures(ref.byDimension(ds, modelDimension, selection)),
    unknownShare,
    labels,
  };
}

describe('the dashboard view', () => {
  it('equals the reference queries it replaces', () => {
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
        const data = dashboard(ds, query, selection);
        expect(withoutVerdicts(data)).toEqual(referenceDashboard(ds, query));
        // the Summary's figures, answered on their own before the dashboard, are the dashboard's
        const { selectedRows, totalRows, totals, timeRange } = data;
        expect(viewFigures(ds, selection)).toEqual({ selectedRows, totalRows, totals, timeRange });
        // each listed device's verdict is its judgement on verdictSelection, whichever rows were scanned
        const judged = new Map(
          verdicts(ds, verdictSelection(ds, query.filter))?.devices.map((d) => [d.device, d]),
        );
        expect(data.devices.map((d) => [d.device, d.verdict, d.verdictFailures, d.retry])).toEqual(
          data.devices.map((d) => {
            const v = judged.get(d.device);
            return [d.device, v?.verdict ?? 'no_outcome', v?.failures ?? 0, v?.retry ?? false];
          }),
        );
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
      expect(withoutVerdicts(dashboard(ds, query, selection))).toEqual(referenceDashboard(ds, query));
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

describe('the triage view follows its catalog', () => {
  /**
   * A made-up catalog whose triage is about installing: stages install and activate, code 22 "no reason
   * given", and only the device and unknown causes charted.
   */
  const entry = (code: number, stage: Stage | null, cause: Cause | null) => ({
    from: code,
    to: code,
    message: `m${code}`,
    description: `d${code}`,
    category: stage === null ? 'success' : 'client_error',
    stage,
    cause,
  });
  const installs = {
    id: 'installs',
    title: 'Made-up install codes',
    source: 'made up for this test',
    plausible: (code: number) => code > 0 && code < 100,
    categories: [
      { id: 'success', outcome: 'success', label: 'Success' },
      { id: 'client_error', outcome: 'failure', label: 'Client error' },
    ] as const,
    entries: [
      entry(1, null, null),
      entry(10, 'download', 'network'),
      entry(20, 'install', 'device'),
      entry(21, 'install', 'package'),
      entry(22, 'install', 'unknown'),
      entry(30, 'activate', 'user'),
    ],
    triage: {
      stages: ['install', 'activate'],
      causes: ['device', 'unknown'],
      unknownReasonCode: 22,
      words: { subject: 'Install', causes: 'Device or unknown', unknownReason: 'no reason given' },
    },
  } satisfies Parameters<typeof createCatalog>[0];

  /** Codes at hours 0, 0, 1, 1, 1, …, on one device and the dimension "rollout_host". */
  function dataset(catalog = createCatalog(installs)): Dataset {
    const builder = new DatasetBuilder(catalog);
    builder.enableTime();
    const host = builder.dimensionSlot('rollout_host');
    const rows: [number, number, string][] = [
      [1, 0, 'h1'],
      [10, 0, 'h1'],
      [20, 0, 'h1'],
      [22, 0, 'h2'],
      [22, 1, 'h2'],
      [21, 1, 'h1'],
      [30, 1, 'h2'],
      [10, 1, 'h2'],
    ];
    for (const [code, hour, value] of rows) {
      const dims: string[] = [];
      dims[host] = value;
      builder.add(code, T0 + hour * HOUR, 1, '', dims);
    }
    return builder.build();
  }
  const query = (filter: Filter = {}): DashboardQuery => ({
    filter,
    search: '',
    dimension: null,
    deviceLimit: 0,
  });

  it('counts the failures at its stages, by its causes, with the share of its unknown-reason code', () => {
    const ds = dataset();
    const { triage } = dashboard(ds, query(), ds.all());
    expect(triage.failures).toBe(5);
    expect(triage.byCode.map((c) => [c.code, c.count])).toEqual([
      [22, 2],
      [20, 1],
      [21, 1],
      [30, 1],
    ]);
    expect(triage.byCause).toEqual([
      { cause: 'device', count: 1 },
      { cause: 'unknown', count: 2 },
    ]);
    expect(triage.serverDimension).toBe('rollout_host');
    expect(triage.byServer.map((v) => [v.value, v.failures])).toEqual([
      ['h2', 3],
      ['h1', 2],
    ]);
    expect(triage.unknownShare?.buckets.filter((b) => b.failures > 0)).toEqual([
      { start: T0, failures: 2, unknown: 1, share: 0.5 },
      { start: T0 + HOUR, failures: 3, unknown: 1, share: 1 / 3 },
    ]);
  });

  it('keeps only its own stages of a stage filter', () => {
    const ds = dataset();
    const activate = { stages: ['activate'] as Stage[] };
    expect(dashboard(ds, query(activate), ds.select(activate)).triage.failures).toBe(1);
    const download = { stages: ['download'] as Stage[] };
    const none = dashboard(ds, query(download), ds.select(download)).triage;
    expect(none).toMatchObject({ failures: 0, byCode: [], unknownShare: null });
  });

  it('speaks of its own stages, subject and unknown-reason code', () => {
    const ds = dataset();
    const { labels } = dashboard(ds, query(), ds.all()).triage;
    expect(labels).toEqual({
      intro: 'failures at the install and activate stages for the current filters.',
      none: 'No install or activate failures.',
      causeTitle: 'Install failures by likely cause',
      causeSubtitle: 'Device or unknown',
      serverTitle: 'Install failures by rollout_host',
      serverMissing: 'The data has no install-server column (a column named like server, host or cdn).',
      modelTitle: 'Install failures by model',
      modelMissing: 'The data has no model column.',
      codeTitle: 'Install failures by result code',
      unknown: {
        title: 'Share of 22 “no reason given” over time',
        code: '22',
        of: 'install and activate failures',
        ofShort: 'install/activate failures',
        noFailures: 'No install failures',
      },
    });
  });

  it('charts no unknown-reason share for a catalog without such a code', () => {
    const ds = dataset(
      createCatalog({ ...installs, triage: { ...installs.triage, unknownReasonCode: null } }),
    );
    const { triage } = dashboard(ds, query(), ds.all());
    expect(triage.failures).toBe(5);
    expect(triage.unknownShare).toBeNull();
    expect(triage.labels.unknown).toBeNull();
  });

  it("gives SCOMO's download triage its words", () => {
    const labels = triageLabels(scomoCatalog.triage, { server: 'download_server', model: null });
    expect(labels).toMatchObject({
      intro: 'failures at the download and validation stages for the current filters.',
      none: 'No download or validation failures.',
      causeSubtitle: 'Device (out of memory), network, server, configuration, package or unknown',
      serverTitle: 'Download failures by download_server',
      serverMissing: 'The data has no download-server column (a column named like server, host or cdn).',
      modelTitle: 'Download failures by model',
      unknown: {
        title: 'Share of 1505 “unknown reason” over time',
        code: '1505',
        of: 'download and validation failures',
        ofShort: 'download/validation failures',
        noFailures: 'No download failures',
      },
    });
  });
});

describe('the devices the dashboard lists', () => {
  it('carry the verdicts of their whole history under a code filter, not of the rows it keeps', () => {
    const ds = build(
      [
        { code: 1404, time: T0, device: 'a1', count: 1, model: 'Kestrel', server: 'dl1' },
        { code: 1200, time: T0 + HOUR, device: 'a1', count: 1, model: 'Kestrel', server: 'dl1' },
        { code: 1404, time: T0, device: 'b1', count: 1, model: 'Orca', server: 'dl1' },
      ],
      { time: true, device: true, count: false },
    );
    const query: DashboardQuery = { filter: { codes: [1404] }, search: '', dimension: null, deviceLimit: 10 };
    const listed = dashboard(ds, query, ds.select(query.filter)).devices;
    expect(listed.map((d) => [d.device, d.verdict, d.verdictFailures, d.retry])).toEqual([
      ['a1', 'succeeded_after_failures', 1, false],
      ['b1', 'last_attempt_failed', 1, true],
    ]);
    const judged = verdicts(ds, verdictSelection(ds, query.filter));
    expect(judged?.devices.map((d) => [d.device, d.verdict])).toEqual(
      listed.map((d) => [d.device, d.verdict]),
    );
  });
});
