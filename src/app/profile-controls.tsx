import type { ChangeEvent } from 'react';
import { visibleText } from '../dataset/visible-text.ts';
import type { Profiles } from './use-profiles.ts';

/**
 * "Load profile": a vendor's or operator's JSON profile naming codes of a family (profiles/ has examples).
 * Lists the profiles in use, each removable; a refused file's message names its line and column.
 */
export function ProfileControls({ profiles }: { profiles: Profiles }) {
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (file !== undefined) void profiles.add(file);
  };
  return (
    <div className="profile-controls">
      <label className="button file-button">
        <input
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          aria-label="Load profile"
          onChange={onChange}
        />
        <span aria-hidden="true">Load profile</span>
      </label>
      {profiles.list.length > 0 && (
        <ul className="profile-list" aria-label="Profiles in use">
          {profiles.list.map(({ profile }) => (
            <li key={profile.name} className="chip">
              <span>
                {visibleText(profile.name)} ({profile.family}, {profile.codes.length} codes)
              </span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove profile ${visibleText(profile.name)}`}
                onClick={() => profiles.remove(profile.name)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {profiles.error !== null && (
        <p role="alert" className="inline-error profile-error">
          {visibleText(profiles.error)}{' '}
          <button type="button" className="button button-small" onClick={profiles.dismissError}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
