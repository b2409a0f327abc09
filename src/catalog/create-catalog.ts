/**
 * Generic catalog factory: turns a table of result codes (single codes and vendor ranges) into a Catalog
 * whose `lookup` is total over every number and cheap enough to call per row.
 */
import type {
  Catalog,
  CatalogEntry,
  CatalogSignals,
  CategoryClass,
  CodeInfo,
  DecodedField,
  Outcome,
  StatusEntry,
  StatusInfo,
  TriageSettings,
} from './catalog-types.ts';
import { statusKey, UNRECOGNIZED_CATEGORY } from './catalog-types.ts';

export interface CatalogDefinition {
  readonly id: string;
  /** Short name, as results are prefixed with when a dataset holds several families; defaults to the id. */
  readonly name?: string;
  readonly title: string;
  /** Where the table comes from: the specification (with its version) or the platform's public docs. */
  readonly source: string;
  readonly entries: readonly CatalogEntry[];
  /** The family's status words, when it reports any (see StatusEntry). */
  readonly statuses?: readonly StatusEntry[];
  /** The catalog's classes of result code, in display order; `unrecognized` is added after them. */
  readonly categories: readonly {
    readonly id: string;
    readonly outcome: Exclude<Outcome, 'unrecognized'>;
    readonly label: string;
  }[];
  readonly triage: TriageSettings;
  /** Whether a value belongs to this catalog's numbering at all (see Catalog.plausible). */
  readonly plausible: (code: number) => boolean;
  /** How to recognise the family's records (see CatalogSignals). */
  readonly signals?: CatalogSignals;
  /**
   * How the family makes one word of a record's two status fields (hawkBit DDI's `execution` and
   * `finished`); absent: the first word, or the second when the first is blank.
   */
  readonly combineStatus?: (status: string, second: string) => string;
  /** A field of the family's records decoded into dimensions (see Catalog.decodedField). */
  readonly decodedField?: DecodedField;
  /** Description given to codes the table does not list; defaults to a generic sentence naming the title. */
  readonly unrecognizedDescription?: string;
}

/** Widest code span indexed with a dense array; wider tables fall back to binary search. */
const MAX_DENSE_SPAN = 1 << 16;
/** Bound on the per-catalog cache of unrecognized CodeInfo records (cleared when full). */
const MAX_UNRECOGNIZED_CACHE = 4096;

export const UNRECOGNIZED_NAME = 'Unrecognized code';

const UNRECOGNIZED_CLASS: CategoryClass = Object.freeze({
  id: UNRECOGNIZED_CATEGORY,
  outcome: 'unrecognized',
  label: 'Unrecognized code',
});

/** The catalog's classes with `unrecognized` last; throws on a repeated or reserved id. */
function categoryClasses(id: string, defined: CatalogDefinition['categories']): readonly CategoryClass[] {
  const seen = new Set<string>();
  for (const c of defined) {
    if (c.id === UNRECOGNIZED_CATEGORY || seen.has(c.id)) {
      throw new Error(`catalog "${id}": category ${JSON.stringify(c.id)} is reserved or listed twice`);
    }
    seen.add(c.id);
  }
  return Object.freeze([...defined.map((c) => Object.freeze({ ...c })), UNRECOGNIZED_CLASS]);
}

function checkTriage(id: string, triage: TriageSettings): TriageSettings {
  if (triage.stages.length === 0) throw new Error(`catalog "${id}": triage needs at least one stage`);
  return Object.freeze({
    stages: Object.freeze([...triage.stages]),
    causes: Object.freeze([...triage.causes]),
    unknownReasonCode: triage.unknownReasonCode,
    words: Object.freeze({ ...triage.words }),
  });
}

function describeEntry(e: CatalogEntry): string {
  return e.from === e.to ? `${e.from}` : `${e.from}-${e.to}`;
}

