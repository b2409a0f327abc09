// @vitest-environment jsdom
/** The figures of a load in progress on the page: labelled wherever they show, announced once. */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoadProgress } from '../../src/app/load-progress.tsx';
import { PARTIAL_REGION, PartialFiguresPanel } from '../../src/app/partial-figures.tsx';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { partialFigures } from '../../src/views/partial.ts';
import { installResizeObserver, SMALL_CSV } from './dashboard-fixture.ts';

beforeEach(installResizeObserver);
afterEach(cleanup);

async function smallPartial() {
  const { dataset } = await ingest([bytesSource('fleet-small.csv', SMALL_CSV)]);
  return partialFigures(dataset, { bytesRead: 349, totalBytes: 1000, files: 1, rowsRejected: 2 });
}

describe('PartialFiguresPanel', () => {
  it('shows the Summary figures and the code chart under the share of the file they come from', async () => {
    const partial = await smallPartial();
    render(<PartialFiguresPanel partial={partial} />);
    const region = screen.getByRole('region', { name: PARTIAL_REGION });
    // not the exact figures' region: tests and users that look for "Summary" find only those
    expect(PARTIAL_REGION.toLowerCase()).not.toContain('summary');
    expect(within(region).getByRole('heading').textContent).toBe('Partial summary — so far: 34% of the file');
    const operations = within(region).getByText('Operations').nextElementSibling;
    expect(operations?.textContent).toBe(String(partial.totals.operations));
    expect(within(region).getByText('Rejected rows').nextElementSibling?.textContent).toBe('2');
    const chart = await screen.findByRole(
      'figure',
      { name: 'Failures by result code — so far: 34% of the file' },
      { timeout: 10_000 },
    );
    await userEvent.click(within(chart).getByText('Data table'));
    // its rows filter nothing: there is no data to filter yet
    expect(within(chart).queryAllByRole('button', { name: /^Filter/, hidden: true })).toHaveLength(0);
    expect(within(chart).getAllByRole('row', { hidden: true }).length).toBeGreaterThan(1);
  });
});

describe('LoadProgress', () => {
  it('says once, in a status that does not change with each update, that partial figures are shown', () => {
    const progress = { file: 'f.csv', fileIndex: 0, files: 1, bytesRead: 10, totalBytes: 100, rows: 5 };
    const { rerender } = render(<LoadProgress what="f.csv" progress={progress} onCancel={() => undefined} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    rerender(<LoadProgress what="f.csv" progress={progress} partial onCancel={() => undefined} />);
    const said = status.textContent;
    expect(said).toContain('Partial figures');
    rerender(
      <LoadProgress
        what="f.csv"
        progress={{ ...progress, bytesRead: 50, rows: 25 }}
        partial
        onCancel={() => undefined}
      />,
    );
    expect(screen.getByRole('status')).toBe(status);
    expect(status.textContent).toBe(said);
  });
});
