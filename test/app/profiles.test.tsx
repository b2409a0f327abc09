// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/app.tsx';
import { PROFILES_KEY, readStoredProfiles } from '../../src/app/use-profiles.ts';
import { inProcessClient, installResizeObserver } from './dashboard-fixture.ts';

/** An operator reads SCOMO 1472 ("installation and rollback success") as not applied. */
const ROLLBACK = JSON.stringify(
  {
    name: 'Rollbacks not applied',
    family: 'scomo',
    codes: [{ code: 1472, name: 'Rolled back', outcome: 'not_applied' }],
  },
  null,
  2,
);
const BAD =
  '{\n  "name": "Broken",\n  "family": "scomo",\n  "codes": [\n    { "code": 1472, "outcome": "fine" }\n  ]\n}\n';
const CSV = 'result_code,device_id\n1200,d1\n1472,d2\n1472,d3\n1404,d4\n';

beforeEach(() => {
  installResizeObserver();
  localStorage.clear();
  history.replaceState(null, '', '/');
});
afterEach(cleanup);

function figure(term: string): string {
  const region = screen.getByRole('region', { name: 'Summary' });
  return within(region).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
}

const profileFile = (text: string, name: string) => new File([text], name, { type: 'application/json' });

describe('Load profile', () => {
  it('refuses a bad profile with its line and column and changes nothing', async () => {
    render(<App client={inProcessClient()} />);
    await userEvent.upload(screen.getByLabelText('Load profile'), profileFile(BAD, 'broken.json'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /broken\.json is not a valid profile: line 5, column \d+: .*No profile was changed/,
    );
    expect(screen.queryByRole('list', { name: 'Profiles in use' })).toBeNull();
    expect(localStorage.getItem(PROFILES_KEY)).toBeNull();
  });

  it('applies a profile to the loaded files, keeps it for the next visit, and removes it', async () => {
    render(<App client={inProcessClient()} />);
    await userEvent.upload(
      screen.getByLabelText('Upload logs'),
      new File([CSV], 'fleet.csv', { type: 'text/csv' }),
    );
    await screen.findByRole('region', { name: 'Summary' });
    expect(figure('Not applied')).toBe('0');
    expect(figure('Failures')).toBe('3');

    await userEvent.upload(screen.getByLabelText('Load profile'), profileFile(ROLLBACK, 'rollback.json'));
    const list = await screen.findByRole('list', { name: 'Profiles in use' });
    expect(within(list).getByText(/Rollbacks not applied \(scomo, 1 codes\)/)).toBeTruthy();
    // the loaded files are read again under the profile
    await vi.waitFor(() => expect(figure('Not applied')).toBe('2'));
    expect(figure('Failures')).toBe('1');
    expect(readStoredProfiles().map((p) => p.profile.name)).toEqual(['Rollbacks not applied']);

    await userEvent.click(screen.getByRole('button', { name: 'Remove profile Rollbacks not applied' }));
    await vi.waitFor(() => expect(figure('Not applied')).toBe('0'));
    expect(screen.queryByRole('list', { name: 'Profiles in use' })).toBeNull();
    expect(readStoredProfiles()).toEqual([]);
  });

  it('brings back a kept profile on the next visit, and the first load reads with it', async () => {
    localStorage.setItem(PROFILES_KEY, JSON.stringify([ROLLBACK, '{"not": "a profile"}']));
    render(<App client={inProcessClient()} />);
    expect(
      within(screen.getByRole('list', { name: 'Profiles in use' })).getAllByRole('listitem'),
    ).toHaveLength(1);
    await userEvent.upload(
      screen.getByLabelText('Upload logs'),
      new File([CSV], 'fleet.csv', { type: 'text/csv' }),
    );
    await screen.findByRole('region', { name: 'Summary' });
    expect(figure('Not applied')).toBe('2');
  });
});
