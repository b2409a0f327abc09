// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OverviewPanel } from '../../src/app/charts/overview-panel.tsx';
import { TriagePanel } from '../../src/app/charts/triage-panel.tsx';
import { EmptyState } from '../../src/app/empty-state.tsx';
import { DeviceHistoryPanel } from '../../src/app/events/device-history-panel.tsx';
import { FilterBar } from '../../src/app/filter-bar.tsx';
import { LoadProgress } from '../../src/app/load-progress.tsx';
import { MappingPanel } from '../../src/app/mapping-panel.tsx';
import { ViewTabs } from '../../src/app/view-tabs.tsx';
import { dashboardFor, installResizeObserver, loadedService } from './dashboard-fixture.ts';

beforeEach(installResizeObserver);
afterEach(cleanup);

describe('LoadProgress and EmptyState', () => {
  it('shows bytes and rows read, and cancels', async () => {
    const onCancel = vi.fn();
    render(
      <LoadProgress
        what="fleet.csv"
        progress={{
          file: 'fleet.csv',
          fileIndex: 0,
          files: 1,
          bytesRead: 1_572_864,
          totalBytes: 3_145_728,
          rows: 12_345,
        }}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByRole('progressbar', { name: 'Loading progress' })).toBeTruthy();
    expect(screen.getByText(/1\.5 MB of 3\.0 MB · 12,345 rows/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('lists the accepted formats', () => {
    render(<EmptyState dragging={false} />);
    const list = screen.getByRole('list');
    expect(list.textContent).toMatch(/comma, semicolon, tab or pipe/);
    expect(list.textContent).toMatch(/NDJSON/);
    expect(list.textContent).toMatch(/SyncML.*Parquet/);
    expect(list.textContent).toMatch(/FUMO.*hawkBit, Mender, AWS IoT\s+Jobs, Azure Device Update/s);
  });
});

describe('FilterBar', () => {
  it('shows each filter as a removable chip and clears all', async () => {
    const onRemove = vi.fn();
    const onClearAll = vi.fn();
    const onFailuresOnly = vi.fn();
    render(
      <FilterBar
        filter={{ codes: [1405], dimensions: [{ name: 'model', values: ['X100'] }] }}
        search="cdn"
        onRemove={onRemove}
        onClearSearch={() => undefined}
        onClearAll={onClearAll}
        onFailuresOnly={onFailuresOnly}
        announcement="Filtered: 3 of 18 events, 3 failures"
      />,
    );
    // the filter result is read out to screen readers as it changes
    expect(screen.getByText('Filtered: 3 of 18 events, 3 failures').getAttribute('aria-live')).toBe('polite');
    const failuresOnly = screen.getByRole('checkbox', { name: 'Failures only' });
    expect((failuresOnly as HTMLInputElement).checked).toBe(false);
    await userEvent.click(failuresOnly);
    expect(onFailuresOnly).toHaveBeenCalledWith(true);
    const bar = screen.getByRole('region', { name: 'Active filters' });
    expect(
      within(bar)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Code 1405×', 'model: X100×', 'Search: “cdn”×']);
    await userEvent.click(screen.getByRole('button', { name: 'Remove filter model: X100' }));
    expect(onRemove).toHaveBeenCalledWith({ field: 'dimension', name: 'model', value: 'X100' });
    await userEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(onClearAll).toHaveBeenCalledOnce();
  });
});

describe('MappingPanel', () => {
  it('shows the inferred mapping and applies a changed one', async () => {
    const { info } = await loadedService();
    const onApply = vi.fn();
    render(<MappingPanel report={info.report} onApply={onApply} />);
    await userEvent.click(screen.getByText(/Column mapping:/));
    expect((screen.getByLabelText('Result code column') as HTMLSelectElement).value).toBe('result_code');
    expect((screen.getByLabelText('Time column') as HTMLSelectElement).value).toBe('timestamp');
    await userEvent.selectOptions(screen.getByLabelText('Time column'), '');
    await userEvent.click(screen.getByRole('checkbox', { name: 'region' }));
    await userEvent.click(screen.getByRole('button', { name: 'Re-read with this mapping' }));
    expect(onApply).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'result_code', time: null, device: 'device_id' }),
    );
    expect(onApply.mock.calls[0]?.[0].dimensions).not.toContain('region');
    expect(onApply.mock.calls[0]?.[0]).not.toHaveProperty('catalog');
  });

  it("shows each file's result family and why, and reloads with the family chosen", async () => {
    const { info } = await loadedService();
    const onApply = vi.fn();
    render(<MappingPanel report={info.report} onApply={onApply} />);
    await userEvent.click(screen.getByText(/Column mapping:/));
    const files = screen.getByRole('table', { name: 'Files read' });
    expect(within(files).getByRole('columnheader', { name: 'Result family' })).toBeTruthy();
    expect(within(files).getByRole('columnheader', { name: 'Other records' })).toBeTruthy();
    expect(files.textContent).toMatch(
      /OMA-DM SCOMO result codes \([\d,]+ of [\d,]+ results recognised\): OMA-DM SCOMO result codes recognises/,
    );
    const family = screen.getByLabelText('Result family') as HTMLSelectElement;
    expect(family.value).toBe('');
    await userEvent.selectOptions(family, 'fumo');
    await userEvent.click(screen.getByRole('button', { name: 'Re-read with this mapping' }));
    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ catalog: 'fumo', code: 'result_code' }));
  });
});

