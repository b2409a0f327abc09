/**
 * What the page's SVG charts share (bar-rows-chart.tsx, time-chart-svg.tsx, line-chart-svg.tsx): the box
 * and its measured width, the drawing surface with the hovered place and its tooltip, a value's place on an
 * axis, the look of an axis, and for the charts over time their plot's buckets, value axes, bucket labels
 * and series line.
 */
import type { PointerEvent, ReactNode, RefObject } from 'react';
import { useLayoutEffect, useState } from 'react';

/** A number axis's height under the plot. */
export const AXIS_HEIGHT = 30;
export const TICK_SIZE = 6;
const TICK_FONT_PX = 12;
/** Width used until the chart's box is measured, and where it has none (a test, a hidden element). */
const FALLBACK_WIDTH = 600;

/**
 * The box's width in CSS pixels, kept up to date (FALLBACK_WIDTH where it has none); `drawn` false until the
 * box is first measured, before the page is painted: a chart draws nothing until then (ChartSurface), where
 * drawing at a guessed width and again at the measured one cost every chart two renders on every mount.
 */
export function useBoxWidth(box: RefObject<HTMLDivElement | null>): { width: number; drawn: boolean } {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = box.current;
    if (element === null) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const measured = entries[0]?.contentRect.width;
      if (measured !== undefined) setWidth(Math.round(measured));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [box]);
  return { width: width !== null && width > 0 ? width : FALLBACK_WIDTH, drawn: width !== null };
}

/** The item under the pointer, and where the pointer is in the chart's pixels. */
interface Hover {
  index: number;
  x: number;
  y: number;
}

/**
 * The hovered item of an SVG chart: `indexAt` maps a point of the SVG (its own pixels) to an item, or
 * null off every item. Returns the hover and the SVG's pointer handlers.
 */
export function useHover(indexAt: (x: number, y: number) => number | null) {
  const [hover, setHover] = useState<Hover | null>(null);
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const index = indexAt(x, y);
    if (index === null) setHover(null);
    else if (hover?.index !== index || hover.x !== x || hover.y !== y) setHover({ index, x, y });
  };
  return { hover, handlers: { onPointerMove, onPointerLeave: () => setHover(null) } };
}

/** The tooltip beside the pointer, on the side of the box with room. */
function HoverTooltip({ hover, width, children }: { hover: Hover; width: number; children: ReactNode }) {
  return (
    <div
      className="chart-hover"
      style={{
        left: hover.x,
        top: hover.y,
        transform: `translate(${hover.x > width / 2 ? 'calc(-100% - 12px)' : '12px'}, 12px)`,
      }}
    >
      {children}
    </div>
  );
}

/** A number axis's tick label. */
export function TickText({
  x,
  y,
  anchor,
  dy,
  children,
}: {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  dy: string;
  children: string;
}) {
  return (
    <text className="chart-tick" x={x} y={y} dy={dy} textAnchor={anchor} fontSize={TICK_FONT_PX}>
      {children}
    </text>
  );
}

/** Least room between two bucket labels. */
const LABEL_GAP = 24;
/** Average width of a 12 px character (axis-label-tick.tsx's figure). */
const CHAR_PX = 6.6;

/** The buckets whose labels show: the last, then every `step`-th back, `step` wide enough for them. */
export function shownLabels(labels: readonly string[], band: number): Set<number> {
  const widest = Math.max(0, ...labels.map((l) => l.length)) * CHAR_PX;
  const step = Math.max(1, Math.ceil((widest + LABEL_GAP) / Math.max(band, 1e-9)));
  const shown = new Set<number>();
  for (let i = labels.length - 1; i >= 0; i -= step) shown.add(i);
  return shown;
}

/**
 * Points joined by a line (in order; a bucket without a value is left out, so the line joins its
 * neighbours), with a dot at each when `dots`. Its group has `className`, its path `${className}-line`.
 */
