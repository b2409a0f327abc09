import type { TooltipContentProps } from 'recharts';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Category } from '../../catalog/catalog-types.ts';
import type { TimeSeries } from '../../dataset/query-types.ts';
import type { FilterValue } from '../filter-model.ts';
import { BUCKET_MS, formatBucket, formatCount, formatTime } from '../format.ts';
import { CATEGORY_COLORS, CATEGORY_LABELS } from '../labels.ts';
import { ChartCard } from './chart-card.tsx';
import { hovered, TooltipBox } from './chart-tooltip.tsx';

const FAILURE_CATEGORIES: readonly Category[] = [
  'client_error',
  'client_error_vendor',
  'download_server_error',
  'download_server_error_vendor',
  'unrecognized',
];

type Point = Record<Category, number> & {
  start: number;
  label: string;
  failures: number;
  operations: number;
};

export function FailuresOverTimeChart({
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
  const size = BUCKET_MS[series.bucket];
  const points: Point[] = series.buckets.map((b) => ({
    ...b.byCategory,
    start: b.start,
    label: formatBucket(b.start, series.bucket),
    failures: b.failures,
    operations: b.operations,
  }));
  const present = FAILURE_CATEGORIES.filter((c) => points.some((p) => p[c] > 0));
  const selectBucket = (p: Point) => onFilter({ field: 'time', from: p.start, to: p.start + size });
  const tooltip = (props: TooltipContentProps) => {
    const p = hovered<Point>(props);
    if (p === null) return null;
    return (
      <TooltipBox
        title={`${formatTime(p.start)} (${series.bucket})`}
        lines={[
          `${formatCount(p.failures)} failures of ${formatCount(p.operations)} operations`,
          ...present.filter((c) => p[c] > 0).map((c) => `${CATEGORY_LABELS[c]}: ${formatCount(p[c])}`),
        ]}
      />
    );
  };
  return (
    <ChartCard
      title="Failures over time"
      subtitle={`Per ${series.bucket} (UTC), stacked by result-code class; click a bar to keep that ${series.bucket}`}
      columns={[`${series.bucket} (UTC)`, 'Failures', 'Operations']}
      rows={points
        .filter((p) => p.operations > 0)
        .map((p) => ({
          key: String(p.start),
          cells: [formatTime(p.start), formatCount(p.failures), formatCount(p.operations)],
          onSelect: () => selectBucket(p),
          selectLabel: `to ${formatTime(p.start)}`,
        }))}
    >
      <BarChart
        data={points}
        responsive
        style={{ width: '100%', height: 300 }}
        margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
      >
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="label" minTickGap={24} tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} tickFormatter={formatCount} width={56} />
        <Tooltip content={tooltip} cursor={{ fillOpacity: 0.08 }} />
        <Legend
          formatter={(value: string) => (
            <span className="legend-label">{CATEGORY_LABELS[value as Category] ?? value}</span>
          )}
        />
        {present.map((c) => (
          <Bar
            key={c}
            dataKey={c}
            stackId="failures"
            fill={CATEGORY_COLORS[c]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(item) => selectBucket(item.payload as Point)}
          />
        ))}
      </BarChart>
    </ChartCard>
  );
}
