import { memo, useCallback, useMemo } from 'react';
import type { TooltipContentProps } from 'recharts';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { wilson } from '../../analysis/stats.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import { useDatasetWords } from '../dataset-words.tsx';
import type { FilterValue } from '../filter-field-kinds.ts';
import { formatCount, formatPercent, formatPercentTick } from '../format.ts';
import type { Palette } from '../palette.ts';
import type { AxisTickProps } from './axis-label-tick.tsx';
import { barRowHeight, charsFitting, renderAxisLabel } from './axis-label-tick.tsx';
import type { ChartDataRow } from './chart-card.tsx';
import { ChartCard } from './chart-card.tsx';
import { BAR_CURSOR, hovered, TooltipBox } from './chart-tooltip.tsx';
import { useFocusableBar } from './focusable-bar.tsx';
import { niceAxis } from './nice-ticks.ts';
import { NARROW_LABEL_WIDTH, NARROW_MAX_TICKS, useNarrowScreen } from './use-narrow-screen.ts';

export interface BreakdownBar {
  key: string;
  label: string;
  value: number;
  /** Extra tooltip lines, e.g. the share of all failures. */
  detail?: string[];
  /**
   * For a rate, its count and its operations: the bar then reads "x / n", carries its Wilson 95% interval
   * as a whisker, and is pale below SMALL_SAMPLE operations, where a rate says little.
   */
  of?: { x: number; n: number };
}

/** Operations below which a rate bar is drawn pale (its interval is then wide whatever the rate). */
export const SMALL_SAMPLE = 30;

/** A bar as Recharts draws it: with its interval's whisker lengths and its "x / n" label. */
interface DrawnBar extends BreakdownBar {
  error: [number, number] | null;
  fraction: string | null;
  small: boolean;
}

interface FractionLabelProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  index?: number;
}

/** A rate bar's "x / n", just past its whisker (the bar's own px per unit places the whisker's end). */
function renderFraction(props: FractionLabelProps, drawn: readonly DrawnBar[]) {
  const bar = drawn[props.index ?? -1];
  if (bar === undefined || bar.fraction === null) return null;
  const x = Number(props.x ?? 0);
  const width = Number(props.width ?? 0);
  const pxPerUnit = bar.value > 0 ? width / bar.value : 0;
  const end = x + width + (bar.error?.[1] ?? 0) * pxPerUnit;
  return (
    <text
      className="bar-fraction"
      x={end + 8}
      y={Number(props.y ?? 0) + Number(props.height ?? 0) / 2}
      dominantBaseline="central"
      fontSize={12}
    >
      {bar.fraction}
    </text>
  );
}

function drawnBars(bars: readonly BreakdownBar[]): DrawnBar[] {
  return bars.map((bar) => {
    if (bar.of === undefined) return { ...bar, error: null, fraction: null, small: false };
    const { low, high } = wilson(bar.of.x, bar.of.n);
    return {
      ...bar,
      error: [Math.max(0, bar.value - low), Math.max(0, high - bar.value)],
      fraction: `${formatCount(bar.of.x)} / ${formatCount(bar.of.n)}`,
      small: bar.of.n < SMALL_SAMPLE,
    };
  });
}

/**
 * A breakdown by a dimension's values: a bar click filters on its value, and its button's label says
 * "by <dimension> <value>" (`fallback` names the dimension while none is chosen). Stable callbacks.
 */
export function useDimensionSelect(
  name: string | null,
  fallback: string,
  onFilter: (value: FilterValue) => void,
): { onSelect(bar: BreakdownBar): void; selectLabel(bar: BreakdownBar): string } {
  const onSelect = useCallback(
    (bar: BreakdownBar) => {
      if (name !== null) onFilter({ field: 'dimension', name, value: bar.key });
    },
    [name, onFilter],
  );
  const selectLabel = useCallback(
    (bar: BreakdownBar) => `by ${name === null ? fallback : visibleText(name)} ${bar.label}`,
    [name, fallback],
  );
  return { onSelect, selectLabel };
}

const MARGIN = { top: 4, right: 24, bottom: 4, left: 4 };
const RATE_MARGIN = { ...MARGIN, right: 96 };
const percentTick = (v: number) => formatPercentTick(v);
const countTick = (v: number) => formatCount(v);

interface BreakdownChartProps {
  title: string;
  subtitle?: string;
  bars: BreakdownBar[];
  /** Which of the palette's single-series colours the bars have. */
  series: keyof Palette['series'];
  valueName: string;
  labelWidth?: number;
  percent?: boolean;
  onSelect?: (bar: BreakdownBar) => void;
  selectLabel?: (bar: BreakdownBar) => string;
  selectText?: string;
  controls?: React.ReactNode;
  empty?: string;
}

/**
 * Horizontal bars of one count per label (stage, cause, server, model, device…), clickable. Memoised, and
 * every prop it hands Recharts keeps its identity while its inputs do: Recharts copies axis, tooltip and
 * bar settings into its store when they change, and each copy costs the chart another render.
 */
