/**
 * The user's catalog profiles in the page: loaded from a JSON file, checked by parseProfile (a bad one
 * changes nothing and says which line is wrong), kept in localStorage for the next visit, listed and
 * removable. Loads carry them to the worker, which applies them to their families' catalogs.
 */
import { useCallback, useMemo, useState } from 'react';
import { MAX_PROFILE_BYTES, type Profile, parseProfile } from '../catalog/profile.ts';

/** localStorage key: a JSON array of the profiles' texts, as the user loaded them. */
export const PROFILES_KEY = 'dmscope.profiles';

export interface StoredProfile {
  profile: Profile;
  /** The file's text, kept as loaded: parsed again on the next visit. */
  text: string;
}

export interface Profiles {
  list: readonly StoredProfile[];
  /** The last refusal (a file that is not a valid profile), naming the file, line and column. */
  error: string | null;
  add(file: File): Promise<void>;
  remove(name: string): void;
  dismissError(): void;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: profiles then last until the page is closed
  }
}

/** The profiles kept from an earlier visit; texts that no longer parse are left out. */
export function readStoredProfiles(): StoredProfile[] {
  let texts: unknown;
  try {
    texts = JSON.parse(storage()?.getItem(PROFILES_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(texts)) return [];
  const out: StoredProfile[] = [];
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const parsed = parseProfile(text);
    if (parsed.ok) out.push({ profile: parsed.profile, text });
  }
  return out;
}

function store(list: readonly StoredProfile[]): void {
  try {
    storage()?.setItem(PROFILES_KEY, JSON.stringify(list.map((p) => p.text)));
  } catch {
    // quota or disabled storage: the profiles still apply in this page
  }
}

/** `onChange` gets the new list after every add or removal. */
export function useProfiles(onChange: (list: readonly StoredProfile[]) => void): Profiles {
  const [list, setList] = useState<readonly StoredProfile[]>(readStoredProfiles);
  const [error, setError] = useState<string | null>(null);
  const update = useCallback(
    (next: readonly StoredProfile[]) => {
      setList(next);
      store(next);
      onChange(next);
    },
    [onChange],
  );
  const add = useCallback(
    async (file: File) => {
      if (file.size > MAX_PROFILE_BYTES) {
        setError(`${file.name}: a profile is at most 1 MiB; this file is larger. No profile was changed.`);
        return;
      }
      const text = await file.text();
      const parsed = parseProfile(text);
      if (!parsed.ok) {
        setError(`${file.name} is not a valid profile: ${parsed.message}. No profile was changed.`);
        return;
      }
      setError(null);
      // a profile of the same name replaces the one loaded before (a corrected version of it)
      const name = parsed.profile.name;
      update([...list.filter((p) => p.profile.name !== name), { profile: parsed.profile, text }]);
    },
    [list, update],
  );
  const remove = useCallback(
    (name: string) => update(list.filter((p) => p.profile.name !== name)),
    [list, update],
  );
  const dismissError = useCallback(() => setError(null), []);
  return useMemo(
    () => ({ list, error, add, remove, dismissError }),
    [list, error, add, remove, dismissError],
  );
}