/** Checks one table row's category, stage and cause: only failures have (and need) a stage and a cause. */
function checkMeaning(
  where: string,
  e: Pick<CatalogEntry, 'category' | 'stage' | 'cause'>,
  outcomeOf: ReadonlyMap<string, Outcome>,
): void {
  const outcome = outcomeOf.get(e.category);
  if (outcome === undefined || e.category === UNRECOGNIZED_CATEGORY) {
    throw new Error(
      `${where}: category ${JSON.stringify(e.category)} is not one of the catalog's categories`,
    );
  }
  const failure = outcome === 'failure';
  if (failure && (e.stage === null || e.cause === null)) {
    throw new Error(`${where}: a failure needs a stage and a cause`);
  }
  if (!failure && (e.stage !== null || e.cause !== null)) {
    throw new Error(`${where}: only failures have a stage and a cause`);
  }
}

function validate(
  id: string,
  entries: readonly CatalogEntry[],
  outcomeOf: ReadonlyMap<string, Outcome>,
): CatalogEntry[] {
  for (const e of entries) {
    const where = `catalog "${id}": entry ${describeEntry(e)}`;
    if (!Number.isSafeInteger(e.from) || !Number.isSafeInteger(e.to)) {
      throw new Error(`${where}: from and to must be safe integers`);
    }
    if (e.from > e.to) throw new Error(`${where}: from must be <= to`);
    checkMeaning(where, e, outcomeOf);
  }
  const sorted = [...entries].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev !== undefined && cur !== undefined && cur.from <= prev.to) {
      throw new Error(`catalog "${id}": entries ${describeEntry(prev)} and ${describeEntry(cur)} overlap`);
    }
  }
  return sorted;
}

function infoFor(code: number, e: CatalogEntry, outcome: Outcome): CodeInfo {
  return Object.freeze({
    code,
    name: e.message,
    description: e.description,
    category: e.category,
    outcome,
    stage: e.stage,
    cause: e.cause,
    vendor: e.vendor ?? e.from !== e.to,
  });
}

/**
 * The status-word lookup of a catalog: exact words by their key, then prefix words (`pause_before_*`),
 * longest prefix first. Throws on a word listed twice or a row whose meaning is not the catalog's.
 */
function statusLookup(
  id: string,
  statuses: readonly StatusEntry[],
  outcomeOf: ReadonlyMap<string, Outcome>,
): (word: string) => StatusInfo | null {
  const exact = new Map<string, StatusEntry>();
  const prefixes: { key: string; entry: StatusEntry }[] = [];
  for (const entry of statuses) {
    const where = `catalog "${id}": status ${JSON.stringify(entry.words.join('/'))}`;
    if (entry.words.length === 0) throw new Error(`${where}: lists no word`);
    checkMeaning(where, entry, outcomeOf);
    for (const word of entry.words) {
      const prefix = word.endsWith('*');
      const key = statusKey(prefix ? word.slice(0, -1) : word);
      if (key === '') throw new Error(`${where}: a blank word`);
      const taken = prefix ? prefixes.some((p) => p.key === key) : exact.has(key);
      if (taken) throw new Error(`${where}: the word ${JSON.stringify(word)} is listed twice`);
      if (prefix) prefixes.push({ key, entry });
      else exact.set(key, entry);
    }
  }
  prefixes.sort((a, b) => b.key.length - a.key.length);
  return (word) => {
    const status = word.trim();
    const key = statusKey(status);
    if (key === '') return null;
    const entry = exact.get(key) ?? prefixes.find((p) => key.startsWith(p.key))?.entry;
    if (entry === undefined) return null;
    return {
      status,
      name: entry.message,
      description: entry.description,
      category: entry.category,
      outcome: outcomeOf.get(entry.category) ?? 'unrecognized',
      stage: entry.stage,
      cause: entry.cause,
    };
  };
}

