import { ByteDictionary, type ByteIds, type ByteIdsFactory } from './byte-dictionary.ts';

/**
 * Typed-array columns that grow while rows stream in. Capacity doubles, so appending is amortised O(1);
 * `view()` hands out the filled part.
 */
type IntArray = Uint8Array | Uint16Array | Uint32Array;

export class GrowableFloat64 {
  private data = new Float64Array(1024);
  length = 0;
  /** Room for `capacity` values without growing again. */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Float64Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  /** Appends `n` values: values[0, n), or `fill` n times when values is null. */
  append(values: Float64Array | null, n: number, fill: number): void {
    if (this.length + n > this.data.length) this.reserve(Math.max(this.length + n, 2 * this.data.length));
    if (values === null) this.data.fill(fill, this.length, this.length + n);
    else this.data.set(values.subarray(0, n), this.length);
    this.length += n;
  }
  view(): Float64Array {
    return fitted(this.data, this.length);
  }
  /** The filled part as a view of the column as it is now, never a copy (a snapshot while rows stream in). */
  filled(): Float64Array {
    return this.data.subarray(0, this.length) as Float64Array;
  }
  /** Bytes allocated (capacity, not only the filled part). */
  get byteSize(): number {
    return this.data.byteLength;
  }
}

export class GrowableUint32 {
  private data = new Uint32Array(1024);
  length = 0;
  /** Room for `capacity` values without growing again. */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Uint32Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  /** Appends `value` n times. */
  fill(value: number, n: number): void {
    if (this.length + n > this.data.length) this.reserve(Math.max(this.length + n, 2 * this.data.length));
    this.data.fill(value, this.length, this.length + n);
    this.length += n;
  }
  view(): Uint32Array {
    return fitted(this.data, this.length);
  }
  /** The filled part as a view of the column as it is now, never a copy (a snapshot while rows stream in). */
  filled(): Uint32Array {
    return this.data.subarray(0, this.length) as Uint32Array;
  }
  /** Bytes allocated (capacity, not only the filled part). */
  get byteSize(): number {
    return this.data.byteLength;
  }
}

/** Small non-negative ids, stored in 1, 2 or 4 bytes each: the width widens when an id needs it. */
export class GrowableIds {
  private data: IntArray;
  private max: number;
  length = 0;
  /** `wide`: 32-bit ids from the start (see DatasetBuilder.enableDevice). */
  constructor(wide = false) {
    this.data = wide ? new Uint32Array(1024) : new Uint8Array(1024);
    this.max = wide ? 0xffffffff : 0xff;
  }
  /** Room for `capacity` ids of the current width without growing again. */
  reserve(capacity: number): void {
    if (capacity > this.data.length) this.data = this.resized(capacity);
  }
  push(id: number): void {
    if (id > this.max) this.widen(id);
    if (this.length === this.data.length) this.data = this.resized(this.data.length * 2);
    this.data[this.length++] = id;
  }
  /**
   * Appends `n` ids: ids[0, n), whose largest is `max` (the width widens for it as `push` would), or `fill`
   * n times when ids is null.
   */
  append(ids: Int32Array | null, n: number, max: number, fill: number): void {
    const top = ids === null ? fill : max;
    if (top > this.max) this.widen(top);
    if (this.length + n > this.data.length) {
      this.data = this.resized(Math.max(this.length + n, this.data.length * 2));
    }
    if (ids === null) this.data.fill(fill, this.length, this.length + n);
    else this.data.set(ids.subarray(0, n), this.length);
    this.length += n;
  }
  private widen(id: number): void {
    const wider = id > 0xffff ? new Uint32Array(this.data.length) : new Uint16Array(this.data.length);
    wider.set(this.data.subarray(0, this.length));
    this.data = wider;
    this.max = id > 0xffff ? 0xffffffff : 0xffff;
  }
  private resized(capacity: number): IntArray {
    const Ctor = this.data.constructor as new (n: number) => IntArray;
    const next = new Ctor(capacity);
    next.set(this.data.subarray(0, this.length));
    return next;
  }
  view(): IntArray {
    return fitted(this.data, this.length);
  }
  /** The filled part as a view of the column as it is now, never a copy (a snapshot while rows stream in). */
  filled(): IntArray {
    return this.data.subarray(0, this.length) as IntArray;
  }
  get bytesPerId(): number {
    return this.data.BYTES_PER_ELEMENT;
  }
  /** Bytes allocated (capacity, not only the filled part). */
  get byteSize(): number {
    return this.data.byteLength;
  }
}

