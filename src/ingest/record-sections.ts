/** Held records are kept as runs of lines; past this many runs, an array is taken as records after all. */
const MAX_HELD_RUNS = 100_000;

/**
 * The arrays of records of one JSON file (sections), told apart into records and metadata: an array none
 * of whose records has the result-code field is metadata, skipped with a warning naming it, instead of each
 * of its records being rejected. Sections come one after another, so only the one being written is open:
 * its records without the field are held (their lines only) until one with the field arrives — then they
 * are rejected as usual, in order — or the section ends. Holding is bounded: an array that has held
 * MAX_HELD_RUNS runs of lines is taken as records.
 */
export class RecordSections {
  private readonly paths: string[] = [];
  private current = -1;
  /** A record of the current section has had the result-code field. */
  private hasCode = false;
  /** Held records of the current section, as runs: `runCounts[k]` records starting on line `runLines[k]`. */
  private runLines: number[] = [];
  private runCounts: number[] = [];
  private held = 0;
  private readonly reject: (line: number) => void;
  private readonly skip: (path: string, records: number) => void;

  constructor(reject: (line: number) => void, skip: (path: string, records: number) => void) {
    this.reject = reject;
    this.skip = skip;
  }

  /** A new array of records at `path`; returns its index, which tags its rows. */
  start(path: string): number {
    this.paths.push(path);
    return this.paths.length - 1;
  }

  /** The section that rows read now belong to (-1: none yet). */
  get latest(): number {
    return this.paths.length - 1;
  }

  /**
   * A row of `section`, in file order: whether to write it (it has the field, or its section has shown it),
   * or not (held, or rejected with its held rows because holding reached its bound).
   */
  admit(section: number, hasCodeField: boolean, line: number): boolean {
    if (section !== this.current) {
      this.settle();
      this.current = section;
      this.hasCode = false;
    }
    if (this.hasCode) return true;
    if (hasCodeField) {
      this.hasCode = true;
      this.release();
      return true;
    }
    const last = this.runLines.length - 1;
    if (last >= 0 && this.runLines[last] === line)
      this.runCounts[last] = (this.runCounts[last] as number) + 1;
    else {
      this.runLines.push(line);
      this.runCounts.push(1);
    }
    this.held++;
    if (this.runLines.length > MAX_HELD_RUNS) {
      this.hasCode = true;
      this.release();
    }
    return false;
  }

  /** The open section ends: if all its records lacked the field, it is skipped. */
  settle(): void {
    if (this.held > 0 && !this.hasCode) this.skip(this.paths[this.current] as string, this.held);
    this.clear();
  }

  private release(): void {
    for (let k = 0; k < this.runLines.length; k++) {
      for (let n = this.runCounts[k] as number; n > 0; n--) this.reject(this.runLines[k] as number);
    }
    this.clear();
  }

  private clear(): void {
    this.runLines = [];
    this.runCounts = [];
    this.held = 0;
  }
}
