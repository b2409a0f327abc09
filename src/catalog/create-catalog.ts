/**
 * Generic catalog factory: turns a table of result codes (single codes and vendor ranges) into a Catalog
 * whose `lookup` is total over every number and cheap enough to call per row.
 */
import type { Catalog, CatalogEntry, Category, CodeInfo, Outcome } from './catalog-types.ts';

export interface CatalogDefinition {
  readonly id: string;
  readonly title: string;
  readonly entries: readonly CatalogEntry[];
  /** Whether a value belongs to this catalog's numbering at all (see Catalog.plausible). */
  readonly plausible: (code: number) => boolean;
  /** Description given to codes the table does not list; defaults to a generic sentence naming the title. */
  readonly unrecognizedDescription?: string;
}

/** Widest code span indexed with a dense array; wider tables fall back to binary search. */
const MAX_DENSE_SPAN = 1 << 16;
/** Bound on the per-catalog cache of unrecognized CodeInfo records (cleared when full). */
const MAX_UNRECOGNIZED_CACHE = 4096;

export const UNRECOGNIZED_NAME = 'Unrecognized code';

/** The outcome a category implies. */
export function outcomeOf(category: Category): Outcome {
  switch (category) {
    case 'success':
    case 'success_vendor':
      return 'success';
    case 'client_error':
    case 'client_error_vendor':
    case 'download_server_error':
    case 'download_server_error_vendor':
      return 'failure';
    case 'unrecognized':
      return 'unrecognized';
  }
}

function describeEntry(e: CatalogEntry): string {
  return e.from === e.to ? `${e.from}` : `${e.from}-${e.to}`;
}

function validate(id: string, entries: readonly CatalogEntry[]): CatalogEntry[] {
  for (const e of entries) {
    const where = `catalog "${id}": entry ${describeEntry(e)}`;
    if (!Number.isSafeInteger(e.from) || !Number.isSafeInteger(e.to)) {
      throw new Error(`${where}: from and to must be safe integers`);
    }
    if (e.from > e.to) throw new Error(`${where}: from must be <= to`);
    const failure = outcomeOf(e.category) === 'failure';
    if (failure && (e.stage === null || e.cause === null)) {
      throw new Error(`${where}: a failure code needs a stage and a cause`);
    }
    if (!failure && (e.stage !== null || e.cause !== null)) {
      throw new Error(`${where}: only failure codes have a stage and a cause`);
    }
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

function infoFor(code: number, e: CatalogEntry): CodeInfo {
  return Object.freeze({
    code,
    name: e.message,
    description: e.description,
    category: e.category,
    outcome: outcomeOf(e.category),
    stage: e.stage,
    cause: e.cause,
    vendor: e.from !== e.to,
  });
}

export function createCatalog(def: CatalogDefinition): Catalog {
  const { id, title, plausible } = def;
  const sorted = validate(id, def.entries);
  const entries: readonly CatalogEntry[] = Object.freeze(def.entries.map((e) => Object.freeze({ ...e })));
  const unrecognizedDescription = def.unrecognizedDescription ?? `Not a code listed in the ${title} table.`;

  function makeUnrecognized(code: number): CodeInfo {
    return Object.freeze({
      code,
      name: UNRECOGNIZED_NAME,
      description: unrecognizedDescription,
      category: 'unrecognized',
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
      for (let c = e.from; c <= e.to; c++) dense[c - min] = infoFor(c, e);
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
          const info = infoFor(code, e);
          if (hits.size >= MAX_UNRECOGNIZED_CACHE) hits.clear();
          hits.set(code, info);
          return info;
        }
      }
      return unrecognized(code);
    };
  }

  return Object.freeze({ id, title, entries, lookup, plausible });
}
