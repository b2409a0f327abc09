import { memo, useCallback, useMemo } from 'react';
import type { CodeCount } from '../../dataset/query-types.ts';
import { CategoryLegend, categoryFill, resultLabel, useDatasetWords } from '../dataset-words.tsx';
import type { FilterValue } from '../filter-field-kinds.ts';
import { countOf, formatCount } from '../format.ts';
import { CAUSE_LABELS, categoryLabel, STAGE_LABELS } from '../labels.ts';
import { barRowHeight, charsFitting } from './axis-label-tick.tsx';
import type { BarRow } from './bar-rows-chart.tsx';
import { BarRowsChart } from './bar-rows-chart.tsx';
import { ChartCard } from './chart-card.tsx';
import { useCategoryExportLegend } from './chart-export-context.tsx';
import { CodeTooltipContent } from './chart-tooltip.tsx';
import { niceAxis } from './nice-ticks.ts';
import { NARROW_LABEL_WIDTH, NARROW_MAX_TICKS, useNarrowScreen } from './use-narrow-screen.ts';

const MAX_BARS = 15;
/** Room for the code and its message on one or two lines; a full-width chart can afford one. */
const LABEL_WIDTH = 260;
const WIDE_LABEL_WIDTH = 390;
const MARGIN = { top: 4, right: 24, bottom: 4, left: 4 };
const COLUMNS = ['Code', 'Message', 'Category', 'Stage', 'Likely cause', 'Operations'];
const countTick = (v: number) => formatCount(v);

/** What a click on a result filters by: its code when the code decided, else its status word. */
export function resultFilter(c: CodeCount): FilterValue {
  return c.decidedBy === 'status' || c.code === null
    ? { field: 'statuses', value: c.status ?? c.label }
    : { field: 'codes', value: c.code };
}

/**
 * The codes that are not successes, most operations first; a bar click filters by that code (without
 * `onFilter`, as for figures of a load in progress, bars and rows filter nothing). Memoised.
 */
export const FailuresByCodeChart = memo(function FailuresByCodeChart({
  codes,
  title = 'Failures by result code',
  onFilter,
  wide = false,
}: {
  codes: CodeCount[];
  title?: string;
  onFilter?: (value: FilterValue) => void;
  /** Spans the whole grid row. */
  wide?: boolean;
}) {
  const narrow = useNarrowScreen();
  const labelWidth = narrow ? NARROW_LABEL_WIDTH + 20 : wide ? WIDE_LABEL_WIDTH : LABEL_WIDTH;
  const labelChars = charsFitting(labelWidth);
  const words = useDatasetWords();
  const top = useMemo(
    () => codes.slice(0, MAX_BARS).map((c) => ({ ...c, axis: `${resultLabel(words, c)} ${c.name}` })),
    [codes, words],
  );
  const rowHeight = useMemo(
    () =>
      barRowHeight(
        top.map((c) => c.axis),
        labelChars,
      ),
    [top, labelChars],
  );
  const rows = useCodeRows(codes, words, onFilter);
  const barLabel = useCallback(
    (index: number) => {
      const c = top[index];
      return c === undefined ? '' : `${resultLabel(words, c)}, ${countOf(c.count, 'operation')} — filter`;
    },
    [top, words],
  );
  const selectCode = useMemo(
    () =>
      onFilter &&
      ((index: number) => {
        const c = top[index];
        if (c !== undefined) onFilter(resultFilter(c));
      }),
    [onFilter, top],
  );
  const tooltip = useCallback(
    (index: number) => {
      const c = top[index];
      return c === undefined ? null : <CodeTooltipContent code={c} />;
    },
    [top],
  );
  const bars = useMemo(
    (): BarRow[] =>
      top.map((c) => ({
        key: `${c.family}|${c.label}`,
        label: c.axis,
        value: c.count,
        fill: categoryFill(words, c.category),
      })),
    [top, words],
  );
  const classes = useMemo(() => [...new Set(top.map((c) => c.category))], [top]);
  const exportLegend = useCategoryExportLegend(classes);
  const axis = useMemo(
    () =>
      niceAxis(Math.max(0, ...top.map((c) => c.count)), {
        integer: true,
        maxTicks: narrow ? NARROW_MAX_TICKS : 6,
      }),
    [top, narrow],
  );
  return (
    <ChartCard
      title={title}
      wide={wide}
      subtitle={`Colour and pattern = result class (legend below)${codes.length > MAX_BARS ? `; top ${MAX_BARS} of ${codes.length} codes` : ''}`}
      columns={COLUMNS}
      rows={rows}
      legend={<CategoryLegend ids={classes} label={`${title}: result classes`} />}
      exportLegend={exportLegend}
      empty="No failures or unrecognized codes for the current filters."
    >
      <BarRowsChart
        title={title}
        rows={bars}
        axis={axis}
        tickFormat={countTick}
        labelWidth={labelWidth}
        labelChars={labelChars}
        rowHeight={rowHeight}
        margin={MARGIN}
        tooltip={tooltip}
        onSelect={selectCode}
        barLabel={barLabel}
      />
    </ChartCard>
  );
});

/** The table's rows: every code, not only the bars'; a row's button filters like its bar. */
function useCodeRows(
  codes: CodeCount[],
  words: ReturnType<typeof useDatasetWords>,
  onFilter: ((value: FilterValue) => void) | undefined,
) {
  return useMemo(
    () =>
      codes.map((c) => ({
        key: `${c.family}|${c.label}`,
        cells: [
          resultLabel(words, c),
          c.name,
          categoryLabel(c.category),
          c.stage === null ? '—' : STAGE_LABELS[c.stage],
          c.cause === null ? '—' : CAUSE_LABELS[c.cause],
          formatCount(c.count),
        ],
        onSelect: onFilter && (() => onFilter(resultFilter(c))),
        selectLabel: `by ${c.decidedBy === 'status' || c.code === null ? 'status' : 'code'} ${resultLabel(words, c)}`,
      })),
    [codes, onFilter, words],
  );
}
