import type { RecordTable } from './json-record-table.ts';
import { invalidJson, type Scanner } from './json-syntax.ts';
import { recordLimitText } from './record-limit.ts';
import { isBlankText } from './table-sink.ts';

/**
 * One record per line; a line is held in pieces until its end arrives, so a long line costs one join. A line
 * longer than the table's `maxRecordChars` is not held: it is rejected as too large when its end arrives.
 */
export class NdjsonScanner implements Scanner {
  private pieces: string[] = [];
  /** Characters of the current line seen in earlier chunks (held in `pieces` unless the line is too long). */
  private carried = 0;
  private line = 1;
  private records = 0;
  private readonly table: RecordTable;
  constructor(table: RecordTable) {
    this.table = table;
  }
  push(text: string): void {
    let start = 0;
    for (let eol = text.indexOf('\n'); eol !== -1; eol = text.indexOf('\n', start)) {
      if (this.carried + eol - start > this.table.maxRecordChars) this.handle(null);
      else {
        let line = text.slice(start, eol);
        if (this.pieces.length > 0) {
          this.pieces.push(line);
          line = this.pieces.join('');
        }
        this.handle(line);
      }
      if (this.pieces.length > 0) this.table.carrying(0);
      this.pieces = [];
      this.carried = 0;
      start = eol + 1;
    }
    if (start < text.length) {
      this.carried += text.length - start;
      if (this.carried > this.table.maxRecordChars) this.pieces = [];
      else this.pieces.push(text.slice(start));
      this.table.carrying(this.pieces.length > 0 ? this.carried : 0);
    }
  }
  end(): void {
    if (this.carried > 0) {
      this.handle(this.carried > this.table.maxRecordChars ? null : this.pieces.join(''));
    }
    this.pieces = [];
    if (this.records === 0)
      this.table.warn('The JSON lines hold no record: no line is a JSON object.', 'no-records');
  }
  idleLine(): number {
    return this.carried === 0 ? this.line : -1;
  }

  readElsewhere(records: number, line: number): void {
    this.records += records;
    this.line = line;
  }

  /** `text` is null for a line too large to hold. */
  private handle(text: string | null): void {
    const line = this.line++;
    if (text === null) {
      this.table.reject(
        line,
        `the line is too large to read (over ${recordLimitText(this.table.maxRecordChars)})`,
      );
      return;
    }
    if (this.table.readFlat(text, line)) {
      this.records++;
      return;
    }
    if (isBlankText(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.table.reject(line, invalidJson(error));
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.table.reject(line, 'the line is not a JSON object');
      return;
    }
    this.records++;
    this.table.record(value as Record<string, unknown>, line);
  }
}
