import { useCallback, useId, useMemo } from 'react';
import { verdictText } from '../../analysis/verdicts.ts';
import type { Stage } from '../../catalog/catalog-types.ts';
import type { Filter } from '../../dataset/query-types.ts';
import { splitResultFilter } from '../../dataset/select.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import type { DashboardData } from '../../worker/dataset-protocol.ts';
import type { FilterValue } from '../filter-field-kinds.ts';
import { filterChips } from '../filter-fields.ts';
import { countOf, formatCount, formatDimensionValue, formatPercent } from '../format.ts';
import { STAGE_LABELS } from '../labels.ts';
import { timeWindowOf } from '../time-zoom.ts';
import type { BreakdownBar } from './breakdown-chart.tsx';
import { BreakdownChart, SMALL_SAMPLE, useDimensionSelect } from './breakdown-chart.tsx';
import { FailuresByCauseChart } from './failures-by-cause-chart.tsx';
import { FailuresByCodeChart } from './failures-by-code-chart.tsx';
import type { TimeZoomActions } from './failures-over-time-chart.tsx';
import { FailuresOverTimeChart } from './failures-over-time-chart.tsx';

const NO_FAILURES = 'No failures for the current filters.';
const NO_FILTER: Filter = {};

/**
 * The Overview's charts. Each chart is memoised and gets props derived here with useMemo/useCallback, so
 * a chart re-renders only when its own figures (or labels) change.
 */
export function OverviewPanel({
  data,
  filter = NO_FILTER,
  dimensionNames,
  dimension,
  onDimension,
  onFilter,
  onDevice,
  timeZoom,
}: {
  data: DashboardData;
  /** The filter the figures were taken under (the result-share chart names its result fields). */
  filter?: Filter;
  dimensionNames: readonly string[];
  dimension: string | null;
  onDimension(name: string): void;
  onFilter(value: FilterValue): void;
  onDevice(device: string): void;
  timeZoom: TimeZoomActions;
}) {
  const failures = data.totals.failures;
  const { timeFrom, timeTo } = filter;
  const window = useMemo(() => timeWindowOf({ timeFrom, timeTo }), [timeFrom, timeTo]);
  const resultLabel = useMemo(
    () =>
      filterChips(splitResultFilter(filter).result ?? {})
        .map((chip) => chip.label)
        .join(' · '),
    [filter],
  );
  const share = useCallback(
    (n: number) => (failures > 0 ? [`${formatPercent(n / failures)} of failures`] : []),
    [failures],
  );

  return (
    <div className="chart-grid">
      <FailuresByCodeChart codes={data.byCode} onFilter={onFilter} />
      <FailuresOverTimeChart series={data.timeSeries} window={window} zoom={timeZoom} />
      <StageChart byStage={data.byStage} share={share} onFilter={onFilter} />
      <FailuresByCauseChart
        title="Failures by likely cause"
        subtitle="Who to call"
        causes={data.byCause}
        share={share}
        onFilter={onFilter}
        empty={NO_FAILURES}
      />
      <DimensionRateChart
        values={data.dimension}
        resultLabel={resultLabel}
        dimensionNames={dimensionNames}
        dimension={dimension}
        onDimension={onDimension}
        onFilter={onFilter}
      />
      <TopDevicesChart
        devices={data.devices}
        // an aggregate's device figures are sums of its devices column, not ids it can list
        hasDevice={
          data.devices.length > 0 || (data.totals.devices !== null && !data.totals.devicesUpperBound)
        }
        onDevice={onDevice}
      />
    </div>
  );
}

function StageChart({
  byStage,
  share,
  onFilter,
}: {
  byStage: DashboardData['byStage'];
  share(n: number): string[];
  onFilter(value: FilterValue): void;
}) {
  const stageBars = useMemo(
    () =>
      byStage
        .filter((s) => s.count > 0)
        .map((s) => ({ key: s.stage, label: STAGE_LABELS[s.stage], value: s.count, detail: share(s.count) })),
    [byStage, share],
  );
  const onStage = useCallback(
    (bar: BreakdownBar) => onFilter({ field: 'stages', value: bar.key as Stage }),
    [onFilter],
  );

  return (
    <BreakdownChart
      title="Failures by stage"
      subtitle="Where the operation failed"
      series="stage"
      valueName="Failures"
      labelWidth={110}
      bars={stageBars}
      onSelect={onStage}
      selectLabel={stageLabel}
      empty={NO_FAILURES}
    />
  );
}

