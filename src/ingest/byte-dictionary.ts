/**
 * Maps the bytes of a field straight to a dictionary id, so a value seen before costs a hash and a byte
 * comparison — no string is made. Only a value's first sighting is decoded (by `resolve`), which also
 * decides its id, so equal texts written differently (" A" and "A") can share one id.
 */
export class ByteDictionary {
  private table = new Int32Array(64).fill(-1);
  private mask = 63;
  private entries = 0;
  private hashes = new Int32Array(32);
  private starts = new Int32Array(32);
  private lengths = new Int32Array(32);
  private ids = new Int32Array(32);
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
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    const length = end - start;
    const pool = this.pool;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.lengths[entry] === length) {
        const at = this.starts[entry] as number;
        let same = true;
        for (let k = 0; k < length; k++) {
          if (pool[at + k] !== bytes[start + k]) {
            same = false;
            break;
          }
        }
        if (same) return this.ids[entry] as number;
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.resolve(bytes, start, end);
    this.insert(slot, hash, bytes, start, end, id);
    return id;
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
    if (entry === this.ids.length) this.growEntries();
    const length = end - start;
    if (this.poolUsed + length > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      next.set(this.pool.subarray(0, this.poolUsed));
      this.pool = next;
    }
    this.pool.set(bytes.subarray(start, end), this.poolUsed);
    this.hashes[entry] = hash;
    this.starts[entry] = this.poolUsed;
    this.lengths[entry] = length;
    this.ids[entry] = id;
    this.poolUsed += length;
    this.table[slot] = entry;
    if (this.entries * 2 > this.table.length) this.rehash();
  }

  private growEntries(): void {
    const grow = (a: Int32Array) => {
      const next = new Int32Array(a.length * 2);
      next.set(a);
      return next;
    };
    this.hashes = grow(this.hashes);
    this.starts = grow(this.starts);
    this.lengths = grow(this.lengths);
    this.ids = grow(this.ids);
  }

  private rehash(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let entry = 0; entry < this.entries; entry++) {
      let slot = (this.hashes[entry] as number) & this.mask;
      while ((this.table[slot] as number) >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = entry;
    }
  }
}
