/**
 * Operator and vendor profiles: a small JSON file (profiles/profile.schema.json) that names codes of one
 * family and says what they mean — a vendor's codes inside a vendor range, an operator's own reading of a
 * spec code. The one way dmscope learns codes its tables lack. A profile is untrusted text: parsing never
 * throws, every fault names its line, and codes live in arrays and Maps, never as object keys.
 */
import { CATALOGS } from './catalog-registry.ts';
import type { Catalog, CategoryClass, Cause, CodeInfo, Outcome, Stage } from './catalog-types.ts';
import { CAUSES, STAGES } from './catalog-types.ts';
import { outcomeCategory } from './family-parts.ts';
import { jsonSyntaxError, positionAt, valueOffset } from './json-position.ts';

export type ProfileOutcome = Exclude<Outcome, 'unrecognized'>;
export const PROFILE_OUTCOMES: readonly ProfileOutcome[] = [
  'success',
  'failure',
  'not_applied',
  'in_progress',
];

/** One code (from === to) or range of a profile. */
export interface ProfileCode {
  readonly from: number;
  readonly to: number;
  readonly name: string;
  /** Null when the profile gives none. */
  readonly description: string | null;
  readonly outcome: ProfileOutcome;
  /** Failures only; null when not given (the base's, or other/unknown, then apply). */
  readonly stage: Stage | null;
  readonly cause: Cause | null;
}

export interface Profile {
  readonly name: string;
  /** The id of the catalog the profile amends. */
  readonly family: string;
  /** Sorted by `from`, without overlaps. */
  readonly codes: readonly ProfileCode[];
}

/** The largest profile file the CLI and the page read: a profile names a few codes, never megabytes of them. */
export const MAX_PROFILE_BYTES = 1 << 20;

export type ParsedProfile = { ok: true; profile: Profile } | { ok: false; message: string };

type Path = readonly (string | number)[];
/** A fault found in the parsed value: where (a path into the JSON) and what. */
class Fault {
  readonly path: Path;
  readonly message: string;
  constructor(path: Path, message: string) {
    this.path = path;
    this.message = message;
  }
}

const TOP_FIELDS = ['$schema', 'name', 'family', 'codes'];
const CODE_FIELDS = ['code', 'from', 'to', 'name', 'description', 'outcome', 'stage', 'cause'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own field of an untrusted object (never an inherited one such as `constructor`). */
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function checkFields(o: Record<string, unknown>, allowed: readonly string[], at: Path): void {
  const stray = Object.keys(o).find((k) => !allowed.includes(k));
  if (stray !== undefined) {
    throw new Fault(
      [...at, stray],
      `unknown field ${JSON.stringify(stray)}; a profile knows ${allowed.join(', ')}`,
    );
  }
}

function text(o: Record<string, unknown>, key: string, at: Path, required: boolean): string | null {
  const v = own(o, key);
  if (v === undefined && !required) return null;
  if (typeof v !== 'string' || v.trim() === '')
    throw new Fault([...at, key], `"${key}" must be a non-empty text`);
  return v.trim();
}

function oneOf<T extends string>(
  o: Record<string, unknown>,
  key: string,
  at: Path,
  allowed: readonly T[],
): T | null {
  const v = own(o, key);
  if (v === undefined) return null;
  const found = allowed.find((a) => a === v);
  if (found === undefined) throw new Fault([...at, key], `"${key}" must be one of ${allowed.join(', ')}`);
  return found;
}

function wholeNumber(o: Record<string, unknown>, key: string, at: Path): number {
  const v = own(o, key);
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new Fault([...at, key], `"${key}" must be a whole number`);
  return v;
}

function codeEntry(raw: unknown, at: Path): ProfileCode {
  if (!isRecord(raw))
    throw new Fault(at, 'each code must be an object with a code (or from and to), name and outcome');
  checkFields(raw, CODE_FIELDS, at);
  const single = own(raw, 'code') !== undefined;
  if (single && (own(raw, 'from') !== undefined || own(raw, 'to') !== undefined)) {
    throw new Fault(at, 'give either "code" or "from" and "to", not both');
  }
  const from = wholeNumber(raw, single ? 'code' : 'from', at);
  const to = single ? from : wholeNumber(raw, 'to', at);
  if (from > to) throw new Fault([...at, 'to'], '"to" must not be below "from"');
  const outcome = oneOf(raw, 'outcome', at, PROFILE_OUTCOMES);
  if (outcome === null) throw new Fault(at, `"outcome" is required: one of ${PROFILE_OUTCOMES.join(', ')}`);
  const stage = oneOf(raw, 'stage', at, STAGES);
  const cause = oneOf(raw, 'cause', at, CAUSES);
  if (outcome !== 'failure' && (stage !== null || cause !== null)) {
    throw new Fault(
      [...at, stage !== null ? 'stage' : 'cause'],
      `only a failure has a stage and a cause (this code is ${outcome})`,
    );
  }
  return Object.freeze({
    from,
    to,
    name: text(raw, 'name', at, true) as string,
    description: text(raw, 'description', at, false),
    outcome,
    stage,
    cause,
  });
}

function describeCodes(c: ProfileCode): string {
  return c.from === c.to ? `code ${c.from}` : `codes ${c.from}–${c.to}`;
}

function checkProfile(value: unknown): Profile {
  if (!isRecord(value)) throw new Fault([], 'a profile is a JSON object with name, family and codes');
  checkFields(value, TOP_FIELDS, []);
  const name = text(value, 'name', [], true) as string;
  const family = own(value, 'family');
  const known = CATALOGS.map((c) => c.id);
  if (typeof family !== 'string' || !known.includes(family)) {
    throw new Fault(['family'], `"family" must be one of the known catalogs: ${known.join(', ')}`);
  }
  const raw = own(value, 'codes');
  if (!Array.isArray(raw) || raw.length === 0)
    throw new Fault(['codes'], '"codes" must be a list of at least one code');
  const codes = raw.map((c, i) => ({ i, code: codeEntry(c, ['codes', i]) }));
  const sorted = [...codes].sort((a, b) => a.code.from - b.code.from || a.i - b.i);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const cur = sorted[k];
    if (prev !== undefined && cur !== undefined && cur.code.from <= prev.code.to) {
      const later = cur.i > prev.i ? cur : prev;
      const earlier = later === cur ? prev : cur;
      throw new Fault(
        ['codes', later.i],
        `${describeCodes(later.code)} overlap ${describeCodes(earlier.code)} of entry ${earlier.i + 1}`,
      );
    }
  }
  return Object.freeze({ name, family, codes: Object.freeze(sorted.map((s) => s.code)) });
}