/**
 * The filled part. Doubling leaves up to half the capacity unused; past an eighth of slack the part is
 * copied out, so a loaded 10M-row dataset does not hold tens of MB of empty capacity for its lifetime.
 */
function fitted<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(data: T, length: number): T {
  return (data.length - length > length / 8 ? data.slice(0, length) : data.subarray(0, length)) as T;
}

/**
 * Dictionary encoding: each distinct string is kept once; rows hold its id. Values are looked up in a
 * Map, so any text — `__proto__` included — is just a value.
 *
 * Values that a text column writer's byte dictionary found new, written canonically (see `idOfCanonical`),
 * are appended without being put in the Map: two of them from the same writer are equal only if their bytes
 * are, which its byte dictionary already ruled out. They are indexed only when the Map is next needed for them — a
 * value from elsewhere, or a lookup — so a column of 200k device ids read as bytes costs no Map inserts.
 */
export class StringDictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  /** The values' bytes, as `stringBytes` counts them. */
  private bytes = 0;
  /**
   * values[0, indexed) are in `ids`. After them: `lazyOwner`'s canonical values, which are not, and values
   * that cannot be canonical, which are (catchUp sets them again).
   */
  private indexed = 0;
  private lazyOwner: object | null = null;
  /**
   * Whether the Map holds a value a canonical one could equal: one not from `lazyOwner` that could be
   * canonical. '' (which every column holds as its empty value) cannot, nor can a value with a character
   * outside ASCII or white space at an end: so a file whose few odd values are such keeps the Map small.
   */
  private canonicalMayClash = false;

  idOf(value: string): number {
    // a value that cannot be canonical cannot equal one of those appended without the Map
    const mayBeCanonical = canBeCanonical(value);
    if (mayBeCanonical) this.catchUp();
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.bytes += stringBytes(value);
      this.ids.set(value, id);
      // values[0, indexed) are in the Map; one after canonical values not yet indexed is set again then
      if (this.indexed === id) this.indexed++;
      if (mayBeCanonical) this.canonicalMayClash = true;
    }
    return id;
  }

  /**
   * The id of a value `owner` (a text column writer) has not seen before, whose text is exactly its bytes
   * (ASCII without white space at either end, so no other bytes give the same text; never empty).
   */
  idOfCanonical(value: string, owner: object): number {
    if (owner !== this.lazyOwner) {
      this.catchUp();
      this.lazyOwner = owner;
    }
    const id = this.canonicalMayClash ? this.ids.get(value) : undefined;
    if (id !== undefined) return id;
    this.values.push(value);
    this.bytes += stringBytes(value);
    return this.values.length - 1;
  }

  find(value: string): number | undefined {
    this.catchUp();
    return this.ids.get(value);
  }

  get size(): number {
    return this.values.length;
  }

  /** What the values take in memory (an estimate; see stringBytes). */
  get byteSize(): number {
    return this.bytes;
  }

  private catchUp(): void {
    const values = this.values;
    if (this.indexed === values.length) return;
    for (let i = this.indexed; i < values.length; i++) this.ids.set(values[i] as string, i);
    this.indexed = values.length;
    this.canonicalMayClash = true;
  }
}

export type IdArray = IntArray;

/**
 * The memory one distinct string of a string table takes, as Dataset.byteSize and the load's budget count
 * it: two bytes a character (an upper bound: the engine keeps Latin-1 text in one) and 16 for its header and
 * its slot in the table.
 */
export function stringBytes(value: string): number {
  return 2 * value.length + 16;
}

/** Longest value a text column writer appends canonically (longer ones go through the Map). */
const CANONICAL_MAX = 256;

/**
 * Whether a value could be one a text column writer appends canonically: ASCII, not empty, no white space
 * (or control character) at either end — the text of `canonicalBytes`.
 */
