import { memo, useCallback, useMemo } from 'react';
import type { Category } from '../../catalog/catalog-types.ts';
import type { TimeSeries } from '../../dataset/query-types.ts';
import { CategoryLegend, categoryFill, useDatasetWords } from '../dataset-words.tsx';
import {
  countOf,
  formatBucket,
  formatCount,
  formatPercent,
  formatPercentTick,
  formatTime,
  formatTimeRange,
} from '../format.ts';
import { categoryLabel } from '../labels.ts';
import type { TimeWindow } from '../time-zoom.ts';
import { bucketWindow } from '../time-zoom.ts';
import { ChartCard } from './chart-card.tsx';
import { useCategoryExportLegend } from './chart-export-context.tsx';
import { TooltipBox } from './chart-tooltip.tsx';
import { useRovingFocus } from './focusable-bar.tsx';
import { niceAxis } from './nice-ticks.ts';
import type { BrushStore } from './time-brush.tsx';
import { useBrushRange, useBrushStore } from './time-brush.tsx';
import type { TimeColumn } from './time-chart-svg.tsx';
import { TimeChartSvg } from './time-chart-svg.tsx';

interface Point {
  /** The bucket's place in the series. */
  index: number;
  byCategory: Record<Category, number>;
  start: number;
  label: string;
  failures: number;
  operations: number;
  /** failures / operations; null for a bucket without operations (the line skips it). */
  rate: number | null;
}

const countTick = (v: number) => formatCount(v);
/** The rate line in the text's colour: it stands apart from every class's fill, light or dark. */
const RATE_STROKE = 'currentColor';

/** What the time chart does to the view's time window: zoom in to a window, out one level, or to all. */
export interface TimeZoomActions {
  zoomTo(window: TimeWindow): void;
  zoomOut(): void;
  fullRange(): void;
}

/**
 * Failures per time bucket, stacked by result-code class; a drag across buckets (or a click on one, or
 * Shift+arrows and Enter) zooms the time filter to them; "Zoom out" steps back. Memoised.
 */
export const FailuresOverTimeChart = memo(function FailuresOverTimeChart({
  series,
  window,
  zoom,
}: {
  series: TimeSeries | null;
  /** The view's time window; null for the full range. */
  window: TimeWindow | null;
  zoom: TimeZoomActions;
}) {
  if (series === null) {
    return (
      <ChartCard title="Failures over time" columns={[]} rows={[]} empty="The data has no time column.">
        {null}
      </ChartCard>
    );
  }
  return <SeriesChart series={series} window={window} zoom={zoom} />;
});

