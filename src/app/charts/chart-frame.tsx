/**
 * What the page's SVG charts share (bar-rows-chart.tsx, time-chart-svg.tsx): the box's measured width,
 * the hovered place and its tooltip, and the look of an axis (tick size, label font).
 */
import type { PointerEvent, ReactNode, RefObject } from 'react';
import { useLayoutEffect, useState } from 'react';

/** A number axis's height under the plot. */
export const AXIS_HEIGHT = 30;
export const TICK_SIZE = 6;
export const TICK_FONT_PX = 12;
/** Width used until the chart's box is measured, and where it has none (a test, a hidden element). */
const FALLBACK_WIDTH = 600;

/** The box's width in CSS pixels, kept up to date; FALLBACK_WIDTH while it has none. */
export function useBoxWidth(box: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
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
  return width > 0 ? width : FALLBACK_WIDTH;
}

/** The item under the pointer, and where the pointer is in the chart's pixels. */
export interface Hover {
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
export function HoverTooltip({
  hover,
  width,
  children,
}: {
  hover: Hover;
  width: number;
  children: ReactNode;
}) {
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
