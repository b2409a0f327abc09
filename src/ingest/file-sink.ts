import type { Catalog } from '../catalog/catalog-types.ts';
import type { DatasetBuilder } from '../dataset/dataset-builder.ts';
import { type ColumnMapping, inferColumns, type MappingOverride } from './column-inference.ts';
import { detectFamily, type FamilyChoice, givenFamily, withoutFalseCount } from './family-detection.ts';
import { type Cell, codeProblem } from './field-parsers.ts';
import { readingTitle } from './file-families.ts';
import { fileLayout, type RunColumns } from './file-layout.ts';
import { byteSampleRow, rowsToReserve, SAMPLE_ROWS, type SampleRow, sampleRowBytes } from './file-sample.ts';
import { IngestError } from './ingest-error.ts';
import type { FlatRecordSink } from './json-flat-record.ts';
import type { LoadBudget } from './load-budget.ts';
import { readingFindings } from './reading-findings.ts';
import { type Recognition, recognitionOf, recognitionWarning } from './recognition.ts';
import { RecordSections } from './record-sections.ts';
import { RowRun } from './row-run.ts';
import {
  ByteFields,
  CellFields,
  OTHER_RECORD,
  type RowFields,
  type RowLayout,
  RowWriter,
} from './row-writer.ts';
import { type ByteRowSink, MAX_COLUMNS, type WarningKind } from './table-sink.ts';

export { SAMPLE_ROWS } from './file-sample.ts';

/** Names of late columns kept for their warning (it quotes the first few). */
const LATE_NAMES_KEPT = 3;

export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}

/** What a file's sink writes into and reports to. */
export interface FileSinkContext {
  file: string;
  builder: DatasetBuilder;
  /** The family the user chose for every file; null: detected per file among `catalogs`. */
  catalog: Catalog | null;
  /** The families a file may be read in. */
  catalogs: readonly Catalog[];
  override?: MappingOverride | undefined;
  onReject: (row: RejectedRow) => void;
  /** The file's size in bytes, when its bytes are the rows' (not compressed): see `reserveFor`. */
  sizeHint?: number | null;
  /** The load's memory budget, which counts this sink's bytes and the text its reader carries. */
  budget?: LoadBudget | null;
  /** Whether plain CSV rows may be read by the row scanner (row-scan.ts) where it runs; default true. */
  rowScan?: boolean;
}

/**
 * Receives one file's rows: keeps the first rows as a sample until the mapping is chosen, then turns each
 * row — given as text cells or as byte ranges — into column values or a rejection with its reason, through
 * one RowWriter.
 */
export class FileSink implements ByteRowSink, FlatRecordSink {
  rowsRead = 0;
  /** Of rowsRead, those a fast path read: the row scanner (CSV), the flat-record reader (JSON). */
  rowsScanned = 0;
  rowsRejected = 0;
  /** Records that carry no result (another alert type, another LwM2M resource): neither rows nor rejects. */
  otherRecords = 0;
  headers: string[] = [];
  mapping: ColumnMapping | null = null;
  /** The family that reads the file, and why; set with the mapping. */
  choice: FamilyChoice | null = null;
  readonly warnings: string[] = [];
  /** The first reader warning of each kind that ingest acts on (see WarningKind). */
  private readonly warningOf = new Map<WarningKind, string>();
  private sample: SampleRow[] = [];
  /** What the sample rows take in memory (see sampleRowBytes). */
  private sampleSize = 0;
  private readonly context: FileSinkContext;
  private readonly builder: DatasetBuilder;
  private writer: RowWriter | null = null;
  private layout: RowLayout | null = null;
  private readonly cellFields = new CellFields();
  private readonly byteFields = new ByteFields((line) => this.badBytes(line));
  private needed = Number.POSITIVE_INFINITY;
  private firstBadBytes = 0;
  /** A JSON file's arrays of records, once the reader names one. */
  private sections: RecordSections | null = null;
  /** Columns past MAX_COLUMNS (not read), and columns that first appear once the mapping is chosen. */
  private untracked = 0;
  private late = 0;
  private readonly lateNames: string[] = [];
  /** How the reader splits rows of bytes (see readsBytes); null: it gives text cells. */
  private bytesRead: { delimiter: number; limit: number } | null = null;
  /** The row scanner's runs of plain rows, when the file's layout and the runtime allow them. */
  private run: RowRun | null = null;