/** The series' buckets as chart points, with each bucket's failure rate. */
function usePoints(series: TimeSeries): Point[] {
  const { bucket } = series;
  return useMemo(
    () =>
      series.buckets.map((b, index) => ({
        index,
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
function useTooltip(points: readonly Point[], bucket: TimeSeries['bucket'], present: readonly Category[]) {
  return useCallback(
    (index: number) => {
      const p = points[index];
      if (p === undefined) return null;
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
    [points, bucket, present],
  );
}

/** The chart's table: one row per bucket with operations, a row's button keeps that bucket. */
function useTable(
  points: readonly Point[],
  bucket: TimeSeries['bucket'],
  commit: (a: number, b: number) => void,
) {
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
          onSelect: () => commit(p.index, p.index),
          selectLabel: `to ${formatTime(p.start, 'utc')}`,
        })),
    [points, commit],
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

/**
 * Buckets `a` to `b` as a window (time-zoom.ts), with their figures; null when they hold no operation (a
 * window of nothing is no view to zoom to).
 */
function rangeOf(
  points: readonly Point[],
  bucketMs: number,
  window: TimeWindow | null,
  a: number,
  b: number,
) {
  const chosen = points.slice(Math.min(a, b), Math.max(a, b) + 1);
  const operations = chosen.reduce((n, p) => n + p.operations, 0);
  const range = bucketWindow(
    points.map((p) => p.start),
    bucketMs,
    a,
    b,
    window,
  );
  if (range === null || operations === 0) return null;
  return { range, operations, failures: chosen.reduce((n, p) => n + p.failures, 0), buckets: chosen.length };
}

/** A bucket's accessible name: its time range (UTC, as the chart's axis), failures and operations. */
function useBucketLabel(points: readonly Point[], bucketMs: number, window: TimeWindow | null) {
  return useCallback(
    (index: number) => {
      const p = points[index] as Point;
      const r = rangeOf(points, bucketMs, window, index, index);
      const when = formatTimeRange(r?.range ?? { from: p.start, to: p.start + bucketMs }, 'utc');
      return `${when}: ${countOf(p.failures, 'failure')} of ${countOf(p.operations, 'operation')} — filter`;
    },
    [points, bucketMs, window],
  );
}

/** The buckets as one tab stop: arrows move, Shift+arrows choose a range, Enter or Space keeps it. */
function useBucketKeys(points: readonly Point[], store: BrushStore, commit: (a: number, b: number) => void) {
  const stops = useMemo(() => points.filter((p) => p.operations > 0).map((p) => p.index), [points]);
  const roving = useRovingFocus(stops.length, {
    select(stop) {
      const range = store.get();
      store.set(null);
      const at = stops[stop] as number;
      if (range === null) commit(at, at);
      else commit(range.a, range.b);
    },
    extend: (anchor, stop) => store.set({ a: stops[anchor] as number, b: stops[stop] as number }),
    cancel: () => store.set(null),
  });
  return { stops, roving };
}

/** "Zoom out" and "Full range", while the view has a time window. */
function ZoomControls({ zoom }: { zoom: TimeZoomActions }) {
  return (
    <div className="zoom-controls">
      <button type="button" className="button button-small" onClick={zoom.zoomOut}>
        Zoom out
      </button>
      <button type="button" className="button button-small" onClick={zoom.fullRange}>
        Full range
      </button>
    </div>
  );
}

/**
 * The range a drag or Shift+arrows is choosing, in words, under the chart (so that the chart does not
 * move under the pointer while the text changes); read to screen readers as it changes.
 */
function BrushStatus({
  points,
  bucketMs,
  window,
  store,
}: {
  points: readonly Point[];
  bucketMs: number;
  window: TimeWindow | null;
  store: BrushStore;
}) {
  const brushed = useBrushRange(store);
  const chosen = brushed === null ? null : rangeOf(points, bucketMs, window, brushed.a, brushed.b);
  return (
    <p className="brush-status" aria-live="polite">
      {brushed === null
        ? ''
        : chosen === null
          ? 'Selected: no operations in this range'
          : `Selected ${formatTimeRange(chosen.range)}: ${countOf(chosen.failures, 'failure')} of ${countOf(chosen.operations, 'operation')}. Release or press Enter to keep it.`}
    </p>
  );
}

function SeriesChart({
  series,
  window,
  zoom,
}: {
  series: TimeSeries;
  window: TimeWindow | null;
  zoom: TimeZoomActions;
}) {
  const { bucket, bucketMs } = series;
  const points = usePoints(series);
  const present = usePresentClasses(points);
  const store = useBrushStore();
  const commit = useCallback(
    (a: number, b: number) => {
      const chosen = rangeOf(points, bucketMs, window, a, b);
      if (chosen !== null) zoom.zoomTo(chosen.range);
    },
    [points, bucketMs, window, zoom],
  );
  const { stops, roving } = useBucketKeys(points, store, commit);
  const bucketLabel = useBucketLabel(points, bucketMs, window);
  const tooltip = useTooltip(points, bucket, present);
  const { rows, columns } = useTable(points, bucket, commit);
  const words = useDatasetWords();
  const categoryLegend = useCategoryExportLegend(present);
  const exportLegend = useMemo(
    () => [...categoryLegend, { label: 'Failure rate (line, right axis)', color: RATE_STROKE }],
    [categoryLegend],
  );
  const { axis, rateAxis } = useAxes(points, present);
  const { columnsOf, stacks } = useDrawn(points, present, words);
  const brush = useMemo(() => ({ store, onCommit: commit }), [store, commit]);
  const bucketStops = useMemo(() => ({ stops, roving, label: bucketLabel }), [stops, roving, bucketLabel]);
  return (
    <ChartCard
      title="Failures over time"
      subtitle={`Per ${bucket} (UTC): failures stacked by result class (left axis), the failure rate as a line (right axis); drag across bars to keep that time range, click one to keep that ${bucket}`}
      columns={columns}
      rows={rows}
      controls={window === null ? undefined : <ZoomControls zoom={zoom} />}
      legend={
        <>
          <BrushStatus points={points} bucketMs={bucketMs} window={window} store={store} />
          <CategoryLegend ids={present} label="Failures over time: result classes" />
        </>
      }
      exportLegend={exportLegend}
    >
      <TimeChartSvg
        columns={columnsOf}
        stacks={stacks}
        axis={axis}
        rateAxis={rateAxis}
        countFormat={countTick}
        rateFormat={formatPercentTick}
        tooltip={tooltip}
        brush={brush}
        stops={bucketStops}
      />
    </ChartCard>
  );
}

/** The buckets as the drawing takes them: each class's count in `present`'s order, and the classes' fills. */
function useDrawn(
  points: readonly Point[],
  present: readonly Category[],
  words: ReturnType<typeof useDatasetWords>,
) {
  const columnsOf = useMemo(
    (): TimeColumn[] =>
      points.map((p) => ({
        label: p.label,
        values: present.map((c) => p.byCategory[c] ?? 0),
        rate: p.rate,
      })),
    [points, present],
  );
  const stacks = useMemo(
    () => present.map((c) => ({ key: c, fill: categoryFill(words, c) })),
    [present, words],
  );
  return { columnsOf, stacks };
}

/** The dataset's classes of failure and unrecognized results, in the catalogs' order, that have rows. */
function usePresentClasses(points: readonly Point[]): Category[] {
  const words = useDatasetWords();
  return useMemo(
    () =>
      [...words.categories.values()]
        .filter((s) => s.outcome === 'failure' || s.outcome === 'unrecognized')
        .map((s) => s.id)
        .filter((c) => points.some((p) => (p.byCategory[c] ?? 0) > 0)),
    [points, words],
  );
}
