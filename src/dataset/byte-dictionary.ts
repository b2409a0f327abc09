/**
 * Maps the bytes of a field straight to a dictionary id, so a value seen before costs a hash and a
 * comparison — no string is made. Only a value's first sighting is decoded (by `resolve`), which also
 * decides its id, so equal texts written differently (" A" and "A") can share one id.
 *
 * Layout, for few cache misses on big dictionaries (200k device ids, looked up in random order): the
 * open-addressing table holds (hash, entry) pairs side by side, and an entry is 32 bytes — its id, its
 * length and, for values of up to 24 bytes, the bytes themselves as six 32-bit words — so a lookup
 * touches one table slot and one entry, and compares a 15-byte device id in four word comparisons. The
 * hash is computed a word at a time too. Longer values keep their bytes in a pool (the first word holds
 * where) and are compared byte by byte.
 */

/**
 * Byte values to ids, a value's first sighting resolved by the owner's `resolve`: ByteDictionary here, or
 * the row scanner's dictionaries in WebAssembly memory (src/ingest/row-scan.ts), which keep this contract.
 */
export interface ByteIds {
  idOf(bytes: Uint8Array, start: number, end: number): number;
  /** Bytes allocated. */
  readonly byteSize: number;
}

/** Makes the ByteIds of a text column, given how a first-seen value is resolved to its id. */
export type ByteIdsFactory = (resolve: (bytes: Uint8Array, start: number, end: number) => number) => ByteIds;

/** Bytes kept in an entry itself; longer values live in the pool. */
const INLINE_BYTES = 24;
/** Int32s per entry: id, length, then INLINE_BYTES / 4 words. */
const STRIDE = 8;

export class ByteDictionary implements ByteIds {
  /** Pairs of (hash, entry + 1); entry + 1 = 0 marks an empty slot. */
  private table = new Int32Array(128);
  private mask = 63;
  private entries = 0;
  /** STRIDE Int32s an entry: (id, length, word 0…5); a long value's word 0 is its start in the pool. */
  private data = new Int32Array(STRIDE * 32);
  private pool = new Uint8Array(0);
  private poolUsed = 0;
  /** The looked-up value's words (short values), filled while hashing. */
  private readonly words = new Int32Array(INLINE_BYTES / 4);
  private readonly resolve: (bytes: Uint8Array, start: number, end: number) => number;

  constructor(resolve: (bytes: Uint8Array, start: number, end: number) => number) {
    this.resolve = resolve;
  }

  get size(): number {
    return this.entries;
  }

  /** Bytes allocated: the table, the entries and the pool of long values. */
  get byteSize(): number {
    return this.table.byteLength + this.data.byteLength + this.pool.byteLength;
  }

  idOf(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const short = length <= INLINE_BYTES;
    const hash = short ? this.hashWords(bytes, start, end) : hashBytes(bytes, start, end);
    const table = this.table;
    const data = this.data;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const entry = (table[2 * slot + 1] as number) - 1;
      if (entry < 0) break;
      if (table[2 * slot] === hash) {
        const at = STRIDE * entry;
        if (
          data[at + 1] === length &&
          (short ? this.sameWords(at, length) : this.sameBytes(at, bytes, start))
        ) {
          return data[at] as number;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.resolve(bytes, start, end);
    this.insert(slot, hash, bytes, start, end, id);
    return id;
  }

  /** Hashes a short value a word at a time (murmur3's mixing), leaving its words in `this.words`. */
  private hashWords(bytes: Uint8Array, start: number, end: number): number {
    const words = this.words;
    let hash = end - start;
    let w = 0;
    let i = start;
    for (; i + 4 <= end; i += 4) {
      const word =
        (bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24);
      words[w++] = word;
      hash = mixWord(hash, word);
    }
    if (i < end) {
      let word = 0;
      for (let shift = 0; i < end; i++, shift += 8) word |= (bytes[i] as number) << shift;
      words[w] = word;
      hash = mixWord(hash, word);
    }
    return finalMix(hash);
  }

  private sameWords(at: number, length: number): boolean {
    const data = this.data;
    const words = this.words;
    const n = (length + 3) >> 2;
    for (let k = 0; k < n; k++) if (data[at + 2 + k] !== words[k]) return false;
    return true;
  }

  private sameBytes(at: number, bytes: Uint8Array, start: number): boolean {
    const pool = this.pool;
    const from = this.data[at + 2] as number;
    const length = this.data[at + 1] as number;
    for (let k = 0; k < length; k++) if (pool[from + k] !== bytes[start + k]) return false;
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
    if (STRIDE * (entry + 1) > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const at = STRIDE * entry;
    const length = end - start;
    this.data[at] = id;
    this.data[at + 1] = length;
    if (length <= INLINE_BYTES) {
      // hashWords left this value's words in `words`; the rest of the entry stays 0 (a loop: a subarray
      // for set() would be an object a new value)
      const n = (length + 3) >> 2;
      for (let k = 0; k < n; k++) this.data[at + 2 + k] = this.words[k] as number;
    } else {
      if (this.poolUsed + length > this.pool.length) {
        const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length, 1024));
        next.set(this.pool.subarray(0, this.poolUsed));
        this.pool = next;
      }
      this.pool.set(bytes.subarray(start, end), this.poolUsed);
      this.data[at + 2] = this.poolUsed;
      this.poolUsed += length;
    }
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

function mixWord(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  const h = hash ^ Math.imul(k, 0x1b873593);
  return (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
}

/** Spreads every bit over the low bits the table indexes by. */
function finalMix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** FNV-1a over the bytes of a long value. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return finalMix(hash);
}
