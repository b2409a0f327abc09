// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SummaryPanel } from '../../src/app/summary-panel.tsx';
import { ingestFiles } from '../support/ingest-text.ts';
import { dashboardFor, loadedService } from './dashboard-fixture.ts';

afterEach(cleanup);

function figures(): Map<string, string> {
  const region = screen.getByRole('region', { name: 'Summary' });
  const out = new Map<string, string>();
  for (const dt of region.querySelectorAll('dt')) {
    const dd = dt.nextElementSibling;
    expect(dd?.tagName).toBe('DD');
    out.set(dt.textContent ?? '', dd?.textContent ?? '');
  }
  return out;
}

describe('SummaryPanel', () => {
  it('shows the ten figures as dt/dd pairs with the fixture totals', async () => {
    const { service, info } = await loadedService();
    const data = await dashboardFor(service);
    render(
      <SummaryPanel
        totals={data.totals}
        report={info.report}
        filtered={false}
        selectedRows={data.selectedRows}
        totalRows={data.totalRows}
        timeRange={data.timeRange}
      />,
    );
    // the data's time range: fleet-small.csv's first and last accepted event
    expect(screen.getByText('2024-05-01 08:00 UTC – 2024-05-01 15:00 UTC')).toBeTruthy();
    expect(Object.fromEntries(figures())).toEqual({
      Operations: '18',
      Successes: '7',
      Failures: '10',
      'Failure rate': '55.6%',
      'Not applied': '0',
      'In progress': '0',
      'Unrecognized codes': '1',
      Devices: '14',
      'Failing devices': '8',
      'Rejected rows': '2',
    });
  });

  it('uses thousands separators and opens rejected rows to their lines and reasons', async () => {
    const { service, info } = await loadedService();
    const data = await dashboardFor(service);
    render(
      <SummaryPanel
        totals={{ ...data.totals, operations: 1234567 }}
        report={info.report}
        filtered
        selectedRows={3}
        totalRows={18}
        timeRange={null}
      />,
    );
    expect(figures().get('Operations')).toBe('1,234,567');
    expect(screen.getByText(/Filtered: 3 of 18 events/)).toBeTruthy();
    expect(screen.getByText('the data has no times')).toBeTruthy();
    await userEvent.click(screen.getByText(/Show rejected rows/));
    const table = screen.getByRole('table', { name: 'Rejected rows' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('fleet-small.csv');
  });

  it('labels the devices of an aggregate as upper bounds: "≤ N", and says why', async () => {
    // the shape of the sql/ recipes: operations and distinct devices per day × code × model
    const aggregate = [
      'day,family,result_code,model,operations,devices',
      '2026-10-01,scomo,1200,A,10,4',
      '2026-10-01,scomo,1404,A,3,2',
      '2026-10-02,scomo,1404,B,5,5',
    ].join('\n');
    const { dataset, report } = await ingestFiles({ 'daily.csv': aggregate });
    const { totals, timeRange } = dataset.overview(dataset.all());
    render(
      <SummaryPanel
        totals={totals}
        report={report}
        filtered={false}
        selectedRows={3}
        totalRows={3}
        timeRange={timeRange}
      />,
    );
    expect(Object.fromEntries(figures())).toMatchObject({
      Operations: '18',
      Failures: '8',
      Devices: '≤ 11',
      'Failing devices': '≤ 7',
    });
    expect(screen.getByText(/upper bounds \(≤\): they add up the aggregate's "devices" column/)).toBeTruthy();
  });
});
