/**
 * Seeded generator of realistic OMA-DM SCOMO fleet logs with exact ground truth, plus writers for every
 * input format the app reads (CSV in its dialects, JSON array, wrapped JSON, NDJSON, aggregated CSV, SyncML
 * message logs).
 *
 * Deliberately independent of the app (nothing from src/): it carries its own small table of the codes it
 * emits and their outcome, so tests can compare the app against it. Pure TypeScript, no Node APIs: it also
 * runs in a browser. Deterministic for a seed (own PRNG; never Math.random).
 *
 * With `family` (GeneratorOptions, `--family`), the results are written in another family's codes or status
 * words (generator/families.ts has its tables and sources), and the truth follows the outcome model.
 *
 * Ground-truth rules (what the app is expected to agree with):
 * - a row is rejected iff its raw code, trimmed, is not an integer (/^-?\d+$/); JSON null counts as '';
 * - outcome: success for 1200 and 1250–1299; failure for 1400–1416, 1450–1499, 1500–1505, 1550–1599;
 *   unrecognized for every other integer;
 * - devices = distinct device ids among accepted rows; failingDevices = distinct devices with ≥ 1 failure;
 * - rejectedLines are 1-based physical line numbers, where a line break is \r\n, \r or \n (universal
 *   newlines), counting breaks inside quoted CSV fields; a BOM does not change line numbers.
 *
 * This file is the generator's one entry point (tests, the generate CLI and the benchmark import from it);
 * the pieces live in bench/generator/: types, code-table, random, pools, events, ground-truth,
 * write-options, byte-out, csv-writer, json-writer, syncml-writer, shape-writer (platform export shapes).
 */

import { decoded } from './generator/byte-out.ts';
import { csvByteChunks } from './generator/csv-writer.ts';
import { generateEvents } from './generator/events.ts';
import { TruthTracker } from './generator/ground-truth.ts';
import { jsonByteChunks, ndjsonByteChunks, wrappedByteChunks } from './generator/json-writer.ts';
import { type SyncmlOptions, syncmlByteChunks } from './generator/syncml-writer.ts';
import type { FleetEvent, GeneratorOptions } from './generator/types.ts';
import type { CsvOptions, Format, JsonOptions, Written } from './generator/write-options.ts';

export { formatTime } from './generator/byte-out.ts';
export {
  CODE_TABLE,
  type CodeRow,
  outcomeOf,
  REJECTED_RAW_CODES,
  UNRECOGNIZED_DIRTY_CODES,
} from './generator/code-table.ts';
export { csvByteChunks, csvChunks } from './generator/csv-writer.ts';
export { generateEvents } from './generator/events.ts';
export {
  FAMILIES,
  FAMILY_IDS,
  type FamilyId,
  type FamilyTable,
  familyHeaders,
  inFamily,
  type ResultOutcome,
} from './generator/families.ts';
export {
  groundTruth,
  parseRawCode,
  TruthTracker,
  truthFromJSON,
  truthToJSON,
} from './generator/ground-truth.ts';
export {
  jsonByteChunks,
  jsonChunks,
  ndjsonByteChunks,
  ndjsonChunks,
  wrappedByteChunks,
  wrappedChunks,
} from './generator/json-writer.ts';
export { DEFAULT_START, POOLS, storyWindow } from './generator/pools.ts';
export { mulberry32 } from './generator/random.ts';
export {
  generateShape,
  SHAPE_EXTENSION,
  SHAPE_FAMILY,
  SHAPES,
  type Shape,
  shapeByteChunks,
  shapeEvents,
} from './generator/shape-writer.ts';
export {
  type PlantedStory,
  parseStory,
  STORY_FIELDS,
  type StoryField,
  storiesOf,
} from './generator/stories.ts';
export { type SyncmlOptions, syncmlByteChunks, syncmlChunks, xmlText } from './generator/syncml-writer.ts';
export type { FleetEvent, GeneratorOptions, GroundTruth, Outcome } from './generator/types.ts';
export {
  AGGREGATE_FIELDS,
  type CommonWriteOptions,
  type CsvOptions,
  countLineBreaks,
  type Delimiter,
  FIELDS,
  type Field,
  FORMATS,
  type Format,
  HEADER_PRESETS,
  type HeaderMap,
  type HeaderPreset,
  type JsonOptions,
  type Newline,
  resolveColumns,
  TIME_FORMATS,
  type TimeFormat,
  type Written,
} from './generator/write-options.ts';

/** Options of every writer; CSV-only options are ignored by the JSON formats and vice versa. */
export type WriteOptions = CsvOptions & JsonOptions & SyncmlOptions;

/** UTF-8 chunks of any format (what a file or a socket wants). */
export function formatByteChunks(
  format: Format,
  events: Iterable<FleetEvent>,
  opts: WriteOptions = {},
): Generator<Uint8Array> {
  if (format !== 'csv' && opts.aggregate) throw new Error('aggregate is only supported for csv');
  switch (format) {
    case 'csv':
      return csvByteChunks(events, opts);
    case 'json':
      return jsonByteChunks(events, opts);
    case 'wrapped':
      return wrappedByteChunks(events, opts);
    case 'ndjson':
      return ndjsonByteChunks(events, opts);
    case 'syncml':
      return syncmlByteChunks(events, opts);
    default:
      throw new Error(`unknown format: ${String(format)}`);
  }
}

/** String chunks of any format. */
export function formatChunks(
  format: Format,
  events: Iterable<FleetEvent>,
  opts: WriteOptions = {},
): Generator<string> {
  return decoded(formatByteChunks(format, events, opts));
}

/** The whole file as one string, with its ground truth (rejectedLines filled). For small data. */
export function writeFormat(format: Format, events: Iterable<FleetEvent>, opts: WriteOptions = {}): Written {
  const truth = new TruthTracker();
  let text = '';
  for (const chunk of formatChunks(format, events, { ...opts, truth })) text += chunk;
  return { text, truth: truth.result() };
}

export const writeCsv = (events: Iterable<FleetEvent>, opts: CsvOptions = {}): Written =>
  writeFormat('csv', events, opts);
export const writeJson = (events: Iterable<FleetEvent>, opts: JsonOptions = {}): Written =>
  writeFormat('json', events, opts);
export const writeWrapped = (events: Iterable<FleetEvent>, opts: JsonOptions = {}): Written =>
  writeFormat('wrapped', events, opts);
export const writeNdjson = (events: Iterable<FleetEvent>, opts: JsonOptions = {}): Written =>
  writeFormat('ndjson', events, opts);

/** Convenience: generate and write in one go (small data). */
export function generateFile(format: Format, gen: GeneratorOptions, opts: WriteOptions = {}): Written {
  return writeFormat(format, generateEvents(gen), opts);
}