export function createCatalog(def: CatalogDefinition): Catalog {
  const { id, title, source, plausible } = def;
  const categories = categoryClasses(id, def.categories);
  const outcomeOf = new Map(categories.map((c) => [c.id, c.outcome]));
  const sorted = validate(id, def.entries, outcomeOf);
  const triage = checkTriage(id, def.triage);
  const statuses: readonly StatusEntry[] = Object.freeze(
    (def.statuses ?? []).map((e) => Object.freeze({ ...e, words: Object.freeze([...e.words]) })),
  );
  const lookupStatus = statusLookup(id, statuses, outcomeOf);
  const recordFor = (code: number, e: CatalogEntry) =>
    infoFor(code, e, outcomeOf.get(e.category) ?? 'unrecognized');
  const entries: readonly CatalogEntry[] = Object.freeze(def.entries.map((e) => Object.freeze({ ...e })));
  const unrecognizedDescription = def.unrecognizedDescription ?? `Not a code listed in the ${title} table.`;

  function makeUnrecognized(code: number): CodeInfo {
    return Object.freeze({
      code,
      name: UNRECOGNIZED_NAME,
      description: unrecognizedDescription,
      category: UNRECOGNIZED_CATEGORY,
      outcome: 'unrecognized',
      stage: null,
      cause: null,
      vendor: false,
    });
  }
  const cache = new Map<number, CodeInfo>();
  function unrecognized(code: number): CodeInfo {
    const hit = cache.get(code);
    if (hit !== undefined) return hit;
    const info = makeUnrecognized(code);
    if (cache.size >= MAX_UNRECOGNIZED_CACHE) cache.clear();
    cache.set(code, info);
    return info;
  }

  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const min = first?.from ?? 0;
  const span = first !== undefined && last !== undefined ? last.to - min + 1 : 0;

  let lookup: (code: number) => CodeInfo;
  if (span <= MAX_DENSE_SPAN) {
    // Dense table over min..max: index = code - min; gaps hold precomputed unrecognized records.
    const dense: CodeInfo[] = new Array<CodeInfo>(span);
    for (let i = 0; i < span; i++) dense[i] = makeUnrecognized(min + i);
    for (const e of sorted) {
      for (let c = e.from; c <= e.to; c++) dense[c - min] = recordFor(c, e);
    }
    lookup = (code) => {
      const i = code - min;
      if (i >= 0 && i < span && Number.isInteger(i)) return dense[i] ?? unrecognized(code);
      return unrecognized(code);
    };
  } else {
    // Sparse table: binary search on the sorted entries, records for ranges built on demand.
    const hits = new Map<number, CodeInfo>();
    lookup = (code) => {
      const known = hits.get(code);
      if (known !== undefined) return known;
      if (!Number.isInteger(code)) return unrecognized(code);
      let lo = 0;
      let hi = sorted.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const e = sorted[mid];
        if (e === undefined) break;
        if (code < e.from) hi = mid - 1;
        else if (code > e.to) lo = mid + 1;
        else {
          const found = recordFor(code, e);
          if (hits.size >= MAX_UNRECOGNIZED_CACHE) hits.clear();
          hits.set(code, found);
          return found;
        }
      }
      return unrecognized(code);
    };
  }

  return Object.freeze({
    id,
    name: def.name ?? id,
    title,
    source,
    entries,
    statuses,
    categories,
    triage,
    signals: freezeSignals(def.signals ?? {}),
    ...(def.combineStatus === undefined ? {} : { combineStatus: def.combineStatus }),
    ...(def.decodedField === undefined ? {} : { decodedField: def.decodedField }),
    lookup,
    lookupStatus,
    plausible,
  });
}

function freezeSignals(signals: CatalogSignals): CatalogSignals {
  const out: Record<string, readonly string[]> = {};
  for (const [kind, names] of Object.entries(signals)) {
    if (names !== undefined) out[kind] = Object.freeze([...(names as readonly string[])]);
  }
  return Object.freeze(out);
}
