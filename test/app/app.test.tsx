// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/app.tsx';
import { inProcessClient, installResizeObserver, SMALL_CSV } from './dashboard-fixture.ts';

beforeEach(() => {
  installResizeObserver();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function figure(term: string): string {
  const region = screen.getByRole('region', { name: 'Summary' });
  const dt = within(region).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? '';
}

describe('App', () => {
  it('starts with an empty state that says which files are accepted', () => {
    render(<App client={inProcessClient()} />);
    expect(screen.getByRole('heading', { name: /Drop device-update logs/ })).toBeTruthy();
    expect(screen.getByText(/with a header row/)).toBeTruthy();
    expect(screen.getByLabelText('Upload logs')).toHaveProperty('multiple', true);
    expect(screen.getByRole('button', { name: 'Try the sample' })).toBeTruthy();
  });

  it('loads uploaded logs into the Summary, and a filter chip narrows it and the hash', async () => {
    render(<App client={inProcessClient()} />);
    await userEvent.upload(
      screen.getByLabelText('Upload logs'),
      new File([SMALL_CSV], 'fleet-small.csv', { type: 'text/csv' }),
    );
    expect(await screen.findByRole('region', { name: 'Summary' })).toBeTruthy();
    expect(figure('Operations')).toBe('18');

    // The code chart's data table is the keyboard path to the cross-filter.
    const codeFigure = await screen.findByRole(
      'figure',
      { name: 'Failures by result code' },
      // The charts are a lazily loaded chunk.
      { timeout: 10_000 },
    );
    await userEvent.click(within(codeFigure).getByText('Data table'));
    await userEvent.click(within(codeFigure).getByRole('button', { name: 'Filter by code 1405' }));
    await vi.waitFor(() => expect(figure('Operations')).toBe('3'));
    expect(location.hash).toContain('code=1405');

    await userEvent.click(screen.getByRole('button', { name: 'Remove filter Code 1405' }));
    await vi.waitFor(() => expect(figure('Operations')).toBe('18'));
    expect(location.hash).not.toContain('code');
  });

  it("shows a filter's Summary figures as soon as they come, before its dashboard", async () => {
    const client = inProcessClient();
    // the filtered view's dashboard is held back until released
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const call = client.call.bind(client);
    client.call = (async (method, params, onProgress) => {
      const filtered =
        method === 'dashboard' && Object.keys((params as { filter: object }).filter).length > 0;
      if (filtered) await held;
      return call(method, params, onProgress);
    }) as typeof client.call;
    render(<App client={client} />);
    await userEvent.upload(
      screen.getByLabelText('Upload logs'),
      new File([SMALL_CSV], 'fleet-small.csv', { type: 'text/csv' }),
    );
    const codeFigure = await screen.findByRole(
      'figure',
      { name: 'Failures by result code' },
      { timeout: 10_000 },
    );
    // a load's first view comes whole: no figures of their own to scan first
    expect(client.calls).not.toContain('figures');
    await userEvent.click(within(codeFigure).getByText('Data table'));
    await userEvent.click(within(codeFigure).getByRole('button', { name: 'Filter by code 1405' }));
    await vi.waitFor(() => expect(figure('Operations')).toBe('3'));
    expect(client.calls).toContain('figures');
    // the charts still show the figures before the filter: its dashboard has not come
    expect(within(codeFigure).queryByRole('button', { name: 'Filter by code 1404' })).toBeTruthy();
    release();
    await vi.waitFor(() =>
      expect(within(codeFigure).queryByRole('button', { name: 'Filter by code 1404' })).toBeNull(),
    );
    expect(figure('Operations')).toBe('3');
  });

  it('fetches the sample relative to the page', async () => {
    // A Response-like object: jsdom's File cannot wrap the Blob that Node's own Response returns.
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => ({
      ok: true,
      status: 200,
      blob: async () => new Blob([SMALL_CSV]),
    }));
    vi.stubGlobal('fetch', fetchMock);
    render(<App client={inProcessClient()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Try the sample' }));
    expect(await screen.findByRole('region', { name: 'Summary' })).toBeTruthy();
    expect(fetchMock.mock.calls[0]?.[0]).toBe('./sample/fleet-sample.csv');
  });

  it('shows unusable input in an alert and keeps the empty state', async () => {
    render(<App client={inProcessClient()} />);
    await userEvent.upload(screen.getByLabelText('Upload logs'), new File(['hello\nworld\n'], 'notes.txt'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/notes\.txt/);
    expect(screen.getByRole('heading', { name: /Drop device-update logs/ })).toBeTruthy();
  });

  it('restores the view from the hash once the same file is loaded', async () => {
    history.replaceState(null, '', '/#view=events&code=1405');
    render(<App client={inProcessClient()} />);
    await userEvent.upload(screen.getByLabelText('Upload logs'), new File([SMALL_CSV], 'fleet-small.csv'));
    expect(await screen.findByRole('heading', { name: '3 of 18 events' }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Events' }).getAttribute('aria-selected')).toBe('true');
  });
});
