import { memo, useCallback, useMemo } from 'react';
import type { TooltipContentProps } from 'recharts';
import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { Category } from '../../catalog/catalog-types.ts';
import type { TimeSeries } from '../../dataset/query-types.ts';
import { CategoryLegend, categoryFill, useDatasetWords } from '../dataset-words.tsx';
import type { FilterValue } from '../filter-field-kinds.ts';
import {
  BUCKET_MS,
  countOf,
  formatBucket,
  formatCount,
  formatPercent,
  formatPercentTick,
  formatTime,
} from '../format.ts';
import { categoryLabel } from '../labels.ts';
import { ChartCard } from './chart-card.tsx';
import { useCategoryExportLegend } from './chart-export-context.tsx';
import { BAR_CURSOR, hovered, TooltipBox } from './chart-tooltip.tsx';
import { niceAxis } from './nice-ticks.ts';

interface Point {
  byCategory: Record<Category, number>;
  start: number;
  label: string;
  failures: number;
  operations: number;
  /** failures / operations; null for a bucket without operations (the line skips it). */
  rate: number | null;
}

const MARGIN = { top: 8, right: 4, bottom: 4, left: 4 };
const STYLE = { width: '100%', height: 300 };
const X_TICK = { fontSize: 12 };
const countTick = (v: number) => formatCount(v);
/** The rate line in the text's colour: it stands apart from every class's fill, light or dark. */
const RATE_STROKE = 'currentColor';

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

/** The series' buckets as chart points, with each bucket's failure rate. */
function usePoints(series: TimeSeries): Point[] {
  const { bucket } = series;
  return useMemo(
    () =>
      series.buckets.map((b) => ({
        byCategory: b.byCategory,
        start: b.start,
        label: formatBucket(b.start, bucket),
        failures: b.failures,
        operations: b.operations,
        rate: b.operations > 0 ? b.failures / b.operations : null,
      })),
    [series, bucket],
  );
}

/** The tooltip of a bucket: its failures of its operations, and its classes with rows. */
function useTooltip(bucket: TimeSeries['bucket'], present: readonly Category[]) {
  return useCallback(
    (props: TooltipContentProps) => {
      const p = hovered<Point>(props);
      if (p === null) return null;
      return (
        <TooltipBox
          title={`${formatTime(p.start, 'utc')} (${bucket})`}
          lines={[
            `${countOf(p.failures, 'failure')} of ${countOf(p.operations, 'operation')}${p.rate === null ? '' : ` (${formatPercent(p.rate)})`}`,
            ...present
              .filter((c) => (p.byCategory[c] ?? 0) > 0)
              .map((c) => `${categoryLabel(c)}: ${formatCount(p.byCategory[c] ?? 0)}`),
          ]}
        />
      );
    },
    [bucket, present],
  );
}

/** The chart's table: one row per bucket with operations, a row click keeps that bucket. */
function useTable(points: readonly Point[], bucket: TimeSeries['bucket'], selectBucket: (p: Point) => void) {
  const rows = useMemo(
    () =>
      points
        .filter((p) => p.operations > 0)
        .map((p) => ({
          key: String(p.start),
          cells: [
            formatTime(p.start, 'utc'),
            formatCount(p.failures),
            formatCount(p.operations),
            p.rate === null ? '—' : formatPercent(p.rate),
          ],
          onSelect: () => selectBucket(p),
          selectLabel: `to ${formatTime(p.start, 'utc')}`,
        })),
    [points, selectBucket],
  );
  const columns = useMemo(() => [`${bucket} (UTC)`, 'Failures', 'Operations', 'Failure rate'], [bucket]);
  return { rows, columns };
}

/** The count axis (the stacked classes' highest bucket) and the rate axis. */
function useAxes(points: readonly Point[], present: readonly Category[]) {
  const rateAxis = useMemo(() => niceAxis(Math.max(0, ...points.map((p) => p.rate ?? 0))), [points]);
  const axis = useMemo(
    () =>
      niceAxis(
        Math.max(0, ...points.map((p) => present.reduce((sum, c) => sum + (p.byCategory[c] ?? 0), 0))),
        {
          integer: true,
        },
      ),
    [points, present],
  );
  return { axis, rateAxis };
}

function SeriesChart({ series, onFilter }: { series: TimeSeries; onFilter(value: FilterValue): void }) {
  const { bucket } = series;
  const size = BUCKET_MS[bucket];
  const points = usePoints(series);
  const words = useDatasetWords();
  // the dataset's classes of failure and unrecognized results, in the catalogs' order, that have rows
  const present = useMemo(
    () =>
      [...words.categories.values()]
        .filter((s) => s.outcome === 'failure' || s.outcome === 'unrecognized')
        .map((s) => s.id)
        .filter((c) => points.some((p) => (p.byCategory[c] ?? 0) > 0)),
    [points, words],
  );
  const selectBucket = useCallback(
    (p: Point) => onFilter({ field: 'time', from: p.start, to: p.start + size }),
    [onFilter, size],
  );
  const onBarClick = useCallback(
    (item: { payload?: unknown }) => selectBucket(item.payload as Point),
    [selectBucket],
  );
  const tooltip = useTooltip(bucket, present);
  const { rows, columns } = useTable(points, bucket, selectBucket);
  const categoryLegend = useCategoryExportLegend(present);
  const exportLegend = useMemo(
    () => [...categoryLegend, { label: 'Failure rate (line, right axis)', color: RATE_STROKE }],
    [categoryLegend],
  );
  const { axis, rateAxis } = useAxes(points, present);
  return (
    <ChartCard
      title="Failures over time"
      subtitle={`Per ${bucket} (UTC): failures stacked by result class (left axis), the failure rate as a line (right axis); click a bar to keep that ${bucket}`}
      columns={columns}
      rows={rows}
      legend={<CategoryLegend ids={present} label="Failures over time: result classes" />}
      exportLegend={exportLegend}
    >
      <ComposedChart data={points} responsive style={STYLE} margin={MARGIN}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="label" minTickGap={24} tick={X_TICK} />
        <YAxis ticks={axis.ticks} domain={axis.domain} interval={0} tickFormatter={countTick} width={56} />
        <YAxis
          yAxisId="rate"
          orientation="right"
          ticks={rateAxis.ticks}
          domain={rateAxis.domain}
          interval={0}
          tickFormatter={formatPercentTick}
          width={48}
        />
        <Tooltip content={tooltip} cursor={BAR_CURSOR} />
        {present.map((c) => (
          <Bar
            key={c}
            dataKey={`byCategory.${c}`}
            stackId="failures"
            name={categoryLabel(c)}
            fill={categoryFill(words, c)}
            isAnimationActive={false}
            cursor="pointer"
            onClick={onBarClick}
          />
        ))}
        <Line
          yAxisId="rate"
          dataKey="rate"
          name="Failure rate"
          type="linear"
          stroke={RATE_STROKE}
          strokeWidth={2}
          dot={points.length <= 60 ? { r: 2.5, fill: RATE_STROKE } : false}
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartCard>
  );
}
