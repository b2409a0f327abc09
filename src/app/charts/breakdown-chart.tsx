import type { TooltipContentProps } from 'recharts';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatPercent, formatPercentTick } from '../format.ts';
import { barRowHeight, charsFitting, renderAxisLabel } from './axis-label-tick.tsx';
import { ChartCard } from './chart-card.tsx';
import { hovered, TooltipBox } from './chart-tooltip.tsx';

export interface BreakdownBar {
  key: string;
  label: string;
  value: number;
  /** Extra tooltip lines, e.g. the share of all failures. */
  detail?: string[];
}

/** Horizontal bars of one count per label (stage, cause, server, model, device…), clickable. */
export function BreakdownChart({
  title,
  subtitle,
  bars,
  color,
  valueName,
  labelWidth = 170,
  percent = false,
  onSelect,
  selectLabel,
  selectText,
  controls,
  empty,
}: {
  title: string;
  subtitle?: string;
  bars: BreakdownBar[];
  color: string;
  valueName: string;
  labelWidth?: number;
  percent?: boolean;
  onSelect?: (bar: BreakdownBar) => void;
  selectLabel?: (bar: BreakdownBar) => string;
  selectText?: string;
  controls?: React.ReactNode;
  empty?: string;
}) {
  const format = percent ? formatPercent : formatCount;
  const maxChars = charsFitting(labelWidth);
  const rowHeight = barRowHeight(
    bars.map((b) => b.label),
    maxChars,
  );
  const tooltip = (props: TooltipContentProps) => {
    const bar = hovered<BreakdownBar>(props);
    return bar === null ? null : (
      <TooltipBox title={bar.label} lines={[`${valueName}: ${format(bar.value)}`, ...(bar.detail ?? [])]} />
    );
  };
  return (
    <ChartCard
      title={title}
      {...(subtitle === undefined ? {} : { subtitle })}
      {...(empty === undefined ? {} : { empty })}
      controls={controls}
      columns={['', valueName]}
      rows={bars.map((bar) => ({
        key: bar.key,
        cells: [bar.label, format(bar.value)],
        ...(onSelect === undefined ? {} : { onSelect: () => onSelect(bar) }),
        ...(selectLabel === undefined ? {} : { selectLabel: selectLabel(bar) }),
        ...(selectText === undefined ? {} : { selectText }),
      }))}
    >
      <BarChart
        layout="vertical"
        data={bars}
        responsive
        style={{ width: '100%', height: 40 + bars.length * rowHeight }}
        margin={{ top: 4, right: 24, bottom: 4, left: 4 }}
      >
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis
          type="number"
          allowDecimals={percent}
          tickFormatter={(v: number) => (percent ? formatPercentTick(v) : formatCount(v))}
          {...(percent ? { domain: [0, 'auto'] as [number, string] } : {})}
        />
        <YAxis
          type="category"
          dataKey="label"
          width={labelWidth}
          interval={0}
          tick={(props) => renderAxisLabel(props, maxChars)}
        />
        <Tooltip content={tooltip} cursor={{ fillOpacity: 0.08 }} />
        <Bar
          dataKey="value"
          name={valueName}
          fill={color}
          isAnimationActive={false}
          {...(onSelect === undefined
            ? {}
            : { cursor: 'pointer', onClick: (item) => onSelect(item.payload as BreakdownBar) })}
        />
      </BarChart>
    </ChartCard>
  );
}
