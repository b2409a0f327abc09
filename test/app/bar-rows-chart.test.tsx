// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BarRow, BarRowsChartProps } from '../../src/app/charts/bar-rows-chart.tsx';
import { BarRowsChart, barRowsHeight } from '../../src/app/charts/bar-rows-chart.tsx';
import { AXIS_TICK, CHART_BAR, CHART_SURFACE, NUMBER_AXIS } from '../../src/app/charts/chart-selectors.ts';
import { installResizeObserver } from './dashboard-fixture.ts';

afterEach(cleanup);
beforeEach(installResizeObserver);

const ROWS: BarRow[] = [
  { key: 'a', label: 'alpha', value: 40, fill: '#c00' },
  { key: 'b', label: 'beta', value: 10, fill: 'url(#dots)', opacity: 0.35 },
  { key: 'c', label: 'gamma', value: 0, fill: '#c00', whisker: { low: 0, high: 12 }, note: '0 / 3' },
];

function draw(props: Partial<BarRowsChartProps> = {}, container?: HTMLElement) {
  const all: BarRowsChartProps = {
    title: 'Things',
    rows: ROWS,
    axis: { ticks: [0, 10, 20, 30, 40], domain: [0, 40] },
    tickFormat: (v) => `${v}!`,
    labelWidth: 100,
    labelChars: 12,
    rowHeight: 26,
    margin: { top: 4, right: 24, bottom: 4, left: 4 },
    tooltip: (i) => <div className="chart-tooltip">row {ROWS[i]?.label}</div>,
    ...props,
  };
  return render(<BarRowsChart {...all} />, container ? { container } : {});
}

function bars(container: HTMLElement): SVGRectElement[] {
  return [...container.querySelectorAll<SVGRectElement>(CHART_BAR)];
}

describe('BarRowsChart', () => {
  it('draws a bar per row, as long as its value on the caller’s axis, with its fill and opacity', () => {
    const { container } = draw();
    const svg = container.querySelector(CHART_SURFACE);
    expect(svg?.getAttribute('height')).toBe(String(barRowsHeight(3, 26)));
    const drawn = bars(container);
    expect(drawn).toHaveLength(3);
    const width = drawn.map((b) => Number(b.getAttribute('width')));
    // the fallback width (600) less the label column (104) and the right margin (24): 472 px for 40
    expect(width[0]).toBeCloseTo(472, 5);
    expect(width[1]).toBeCloseTo(118, 5);
    expect(width[2]).toBe(0);
    expect(drawn.map((b) => b.getAttribute('fill'))).toEqual(['#c00', 'url(#dots)', '#c00']);
    expect(drawn[1]?.getAttribute('fill-opacity')).toBe('0.35');
    // each bar in its own row, top to bottom
    const ys = drawn.map((b) => Number(b.getAttribute('y')));
    expect(ys[0]).toBeLessThan(ys[1] as number);
    expect(ys[1]).toBeLessThan(ys[2] as number);
  });

  it('is drawn once, at its box’s measured width: nothing is drawn at a guessed width first', () => {
    const clientWidth = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    try {
      const host = document.body.appendChild(document.createElement('div'));
      // drawn at a guessed width first, the surface's width would then change (600 → 800)
      const watch = new MutationObserver(() => {});
      watch.observe(host, {
        subtree: true,
        attributes: true,
        attributeFilter: ['width'],
        attributeOldValue: true,
      });
      const { container } = draw({}, host);
      const changes = watch
        .takeRecords()
        .filter((r) => (r.target as Element).matches(CHART_SURFACE))
        .map((r) => `${r.oldValue} → ${(r.target as Element).getAttribute('width')}`);
      watch.disconnect();
      expect(container.querySelector(CHART_SURFACE)?.getAttribute('width')).toBe('800');
      expect(changes).toEqual([]);
    } finally {
      clientWidth.mockRestore();
    }
  });

  it('labels the number axis with the caller’s ticks and the rows with their labels', () => {
    const { container } = draw();
    const ticks = [...container.querySelectorAll(`:is(${NUMBER_AXIS}) :is(${AXIS_TICK})`)].map(
      (t) => t.textContent,
    );
    expect(ticks).toEqual(['0!', '10!', '20!', '30!', '40!']);
    const labels = [...container.querySelectorAll('svg text title')].map((t) => t.textContent);
    expect(labels).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('draws a whisker and a note where a row has them', () => {
    const { container } = draw();
    expect(container.querySelectorAll('.bar-rows-whisker')).toHaveLength(1);
    const whisker = container.querySelector('.bar-rows-whisker line');
    // from 0 to 12 of 40 on a 472 px axis that starts at 104
    expect(Number(whisker?.getAttribute('x1'))).toBeCloseTo(104, 5);
    expect(Number(whisker?.getAttribute('x2'))).toBeCloseTo(104 + (12 / 40) * 472, 5);
    expect(container.querySelector('text.bar-fraction')?.textContent).toBe('0 / 3');
  });

  it('makes bars one tab stop of buttons when it selects: click, Enter and the arrows', async () => {
    const onSelect = vi.fn();
    draw({ onSelect, barLabel: (i) => `${ROWS[i]?.label} — filter` });
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'alpha — filter',
      'beta — filter',
      'gamma — filter',
    ]);
    expect(buttons.filter((b) => b.getAttribute('tabindex') === '0')).toHaveLength(1);
    await userEvent.click(buttons[1] as HTMLElement);
    expect(onSelect).toHaveBeenLastCalledWith(1);
    (buttons[0] as HTMLElement).focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(2);
    expect(document.activeElement).toBe(buttons[2]);
  });

  it('without a selection, draws no buttons and hides the drawing from screen readers', () => {
    const { container } = draw();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(container.querySelector(CHART_SURFACE)?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows the tooltip of the row under the pointer, and hides it when the pointer leaves', () => {
    const { container } = draw();
    const svg = container.querySelector(CHART_SURFACE) as SVGSVGElement;
    // rows are (height 118 − margins 8 − axis 30) / 3 = 26.67 px from y = 4
    fireEvent.pointerMove(svg, { clientX: 300, clientY: 4 + 26.67 * 1.5 });
    expect(container.querySelector('.chart-hover')?.textContent).toBe('row beta');
    expect(container.querySelector('.chart-cursor')).not.toBeNull();
    fireEvent.pointerMove(svg, { clientX: 300, clientY: 4 + 26.67 * 2.5 });
    expect(container.querySelector('.chart-hover')?.textContent).toBe('row gamma');
    fireEvent.pointerLeave(svg);
    expect(container.querySelector('.chart-hover')).toBeNull();
    expect(container.querySelector('.chart-cursor')).toBeNull();
  });
});
