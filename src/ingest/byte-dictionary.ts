/**
 * Maps the bytes of a field straight to a dictionary id, so a value seen before costs a hash and a byte
 * comparison — no string is made. Only a value's first sighting is decoded (by `resolve`), which also
 * decides its id, so equal texts written differently (" A" and "A") can share one id.
 *
 * Layout for few cache misses on big dictionaries (200k device ids): the open-addressing table holds
 * (hash, entry) pairs side by side, and each entry's (start, length, id) sit together.
 */
export class ByteDictionary {
  /** Pairs of (hash, entry + 1); entry + 1 = 0 marks an empty slot. */
  private table = new Int32Array(128);
  private mask = 63;
  private entries = 0;
  /** Triples of (start in pool, length, id). */
  private meta = new Int32Array(96);
  private pool = new Uint8Array(1024);
  private poolUsed = 0;
  private readonly resolve: (bytes: Uint8Array, start: number, end: number) => number;

  constructor(resolve: (bytes: Uint8Array, start: number, end: number) => number) {
    this.resolve = resolve;
  }

  get size(): number {
    return this.entries;
  }

  idOf(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0; // as int32, like the table stores it
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    const length = end - start;
    const table = this.table;
    let slot = hash & this.mask;
    for (;;) {
      const entry = (table[2 * slot + 1] as number) - 1;
      if (entry < 0) break;
      if (
        table[2 * slot] === hash &&
        this.meta[3 * entry + 1] === length &&
        this.sameBytes(entry, bytes, start)
      ) {
        return this.meta[3 * entry + 2] as number;
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.resolve(bytes, start, end);
    this.insert(slot, hash, bytes, start, end, id);
    return id;
  }

  private sameBytes(entry: number, bytes: Uint8Array, start: number): boolean {
    const pool = this.pool;
    const at = this.meta[3 * entry] as number;
    const length = this.meta[3 * entry + 1] as number;
    for (let k = 0; k < length; k++) if (pool[at + k] !== bytes[start + k]) return false;
    return true;
  }

  private insert(
    slot: number,
    hash: number,
    bytes: Uint8Array,
    start: number,
    end: number,
    id: number,
  ): void {
    const entry = this.entries++;
    if (3 * entry + 3 > this.meta.length) {
      const next = new Int32Array(this.meta.length * 2);
      next.set(this.meta);
      this.meta = next;
    }
    const length = end - start;
    if (this.poolUsed + length > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      next.set(this.pool.subarray(0, this.poolUsed));
      this.pool = next;
    }
    this.pool.set(bytes.subarray(start, end), this.poolUsed);
    this.meta[3 * entry] = this.poolUsed;
    this.meta[3 * entry + 1] = length;
    this.meta[3 * entry + 2] = id;
    this.poolUsed += length;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = entry + 1;
    if (this.entries * 2 > this.mask + 1) this.rehash();
  }

  private rehash(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(2 * slots);
    this.mask = slots - 1;
    for (let s = 0; s < old.length; s += 2) {
      const entryPlusOne = old[s + 1] as number;
      if (entryPlusOne === 0) continue;
      const hash = old[s] as number;
      let slot = hash & this.mask;
      while ((this.table[2 * slot + 1] as number) !== 0) slot = (slot + 1) & this.mask;
      this.table[2 * slot] = hash;
      this.table[2 * slot + 1] = entryPlusOne;
    }
  }
}
