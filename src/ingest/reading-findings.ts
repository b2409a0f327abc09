/**
 * The warnings of what a file's reading found besides its rows: columns not read, bad bytes, unreadable
 * times. Pure; the file sink gives its counts once the file is read.
 */
import { quotedNames } from '../dataset/dataset-builder.ts';
import { SAMPLE_ROWS } from './file-sample.ts';
import { MAX_COLUMNS } from './table-sink.ts';

export interface ReadingFacts {
  /** Column names kept (at most MAX_COLUMNS). */
  columns: number;
  /** Columns past MAX_COLUMNS, not read. */
  untracked: number;
  /** Columns that first appear once the mapping is chosen, and the first few of their names. */
  late: number;
  lateNames: readonly string[];
  /** The first line with bytes that are not UTF-8 (0: none). */
  firstBadBytes: number;
  badTimes: number;
  firstBadTime: number;
}

export function readingFindings(f: ReadingFacts): string[] {
  const out: string[] = [];
  if (f.untracked > 0) {
    const all = f.columns + f.untracked;
    out.push(
      `the file has ${all.toLocaleString('en-US')} columns; only the first ${MAX_COLUMNS.toLocaleString('en-US')} are read, the other ${f.untracked.toLocaleString('en-US')} are not analysed.`,
    );
  }
  if (f.late > 0) {
    const many = f.late > 1;
    out.push(
      `${f.late.toLocaleString('en-US')} column${many ? 's' : ''} first appear${many ? '' : 's'} after the first ${SAMPLE_ROWS.toLocaleString('en-US')} records and ${many ? 'are' : 'is'} not analysed (${quotedNames(f.lateNames, f.late)}).`,
    );
  }
  if (f.firstBadBytes > 0) {
    out.push(
      `line ${f.firstBadBytes} is the first with bytes that are not UTF-8 (a Latin-1 / Windows-1252 export?); such bytes were read as Windows-1252 characters and the rows kept.`,
    );
  }
  if (f.badTimes > 0) {
    out.push(
      `${f.badTimes.toLocaleString('en-US')} row${f.badTimes > 1 ? 's have' : ' has'} a time that could not be read (first at line ${f.firstBadTime}); ${f.badTimes > 1 ? 'they are' : 'it is'} kept without a time.`,
    );
  }
  return out;
}
