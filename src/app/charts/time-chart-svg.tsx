/**
 * The time chart's drawing, as plain SVG (see bar-rows-chart.tsx for why not Recharts): a column per
 * bucket of bars stacked by class on the count axis (left), the failure rate as a line on the rate axis
 * (right), the bucket labels at the foot (thinned from the last one back so they never touch), and the
 * brush and the buckets' focus stops over the plot (time-brush.tsx).
 */
import type { ReactNode } from 'react';
import { memo, useMemo, useRef } from 'react';
import type { PlotArea } from './chart-frame.tsx';
import {
  AXIS_HEIGHT,
  BucketLabels,
  bucketUnder,
  ChartSurface,
  ColumnCursor,
  column,
  linearScale,
  SeriesLine,
  seriesPoints,
  useBoxWidth,
  useHover,
  ValueAxis,
} from './chart-frame.tsx';
import type { RovingFocus } from './focusable-bar.tsx';
import type { NiceAxis } from './nice-ticks.ts';
import type { BrushStore } from './time-brush.tsx';
import { BrushLayer, BucketStops } from './time-brush.tsx';

export interface TimeColumn {
  /** The foot's label. */
  label: string;
  /** The stacked values, in the order of `TimeChartSvgProps.stacks`. */
  values: readonly number[];
  /** The rate for the line; null where the bucket has none (the line joins its neighbours). */
  rate: number | null;
}

export interface TimeChartSvgProps {
  columns: readonly TimeColumn[];
  /** Each stacked series, bottom first: its fill. */
  stacks: readonly { key: string; fill: string }[];
  axis: NiceAxis;
  rateAxis: NiceAxis;
  countFormat(value: number): string;
  rateFormat(value: number): string;
  tooltip(index: number): ReactNode;
  brush: { store: BrushStore; onCommit(a: number, b: number): void };
  stops: { stops: readonly number[]; roving: RovingFocus; label(index: number): string };
}

const HEIGHT = 300;
const MARGIN = { top: 8, right: 4, bottom: 4, left: 4 };
const COUNT_AXIS_WIDTH = 56;
const RATE_AXIS_WIDTH = 48;
const BAR_SHARE = 0.8;
/** Dots on the rate line up to this many buckets. */
const MAX_DOTS = 60;

/** The plot's y of a value on `axis`. */
function yScale(axis: NiceAxis, plot: PlotArea): (value: number) => number {
  return linearScale(axis.domain, plot.y + plot.height, plot.y);
}

export const TimeChartSvg = memo(function TimeChartSvg(props: TimeChartSvgProps) {
  const { columns, tooltip } = props;
  const box = useRef<HTMLDivElement>(null);
  const { width, drawn } = useBoxWidth(box);
  const plot = useMemo((): PlotArea => {
    const x = MARGIN.left + COUNT_AXIS_WIDTH;
    const y = MARGIN.top;
    return {
      x,
      y,
      width: Math.max(1, width - MARGIN.right - RATE_AXIS_WIDTH - x),
      height: HEIGHT - MARGIN.bottom - AXIS_HEIGHT - y,
    };
  }, [width]);
  const { hover, handlers } = useHover((x, y) => bucketUnder(plot, columns.length, x, y));
  return (
    <ChartSurface
      box={box}
      drawn={drawn}
      className="chart-box time-chart"
      width={width}
      height={HEIGHT}
      title="Failures over time"
      hover={hover}
      handlers={handlers}
      tooltip={tooltip}
      cursor={<ColumnCursor plot={plot} count={columns.length} hover={hover} />}
    >
      <TimeAxes {...props} plot={plot} />
      <Columns {...props} plot={plot} />
      <RateLine {...props} plot={plot} />
      <BucketStops
        count={columns.length}
        plot={plot}
        stops={props.stops.stops}
        label={props.stops.label}
        roving={props.stops.roving}
      />
      <BrushLayer
        count={columns.length}
        plot={plot}
        store={props.brush.store}
        onCommit={props.brush.onCommit}
      />
    </ChartSurface>
  );
});

/** The count axis (left, with the grid lines), the rate axis (right) and the bucket labels at the foot. */
const TimeAxes = memo(function TimeAxes({
  columns,
  axis,
  rateAxis,
  countFormat,
  rateFormat,
  plot,
}: TimeChartSvgProps & { plot: PlotArea }) {
  const labels = useMemo(() => columns.map((c) => c.label), [columns]);
  return (
    <g>
      <ValueAxis
        plot={plot}
        ticks={axis.ticks}
        y={yScale(axis, plot)}
        format={countFormat}
        side="left"
        grid
      />
      <ValueAxis
        plot={plot}
        ticks={rateAxis.ticks}
        y={yScale(rateAxis, plot)}
        format={rateFormat}
        side="right"
        grid={false}
      />
      <BucketLabels plot={plot} labels={labels} />
    </g>
  );
});

/** Each bucket's bars, stacked bottom up in the order of `stacks`. */
const Columns = memo(function Columns({
  columns,
  stacks,
  axis,
  plot,
}: TimeChartSvgProps & { plot: PlotArea }) {
  const y = yScale(axis, plot);
  return (
    <g>
      {columns.map((c, index) => {
        const { x, width } = column(plot, columns.length, index);
        const barX = x + (width * (1 - BAR_SHARE)) / 2;
        let sum = 0;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
          <g key={index}>
            {stacks.map((stack, s) => {
              const value = c.values[s] ?? 0;
              if (value <= 0) return null;
              const top = y(sum + value);
              const base = y(sum);
              sum += value;
              return (
                <rect
                  key={stack.key}
                  className="chart-bar"
                  x={barX}
                  y={top}
                  width={width * BAR_SHARE}
                  height={Math.max(0, base - top)}
                  fill={stack.fill}
                />
              );
            })}
          </g>
        );
      })}
    </g>
  );
});

/** The rate line through every bucket that has a rate, with a dot at each while there are few buckets. */
const RateLine = memo(function RateLine({ columns, rateAxis, plot }: TimeChartSvgProps & { plot: PlotArea }) {
  const points = seriesPoints(
    plot,
    columns.map((c) => c.rate),
    yScale(rateAxis, plot),
  );
  return (
    <SeriesLine
      points={points}
      stroke="currentColor"
      dots={columns.length <= MAX_DOTS}
      radius={2.5}
      className="time-chart-rate"
    />
  );
});
