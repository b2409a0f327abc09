/**
 * The time chart's drawing, as plain SVG (see bar-rows-chart.tsx for why not Recharts): a column per
 * bucket of bars stacked by class on the count axis (left), the failure rate as a line on the rate axis
 * (right), the bucket labels at the foot (thinned from the last one back so they never touch), and the
 * brush and the buckets' focus stops over the plot (time-brush.tsx).
 */
import type { ReactNode } from 'react';
import { memo, useMemo, useRef } from 'react';
import {
  AXIS_HEIGHT,
  HoverTooltip,
  SeriesLine,
  shownLabels,
  TICK_SIZE,
  TickText,
  useBoxWidth,
  useHover,
} from './chart-frame.tsx';
import type { RovingFocus } from './focusable-bar.tsx';
import type { NiceAxis } from './nice-ticks.ts';
import type { BrushStore, PlotArea } from './time-brush.tsx';
import { BrushLayer, BucketStops, column } from './time-brush.tsx';

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

function scale(axis: NiceAxis, plot: PlotArea): (value: number) => number {
  const [d0, d1] = axis.domain;
  const span = d1 - d0 || 1;
  return (value) => plot.y + plot.height - ((Math.min(d1, Math.max(d0, value)) - d0) / span) * plot.height;
}

export const TimeChartSvg = memo(function TimeChartSvg(props: TimeChartSvgProps) {
  const { columns, tooltip } = props;
  const box = useRef<HTMLDivElement>(null);
  const width = useBoxWidth(box);
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
  const { hover, handlers } = useHover((x, y) => {
    if (columns.length === 0 || x < plot.x || x > plot.x + plot.width || y < plot.y) return null;
    if (y > plot.y + plot.height) return null;
    return Math.min(columns.length - 1, Math.floor(((x - plot.x) / plot.width) * columns.length));
  });
  const cursor = hover === null ? null : column(plot, columns.length, hover.index);
  return (
    <div className="chart-box time-chart" ref={box}>
      <svg
        className="chart-svg"
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        {...handlers}
      >
        <title>Failures over time</title>
        {cursor !== null && (
          <rect className="chart-cursor" x={cursor.x} y={plot.y} width={cursor.width} height={plot.height} />
        )}
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
      </svg>
      {hover !== null && (
        <HoverTooltip hover={hover} width={width}>
          {tooltip(hover.index)}
        </HoverTooltip>
      )}
    </div>
  );
});

/** Both number axes with their ticks and the grid lines of the count axis; the bucket labels at the foot. */
const TimeAxes = memo(function TimeAxes({
  columns,
  axis,
  rateAxis,
  countFormat,
  rateFormat,
  plot,
}: TimeChartSvgProps & { plot: PlotArea }) {
  const left = plot.x;
  const right = plot.x + plot.width;
  const bottom = plot.y + plot.height;
  const yCount = scale(axis, plot);
  const yRate = scale(rateAxis, plot);
  const labels = columns.map((c) => c.label);
  const shown = shownLabels(labels, plot.width / Math.max(1, columns.length));
  return (
    <g>
      <g className="chart-number-axis">
        {axis.ticks.map((tick) => (
          <g key={tick}>
            <line
              className="chart-gridline"
              x1={left}
              x2={right}
              y1={yCount(tick)}
              y2={yCount(tick)}
              strokeDasharray="3 3"
            />
            <line
              className="chart-axis"
              x1={left - TICK_SIZE}
              x2={left}
              y1={yCount(tick)}
              y2={yCount(tick)}
            />
            <TickText x={left - TICK_SIZE - 2} y={yCount(tick)} dy="0.355em" anchor="end">
              {countFormat(tick)}
            </TickText>
          </g>
        ))}
      </g>
      <g className="chart-number-axis">
        {rateAxis.ticks.map((tick) => (
          <g key={tick}>
            <line
              className="chart-axis"
              x1={right}
              x2={right + TICK_SIZE}
              y1={yRate(tick)}
              y2={yRate(tick)}
            />
            <TickText x={right + TICK_SIZE + 2} y={yRate(tick)} dy="0.355em" anchor="start">
              {rateFormat(tick)}
            </TickText>
          </g>
        ))}
      </g>
      <g className="chart-category-axis">
        {labels.map((label, index) => {
          if (!shown.has(index)) return null;
          const { x, width } = column(plot, columns.length, index);
          const middle = x + width / 2;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
            <g key={index}>
              <line className="chart-axis" x1={middle} x2={middle} y1={bottom} y2={bottom + TICK_SIZE} />
              <TickText x={middle} y={bottom + TICK_SIZE + 2} dy="0.71em" anchor="middle">
                {label}
              </TickText>
            </g>
          );
        })}
      </g>
      <line className="chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
      <line className="chart-axis" x1={left} x2={left} y1={plot.y} y2={bottom} />
      <line className="chart-axis" x1={right} x2={right} y1={plot.y} y2={bottom} />
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
  const y = scale(axis, plot);
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
  const y = scale(rateAxis, plot);
  const points: [number, number][] = [];
  columns.forEach((c, index) => {
    if (c.rate === null) return;
    const { x, width } = column(plot, columns.length, index);
    points.push([x + width / 2, y(c.rate)]);
  });
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
