import { memo, useCallback, useMemo } from 'react';
import type { TooltipContentProps } from 'recharts';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
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
import { niceAxis } from './nice-ticks.ts';

export interface BreakdownBar {
  key: string;
  label: string;
  value: number;
  /** Extra tooltip lines, e.g. the share of all failures. */
  detail?: string[];
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
  labelWidth = 170,
  percent = false,
  onSelect,
  selectLabel,
  selectText,
  controls,
  empty,
}: BreakdownChartProps) {
  const { palette } = useDatasetWords();
  const format = percent ? formatPercent : formatCount;
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
  const onBarClick = useCallback(
    (item: { payload?: unknown }) => onSelect?.(item.payload as BreakdownBar),
    [onSelect],
  );
  const rows = useDataRows(bars, format, onSelect, selectLabel, selectText);
  const columns = useMemo(() => ['', valueName], [valueName]);
  const color = palette.series[series];
  const legend = useMemo(() => [{ label: valueName, color }], [valueName, color]);
  const axis = useMemo(
    () => niceAxis(Math.max(0, ...bars.map((b) => b.value)), { integer: !percent }),
    [bars, percent],
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
      <BarChart layout="vertical" data={bars} responsive style={style} margin={MARGIN}>
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
          {...(onSelect === undefined ? {} : { cursor: 'pointer', onClick: onBarClick })}
        />
      </BarChart>
    </ChartCard>
  );
});

/** The bars as the card's data table rows, each with the button that selects its bar. */
function useDataRows(
  bars: BreakdownBar[],
  format: (value: number) => string,
  onSelect: BreakdownChartProps['onSelect'],
  selectLabel: BreakdownChartProps['selectLabel'],
  selectText: string | undefined,
): ChartDataRow[] {
  return useMemo(
    () =>
      bars.map((bar) => ({
        key: bar.key,
        cells: [bar.label, format(bar.value)],
        ...(onSelect === undefined ? {} : { onSelect: () => onSelect(bar) }),
        ...(selectLabel === undefined ? {} : { selectLabel: selectLabel(bar) }),
        ...(selectText === undefined ? {} : { selectText }),
      })),
    [bars, format, onSelect, selectLabel, selectText],
  );
}
