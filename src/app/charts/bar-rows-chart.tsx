/**
 * Horizontal bars, one row per label, drawn as plain SVG: a number axis at the foot with the caller's
 * ticks, dashed grid lines at them, a label column on the left (axis-label-tick.tsx), optional whiskers
 * and a note past each bar, a hover tooltip, and bars a keyboard can use (focusable-bar.tsx).
 *
 * Why not Recharts (which drew the charts until 1e68fc5): a Recharts chart keeps its settings in a store of
 * its own that it fills from layout effects, so every mount and every new data set renders the whole chart
 * twice, the second time synchronously. The Overview's six charts held the page's main thread for
 * 250–300 ms after each load and each filter (docs/performance.md); these rows draw in a few
 * milliseconds, and what they draw is fixed by the figures alone.
 */
import type { ReactNode } from 'react';
import { memo, useMemo, useRef } from 'react';
import { renderAxisLabel } from './axis-label-tick.tsx';
import {
  AXIS_HEIGHT,
  ChartSurface,
  linearScale,
  TICK_SIZE,
  TickText,
  useBoxWidth,
  useHover,
} from './chart-frame.tsx';
import { FocusStop, useRovingFocus } from './focusable-bar.tsx';

export interface BarRow {
  key: string;
  /** The label column's text. */
  label: string;
  value: number;
  /** A colour or a `url(#pattern)`. */
  fill: string;
  /** Below 1 for a bar that says little (a small sample). */
  opacity?: number;
  /** A whisker from `low` to `high`, in the value's unit. */
  whisker?: { low: number; high: number } | null;
  /** A short text just past the bar (or its whisker), e.g. "12 / 40". */
  note?: string | null;
}

export interface BarRowsMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface BarRowsChartProps {
  /** The chart's name, as the SVG's title. */
  title: string;
  rows: readonly BarRow[];
  /** The number axis: its ticks, and the domain they span (from niceAxis). */
  axis: { ticks: readonly number[]; domain: readonly [number, number] };
  tickFormat(value: number): string;
  labelWidth: number;
  /** Characters a label line holds at `labelWidth` (charsFitting). */
  labelChars: number;
  rowHeight: number;
  margin: BarRowsMargin;
  /** What the tooltip shows for row `index`. */
  tooltip(index: number): ReactNode;
  /** Makes every bar a button (click, Enter or Space) named by `barLabel`. */
  onSelect?: ((index: number) => void) | undefined;
  barLabel?: ((index: number) => string) | undefined;
}

/** Share of a row's height left empty above and below its bar. */
const ROW_GAP = 0.1;
const WHISKER_CAP = 4;

/** The chart's height for `count` rows (40 px of axis and margins, as the charts always had). */
export function barRowsHeight(count: number, rowHeight: number): number {
  return 40 + count * rowHeight;
}

/** Where things go: the plot's edges, each row's band, and a value's x. */
interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  band: number;
  xOf(value: number): number;
}

function frameOf(
  width: number,
  height: number,
  count: number,
  axis: BarRowsChartProps['axis'],
  margin: BarRowsMargin,
  labelWidth: number,
): Frame {
  const left = margin.left + labelWidth;
  const right = Math.max(left + 1, width - margin.right);
  const top = margin.top;
  const bottom = Math.max(top + 1, height - margin.bottom - AXIS_HEIGHT);
  return {
    left,
    right,
    top,
    bottom,
    band: (bottom - top) / Math.max(1, count),
    xOf: linearScale(axis.domain, left, right),
  };
}