describe('OverviewPanel', () => {
  it('has every chart, each with SVG and PNG export, and filters from the data tables', async () => {
    const { service, info } = await loadedService();
    const data = await dashboardFor(service);
    const onFilter = vi.fn();
    const onDevice = vi.fn();
    const onDimension = vi.fn();
    const timeZoom = { zoomTo: vi.fn(), zoomOut: vi.fn(), fullRange: vi.fn() };
    render(
      <OverviewPanel
        data={data}
        dimensionNames={info.dimensionNames}
        dimension="model"
        onDimension={onDimension}
        onFilter={onFilter}
        onDevice={onDevice}
        timeZoom={timeZoom}
      />,
    );
    for (const title of [
      'Failures by result code',
      'Failures over time',
      'Failures by stage',
      'Failures by likely cause',
      'Failure rate by model',
      'Top failing devices',
    ]) {
      const figure = screen.getByRole('figure', { name: title });
      expect(within(figure).getByRole('button', { name: `Download ${title} as SVG` })).toBeTruthy();
      expect(within(figure).getByRole('button', { name: `Download ${title} as PNG` })).toBeTruthy();
    }
    const stage = screen.getByRole('figure', { name: 'Failures by stage' });
    await userEvent.click(within(stage).getByText('Data table'));
    await userEvent.click(within(stage).getByRole('button', { name: 'Filter by stage Download' }));
    expect(onFilter).toHaveBeenCalledWith({ field: 'stages', value: 'download' });

    const rate = screen.getByRole('figure', { name: 'Failure rate by model' });
    await userEvent.selectOptions(within(rate).getByLabelText('Break down by'), 'region');
    expect(onDimension).toHaveBeenCalledWith('region');
    await userEvent.click(within(rate).getByText('Data table'));
    await userEvent.click(within(rate).getByRole('button', { name: 'Filter by model X100' }));
    expect(onFilter).toHaveBeenCalledWith({ field: 'dimension', name: 'model', value: 'X100' });

    // a bucket of the time chart, from its table: the time filter zooms to that bucket's window
    const series = data.timeSeries;
    const bucket = series?.buckets.find((b) => b.operations > 0);
    if (series === null || bucket === undefined) throw new Error('the fixture has times');
    const overTime = screen.getByRole('figure', { name: 'Failures over time' });
    await userEvent.click(within(overTime).getByText('Data table'));
    await userEvent.click(within(overTime).getAllByRole('button', { name: /^Filter to / })[0] as HTMLElement);
    expect(timeZoom.zoomTo).toHaveBeenCalledWith({ from: bucket.start, to: bucket.start + series.bucketMs });
    expect(onFilter).not.toHaveBeenCalledWith(expect.objectContaining({ field: 'time' }));

    const devices = screen.getByRole('figure', { name: 'Top failing devices' });
    await userEvent.click(within(devices).getByText('Data table'));
    await userEvent.click(within(devices).getByRole('button', { name: 'History of dev-005' }));
    expect(onDevice).toHaveBeenCalledWith('dev-005');
  });
});

describe('TriagePanel', () => {
  it('breaks download failures down by cause, server and model', async () => {
    const { service } = await loadedService();
    const { triage } = await dashboardFor(service);
    const onFilter = vi.fn();
    render(<TriagePanel triage={triage} onFilter={onFilter} />);
    expect(screen.getByText(/failures at the download and validation stages/).textContent).toMatch(/^5 /);
    const byServer = screen.getByRole('figure', { name: 'Download failures by download_server' });
    await userEvent.click(within(byServer).getByText('Data table'));
    const rows = within(byServer).getAllByRole('row');
    expect(rows[1]?.textContent).toMatch(/cdn-b.*5/);
    await userEvent.click(within(byServer).getByRole('button', { name: 'Filter by download_server cdn-b' }));
    expect(onFilter).toHaveBeenCalledWith({ field: 'dimension', name: 'download_server', value: 'cdn-b' });
    expect(screen.getByRole('figure', { name: /Share of 1505/ })).toBeTruthy();
  });
});

describe('DeviceHistoryPanel', () => {
  it('lists a device’s attempts in time order and says whether it recovered', async () => {
    const { service, info } = await loadedService();
    const onClose = vi.fn();
    render(
      <DeviceHistoryPanel
        device="dev-002"
        dimensionNames={info.dimensionNames}
        fetchHistory={(device) => service.handle('deviceHistory', { device }, () => undefined)}
        onClose={onClose}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: /Device history: dev-002/ });
    expect(await within(dialog).findByText('succeeded after 1 failure')).toBeTruthy();
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelectorAll('td')[1]?.textContent)).toEqual([
      '1405 (Client error)',
      '1200 (Success)',
    ]);
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});

describe('ViewTabs', () => {
  it('switches views with the arrow keys', async () => {
    const onTab = vi.fn();
    render(
      <ViewTabs tab="overview" onTab={onTab}>
        <p>content</p>
      </ViewTabs>,
    );
    screen.getByRole('tab', { name: 'Overview' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(onTab).toHaveBeenCalledWith('triage');
    expect(screen.getByRole('tabpanel', { name: 'Overview' }).textContent).toBe('content');
  });
});
