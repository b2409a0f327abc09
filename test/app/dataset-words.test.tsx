// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FailuresByCodeChart } from '../../src/app/charts/failures-by-code-chart.tsx';
import { FailuresOverTimeChart } from '../../src/app/charts/failures-over-time-chart.tsx';
import { DatasetWordsProvider, patternId } from '../../src/app/dataset-words.tsx';
import { PALETTES } from '../../src/app/palette.ts';
import { getCatalog } from '../../src/catalog/catalog-registry.ts';
import { resolveResult } from '../../src/catalog/result.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import type { CodeCount, TimeSeries } from '../../src/dataset/query-types.ts';
import { installResizeObserver } from './dashboard-fixture.ts';

afterEach(cleanup);
beforeEach(installResizeObserver);

const fumo = getCatalog('fumo');
const hawkbit = getCatalog('hawkbit');
const FAMILIES = [fumo, hawkbit].map(({ id, name, title, source }) => ({ id, name, title, source }));
/** The two families' classes, as the worker sends them (Dataset.categories of a dataset holding both). */
const CATEGORIES = (() => {
  const builder = new DatasetBuilder(fumo);
  builder.addResolved(builder.resultId(fumo, 402, ''), Number.NaN, 1, 0, []);
  builder.addResolved(builder.resultId(hawkbit, Number.NaN, 'error'), Number.NaN, 1, 0, []);
  return builder.build().categories;
})();

function count(family: typeof fumo, code: number | null, status: string | null, n: number): CodeCount {
  const r = resolveResult(family, code, status);
  return { ...r, count: n };
}

const CODES = [count(fumo, 402, null, 5), count(hawkbit, null, 'error', 3), count(fumo, 503, null, 2)];

function table(figure: HTMLElement): string[][] {
  return within(figure)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('td, th')].map((c) => c.textContent ?? ''));
}

describe('labels and colours from the catalogs', () => {
  it('prefixes results with their family when the dataset holds several, and names every class in text', async () => {
    render(
      <DatasetWordsProvider categories={CATEGORIES} families={FAMILIES}>
        <FailuresByCodeChart codes={CODES} onFilter={vi.fn()} />
      </DatasetWordsProvider>,
    );
    const figure = screen.getByRole('figure', { name: 'Failures by result code' });
    await userEvent.click(within(figure).getByText('Data table'));
    expect(table(figure).map((r) => r.slice(0, 3))).toEqual([
      ['FUMO 402', 'Corrupted Firmware Update Package', 'Client error'],
      ['hawkBit error', 'error', 'Failure'],
      ['FUMO 503', 'Download fails due to network issues', 'Download server error'],
    ]);
    const legend = within(figure).getByRole('list', { name: 'Failures by result code: result classes' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Client error', 'Failure', 'Download server error']);
  });

  it('keeps results as they are with one family', async () => {
    render(
      <DatasetWordsProvider categories={fumo.categories} families={FAMILIES.slice(0, 1)}>
        <FailuresByCodeChart codes={CODES.filter((c) => c.family === 'fumo')} onFilter={vi.fn()} />
      </DatasetWordsProvider>,
    );
    const figure = screen.getByRole('figure', { name: 'Failures by result code' });
    await userEvent.click(within(figure).getByText('Data table'));
    expect(table(figure).map((r) => r[0])).toEqual(['402', '503']);
  });

  it('gives classes of one outcome its colour, told apart by pattern, in the legend as in the chart', () => {
    const series: TimeSeries = {
      bucket: 'day',
      bucketMs: 86_400_000,
      buckets: [
        {
          start: Date.UTC(2026, 9, 1),
          byCategory: { client_error: 4, download_server_error: 2, failure: 1, unrecognized: 1 },
          operations: 20,
          failures: 7,
        },
      ],
    };
    const { container } = render(
      <DatasetWordsProvider categories={CATEGORIES} families={FAMILIES}>
        <FailuresOverTimeChart
          series={series}
          window={null}
          zoom={{ zoomTo: vi.fn(), zoomOut: vi.fn(), fullRange: vi.fn() }}
        />
      </DatasetWordsProvider>,
    );
    const legend = screen.getByRole('list', { name: 'Failures over time: result classes' });
    const fills = within(legend)
      .getAllByRole('listitem')
      .map((li) => [li.textContent, li.querySelector('rect')?.getAttribute('fill')]);
    const failure = PALETTES.light.outcomes.failure;
    expect(fills).toEqual([
      ['Client error', failure],
      ['Download server error', `url(#${patternId('failure', 'dots')})`],
      ['Failure', `url(#${patternId('failure', 'backhatch')})`],
      ['Unrecognized code', PALETTES.light.outcomes.unrecognized],
    ]);
    // the patterns the legend and the bars refer to exist on the page, in the failure colour
    for (const pattern of ['dots', 'backhatch'] as const) {
      const defined = container.ownerDocument.getElementById(patternId('failure', pattern));
      expect(defined?.querySelector('rect')?.getAttribute('fill')).toBe(failure);
    }
  });
});
