import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { CodeCount } from '../../dataset/query-types.ts';
import type { FilterValue } from '../filter-model.ts';
import { formatCount } from '../format.ts';
import { CATEGORY_COLORS, CATEGORY_LABELS, CAUSE_LABELS, STAGE_LABELS } from '../labels.ts';
import { barRowHeight, charsFitting, renderAxisLabel } from './axis-label-tick.tsx';
import { ChartCard } from './chart-card.tsx';
import { codeTooltip } from './chart-tooltip.tsx';

const MAX_BARS = 15;
/** Room for the code and its message on one or two lines; a full-width chart can afford one. */
const LABEL_WIDTH = 260;
const WIDE_LABEL_WIDTH = 390;

export function codeLabel(c: { code: number; name: string }): string {
  return `${c.code} ${c.name}`;
}

export function FailuresByCodeChart({
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
  const top = codes.slice(0, MAX_BARS).map((c) => ({ ...c, label: codeLabel(c) }));
  const rowHeight = barRowHeight(
    top.map((c) => c.label),
    labelChars,
  );
  return (
    <ChartCard
      title={title}
      wide={wide}
      subtitle={`Colour = result-code class${codes.length > MAX_BARS ? `; top ${MAX_BARS} of ${codes.length} codes` : ''}`}
      columns={['Code', 'Message', 'Category', 'Stage', 'Likely cause', 'Operations']}
      rows={codes.map((c) => ({
        key: String(c.code),
        cells: [
          c.code,
          c.name,
          CATEGORY_LABELS[c.category],
          c.stage === null ? '—' : STAGE_LABELS[c.stage],
          c.cause === null ? '—' : CAUSE_LABELS[c.cause],
          formatCount(c.count),
        ],
        onSelect: () => onFilter({ field: 'codes', value: c.code }),
        selectLabel: `by code ${c.code}`,
      }))}
      empty="No failures or unrecognized codes for the current filters."
    >
      <BarChart
        layout="vertical"
        data={top}
        responsive
        style={{ width: '100%', height: 40 + top.length * rowHeight }}
        margin={{ top: 4, right: 24, bottom: 4, left: 4 }}
      >
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} tickFormatter={formatCount} />
        <YAxis
          type="category"
          dataKey="label"
          width={labelWidth}
          interval={0}
          tick={(props) => renderAxisLabel(props, labelChars)}
        />
        <Tooltip content={codeTooltip} cursor={{ fillOpacity: 0.08 }} />
        <Bar
          dataKey="count"
          name="Operations"
          isAnimationActive={false}
          cursor="pointer"
          onClick={(item) => onFilter({ field: 'codes', value: (item.payload as CodeCount).code })}
        >
          {top.map((c) => (
            <Cell key={c.code} fill={CATEGORY_COLORS[c.category]} />
          ))}
        </Bar>
      </BarChart>
    </ChartCard>
  );
}
