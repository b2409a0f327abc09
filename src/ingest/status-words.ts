import type { Catalog } from '../catalog/catalog-types.ts';
import type { DatasetBuilder } from '../dataset/dataset-builder.ts';
import { type DecodeField, StringDictionary, TextColumnWriter } from '../dataset/growable-columns.ts';
import type { RowFields } from './row-writer.ts';

/**
 * Distinct status words one file may bring: a platform has a dozen. Past this many the column holds no
 * status words (identifiers, free text), and a row bringing yet another one is rejected with that reason.
 */
export const MAX_STATUS_WORDS = 10_000;

/** How a family makes one word of a record's two (see ColumnMapping.statusResult): hawkBit DDI's rule. */
export type CombineWords = (status: string, result: string) => string;

/** `resultId`'s answer for a row whose status word is blank or absent. */
export const NO_WORD = -1;
/** `resultId`'s answer for a row whose word is one past MAX_STATUS_WORDS. */
export const TOO_MANY_WORDS = -2;

/** Room in a cache key for a word id (> MAX_STATUS_WORDS) and a family index (< FAMILY_SLOTS). */
const WORD_SLOTS = 1 << 14;
const FAMILY_SLOTS = 1 << 4;
/** A code's place in a cache key: int32 codes shifted to be non-negative; NaN (no code) after them. */
const NO_CODE_SLOT = 2 ** 32;

function wordColumn(decode: DecodeField): { words: StringDictionary; writer: TextColumnWriter } {
  const words = new StringDictionary();
  words.idOf('');
  return { words, writer: new TextColumnWriter({ dictionary: words, dropped: false, added() {} }, decode) };
}

/**
 * A file's status words, each read once: a row's word (or pair of words) becomes a small id, and the result
 * of a (family, code, word) triple is looked up by numbers, so a row costs no string beyond its first sight.
 */
export class StatusWords {
  private readonly status: { words: StringDictionary; writer: TextColumnWriter };
  private readonly result: { words: StringDictionary; writer: TextColumnWriter } | null;
  /** The pairs' words (two-word families only), by (status id, result id). */
  private readonly combined = new StringDictionary();
  private readonly pairs = new Map<number, number>();
  private readonly combine: CombineWords;
  /** Result ids by (code, word id, family index). */
  private readonly results = new Map<number, number>();

  /** `combine` given: the file has a second word column (`resultAt` in `resultId`). */
  constructor(decode: DecodeField, combine: CombineWords | null) {
    this.status = wordColumn(decode);
    this.result = combine === null ? null : wordColumn(decode);
    this.combine = combine ?? ((status) => status);
  }

  /** The row's word id: 0 for none; TOO_MANY_WORDS past the cap. */
  private wordId(row: RowFields, statusAt: number, resultAt: number): number {
    const status = row.textId(statusAt, this.status.writer);
    if (status > MAX_STATUS_WORDS) return TOO_MANY_WORDS;
    const result = this.result;
    if (result === null) return status;
    const second = row.textId(resultAt, result.writer);
    if (second > MAX_STATUS_WORDS) return TOO_MANY_WORDS;
    const key = status * WORD_SLOTS + second;
    let id = this.pairs.get(key);
    if (id === undefined) {
      const word = this.combine(this.status.words.values[status] ?? '', result.words.values[second] ?? '');
      id = this.combined.idOf(word);
      this.pairs.set(key, id);
    }
    return id;
  }

  private word(id: number): string {
    return (this.result === null ? this.status.words : this.combined).values[id] ?? '';
  }

  /**
   * The id of the row's result in `family` (the `familyIndex`-th of the file's families) given its code
   * (NaN: none): NO_WORD when its word is blank or absent, TOO_MANY_WORDS past the cap.
   */
  resultId(
    builder: DatasetBuilder,
    family: Catalog,
    familyIndex: number,
    code: number,
    row: RowFields,
    statusAt: number,
    resultAt: number,
  ): number {
    const word = this.wordId(row, statusAt, resultAt);
    if (word < 0) return word;
    const codeSlot = Number.isNaN(code) ? NO_CODE_SLOT : code + 2 ** 31;
    const key = (codeSlot * WORD_SLOTS + word) * FAMILY_SLOTS + familyIndex;
    let id = this.results.get(key);
    if (id === undefined) {
      const text = this.word(word);
      id = text.trim() === '' ? NO_WORD : builder.resultId(family, code, text);
      this.results.set(key, id);
    }
    return id;
  }
}

/**
 * How a family makes one word of a record's two: its own rule (`Catalog.combineStatus`: hawkBit DDI's
 * takes the finished word first), else the status word, or the second one when the first is blank.
 */
export function combineWordsOf(family: Catalog): CombineWords {
  return family.combineStatus ?? ((status, result) => (status.trim() === '' ? result : status));
}
