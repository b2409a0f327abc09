import { memo, useCallback, useMemo } from 'react';
import type { TooltipContentProps } from 'recharts';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScomoCategory } from '../../catalog/scomo-catalog.ts';
import type { TimeSeries } from '../../dataset/query-types.ts';
import type { FilterValue } from '../filter-field-kinds.ts';
import { BUCKET_MS, countOf, formatBucket, formatCount, formatTime } from '../format.ts';
import { CATEGORY_COLORS, CATEGORY_LABELS } from '../labels.ts';
import { ChartCard } from './chart-card.tsx';
import { BAR_CURSOR, hovered, TooltipBox } from './chart-tooltip.tsx';
import { niceAxis } from './nice-ticks.ts';

const FAILURE_CATEGORIES: readonly ScomoCategory[] = [
  'client_error',
  'client_error_vendor',
  'download_server_error',
  'download_server_error_vendor',
  'unrecognized',
];

type Point = Record<ScomoCategory, number> & {
  start: number;
  label: string;
  failures: number;
  operations: number;
};

const MARGIN = { top: 8, right: 16, bottom: 4, left: 4 };
const STYLE = { width: '100%', height: 300 };
const X_TICK = { fontSize: 12 };
const countTick = (v: number) => formatCount(v);
const legendLabel = (value: string) => (
  <span className="legend-label">{CATEGORY_LABELS[value] ?? value}</span>
);

/** Failures per time bucket, stacked by result-code class; a bar click keeps that bucket. Memoised. */
export const FailuresOverTimeChart = memo(function FailuresOverTimeChart({
  series,
  onFilter,
}: {
  series: TimeSeries | null;
  onFilter(value: FilterValue): void;
}) {
  if (series === null) {
    return (
      <ChartCard title="Failures over time" columns={[]} rows={[]} empty="The data has no time column.">
        {null}
      </ChartCard>
    );
  }
  return <SeriesChart series={series} onFilter={onFilter} />;
});

function SeriesChart({ series, onFilter }: { series: TimeSeries; onFilter(value: FilterValue): void }) {
  const { bucket } = series;
  const size = BUCKET_MS[bucket];
  const points: Point[] = useMemo(
    () =>
      series.buckets.map((b) => ({
        ...(b.byCategory as Record<ScomoCategory, number>),
        start: b.start,
        label: formatBucket(b.start, bucket),
        failures: b.failures,
        operations: b.operations,
      })),
    [series, bucket],
  );
  const present = useMemo(() => FAILURE_CATEGORIES.filter((c) => points.some((p) => p[c] > 0)), [points]);
  const selectBucket = useCallback(
    (p: Point) => onFilter({ field: 'time', from: p.start, to: p.start + size }),
    [onFilter, size],
  );
  const onBarClick = useCallback(
    (item: { payload?: unknown }) => selectBucket(item.payload as Point),
    [selectBucket],
  );
  const tooltip = useCallback(
    (props: TooltipContentProps) => {
      const p = hovered<Point>(props);
      if (p === null) return null;
      return (
        <TooltipBox
          title={`${formatTime(p.start)} (${bucket})`}
          lines={[
            `${countOf(p.failures, 'failure')} of ${countOf(p.operations, 'operation')}`,
            ...present.filter((c) => p[c] > 0).map((c) => `${CATEGORY_LABELS[c]}: ${formatCount(p[c])}`),
          ]}
        />
      );
    },
    [bucket, present],
  );
  const rows = useMemo(
    () =>
      points
        .filter((p) => p.operations > 0)
        .map((p) => ({
          key: String(p.start),
          cells: [formatTime(p.start), formatCount(p.failures), formatCount(p.operations)],
          onSelect: () => selectBucket(p),
          selectLabel: `to ${formatTime(p.start)}`,
        })),
    [points, selectBucket],
  );
  const columns = useMemo(() => [`${bucket} (UTC)`, 'Failures', 'Operations'], [bucket]);
  const axis = useMemo(
    () =>
      niceAxis(Math.max(0, ...points.map((p) => present.reduce((sum, c) => sum + p[c], 0))), {
        integer: true,
      }),
    [points, present],
  );
  const legend = useMemo(
    () =>
      present.map((c) => ({
        label: CATEGORY_LABELS[c] ?? c,
        color: CATEGORY_COLORS[c] ?? CATEGORY_COLORS.unrecognized ?? 'gray',
      })),
    [present],
  );
  return (
    <ChartCard
      title="Failures over time"
      subtitle={`Per ${bucket} (UTC), stacked by result-code class; click a bar to keep that ${bucket}`}
      columns={columns}
      rows={rows}
      legend={legend}
    >
      <BarChart data={points} responsive style={STYLE} margin={MARGIN}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="label" minTickGap={24} tick={X_TICK} />
        <YAxis ticks={axis.ticks} domain={axis.domain} interval={0} tickFormatter={countTick} width={56} />
        <Tooltip content={tooltip} cursor={BAR_CURSOR} />
        <Legend formatter={legendLabel} />
        {present.map((c) => (
          <Bar
            key={c}
            dataKey={c}
            stackId="failures"
            fill={CATEGORY_COLORS[c]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={onBarClick}
          />
        ))}
      </BarChart>
    </ChartCard>
  );
}