  constructor(context: FileSinkContext) {
    this.context = context;
    this.builder = context.builder;
  }

  /**
   * The file's column names so far (JSON finds more as it reads; each call repeats the earlier ones first).
   * Only the first MAX_COLUMNS are kept; `untracked` more that a reader did not even keep the names of are
   * counted with them. Only the new names are copied, so a file that brings one per record costs one step
   * per name.
   */
  columns(names: readonly string[], untracked = 0): void {
    const kept = Math.min(names.length, MAX_COLUMNS);
    this.untracked = Math.max(this.untracked, names.length - kept + untracked);
    for (let at = this.headers.length; at < kept; at++) {
      const name = names[at] as string;
      if (this.mapping) {
        if (this.late++ < LATE_NAMES_KEPT) this.lateNames.push(name);
      }
      this.headers.push(name);
    }
  }

  row(cells: readonly Cell[], line: number): void {
    this.rowsRead++;
    const section = this.sections === null ? -1 : this.sections.latest;
    if (this.mapping) this.writeCells(cells, line, section);
    else this.keepSample({ cells: cells.slice(0, MAX_COLUMNS), line, section });
  }

  /**
   * A row as byte ranges (see ByteRowSink): checked as `row`'s are, but codes and times are read from the
   * bytes and text values are looked up by their bytes.
   */
  rowBytes(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, line: number): void {
    this.rowsRead++;
    if (this.mapping) {
      this.writeRow(this.byteFields.set(bytes, starts, ends, count, line), line);
      return;
    }
    this.byteFields.set(bytes, starts, ends, count, line);
    const sample = byteSampleRow({ bytes, starts, ends, fields: count, line }, this.byteFields.decode);
    this.keepSample(sample);
  }

  /**
   * A JSON record read from its bytes (see FlatRecordReader), which asks only once the mapping is chosen:
   * checked and written as `row`'s cells would be.
   */
  recordFields(fields: RowFields, line: number): void {
    this.rowsRead++;
    const section = this.sections === null ? -1 : this.sections.latest;
    if (!this.admitted(fields, line, section)) return;
    const others = this.otherRecords;
    this.writeRow(fields, line);
    if (this.otherRecords === others) this.rowsScanned++;
  }

  /** A row kept until the mapping is chosen: its bytes count against the budget while it is kept. */
  private keepSample(row: SampleRow): void {
    this.sample.push(row);
    this.sampleSize += sampleRowBytes(row);
    if (this.sample.length >= SAMPLE_ROWS) this.decide();
    else this.context.budget?.check();
  }

  /** The reader splits rows of bytes at `delimiter`, rows of at most `limit` characters. */
  readsBytes(delimiter: number, limit: number): void {
    this.bytesRead = { delimiter, limit };
  }

  rowRun(): RowRun | null {
    return this.run;
  }

  /**
   * Bytes this file's reading holds besides the dataset: the sample rows, the text column writers and the
   * row scanner.
   */
  get byteSize(): number {
    let bytes = this.sampleSize + (this.layout?.device?.byteSize ?? 0) + (this.run?.byteSize ?? 0);
    for (const d of this.layout?.dimensions ?? []) bytes += d.writer.byteSize;
    return bytes;
  }

  carrying(bytes: number): void {
    this.context.budget?.carry(bytes);
  }

  /** A row the format reader could not read at all (invalid JSON, an unclosed quote). */
  reject(line: number, reason: string): void {
    this.rowsRead++;
    this.rejectRead(line, reason);
  }