function canBeCanonical(value: string): boolean {
  const n = value.length;
  if (n === 0 || n > CANONICAL_MAX || value.charCodeAt(0) <= 32 || value.charCodeAt(n - 1) <= 32)
    return false;
  for (let i = 0; i < n; i++) if (value.charCodeAt(i) >= 0x7f) return false;
  return true;
}

/**
 * Whether bytes are their own text: ASCII, not empty, no white space at either end — so trimming leaves them
 * as they are, and no other bytes read as the same text.
 */
function canonicalBytes(bytes: Uint8Array, from: number, to: number): boolean {
  if (to <= from || to - from > CANONICAL_MAX) return false;
  if ((bytes[from] as number) <= 32 || (bytes[to - 1] as number) <= 32) return false;
  for (let i = from; i < to; i++) if ((bytes[i] as number) >= 0x7f) return false;
  return true;
}

/** A field's text from its bytes: the reader's decoding (which notes bytes that are not UTF-8). */
export type DecodeField = (bytes: Uint8Array, from: number, to: number) => string;

/** The column a text column writer fills. */
export interface TextColumnTarget {
  readonly dictionary: StringDictionary;
  /** A dropped column (too many distinct values) takes no more values: its writer gives every one id 0. */
  readonly dropped: boolean;
  /** Called after a value was added to the string table (a dimension is dropped past its cap there). */
  added(): void;
}

/**
 * Where one text column's values become ids, from their bytes (`idOfBytes`) or their text (`idOfText`,
 * trimmed already). Values are looked up by their bytes in a byte dictionary, so a value seen before costs
 * no string; only a first sighting is decoded. A value whose bytes are its text (see `canonicalBytes`) is
 * appended to the string table without its Map (StringDictionary.idOfCanonical, this writer being the
 * owner), also when it comes as text: a file whose rows come both ways keeps the Map empty. Any other value
 * goes through the Map. One writer per column per file read: its byte dictionary is memory the file's
 * reading holds besides the dataset (`byteSize`).
 */
export class TextColumnWriter {
  private readonly target: TextColumnTarget;
  private readonly decode: DecodeField;
  private readonly byteIds: ByteIds;
  /** A value given as text, as bytes. */
  private scratch = new Uint8Array(64);

  /** `byteIds`: where the values' bytes are looked up (default: a ByteDictionary of the writer's own). */
  constructor(target: TextColumnTarget, decode: DecodeField, byteIds?: ByteIdsFactory) {
    this.target = target;
    this.decode = decode;
    // a dropped column keeps no more values: its writer gives every one id 0 (idOfBytes does so before a lookup)
    const resolve = (bytes: Uint8Array, from: number, to: number) =>
      this.target.dropped ? 0 : this.firstSeen(bytes, from, to);
    this.byteIds = byteIds === undefined ? new ByteDictionary(resolve) : byteIds(resolve);
  }

  idOfBytes(bytes: Uint8Array, from: number, to: number): number {
    return this.target.dropped ? 0 : this.byteIds.idOf(bytes, from, to);
  }

  idOfText(value: string): number {
    const target = this.target;
    if (target.dropped) return 0;
    if (!canBeCanonical(value)) {
      const id = target.dictionary.idOf(value);
      target.added();
      return id;
    }
    const n = value.length;
    if (this.scratch.length < n) this.scratch = new Uint8Array(CANONICAL_MAX);
    const scratch = this.scratch;
    for (let i = 0; i < n; i++) scratch[i] = value.charCodeAt(i);
    return this.byteIds.idOf(scratch, 0, n);
  }

  /** Bytes the writer holds: its byte dictionary (the string table is the dataset's). */
  get byteSize(): number {
    return this.byteIds.byteSize;
  }

  private firstSeen(bytes: Uint8Array, from: number, to: number): number {
    const dictionary = this.target.dictionary;
    const id = canonicalBytes(bytes, from, to)
      ? dictionary.idOfCanonical(this.decode(bytes, from, to), this)
      : dictionary.idOf(this.decode(bytes, from, to).trim());
    this.target.added();
    return id;
  }
}