export function SeriesLine({
  points,
  stroke,
  dots,
  radius,
  className,
}: {
  points: readonly (readonly [number, number])[];
  stroke: string;
  dots: boolean;
  radius: number;
  className: string;
}) {
  if (points.length === 0) return null;
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x},${y}`).join('');
  return (
    <g className={className}>
      <path className={`${className}-line`} d={d} fill="none" stroke={stroke} strokeWidth={2} />
      {dots && points.map(([x, y]) => <circle key={`${x}`} cx={x} cy={y} r={radius} fill={stroke} />)}
    </g>
  );
}

/** A value's place between `from` (the domain's low end) and `to` (its high end), clamped to the domain. */
export function linearScale(
  domain: readonly [number, number],
  from: number,
  to: number,
): (value: number) => number {
  const [d0, d1] = domain;
  const span = d1 - d0 || 1;
  return (value) => from + ((Math.min(d1, Math.max(d0, value)) - d0) / span) * (to - from);
}

/**
 * A chart's box and SVG surface: `title` names it, the pointer handlers of `useHover` follow the hovered
 * item, whose tooltip shows beside the pointer; `cursor` is drawn under everything else.
 */
export function ChartSurface({
  box,
  width,
  drawn,
  height,
  title,
  hover,
  handlers,
  tooltip,
  cursor,
  hidden = false,
  className = 'chart-box',
  children,
}: {
  box: RefObject<HTMLDivElement | null>;
  width: number;
  /** Whether the box has been measured (useBoxWidth): the drawing waits for it. */
  drawn: boolean;
  height: number;
  title: string;
  hover: Hover | null;
  handlers: ReturnType<typeof useHover>['handlers'];
  tooltip(index: number): ReactNode;
  cursor: ReactNode;
  /** Hidden from screen readers (a drawing with no controls; its figures are in the data table). */
  hidden?: boolean;
  className?: string;
  children: ReactNode;
}) {
  if (!drawn) return <div className={className} ref={box} />;
  return (
    <div className={className} ref={box}>
      <svg
        className="chart-svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        {...handlers}
        {...(hidden ? { 'aria-hidden': true } : {})}
      >
        <title>{title}</title>
        {cursor}
        {children}
      </svg>
      {hover !== null && (
        <HoverTooltip hover={hover} width={width}>
          {tooltip(hover.index)}
        </HoverTooltip>
      )}
    </div>
  );
}

/** The plot area of a chart over time, in its SVG's pixels. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The plot area's column of bucket `index` of `count`: the category axis splits the width evenly. */
export function column(plot: { x: number; width: number }, count: number, index: number) {
  const width = plot.width / count;
  return { x: plot.x + index * width, width };
}

/** The bucket of `count` whose column holds `x`, the nearest one past either end. */
export function bucketAt(plot: PlotArea, count: number, x: number): number {
  return Math.max(0, Math.min(count - 1, Math.floor(((x - plot.x) / plot.width) * count)));
}

/** The bucket under the point (x, y), or null outside the plot. */
export function bucketUnder(plot: PlotArea, count: number, x: number, y: number): number | null {
  const inside = x >= plot.x && x <= plot.x + plot.width && y >= plot.y && y <= plot.y + plot.height;
  return count === 0 || !inside ? null : bucketAt(plot, count, x);
}

/** The hover's column over the whole plot's height, under everything else. */
export function ColumnCursor({ plot, count, hover }: { plot: PlotArea; count: number; hover: Hover | null }) {
  if (hover === null) return null;
  const { x, width } = column(plot, count, hover.index);
  return <rect className="chart-cursor" x={x} y={plot.y} width={width} height={plot.height} />;
}

/** A value axis on the plot's left or right edge, its ticks labelled, with dashed grid lines when `grid`. */
export function ValueAxis({
  plot,
  ticks,
  y,
  format,
  side,
  grid,
}: {
  plot: PlotArea;
  ticks: readonly number[];
  y(value: number): number;
  format(value: number): string;
  side: 'left' | 'right';
  grid: boolean;
}) {
  const edge = side === 'left' ? plot.x : plot.x + plot.width;
  const out = side === 'left' ? -1 : 1;
  return (
    <g className="chart-number-axis">
      {ticks.map((tick) => (
        <g key={tick}>
          {grid && (
            <line
              className="chart-gridline"
              x1={plot.x}
              x2={plot.x + plot.width}
              y1={y(tick)}
              y2={y(tick)}
              strokeDasharray="3 3"
            />
          )}
          <line className="chart-axis" x1={edge} x2={edge + out * TICK_SIZE} y1={y(tick)} y2={y(tick)} />
          <TickText
            x={edge + out * (TICK_SIZE + 2)}
            y={y(tick)}
            dy="0.355em"
            anchor={side === 'left' ? 'end' : 'start'}
          >
            {format(tick)}
          </TickText>
        </g>
      ))}
      <line className="chart-axis" x1={edge} x2={edge} y1={plot.y} y2={plot.y + plot.height} />
    </g>
  );
}

/** The foot of a chart over time: its axis line, and the labels of the buckets that have room. */
export function BucketLabels({ plot, labels }: { plot: PlotArea; labels: readonly string[] }) {
  const bottom = plot.y + plot.height;
  const shown = shownLabels(labels, plot.width / Math.max(1, labels.length));
  return (
    <g className="chart-category-axis">
      {labels.map((label, index) => {
        if (!shown.has(index)) return null;
        const { x, width } = column(plot, labels.length, index);
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
      <line className="chart-axis" x1={plot.x} x2={plot.x + plot.width} y1={bottom} y2={bottom} />
    </g>
  );
}

/** Each bucket's middle and its value's place, for a series line (buckets without a value left out). */
export function seriesPoints(
  plot: PlotArea,
  values: readonly (number | null)[],
  y: (value: number) => number,
): [number, number][] {
  const points: [number, number][] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    const { x, width } = column(plot, values.length, index);
    points.push([x + width / 2, y(value)]);
  });
  return points;
}
