// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shownLabels } from '../../src/app/charts/chart-frame.tsx';
import { CHART_BAR, CHART_SURFACE } from '../../src/app/charts/chart-selectors.ts';
import { niceAxis } from '../../src/app/charts/nice-ticks.ts';
import { useBrushStore } from '../../src/app/charts/time-brush.tsx';
import type { TimeChartSvgProps, TimeColumn } from '../../src/app/charts/time-chart-svg.tsx';
import { TimeChartSvg } from '../../src/app/charts/time-chart-svg.tsx';
import { installResizeObserver } from './dashboard-fixture.ts';

afterEach(cleanup);
beforeEach(installResizeObserver);

const COLUMNS: TimeColumn[] = [
  { label: 'Mon', values: [4, 2], rate: 0.5 },
  { label: 'Tue', values: [0, 0], rate: null },
  { label: 'Wed', values: [2, 4], rate: 0.25 },
];

function Chart(props: Partial<TimeChartSvgProps>) {
  const store = useBrushStore();
  return (
    <TimeChartSvg
      columns={COLUMNS}
      stacks={[
        { key: 'client', fill: '#a00' },
        { key: 'server', fill: 'url(#dots)' },
      ]}
      axis={niceAxis(6, { integer: true })}
      rateAxis={niceAxis(0.5)}
      countFormat={String}
      rateFormat={(v) => `${Math.round(v * 100)}%`}
      tooltip={(i) => <div className="chart-tooltip">bucket {COLUMNS[i]?.label}</div>}
      brush={{ store, onCommit: vi.fn() }}
      stops={{ stops: [0, 2], roving: { active: 0, onKeyDown: vi.fn(), onFocus: vi.fn() }, label: String }}
      {...props}
    />
  );
}

describe('shownLabels', () => {
  it('keeps the last label and every step back, the step wide enough for the widest label', () => {
    const labels = Array.from({ length: 10 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
    // 10 characters ≈ 66 px + 24 px of gap: three 40 px buckets a label
    expect([...shownLabels(labels, 40)].sort((a, b) => a - b)).toEqual([0, 3, 6, 9]);
    expect(shownLabels(labels, 200).size).toBe(10);
    expect(shownLabels([], 40).size).toBe(0);
  });
});

describe('TimeChartSvg', () => {
  it('stacks each bucket’s classes bottom up, to the height of their sum on the count axis', () => {
    const { container } = render(<Chart />);
    const bars = [...container.querySelectorAll(CHART_BAR)];
    // the empty bucket draws no bar
    expect(bars).toHaveLength(4);
    const [a, b, c, d] = bars.map((r) => ({
      y: Number(r.getAttribute('y')),
      h: Number(r.getAttribute('height')),
      fill: r.getAttribute('fill'),
    }));
    expect(a?.fill).toBe('#a00');
    expect(b?.fill).toBe('url(#dots)');
    // the second class sits on the first
    expect((b?.y ?? 0) + (b?.h ?? 0)).toBeCloseTo(a?.y ?? -1, 6);
    // 4 + 2 against 2 + 4: the same total, the same height
    expect((a?.h ?? 0) + (b?.h ?? 0)).toBeCloseTo((c?.h ?? 0) + (d?.h ?? 0), 6);
    expect((a?.h ?? 0) / (b?.h ?? 1)).toBeCloseTo(2, 6);
  });

  it('draws one rate line through the buckets that have a rate, a dot at each', () => {
    const { container } = render(<Chart />);
    const line = container.querySelectorAll('.time-chart-rate-line');
    expect(line).toHaveLength(1);
    expect(line[0]?.getAttribute('d')?.match(/[ML]/g)).toEqual(['M', 'L']);
    expect(container.querySelectorAll('.time-chart-rate circle')).toHaveLength(2);
  });

  it('labels the buckets and both axes, and gives a focus stop to each bucket with operations', () => {
    const { container } = render(<Chart />);
    const texts = [...container.querySelectorAll('.chart-category-axis text')].map((t) => t.textContent);
    expect(texts).toEqual(['Mon', 'Tue', 'Wed']);
    const ticks = [...container.querySelectorAll('.chart-number-axis text')].map((t) => t.textContent);
    expect(ticks).toContain('6');
    expect(ticks).toContain('50%');
    expect(container.querySelectorAll('.bucket-stops [role="button"]')).toHaveLength(2);
  });

  it('shows the hovered bucket’s tooltip', () => {
    const { container } = render(<Chart />);
    const svg = container.querySelector(CHART_SURFACE) as SVGSVGElement;
    // the plot runs from x = 60 to 600 − 52 = 548 (fallback width): the third of three buckets
    fireEvent.pointerMove(svg, { clientX: 500, clientY: 100 });
    expect(container.querySelector('.chart-hover')?.textContent).toBe('bucket Wed');
    fireEvent.pointerMove(svg, { clientX: 20, clientY: 100 });
    expect(container.querySelector('.chart-hover')).toBeNull();
  });
});
