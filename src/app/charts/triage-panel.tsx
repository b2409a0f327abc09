import { memo, useCallback, useMemo } from 'react';
import type { DimensionValueCounts } from '../../dataset/query-types.ts';
import type { TriageData, TriageLabels } from '../../worker/dataset-protocol.ts';
import { useDatasetWords } from '../dataset-words.tsx';
import type { FilterValue } from '../filter-field-kinds.ts';
import {
  formatBucket,
  formatCount,
  formatDimensionValue,
  formatPercent,
  formatPercentTick,
  formatTime,
} from '../format.ts';
import type { BreakdownBar } from './breakdown-chart.tsx';
import { BreakdownChart, useDimensionSelect } from './breakdown-chart.tsx';
import { ChartCard } from './chart-card.tsx';
import { TooltipBox } from './chart-tooltip.tsx';
import { FailuresByCauseChart } from './failures-by-cause-chart.tsx';
import { FailuresByCodeChart } from './failures-by-code-chart.tsx';
import { LineChartSvg } from './line-chart-svg.tsx';
import { niceAxis } from './nice-ticks.ts';

/**
 * The failures at the catalog's triage stages (SCOMO: download and validation): whose fault, on which
 * server and model, and the share of the unknown-reason code. Its words are the view model's.
 */
export function TriagePanel({
  triage,
  onFilter,
}: {
  triage: TriageData;
  onFilter(value: FilterValue): void;
}) {
  const { failures, serverDimension, modelDimension, labels } = triage;
  const share = useCallback(
    (n: number) => (failures > 0 ? [`${formatPercent(n / failures)} of these failures`] : []),
    [failures],
  );
  const serverBars = useMemo(() => failureBars(triage.byServer, share), [triage.byServer, share]);
  const modelBars = useMemo(() => failureBars(triage.byModel, share), [triage.byModel, share]);
  const server = useDimensionSelect(serverDimension, 'server', onFilter);
  const model = useDimensionSelect(modelDimension, 'model', onFilter);
  return (
    <div className="triage">
      <p className="triage-intro">
        <strong>{formatCount(failures)}</strong> {labels.intro}
      </p>
      <div className="chart-grid">
        <FailuresByCauseChart
          title={labels.causeTitle}
          subtitle={labels.causeSubtitle}
          causes={triage.byCause}
          share={share}
          onFilter={onFilter}
          empty={labels.none}
        />
        <BreakdownChart
          title={labels.serverTitle}
          series="stage"
          valueName="Failures"
          bars={serverBars}
          onSelect={server.onSelect}
          selectLabel={server.selectLabel}
          empty={serverDimension === null ? labels.serverMissing : labels.none}
        />
        <BreakdownChart
          title={labels.modelTitle}
          series="stage"
          valueName="Failures"
          bars={modelBars}
          onSelect={model.onSelect}
          selectLabel={model.selectLabel}
          empty={modelDimension === null ? labels.modelMissing : labels.none}
        />
        {labels.unknown !== null && (
          <UnknownShareChart series={triage.unknownShare} labels={labels.unknown} none={labels.none} />
        )}
        <FailuresByCodeChart codes={triage.byCode} title={labels.codeTitle} onFilter={onFilter} wide />
      </div>
    </div>
  );
}

function failureBars(values: DimensionValueCounts[], share: (n: number) => string[]): BreakdownBar[] {
  return values.map((v) => ({
    key: v.value,
    label: formatDimensionValue(v.value),
    value: v.failures,
    detail: share(v.failures),
  }));
}

interface SharePoint {
  start: number;
  label: string;
  share: number | null;
  unknown: number;
  failures: number;
}

const UnknownShareChart = memo(function UnknownShareChart({
  series,
  labels,
  none,
}: {
  series: TriageData['unknownShare'];
  labels: NonNullable<TriageLabels['unknown']>;
  none: string;
}) {
  const { title, code } = labels;
  const rate = useDatasetWords().palette.series.rate;
  if (series === null) {
    return (
      <ChartCard title={title} columns={[]} rows={[]} empty="The data has no time column.">
        {null}
      </ChartCard>
    );
  }
  const points: SharePoint[] = series.buckets.map((b) => ({
    ...b,
    label: formatBucket(b.start, series.bucket),
  }));
  const axis = niceAxis(Math.max(0, ...points.map((p) => p.share ?? 0)));
  const tooltip = (index: number) => {
    const p = points[index];
    return p === undefined ? null : (
      <TooltipBox
        title={`${formatTime(p.start, 'utc')} (${series.bucket})`}
        lines={[
          p.share === null ? labels.noFailures : `${formatPercent(p.share)} are ${code}`,
          `${formatCount(p.unknown)} of ${formatCount(p.failures)} ${labels.ofShort}`,
        ]}
      />
    );
  };
  return (
    <ChartCard
      title={title}
      subtitle={`Per ${series.bucket} (UTC), of ${labels.of}`}
      columns={[`${series.bucket} (UTC)`, `${code} share`, code, 'Failures']}
      rows={points
        .filter((p) => p.failures > 0)
        .map((p) => ({
          key: String(p.start),
          cells: [
            formatTime(p.start, 'utc'),
            p.share === null ? '—' : formatPercent(p.share),
            formatCount(p.unknown),
            formatCount(p.failures),
          ],
        }))}
      empty={none}
      exportLegend={[{ label: `${code} share`, color: rate }]}
    >
      <LineChartSvg
        title={title}
        points={points.map((p) => ({ label: p.label, value: p.share }))}
        axis={axis}
        format={formatPercentTick}
        stroke={rate}
        tooltip={tooltip}
      />
    </ChartCard>
  );
});
