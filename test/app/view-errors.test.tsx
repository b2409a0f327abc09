// @vitest-environment jsdom
/** One view's error is said in that view, with a way to try again; the rest of the page keeps working. */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/app.tsx';
import type { DatasetClient } from '../../src/app/dataset-client.ts';
import type { DashboardData } from '../../src/worker/dataset-protocol.ts';
import { inProcessClient, installResizeObserver, SMALL_CSV } from './dashboard-fixture.ts';

beforeEach(() => {
  installResizeObserver();
  history.replaceState(null, '', '/');
  // React reports each error a boundary catches on the console
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The real core, except that its first dashboard answer is one the Overview cannot draw. */
function clientWithOneBadAnswer(): DatasetClient {
  const client = inProcessClient();
  let bad = true;
  return {
    ...client,
    async call(method, params, onProgress) {
      const result = await client.call(method, params, onProgress);
      if (method !== 'dashboard' || !bad) return result;
      bad = false;
      return { ...(result as DashboardData), byStage: null } as never;
    },
  };
}

describe('a view that fails to draw', () => {
  it('shows its error in place, leaves the Summary and the other views working, and can be tried again', async () => {
    render(<App client={clientWithOneBadAnswer()} />);
    await userEvent.upload(
      screen.getByLabelText('Upload logs'),
      new File([SMALL_CSV], 'fleet-small.csv', { type: 'text/csv' }),
    );
    const failed = await screen.findByText(/The charts could not be shown/, undefined, { timeout: 10_000 });
    const alert = failed.closest('[role="alert"]') as HTMLElement;
    expect(alert).toBeTruthy();
    // the rest of the page is there and answers
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Operations')).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Events' }));
    expect(await screen.findByRole('heading', { name: '18 of 18 events' }, { timeout: 10_000 })).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    await userEvent.click(
      within(
        (await screen.findByText(/The charts could not be shown/)).closest('[role="alert"]') as HTMLElement,
      ).getByRole('button', { name: 'Try again' }),
    );
    expect(
      await screen.findByRole('figure', { name: 'Failures by result code' }, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(screen.queryByText(/could not be shown/)).toBeNull();
  });
});