function failAt(body: string, offset: number, message: string): ParsedProfile {
  const { line, column } = positionAt(body, offset);
  return { ok: false, message: `line ${line}, column ${column}: ${message}` };
}

/** A profile from its JSON text, or a message naming the line (and column) of the first fault. */
export function parseProfile(source: string): ParsedProfile {
  const body = source.startsWith('\uFEFF') ? source.slice(1) : source;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const fault = jsonSyntaxError(body) ?? { offset: 0, reason: 'not JSON' };
    return failAt(body, fault.offset, `invalid JSON: ${fault.reason}`);
  }
  try {
    return { ok: true, profile: checkProfile(value) };
  } catch (e) {
    if (!(e instanceof Fault)) throw e;
    const at = valueOffset(body, e.path) ?? valueOffset(body, e.path.slice(0, -1)) ?? 0;
    return failAt(
      body,
      at,
      e.path.length >= 2 ? `codes entry ${Number(e.path[1]) + 1}: ${e.message}` : e.message,
    );
  }
}

/** Bound on the per-profile cache of looked-up records (cleared when full). */
const MAX_CACHE = 4096;

/**
 * A catalog that answers like `base` except for the profile's codes, which get the profile's name,
 * description and outcome. Their category is the base's when it has that outcome, else the base's first
 * category with it, else the shared category named after the outcome (added to the categories): every
 * category stays a registered one, so the dataset can count it. A failure without a stage or cause keeps
 * the base's, or gets other/unknown. Throws when the profile is for another family.
 */
export function applyProfile(base: Catalog, profile: Profile): Catalog {
  if (profile.family !== base.id) {
    throw new Error(`profile "${profile.name}" is for catalog "${profile.family}", not "${base.id}"`);
  }
  const categories: CategoryClass[] = [...base.categories];
  const fallback = new Map<Outcome, string>();
  for (const outcome of new Set(profile.codes.map((c) => c.outcome))) {
    const own = categories.find((k) => k.outcome === outcome);
    const category = own ?? outcomeCategory(outcome);
    if (own === undefined) categories.splice(categories.length - 1, 0, category);
    fallback.set(outcome, category.id);
  }
  const codes = profile.codes;
  const find = (code: number): ProfileCode | undefined => {
    let lo = 0;
    let hi = codes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = codes[mid] as ProfileCode;
      if (code < c.from) hi = mid - 1;
      else if (code > c.to) lo = mid + 1;
      else return c;
    }
    return undefined;
  };
  const cache = new Map<number, CodeInfo>();
  const lookup = (code: number): CodeInfo => {
    const hit = cache.get(code);
    if (hit !== undefined) return hit;
    const baseInfo = base.lookup(code);
    const entry = Number.isInteger(code) ? find(code) : undefined;
    if (entry === undefined) return baseInfo;
    const failure = entry.outcome === 'failure';
    const inherit = failure && baseInfo.outcome === 'failure';
    const info: CodeInfo = Object.freeze({
      code,
      name: entry.name,
      description: entry.description ?? `Named by the profile "${profile.name}".`,
      category:
        baseInfo.outcome === entry.outcome ? baseInfo.category : (fallback.get(entry.outcome) as string),
      outcome: entry.outcome,
      stage: failure ? (entry.stage ?? (inherit ? baseInfo.stage : 'other')) : null,
      cause: failure ? (entry.cause ?? (inherit ? baseInfo.cause : 'unknown')) : null,
      vendor: baseInfo.vendor,
    });
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(code, info);
    return info;
  };
  return Object.freeze({
    id: base.id,
    name: base.name,
    title: `${base.title} (${profile.name})`,
    source: `${base.source}; profile "${profile.name}"`,
    entries: base.entries,
    statuses: base.statuses,
    categories: Object.freeze(categories),
    triage: base.triage,
    ...(base.signals === undefined ? {} : { signals: base.signals }),
    ...(base.combineStatus === undefined ? {} : { combineStatus: base.combineStatus }),
    ...(base.decodedField === undefined ? {} : { decodedField: base.decodedField }),
    lookup,
    lookupStatus: base.lookupStatus,
    plausible: (code: number) => base.plausible(code) || (Number.isInteger(code) && find(code) !== undefined),
  });
}

/**
 * The catalogs with every profile applied to its family's, in the profiles' order (a later profile's
 * codes win where two name the same code): what ingest reads with when the user has loaded profiles.
 * Catalogs no profile names are returned as they are.
 */
export function withProfiles(catalogs: readonly Catalog[], profiles: readonly Profile[]): Catalog[] {
  return catalogs.map((catalog) =>
    profiles.reduce((c, profile) => (profile.family === catalog.id ? applyProfile(c, profile) : c), catalog),
  );
}