export const BreakdownChart = memo(function BreakdownChart({
  title,
  subtitle,
  bars,
  series,
  valueName,
  labelWidth: wideLabelWidth = 170,
  percent = false,
  onSelect,
  selectLabel,
  selectText,
  controls,
  empty,
}: BreakdownChartProps) {
  const { palette } = useDatasetWords();
  const format = percent ? formatPercent : formatCount;
  const narrow = useNarrowScreen();
  const labelWidth = narrow ? Math.min(wideLabelWidth, NARROW_LABEL_WIDTH) : wideLabelWidth;
  const maxChars = charsFitting(labelWidth);
  const rowHeight = useMemo(
    () =>
      barRowHeight(
        bars.map((b) => b.label),
        maxChars,
      ),
    [bars, maxChars],
  );
  const tooltip = useCallback(
    (props: TooltipContentProps) => {
      const bar = hovered<BreakdownBar>(props);
      return bar === null ? null : (
        <TooltipBox title={bar.label} lines={[`${valueName}: ${format(bar.value)}`, ...(bar.detail ?? [])]} />
      );
    },
    [valueName, format],
  );
  const tick = useCallback((props: AxisTickProps) => renderAxisLabel(props, maxChars), [maxChars]);
  const drawn = useMemo(() => drawnBars(bars), [bars]);
  const barLabel = useCallback(
    (bar: BreakdownBar) =>
      `${bar.label}, ${format(bar.value)} ${valueName.toLowerCase()} — ${(selectText ?? 'Filter').toLowerCase()}`,
    [format, valueName, selectText],
  );
  const focusable = useFocusableBar(drawn, barLabel, onSelect);
  const rates = drawn.some((b) => b.fraction !== null);
  const barChildren = useRateBarChildren(drawn, rates);
  const rows = useDataRows(drawn, format, onSelect, selectLabel, selectText);
  const columns = useMemo(
    () => (rates ? ['Name', valueName, 'Count / operations', '95% interval'] : ['Name', valueName]),
    [valueName, rates],
  );
  const color = palette.series[series];
  const legend = useMemo(() => [{ label: valueName, color }], [valueName, color]);
  const axis = useMemo(
    () =>
      niceAxis(Math.max(0, ...drawn.map((b) => b.value + (b.error?.[1] ?? 0))), {
        integer: !percent,
        maxTicks: narrow ? NARROW_MAX_TICKS : 6,
      }),
    [drawn, percent, narrow],
  );
  const style = useMemo(
    () => ({ width: '100%', height: 40 + bars.length * rowHeight }),
    [bars.length, rowHeight],
  );
  return (
    <ChartCard
      title={title}
      {...(subtitle === undefined ? {} : { subtitle })}
      {...(empty === undefined ? {} : { empty })}
      controls={controls}
      columns={columns}
      rows={rows}
      exportLegend={legend}
    >
      <BarChart
        layout="vertical"
        data={drawn}
        responsive
        style={style}
        margin={rates ? RATE_MARGIN : MARGIN}
        // focusable bars are the chart's one tab stop (focusable-bar.tsx), not also its surface
        accessibilityLayer={focusable === undefined}
      >
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis
          type="number"
          ticks={axis.ticks}
          domain={axis.domain}
          interval={0}
          tickFormatter={percent ? percentTick : countTick}
        />
        <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tick={tick} />
        <Tooltip content={tooltip} cursor={BAR_CURSOR} />
        <Bar
          dataKey="value"
          name={valueName}
          fill={palette.series[series]}
          isAnimationActive={false}
          {...(focusable === undefined
            ? {}
            : { cursor: 'pointer', onClick: focusable.onClick, shape: focusable.shape })}
        >
          {barChildren}
        </Bar>
      </BarChart>
    </ChartCard>
  );
});

/**
 * A rate chart's bar children: pale bars of small samples, whiskers, "x / n" labels. The same elements
 * while only focus moves: Recharts redraws every bar when its children change, and a bar replaced between
 * the press that focuses it and the release gets no click.
 */
function useRateBarChildren(drawn: DrawnBar[], rates: boolean) {
  const fractionLabel = useCallback((props: FractionLabelProps) => renderFraction(props, drawn), [drawn]);
  return useMemo(
    () =>
      rates && [
        ...drawn.map((b) => <Cell key={b.key} fillOpacity={b.small ? 0.35 : 1} />),
        RATE_WHISKERS,
        <LabelList key="fractions" dataKey="fraction" content={fractionLabel} />,
      ],
    [rates, drawn, fractionLabel],
  );
}

/** The Wilson 95% interval of each rate bar; not animated (an animation redraws on every frame). */
const RATE_WHISKERS = (
  <ErrorBar
    key="whiskers"
    dataKey="error"
    direction="x"
    width={5}
    stroke="var(--text)"
    isAnimationActive={false}
  />
);

/** The bars as the card's data table rows, each with the button that selects its bar. */
function useDataRows(
  bars: DrawnBar[],
  format: (value: number) => string,
  onSelect: BreakdownChartProps['onSelect'],
  selectLabel: BreakdownChartProps['selectLabel'],
  selectText: string | undefined,
): ChartDataRow[] {
  return useMemo(
    () =>
      bars.map((bar) => ({
        key: bar.key,
        cells:
          bar.error === null
            ? [bar.label, format(bar.value)]
            : [
                bar.label,
                format(bar.value),
                `${bar.fraction}${bar.small ? ' (small sample)' : ''}`,
                `${formatPercent(bar.value - bar.error[0])} – ${formatPercent(bar.value + bar.error[1])}`,
              ],
        ...(onSelect === undefined ? {} : { onSelect: () => onSelect(bar) }),
        ...(selectLabel === undefined ? {} : { selectLabel: selectLabel(bar) }),
        ...(selectText === undefined ? {} : { selectText }),
      })),
    [bars, format, onSelect, selectLabel, selectText],
  );
}
