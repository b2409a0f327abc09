import { memo, useCallback, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { CodeCount } from '../../dataset/query-types.ts';
import type { FilterValue } from '../filter-field-kinds.ts';
import { formatCount } from '../format.ts';
import { CATEGORY_COLORS, CATEGORY_LABELS, CAUSE_LABELS, STAGE_LABELS } from '../labels.ts';
import type { AxisTickProps } from './axis-label-tick.tsx';
import { barRowHeight, charsFitting, renderAxisLabel } from './axis-label-tick.tsx';
import { ChartCard } from './chart-card.tsx';
import { BAR_CURSOR, codeTooltip } from './chart-tooltip.tsx';
import { niceAxis } from './nice-ticks.ts';

const MAX_BARS = 15;
/** Room for the code and its message on one or two lines; a full-width chart can afford one. */
const LABEL_WIDTH = 260;
const WIDE_LABEL_WIDTH = 390;
const MARGIN = { top: 4, right: 24, bottom: 4, left: 4 };
const COLUMNS = ['Code', 'Message', 'Category', 'Stage', 'Likely cause', 'Operations'];
const countTick = (v: number) => formatCount(v);

export function codeLabel(c: { label: string; name: string }): string {
  return `${c.label} ${c.name}`;
}

/** What a click on a result filters by: its code when the code decided, else its status word. */
export function resultFilter(c: CodeCount): FilterValue {
  return c.decidedBy === 'status' || c.code === null
    ? { field: 'statuses', value: c.status ?? c.label }
    : { field: 'codes', value: c.code };
}

/** The codes that are not successes, most operations first; a bar click filters by that code. Memoised. */
export const FailuresByCodeChart = memo(function FailuresByCodeChart({
  codes,
  title = 'Failures by result code',
  onFilter,
  wide = false,
}: {
  codes: CodeCount[];
  title?: string;
  onFilter(value: FilterValue): void;
  /** Spans the whole grid row. */
  wide?: boolean;
}) {
  const labelWidth = wide ? WIDE_LABEL_WIDTH : LABEL_WIDTH;
  const labelChars = charsFitting(labelWidth);
  const top = useMemo(() => codes.slice(0, MAX_BARS).map((c) => ({ ...c, label: codeLabel(c) })), [codes]);
  const rowHeight = useMemo(
    () =>
      barRowHeight(
        top.map((c) => c.label),
        labelChars,
      ),
    [top, labelChars],
  );
  const rows = useMemo(
    () =>
      codes.map((c) => ({
        key: `${c.family}|${c.label}`,
        cells: [
          c.label,
          c.name,
          CATEGORY_LABELS[c.category],
          c.stage === null ? '—' : STAGE_LABELS[c.stage],
          c.cause === null ? '—' : CAUSE_LABELS[c.cause],
          formatCount(c.count),
        ],
        onSelect: () => onFilter(resultFilter(c)),
        selectLabel: `by ${c.decidedBy === 'status' || c.code === null ? 'status' : 'code'} ${c.label}`,
      })),
    [codes, onFilter],
  );
  const tick = useCallback((props: AxisTickProps) => renderAxisLabel(props, labelChars), [labelChars]);
  const onBarClick = useCallback(
    (item: { payload?: unknown }) => onFilter(resultFilter(item.payload as CodeCount)),
    [onFilter],
  );
  const cells = useMemo(
    () => top.map((c) => <Cell key={`${c.family}|${c.label}`} fill={CATEGORY_COLORS[c.category]} />),
    [top],
  );
  const style = useMemo(
    () => ({ width: '100%', height: 40 + top.length * rowHeight }),
    [top.length, rowHeight],
  );
  const axis = niceAxis(Math.max(0, ...top.map((c) => c.count)), { integer: true });
  const legend = [...new Set(top.map((c) => c.category))].map((c) => ({
    label: CATEGORY_LABELS[c] ?? c,
    color: CATEGORY_COLORS[c] ?? CATEGORY_COLORS.unrecognized ?? 'gray',
  }));
  return (
    <ChartCard
      title={title}
      wide={wide}
      legend={legend}
      subtitle={`Colour = result-code class${codes.length > MAX_BARS ? `; top ${MAX_BARS} of ${codes.length} codes` : ''}`}
      columns={COLUMNS}
      rows={rows}
      empty="No failures or unrecognized codes for the current filters."
    >
      <BarChart layout="vertical" data={top} responsive style={style} margin={MARGIN}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" ticks={axis.ticks} domain={axis.domain} interval={0} tickFormatter={countTick} />
        <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tick={tick} />
        <Tooltip content={codeTooltip} cursor={BAR_CURSOR} />
        <Bar
          dataKey="count"
          name="Operations"
          isAnimationActive={false}
          cursor="pointer"
          onClick={onBarClick}
        >
          {cells}
        </Bar>
      </BarChart>
    </ChartCard>
  );
});
