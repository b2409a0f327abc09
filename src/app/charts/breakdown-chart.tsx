import { memo, useCallback, useMemo } from 'react';
import { wilson } from '../../analysis/stats.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import { useDatasetWords } from '../dataset-words.tsx';
import type { FilterValue } from '../filter-field-kinds.ts';
import { formatCount, formatPercent, formatPercentTick } from '../format.ts';
import type { Palette } from '../palette.ts';
import { barRowHeight, charsFitting } from './axis-label-tick.tsx';
import type { BarRow } from './bar-rows-chart.tsx';
import { BarRowsChart } from './bar-rows-chart.tsx';
import type { ChartDataRow } from './chart-card.tsx';
import { ChartCard } from './chart-card.tsx';
import { TooltipBox } from './chart-tooltip.tsx';
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

/** A bar as drawn: with its interval's whisker lengths and its "x / n" label. */
interface DrawnBar extends BreakdownBar {
  error: [number, number] | null;
  fraction: string | null;
  small: boolean;
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

/** Horizontal bars of one count per label (stage, cause, server, model, device…), clickable. Memoised. */
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
  const drawn = useMemo(() => drawnBars(bars), [bars]);
  const { tooltip, barLabel, select } = useBarActions(drawn, valueName, format, selectText, onSelect);
  const rates = drawn.some((b) => b.fraction !== null);
  const color = palette.series[series];
  const rowsDrawn = useMemo(
    (): BarRow[] =>
      drawn.map((b) => ({
        key: b.key,
        label: b.label,
        value: b.value,
        fill: color,
        opacity: b.small ? 0.35 : 1,
        whisker: b.error === null ? null : { low: b.value - b.error[0], high: b.value + b.error[1] },
        note: b.fraction,
      })),
    [drawn, color],
  );
  const rows = useDataRows(drawn, format, onSelect, selectLabel, selectText);
  const columns = useMemo(
    () => (rates ? ['Name', valueName, 'Count / operations', '95% interval'] : ['Name', valueName]),
    [valueName, rates],
  );
  const legend = useMemo(() => [{ label: valueName, color }], [valueName, color]);
  const axis = useMemo(
    () =>
      niceAxis(Math.max(0, ...drawn.map((b) => b.value + (b.error?.[1] ?? 0))), {
        integer: !percent,
        maxTicks: narrow ? NARROW_MAX_TICKS : 6,
      }),
    [drawn, percent, narrow],
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
      <BarRowsChart
        title={title}
        rows={rowsDrawn}
        axis={axis}
        tickFormat={percent ? percentTick : countTick}
        labelWidth={labelWidth}
        labelChars={maxChars}
        rowHeight={rowHeight}
        margin={rates ? RATE_MARGIN : MARGIN}
        tooltip={tooltip}
        onSelect={select}
        barLabel={barLabel}
      />
    </ChartCard>
  );
});

/** Row `index`'s tooltip, its button's name and what pressing it does. Stable while the inputs are. */
function useBarActions(
  drawn: readonly DrawnBar[],
  valueName: string,
  format: (value: number) => string,
  selectText: string | undefined,
  onSelect: BreakdownChartProps['onSelect'],
) {
  const tooltip = useCallback(
    (index: number) => {
      const bar = drawn[index];
      return bar === undefined ? null : (
        <TooltipBox title={bar.label} lines={[`${valueName}: ${format(bar.value)}`, ...(bar.detail ?? [])]} />
      );
    },
    [drawn, valueName, format],
  );
  const barLabel = useCallback(
    (index: number) => {
      const bar = drawn[index];
      return bar === undefined
        ? ''
        : `${bar.label}, ${format(bar.value)} ${valueName.toLowerCase()} — ${(selectText ?? 'Filter').toLowerCase()}`;
    },
    [drawn, format, valueName, selectText],
  );
  const select = useMemo(
    () =>
      onSelect &&
      ((index: number) => {
        const bar = drawn[index];
        if (bar !== undefined) onSelect(bar);
      }),
    [drawn, onSelect],
  );
  return { tooltip, barLabel, select };
}

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