/** The failure rate per value of the chosen dimension, with the choice of dimension. */
function DimensionRateChart({
  values,
  resultLabel,
  dimensionNames,
  dimension,
  onDimension,
  onFilter,
}: {
  values: DashboardData['dimension'];
  /** The result filter's chips ("Code 1404"), which the share is of. */
  resultLabel: string;
  dimensionNames: readonly string[];
  dimension: string | null;
  onDimension(name: string): void;
  onFilter(value: FilterValue): void;
}) {
  const selectId = useId();
  const dimensionData = values;
  const share = dimensionData?.share ?? null;
  const dimensionBars = useMemo(
    () =>
      (dimensionData?.values ?? []).map((v, i) => {
        const matching = share?.matching[i] ?? 0;
        return {
          key: v.value,
          label: formatDimensionValue(v.value),
          value: share === null ? v.failureRate : v.operations > 0 ? matching / v.operations : 0,
          of: { x: share === null ? v.failures : matching, n: v.operations },
          detail: [
            share === null
              ? `${countOf(v.failures, 'failure')} of ${countOf(v.operations, 'operation')}`
              : `${formatCount(matching)} ${resultLabel} of ${countOf(v.operations, 'operation')}`,
          ],
        };
      }),
    [dimensionData, share, resultLabel],
  );
  const dimensionName = dimensionData?.name ?? null;
  const dimensionSelect = useDimensionSelect(dimensionName, '', onFilter);
  const dimensionControls = useMemo(
    () =>
      dimensionNames.length > 0 && (
        <span className="inline-field">
          <label htmlFor={selectId}>Break down by</label>
          <select id={selectId} value={dimension ?? ''} onChange={(e) => onDimension(e.currentTarget.value)}>
            {dimensionNames.map((n) => (
              <option key={n} value={n}>
                {visibleText(n)}
              </option>
            ))}
          </select>
        </span>
      ),
    [dimensionNames, dimension, onDimension, selectId],
  );

  const by = dimension === null ? 'dimension' : visibleText(dimension);
  return (
    <BreakdownChart
      title={share === null ? `Failure rate by ${by}` : `${resultLabel} share by ${by}`}
      subtitle={
        share === null
          ? `Failures ÷ operations per value (most operations first); whiskers: 95% interval, pale: under ${SMALL_SAMPLE} operations`
          : `Share of each value's operations that are ${resultLabel}: the other filters narrow both, the ${resultLabel} filter only the count`
      }
      series="rate"
      valueName={share === null ? 'Failure rate' : `${resultLabel} share`}
      percent
      labelWidth={170}
      controls={dimensionControls}
      bars={dimensionBars}
      onSelect={dimensionSelect.onSelect}
      selectLabel={dimensionSelect.selectLabel}
      empty={
        dimensionNames.length === 0 ? 'The data has no dimension columns.' : 'No operations to break down.'
      }
    />
  );
}

function TopDevicesChart({
  devices,
  hasDevice,
  onDevice,
}: {
  devices: DashboardData['devices'];
  hasDevice: boolean;
  onDevice(device: string): void;
}) {
  const deviceBars = useMemo(
    () =>
      devices
        .filter((d) => d.failures > 0)
        .map((d) => ({
          key: d.device,
          label: visibleText(d.device),
          value: d.failures,
          detail: [
            `${countOf(d.attempts, 'attempt')}, ${countOf(d.successes, 'success', 'successes')}`,
            verdictText(d.verdict, d.verdictFailures),
          ],
        })),
    [devices],
  );
  const onDeviceBar = useCallback((bar: BreakdownBar) => onDevice(bar.key), [onDevice]);

  return (
    <BreakdownChart
      title="Top failing devices"
      subtitle="Click a device to see its history"
      series="device"
      valueName="Failures"
      labelWidth={170}
      bars={deviceBars}
      onSelect={onDeviceBar}
      selectLabel={deviceLabel}
      selectText="History"
      empty={!hasDevice ? 'The data has no device column.' : 'No failing devices.'}
    />
  );
}

const stageLabel = (bar: BreakdownBar) => `by stage ${bar.label}`;
const deviceLabel = (bar: BreakdownBar) => `of ${bar.label}`;
