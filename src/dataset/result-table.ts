/**
 * The distinct results of a dataset being built — a family, a code, a status word — each with a dense id
 * in first-seen order: what a row's code column holds. Small codes without a word are looked up in one
 * array per family (most rows); the rest by a key string.
 */
import type { Catalog } from '../catalog/catalog-types.ts';
import { statusKey } from '../catalog/catalog-types.ts';
import { type ResultInfo, resolveResult } from '../catalog/result.ts';

/** Codes below this, without a status word, are looked up in a per-family array. */
const DENSE_CODES = 4096;

/** One distinct result, as rows gave it: the family that reads it, its code and word. */
interface ResultKey {
  catalog: Catalog;
  /** null: the rows had no code. */
  code: number | null;
  /** The word as first written; null: the rows had no status word. */
  status: string | null;
}

export class ResultTable {
  private readonly results: ResultKey[] = [];
  /** Results by family, code and status key, for those not in a dense table. */
  private readonly index = new Map<string, number>();
  /** Per family, code → id + 1 for the common small codes without a status word (0 = not seen yet). */
  private readonly denseIds = new Map<Catalog, Int32Array>();
  private lastCatalog: Catalog | null = null;
  private lastDense: Int32Array = new Int32Array(0);
  /** Families by first use: their position names them in `index` keys. */
  private readonly families: Catalog[] = [];

  /** Bytes held (the dense arrays, and an estimate per result). */
  get byteSize(): number {
    return DENSE_CODES * 4 * this.denseIds.size + 64 * this.results.length;
  }

  /**
   * The id of a result: its family, its code (NaN: none) and its status word ('' or blank: none). Words are
   * one result whatever their case and spacing (see statusKey).
   */
  idOf(catalog: Catalog, code: number, status: string): number {
    const hasCode = !Number.isNaN(code);
    const word = status === '' ? '' : statusKey(status);
    if (word === '' && hasCode && code >= 0 && code < DENSE_CODES && Number.isInteger(code)) {
      const dense = catalog === this.lastCatalog ? this.lastDense : this.denseFor(catalog);
      const id = (dense[code] as number) - 1;
      if (id >= 0) return id;
      const added = this.add(catalog, code, '');
      dense[code] = added + 1;
      return added;
    }
    let family = this.families.indexOf(catalog);
    if (family < 0) family = this.families.push(catalog) - 1;
    const key = `${family}|${hasCode ? code : ''}|${word}`;
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const added = this.add(catalog, code, word === '' ? '' : status.trim());
    this.index.set(key, added);
    return added;
  }

  /** What result `id` means (resolved on each call). */
  resolve(id: number): ResultInfo {
    const r = this.results[id];
    if (r === undefined) throw new Error(`no result ${id}`);
    return resolveResult(r.catalog, r.code, r.status);
  }

  /** Every result, resolved, by id. */
  resolveAll(): ResultInfo[] {
    return this.results.map((r) => resolveResult(r.catalog, r.code, r.status));
  }

  /** The families of the results, each once, in order of first use. */
  catalogs(): Catalog[] {
    return [...new Set(this.results.map((r) => r.catalog))];
  }

  /**
   * The family most rows have (the first such in order of first use), or `fallback` without rows: its
   * triage settings are the dashboard's. `codeIds`: each row's result id.
   */
  mainFamily(codeIds: ArrayLike<number>, fallback: Catalog): Catalog {
    const perResult = new Float64Array(this.results.length);
    for (let i = 0; i < codeIds.length; i++) {
      const id = codeIds[i] as number;
      perResult[id] = (perResult[id] as number) + 1;
    }
    const perFamily = new Map<Catalog, number>();
    this.results.forEach((r, id) => {
      perFamily.set(r.catalog, (perFamily.get(r.catalog) ?? 0) + (perResult[id] as number));
    });
    let main = fallback;
    let most = 0;
    for (const [catalog, rows] of perFamily) {
      if (rows > most) {
        main = catalog;
        most = rows;
      }
    }
    return main;
  }

  private denseFor(catalog: Catalog): Int32Array {
    let dense: Int32Array | undefined = this.denseIds.get(catalog);
    if (dense === undefined) {
      dense = new Int32Array(DENSE_CODES);
      this.denseIds.set(catalog, dense);
    }
    this.lastCatalog = catalog;
    this.lastDense = dense;
    return dense;
  }

  private add(catalog: Catalog, code: number, status: string): number {
    this.results.push({
      catalog,
      code: Number.isNaN(code) ? null : code,
      status: status === '' ? null : status,
    });
    return this.results.length - 1;
  }
}
