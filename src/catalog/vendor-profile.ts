/**
 * Vendor profiles: user-supplied names for codes inside a catalog's vendor-specified ranges. Profile data
 * is untrusted, so codes are kept as numbers in a Map (never as object keys) and every code is validated.
 */
import type { Catalog, CodeInfo } from './catalog-types.ts';

export interface VendorCode {
  readonly code: number;
  readonly name: string;
  readonly description?: string;
}

export interface VendorProfile {
  readonly name: string;
  readonly codes: readonly VendorCode[];
}

/**
 * A catalog that answers like `base`, except that the profile's codes get the profile's name (and
 * description, when given). Category, outcome, stage and cause stay the base's. Throws if a profile code
 * is not an integer inside one of the base's vendor ranges, is listed twice, or has an empty name.
 */
export function withVendorProfile(base: Catalog, profile: VendorProfile): Catalog {
  const named = new Map<number, CodeInfo>();
  for (const { code, name, description } of profile.codes) {
    const where = `vendor profile ${JSON.stringify(profile.name)}: code ${String(code)}`;
    const info = base.lookup(code);
    if (!Number.isInteger(code) || !info.vendor) {
      throw new Error(`${where} is not inside a vendor-specified range of catalog "${base.id}"`);
    }
    if (named.has(code)) throw new Error(`${where} is listed more than once`);
    if (typeof name !== 'string' || name.trim() === '') throw new Error(`${where} has no name`);
    named.set(
      code,
      Object.freeze({
        ...info,
        name: name.trim(),
        description:
          typeof description === 'string' && description.trim() !== ''
            ? description.trim()
            : info.description,
      }),
    );
  }
  return Object.freeze({
    id: base.id,
    title: `${base.title} (${profile.name})`,
    source: base.source,
    entries: base.entries,
    statuses: base.statuses,
    categories: base.categories,
    triage: base.triage,
    lookup: (code: number): CodeInfo => named.get(code) ?? base.lookup(code),
    lookupStatus: (word: string) => base.lookupStatus(word),
    plausible: (code: number): boolean => base.plausible(code),
  });
}