export const BarRowsChart = memo(function BarRowsChart(props: BarRowsChartProps) {
  const { rows, axis, tickFormat, labelWidth, margin, tooltip, title } = props;
  const box = useRef<HTMLDivElement>(null);
  const { width, drawn } = useBoxWidth(box);
  const height = barRowsHeight(rows.length, props.rowHeight);
  const frame = useMemo(
    () => frameOf(width, height, rows.length, axis, margin, labelWidth),
    [width, height, rows.length, axis, margin, labelWidth],
  );
  const { hover, handlers } = useHover((x, y) => {
    const index = Math.floor((y - frame.top) / frame.band);
    return x < margin.left || x > frame.right || index < 0 || index >= rows.length ? null : index;
  });
  return (
    <ChartSurface
      box={box}
      drawn={drawn}
      width={width}
      height={height}
      title={title}
      hover={hover}
      handlers={handlers}
      tooltip={tooltip}
      hidden={props.onSelect === undefined}
      cursor={
        hover !== null && (
          <rect
            className="chart-cursor"
            x={frame.left}
            y={frame.top + hover.index * frame.band}
            width={frame.right - frame.left}
            height={frame.band}
          />
        )
      }
    >
      <NumberAxis frame={frame} ticks={axis.ticks} tickFormat={tickFormat} />
      <Bars {...props} frame={frame} />
    </ChartSurface>
  );
});

/** The number axis at the foot, its ticks and labels, the dashed grid lines at them, and the label axis. */
const NumberAxis = memo(function NumberAxis({
  frame,
  ticks,
  tickFormat,
}: {
  frame: Frame;
  ticks: readonly number[];
  tickFormat(value: number): string;
}) {
  const { left, right, top, bottom, xOf } = frame;
  return (
    <g className="chart-number-axis">
      {ticks.map((tick) => {
        const x = xOf(tick);
        return (
          <g key={tick}>
            <line className="chart-gridline" x1={x} x2={x} y1={top} y2={bottom} strokeDasharray="3 3" />
            <line className="chart-axis" x1={x} x2={x} y1={bottom} y2={bottom + TICK_SIZE} />
            <TickText x={x} y={bottom + TICK_SIZE + 2} dy="0.71em" anchor="middle">
              {tickFormat(tick)}
            </TickText>
          </g>
        );
      })}
      <line className="chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
      <line className="chart-axis" x1={left} x2={left} y1={top} y2={bottom} />
    </g>
  );
});

/** Each row: its label, its bar (a button when the chart selects), its whisker and its note. */
const Bars = memo(function Bars({
  rows,
  frame,
  labelChars,
  onSelect,
  barLabel,
}: BarRowsChartProps & { frame: Frame }) {
  const roving = useRovingFocus(rows.length, { select: (index) => onSelect?.(index) });
  const { left, top, band, xOf } = frame;
  const base = xOf(0);
  return rows.map((row, index) => {
    const middle = top + (index + 0.5) * band;
    const end = xOf(row.value);
    const bar = (
      <rect
        className="chart-bar"
        x={Math.min(base, end)}
        y={top + index * band + band * ROW_GAP}
        width={Math.abs(end - base)}
        height={band * (1 - 2 * ROW_GAP)}
        fill={row.fill}
        fillOpacity={row.opacity ?? 1}
      />
    );
    const whiskerEnd = row.whisker == null ? end : xOf(row.whisker.high);
    return (
      <g key={row.key}>
        <line className="chart-axis" x1={left - TICK_SIZE} x2={left} y1={middle} y2={middle} />
        {renderAxisLabel(left - TICK_SIZE - 2, middle, row.label, labelChars)}
        {onSelect === undefined ? (
          bar
        ) : (
          <FocusStop
            index={index}
            roving={roving}
            label={barLabel?.(index) ?? row.label}
            onClick={() => onSelect(index)}
          >
            {bar}
          </FocusStop>
        )}
        {row.whisker != null && <Whisker from={xOf(row.whisker.low)} to={whiskerEnd} y={middle} />}
        {row.note != null && (
          <text
            className="bar-fraction"
            x={whiskerEnd + 8}
            y={middle}
            dominantBaseline="central"
            fontSize={12}
          >
            {row.note}
          </text>
        )}
      </g>
    );
  });
});

/** An interval's whisker: a line from `from` to `to` with a cap at each end. */
function Whisker({ from, to, y }: { from: number; to: number; y: number }) {
  return (
    <g className="bar-rows-whisker">
      <line x1={from} x2={to} y1={y} y2={y} />
      <line x1={from} x2={from} y1={y - WHISKER_CAP} y2={y + WHISKER_CAP} />
      <line x1={to} x2={to} y1={y - WHISKER_CAP} y2={y + WHISKER_CAP} />
    </g>
  );
}
