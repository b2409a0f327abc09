/**
 * One share over time as a line, drawn as plain SVG like the page's other charts (chart-frame.tsx): a
 * point per bucket at its column's middle, joined across buckets without a value, a dot at each while
 * there are few, the percent axis on the left with its dashed grid lines, bucket labels at the foot
 * thinned as the time chart's are, and the hovered bucket's tooltip.
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
import type { NiceAxis } from './nice-ticks.ts';
import type { PlotArea } from './time-brush.tsx';
import { column } from './time-brush.tsx';

export interface LinePoint {
  label: string;
  /** Null where the bucket has no value: the line joins its neighbours. */
  value: number | null;
}

const HEIGHT = 220;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 4 };
const AXIS_WIDTH = 48;
/** Dots on the line up to this many buckets. */
const MAX_DOTS = 60;

export const LineChartSvg = memo(function LineChartSvg({
  title,
  points,
  axis,
  format,
  stroke,
  tooltip,
}: {
  title: string;
  points: readonly LinePoint[];
  axis: NiceAxis;
  format(value: number): string;
  stroke: string;
  tooltip(index: number): ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const width = useBoxWidth(box);
  const plot = useMemo((): PlotArea => {
    const x = MARGIN.left + AXIS_WIDTH;
    return {
      x,
      y: MARGIN.top,
      width: Math.max(1, width - MARGIN.right - x),
      height: HEIGHT - MARGIN.bottom - AXIS_HEIGHT - MARGIN.top,
    };
  }, [width]);
  const { hover, handlers } = useHover((x, y) => {
    if (points.length === 0 || x < plot.x || x > plot.x + plot.width) return null;
    if (y < plot.y || y > plot.y + plot.height) return null;
    return Math.min(points.length - 1, Math.floor(((x - plot.x) / plot.width) * points.length));
  });
  const [d0, d1] = axis.domain;
  const yOf = (v: number) =>
    plot.y + plot.height - ((Math.min(d1, Math.max(d0, v)) - d0) / (d1 - d0 || 1)) * plot.height;
  const middle = (index: number) => {
    const c = column(plot, points.length, index);
    return c.x + c.width / 2;
  };
  const drawn = points.flatMap((p, index) =>
    p.value === null ? [] : [[middle(index), yOf(p.value)] as const],
  );
  const bottom = plot.y + plot.height;
  const shown = shownLabels(
    points.map((p) => p.label),
    plot.width / Math.max(1, points.length),
  );
  const cursor = hover === null ? null : column(plot, points.length, hover.index);
  return (
    <div className="chart-box" ref={box}>
      <svg
        className="chart-svg"
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        {...handlers}
      >
        <title>{title}</title>
        {cursor !== null && (
          <rect className="chart-cursor" x={cursor.x} y={plot.y} width={cursor.width} height={plot.height} />
        )}
        <g className="chart-number-axis">
          {axis.ticks.map((tick) => (
            <g key={tick}>
              <line
                className="chart-gridline"
                x1={plot.x}
                x2={plot.x + plot.width}
                y1={yOf(tick)}
                y2={yOf(tick)}
                strokeDasharray="3 3"
              />
              <line
                className="chart-axis"
                x1={plot.x - TICK_SIZE}
                x2={plot.x}
                y1={yOf(tick)}
                y2={yOf(tick)}
              />
              <TickText x={plot.x - TICK_SIZE - 2} y={yOf(tick)} dy="0.355em" anchor="end">
                {format(tick)}
              </TickText>
            </g>
          ))}
        </g>
        <g className="chart-category-axis">
          {points.map((p, index) =>
            shown.has(index) ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
              <g key={index}>
                <line
                  className="chart-axis"
                  x1={middle(index)}
                  x2={middle(index)}
                  y1={bottom}
                  y2={bottom + TICK_SIZE}
                />
                <TickText x={middle(index)} y={bottom + TICK_SIZE + 2} dy="0.71em" anchor="middle">
                  {p.label}
                </TickText>
              </g>
            ) : null,
          )}
        </g>
        <line className="chart-axis" x1={plot.x} x2={plot.x + plot.width} y1={bottom} y2={bottom} />
        <line className="chart-axis" x1={plot.x} x2={plot.x} y1={plot.y} y2={bottom} />
        <SeriesLine
          points={drawn}
          stroke={stroke}
          dots={points.length <= MAX_DOTS}
          radius={3}
          className="share-line"
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
