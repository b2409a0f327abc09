import type { Cell } from './field-parsers.ts';
import { FlatRecordReader, type FlatRecordSink, type RootColumns } from './json-flat-record.ts';
import {
  carriedTextBytes,
  MAX_COLUMNS,
  type TableSink,
  UniqueNames,
  type WarningKind,
} from './table-sink.ts';

/** Distinct keys past MAX_COLUMNS that are counted for the warning (a bound on the memory counting takes). */
const MAX_UNTRACKED_COUNTED = 1_000_000;

/** Nested objects become dotted column names down to this depth; deeper ones stay JSON text. */
const MAX_FLATTEN_DEPTH = 16;

/** A key path seen in records: its column when it holds values, its keys below when it holds objects. */
interface KeyNode {
  /** Its keys joined by dots: the column's name unless another path already has that name. */
  readonly path: string;
  column: number;
  children: Map<string, KeyNode> | null;
}

/**
 * Turns record objects into rows aligned with a growing list of column names (first-seen order). Keys are
 * looked up in Maps, never used as object keys, so `__proto__` or `constructor` are ordinary columns. A
 * column is a key path, so a key `"a.b"` and a nested `{"a": {"b"}}` are two columns; the one seen later
 * gets a made-unique name (`a.b (2)`), like a repeated CSV header.
 * Only the first MAX_COLUMNS key paths become columns; later new ones are only counted (up to
 * MAX_UNTRACKED_COUNTED), so a file with a new key in every record costs a constant per key.
 */
export class RecordTable implements RootColumns {
  private readonly sink: TableSink;
  /** The longest record or line read (see record-limit.ts). */
  readonly maxRecordChars: number;
  private readonly root: KeyNode = { path: '', column: -1, children: null };
  private readonly taken = new UniqueNames();
  private readonly names: string[] = [];
  private readonly untracked = new Set<string>();
  private announced = 0;
  private announcedUntracked = 0;
  private cells: Cell[] = [];
  /** The cells the last record set: only they are cleared for the next. */
  private readonly filled: number[] = [];

  /** Reads flat records from their bytes once the mapping is chosen (null: every record through JSON.parse). */
  readonly flat: FlatRecordReader | null;

  constructor(sink: TableSink, maxRecordChars: number, flat: FlatRecordSink | null = null) {
    this.sink = sink;
    this.maxRecordChars = maxRecordChars;
    this.flat = flat === null ? null : new FlatRecordReader(flat, this);
  }

  /**
   * Reads the record whose text is `text` without JSON.parse where it can (see FlatRecordReader); false: it
   * did not, and the caller reads it through JSON.parse and `record`.
   */
  readFlat(text: string, line: number): boolean {
    return this.flat?.read(text, line) === true;
  }

  rootColumn(key: string): number {
    return this.root.children?.get(key)?.column ?? -1;
  }

  get columnCount(): number {
    return this.names.length;
  }

  record(value: Record<string, unknown>, line: number): void {
    const cells = this.cells;
    for (const at of this.filled) cells[at] = undefined;
    this.filled.length = 0;
    this.flatten(value, this.root, cells, 0);
    this.announce();
    this.sink.row(cells, line);
  }

  /** Tells the sink of names seen since it last heard (it copies only those). */
  private announce(): void {
    if (this.names.length === this.announced && this.untracked.size === this.announcedUntracked) return;
    this.announced = this.names.length;
    this.announcedUntracked = this.untracked.size;
    this.sink.columns(this.names, this.untracked.size);
  }

  private flatten(value: Record<string, unknown>, parent: KeyNode, cells: Cell[], depth: number): void {
    let children = parent.children;
    if (children === null) children = parent.children = new Map();
    for (const key of Object.keys(value)) {
      const v = value[key];
      let node = children.get(key);
      if (node === undefined) {
        const path = parent === this.root ? key : `${parent.path}.${key}`;
        // past the cap a new key path (and whatever it holds) is only counted, never tracked
        if (this.full(path)) continue;
        node = { path, column: -1, children: null };
        children.set(key, node);
      }
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_FLATTEN_DEPTH) {
        this.flatten(v as Record<string, unknown>, node, cells, depth + 1);
        continue;
      }
      let at = node.column;
      if (at < 0) {
        if (this.full(node.path)) continue;
        at = node.column = this.names.length;
        this.names.push(this.taken.take(node.path));
      }
      // arrays, and objects nested deeper than any log needs, are kept as their JSON text
      this.filled.push(at);
      cells[at] = v !== null && typeof v === 'object' ? jsonText(v) : (v as Cell);
    }
  }

  /** Whether the columns are full (MAX_COLUMNS); if so, `path` is counted among the untracked. */
  private full(path: string): boolean {
    if (this.names.length < MAX_COLUMNS) return false;
    if (this.untracked.size < MAX_UNTRACKED_COUNTED) this.untracked.add(path);
    return true;
  }

  section(path: string): void {
    this.sink.section?.(path);
  }

  reject(line: number, reason: string): void {
    this.sink.reject(line, reason);
  }

  /** The scanner holds `chars` characters of a record that has not ended. */
  carrying(chars: number): void {
    this.sink.carrying?.(carriedTextBytes(chars));
  }

  warn(message: string, kind?: WarningKind): void {
    this.sink.warn(message, kind);
  }

  finish(): void {
    if (this.announced === 0) this.sink.columns(this.names, this.untracked.size);
    else this.announce();
  }
}

/** JSON text of a nested value; one nested tens of thousands deep (which overflows the stack) is a marker. */
function jsonText(value: object): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return '(nested too deeply to show)';
    throw error;
  }
}