  /**
   * A record that carries no result (another alert type, another LwM2M resource, a SyncML Status): counted,
   * not read as a row and not rejected. Format readers call it for records they know to be such.
   */
  otherRecord(): void {
    this.otherRecords++;
  }

  /** A row already counted as read that has no usable code or count. */
  private rejectRead(line: number, reason: string): void {
    this.rowsRejected++;
    this.context.onReject({ file: this.context.file, line, reason });
  }

  warn(message: string, kind?: WarningKind): void {
    this.warnings.push(message);
    if (kind !== undefined && !this.warningOf.has(kind)) this.warningOf.set(kind, message);
  }

  section(path: string): void {
    if (this.sections === null) {
      this.sections = new RecordSections(
        (line) => this.rejectRead(line, codeProblem(undefined)),
        (name, records) => {
          // metadata, not rows: no longer counted as read
          this.rowsRead -= records;
          const mapping = this.mapping as ColumnMapping;
          const field = mapping.code === null ? 'status field' : 'result-code field';
          this.warnings.push(
            `the array "${name}" holds ${records.toLocaleString('en-US')} record${records > 1 ? 's' : ''} without a ${field} ("${resultColumn(mapping)}"): skipped, not read as rows.`,
          );
        },
      );
    }
    this.sections.start(path);
  }

  badBytes(line: number): void {
    if (this.firstBadBytes === 0 || line < this.firstBadBytes) this.firstBadBytes = line;
  }

  finish(): void {
    if (!this.mapping) this.decide();
    this.sections?.settle();
    this.warnings.push(...this.findings());
    const title = readingTitle(this.choice as FamilyChoice, this.context.catalogs);
    const warning = recognitionWarning(title, this.recognition(), this.context.catalogs);
    if (warning !== null) this.warnings.push(warning);
  }

  /** The warnings of what the file's reading found: columns not read, bad bytes, unreadable times. */
  private findings(): string[] {
    return readingFindings({
      columns: this.headers.length,
      untracked: this.untracked,
      late: this.late,
      lateNames: this.lateNames,
      firstBadBytes: this.firstBadBytes,
      badTimes: this.writer?.badTimes ?? 0,
      firstBadTime: this.writer?.firstBadTime ?? 0,
    });
  }

  private decide(): void {
    if (this.headers.length === 0) {
      // JSON that yielded no record at all: the reader's warning says why
      const why =
        this.warningOf.get('no-records') ?? this.warningOf.get('broken') ?? this.warningOf.get('unclosed');
      throw new IngestError(this.context.file, why ?? 'no header row and no records were found.');
    }
    const { override, catalogs } = this.context;
    let result = inferColumns(
      this.headers,
      this.sample.map((s) => s.cells),
      catalogs,
      override,
    );
    if (!result.ok) {
      const all = this.headers.length + this.untracked;
      throw new IngestError(
        this.context.file,
        this.untracked === 0
          ? result.reason
          : `${result.reason} Only the first ${MAX_COLUMNS.toLocaleString('en-US')} of the file's ${all.toLocaleString('en-US')} columns are read.`,
        [...this.headers],
      );
    }
    if (this.sections !== null) result = this.withoutMetadata(result.mapping);
    const forced = this.context.catalog;
    this.choice =
      forced === null
        ? detectFamily(
            this.headers,
            this.sample.map((s) => s.cells),
            result.mapping,
            catalogs,
          )
        : givenFamily(forced);
    const chosen = catalogs.find((c) => c.id === this.choice?.family) ?? null;
    this.apply(withoutFalseCount(result.mapping, chosen, override?.count !== undefined));
    this.reserveFor(this.sample);
    const sample = this.sample;
    this.sample = [];
    this.sampleSize = 0;
    for (const { cells, line, raw, section } of sample) {
      if (raw === undefined) this.writeCells(cells, line, section);
      else this.writeRow(this.byteFields.set(raw.bytes, raw.starts, raw.ends, raw.starts.length, line), line);
    }
  }

