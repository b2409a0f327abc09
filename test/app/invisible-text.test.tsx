// @vitest-environment jsdom
/**
 * Zero-width and bidi characters in the data are shown, never drawn as nothing: two device ids that differ
 * only in a zero-width space must not look like one device, in any place the page shows them.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/app.tsx';
import { inProcessClient, installResizeObserver, SMALL_CSV } from './dashboard-fixture.ts';

/** The fixture with a second "dev-003" that has a zero-width space, model X200 with a right-to-left override. */
const TRICKY = SMALL_CSV.replace(/(10:20:00Z,)dev-003/, '$1dev-\u200B003')
  .replaceAll(',X200,', ',X2\u202E00,')
  .replace(',region,', ',re\u200Dgion,');

beforeEach(() => {
  installResizeObserver();
  history.replaceState(null, '', '/');
});
afterEach(cleanup);

const figure = (name: string) => screen.findByRole('figure', { name }, { timeout: 10_000 });

describe('invisible characters in the data', () => {
  it('are shown as markers in charts, chips, the device history and the event table', async () => {
    render(<App client={inProcessClient()} />);
    await userEvent.upload(screen.getByLabelText('Upload logs'), new File([TRICKY], 'tricky.csv'));

    // two devices, two different labels
    const devices = await figure('Top failing devices');
    await userEvent.click(within(devices).getByText('Data table'));
    const shownAs = (text: string) =>
      within(devices)
        .getAllByText(text)
        .map((e) => e.tagName.toLowerCase());
    // the axis label, its full text (the SVG title the browser shows on hover) and the data table
    expect(shownAs('dev-003')).toEqual(expect.arrayContaining(['tspan', 'title', 'td']));
    expect(shownAs('dev-⟨U+200B⟩003')).toEqual(expect.arrayContaining(['tspan', 'title', 'td']));

    // a dimension value, in its chart and in its chip; the filter still holds the value itself
    const byModel = await figure('Failure rate by model');
    await userEvent.click(within(byModel).getByText('Data table'));
    expect(within(byModel).getAllByText('X2⟨U+202E⟩00').length).toBeGreaterThan(1);
    await userEvent.click(within(byModel).getByRole('button', { name: 'Filter by model X2⟨U+202E⟩00' }));
    const chips = screen.getByRole('region', { name: 'Active filters' });
    expect(await within(chips).findByText('model: X2⟨U+202E⟩00')).toBeTruthy();
    await vi.waitFor(() =>
      expect(screen.getByRole('region', { name: 'Summary' }).textContent).toContain('6 of 18'),
    );

    // the device history
    await userEvent.click(within(devices).getByRole('button', { name: 'History of dev-⟨U+200B⟩003' }));
    expect(await screen.findByRole('heading', { name: 'Device history: dev-⟨U+200B⟩003' })).toBeTruthy();

    // the event table: a dimension named with a zero-width joiner, and the device id
    await userEvent.click(screen.getByRole('tab', { name: 'Events' }));
    const table = await screen.findByRole('table', { name: 'Events' }, { timeout: 10_000 });
    expect(within(table).getByRole('columnheader', { name: /re⟨U\+200D⟩gion/ })).toBeTruthy();
    expect(await within(table).findByText('dev-⟨U+200B⟩003')).toBeTruthy();
    expect(within(table).getAllByText('X2⟨U+202E⟩00').length).toBeGreaterThan(0);

    // nowhere on the page is one of them drawn as nothing
    expect(document.body.textContent).not.toMatch(/\u200B|\u200D|\u202E/);
  });
});
