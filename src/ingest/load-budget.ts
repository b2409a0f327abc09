import { IngestError } from './ingest-error.ts';

/** Something a load keeps in memory, which can say how many bytes it holds. */
export interface MemoryHolder {
  readonly byteSize: number;
}

/** Stops the whole load, also from inside an archive (where other problems only skip the entry). */
export class TooLargeError extends IngestError {}

/**
 * One budget for the memory a load holds: the dataset's columns and string tables (the builder), the byte
 * dictionaries and sample rows of the file being read (its sink), and the text a reader carries between
 * chunks (a row or record that has not ended). It is checked after every chunk of input — chunks are
 * bounded, decompressed ones too — and whenever carried text grows, so a load stops with a message before
 * it can exhaust memory, whatever makes it big.
 */
export class LoadBudget {
  readonly maxBytes: number;
  private readonly holders = new Set<MemoryHolder>();
  private file: MemoryHolder | null = null;
  private carried = 0;
  /** The error to throw, given the bytes held and the bytes of carried text. */
  private readonly tooLarge: (held: number, carried: number) => TooLargeError;

  constructor(maxBytes: number, tooLarge: (held: number, carried: number) => TooLargeError) {
    this.maxBytes = maxBytes;
    this.tooLarge = tooLarge;
  }

  /** What the whole load holds (the dataset being built). */
  hold(holder: MemoryHolder): void {
    this.holders.add(holder);
  }

  /** The file now being read: it replaces the file read before (let go of), and carries nothing yet. */
  reading(file: MemoryHolder): void {
    if (this.file !== null) this.holders.delete(this.file);
    this.file = file;
    this.holders.add(file);
    this.carried = 0;
  }

  /** A reader now carries `bytes` of input it has not made rows of (0 once its rows have ended). */
  carry(bytes: number): void {
    this.carried = bytes;
    if (bytes > 0) this.check();
  }

  /** Bytes the holders hold now (carried text aside). */
  get heldBytes(): number {
    let held = 0;
    for (const holder of this.holders) held += holder.byteSize;
    return held;
  }

  /** Throws the too-large error once what the load holds passes the budget. */
  check(): void {
    const held = this.heldBytes;
    if (held + this.carried > this.maxBytes) throw this.tooLarge(held, this.carried);
  }
}