  /**
   * The mapping chosen again without the sample's rows that lack the result-code field in an array of
   * records none of whose sampled records has it: metadata (or rows to be rejected) must not make columns
   * of its own into dimensions.
   */
  private withoutMetadata(mapping: ColumnMapping): { ok: true; mapping: ColumnMapping } {
    const codeAt = this.headers.indexOf(resultColumn(mapping));
    const withCode = new Set<number>();
    for (const row of this.sample) if (row.cells[codeAt] !== undefined) withCode.add(row.section);
    const kept = this.sample.filter((row) => row.section < 0 || withCode.has(row.section));
    if (kept.length === this.sample.length) return { ok: true, mapping };
    const again = inferColumns(
      this.headers,
      kept.map((row) => row.cells),
      this.context.catalogs,
      { ...this.context.override, code: mapping.code, status: mapping.status },
    );
    return again.ok ? again : { ok: true, mapping };
  }

  /** Reserves room in the columns for the rows the file's size promises (see rowsToReserve). */
  private reserveFor(sample: readonly SampleRow[]): void {
    const { sizeHint, budget } = this.context;
    const rows = rowsToReserve(sample, sizeHint, budget, this.builder.bytesPerRow);
    if (rows !== null) this.builder.reserve(this.builder.rowCount + rows);
  }

  private apply(mapping: ColumnMapping): void {
    const laid = fileLayout({
      mapping,
      headers: this.headers,
      builder: this.builder,
      decode: this.byteFields.decode,
      choice: this.choice as FamilyChoice,
      catalogs: this.context.catalogs,
      catalog: this.context.catalog,
      runFor: (columns) => this.rowRunFor(columns),
    });
    this.needed = laid.needed;
    this.run = laid.run;
    this.mapping = laid.mapping;
    this.layout = laid.layout;
    this.writer = new RowWriter(this.builder, laid.layout);
    this.run?.writeWith(this.writer, (line) => this.byteFields.atLine(line));
  }

  /** The row scanner's runs for this file's columns, when its rows are read as bytes (see RowRun.create). */
  private rowRunFor(columns: RunColumns): RowRun | null {
    const read = this.bytesRead;
    if (read === null || this.context.rowScan === false) return null;
    return RowRun.create(read.delimiter, read.limit, columns, (rows) => {
      this.rowsRead += rows;
      this.rowsScanned += rows;
    });
  }

  /** What the file's family recognised of its rows' results (see Recognition). */
  recognition(): Recognition {
    const tally = this.writer?.resultTally() ?? new Float64Array(0);
    return recognitionOf(tally, (id) => this.builder.resolve(id));
  }

  fieldsNeeded(): number {
    return this.needed;
  }

  private writeCells(cells: readonly Cell[], line: number, section: number): void {
    const fields = this.cellFields.set(cells);
    if (this.admitted(fields, line, section)) this.writeRow(fields, line);
  }

  /** Whether a record of `section` (-1: none) is written now (see RecordSections.admit). */
  private admitted(fields: RowFields, line: number, section: number): boolean {
    if (section < 0) return true;
    const layout = this.layout as RowLayout;
    const resultAt = layout.codeAt >= 0 ? layout.codeAt : layout.statusAt;
    return (this.sections as RecordSections).admit(section, fields.cell(resultAt) !== undefined, line);
  }

  private writeRow(fields: RowFields, line: number): void {
    const problem = (this.writer as RowWriter).write(fields, line);
    if (problem === null) return;
    if (problem === OTHER_RECORD) {
      this.rowsRead--;
      this.otherRecord();
    } else this.rejectRead(line, problem);
  }
}

/** The column a record must have to be a row: the code column, else the status column. */
function resultColumn(mapping: ColumnMapping): string {
  return (mapping.code ?? mapping.status) as string;
}
