import { readFileSync } from 'node:fs';
import { CATALOGS } from '../catalog/catalog-registry.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import { MAX_PROFILE_BYTES, type Profile, parseProfile, withProfiles } from '../catalog/profile.ts';

/**
 * The registry's catalogs with the `--profile` files applied, in the order given. A file that cannot be
 * read or is not a valid profile is an error naming the file and, for a bad profile, its line and column:
 * nothing is applied then.
 */
export function catalogsWithProfileFiles(
  files: readonly string[],
): { catalogs: Catalog[] } | { error: string } {
  const profiles: Profile[] = [];
  for (const file of files) {
    let text: string;
    try {
      const bytes = readFileSync(file);
      if (bytes.length > MAX_PROFILE_BYTES)
        return { error: `${file}: a profile is at most 1 MiB; this file is larger` };
      text = bytes.toString('utf8');
    } catch (e) {
      return {
        error: `${file}: cannot read the profile (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      };
    }
    const parsed = parseProfile(text);
    if (!parsed.ok) return { error: `${file}: not a valid profile: ${parsed.message}` };
    profiles.push(parsed.profile);
  }
  return { catalogs: withProfiles(CATALOGS, profiles) };
}
