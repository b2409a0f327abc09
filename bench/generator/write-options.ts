/** What every writer shares: fields, header presets, time formats and options. */

import type { TruthTracker } from './ground-truth.ts';
import { mulberry32 } from './random.ts';
import type { FleetEvent, GroundTruth } from './types.ts';

export type Field =
  | 'code'
  | 'time'
  | 'device'
  | 'model'
  | 'firmware'
  | 'region'
  | 'operation'
  | 'server'
  | 'component'
  | 'note';

export const FIELDS: readonly Field[] = [
  'code',
  'time',
  'device',
  'model',
  'firmware',
  'region',
  'operation',
  'server',
  'component',
  'note',
];

/** The fields an aggregated CSV keeps (plus `count`). */
export const AGGREGATE_FIELDS: readonly Field[] = [
  'code',
  'model',
  'firmware',
  'region',
  'operation',
  'server',
];

export type HeaderMap = Readonly<Record<Field | 'count', string>>;

export const HEADER_PRESETS = {
  snake: {
    code: 'result_code',
    time: 'timestamp',
    device: 'device_id',
    model: 'model',
    firmware: 'firmware',
    region: 'region',
    operation: 'operation',
    server: 'server',
    component: 'component',
    note: 'note',
    count: 'count',
  },
  title: {
    code: 'Result Code',
    time: 'Time',
    device: 'IMEI',
    model: 'Model',
    firmware: 'Firmware Version',
    region: 'Region',
    operation: 'Operation',
    server: 'Download Server',
    component: 'Component',
    note: 'Note',
    count: 'Count',
  },
  camel: {
    code: 'resultCode',
    time: 'eventTime',
    device: 'devId',
    model: 'deviceModel',
    firmware: 'fwVersion',
    region: 'region',
    operation: 'operation',
    server: 'downloadServer',
    component: 'componentId',
    note: 'note',
    count: 'count',
  },
  omadm: {
    code: 'Item/Data',
    time: 'Received',
    device: 'DevId',
    model: 'Mod',
    firmware: 'FwV',
    region: 'Region',
    operation: 'Operation',
    server: 'Server',
    component: 'PkgID',
    note: 'Note',
    count: 'Count',
  },
} as const satisfies Record<string, HeaderMap>;

export type HeaderPreset = keyof typeof HEADER_PRESETS;

export type TimeFormat = 'iso' | 'iso-nozone' | 'space' | 'epoch-s' | 'epoch-ms';
export const TIME_FORMATS: readonly TimeFormat[] = ['iso', 'iso-nozone', 'space', 'epoch-s', 'epoch-ms'];

export interface CommonWriteOptions {
  /** Header names / JSON keys: a preset name or a full mapping; default 'snake'. */
  headers?: HeaderPreset | HeaderMap;
  /** Default 'iso'. */
  time?: TimeFormat;
  /** Column order (a subset is allowed); default FIELDS (AGGREGATE_FIELDS for aggregated CSV). */
  columns?: readonly Field[];
  /** When set, the column order is shuffled with this seed. */
  shuffleColumns?: number;
  /** Receives every written row with its physical line number (for rejectedLines). */
  truth?: TruthTracker;
  /** Approximate chunk size in bytes (chunks always end at a row boundary); default 65536. */
  chunkSize?: number;
}

export type Delimiter = ',' | ';' | '\t' | '|';
export type Newline = '\n' | '\r\n' | '\r';

export interface CsvOptions extends CommonWriteOptions {
  /** Default ','. */
  delimiter?: Delimiter;
  /** Default '\n'. */
  newline?: Newline;
  /** Prefix a UTF-8 byte order mark (U+FEFF). */
  bom?: boolean;
  /** Write a header row (default true). */
  header?: boolean;
  /** Quote every field, not only those that need it. */
  quoteAll?: boolean;
  /** Rows grouped by (code, model, firmware, region, operation, server) with a count column. */
  aggregate?: boolean;
}

export interface JsonOptions extends CommonWriteOptions {
  /** Code under {"result":{"code":…}} and device under {"device":{"id":…}}. */
  nested?: boolean;
  /**
   * 'number' (default): integers as numbers, '' as null, other text as strings; 'string': the raw code as
   * a string; 'mixed': every third row (index % 3 === 1) as a string, the rest as in 'number'.
   */
  codeAs?: 'number' | 'string' | 'mixed';
  /** Wrapped JSON: the key holding the array (default 'events'). */
  wrapKey?: string;
  /** Wrapped JSON: the value of "source" (default 'dm-server-1'). */
  source?: string;
  /** NDJSON line terminator (default '\n'); the array layouts always use '\n'. */
  newline?: Newline;
}

export type Format = 'csv' | 'json' | 'wrapped' | 'ndjson' | 'syncml';
export const FORMATS: readonly Format[] = ['csv', 'json', 'wrapped', 'ndjson', 'syncml'];

export interface Written {
  text: string;
  truth: GroundTruth;
}

export function resolveHeaders(h: HeaderPreset | HeaderMap | undefined): HeaderMap {
  if (h === undefined) return HEADER_PRESETS.snake;
  if (typeof h === 'string') {
    const preset: HeaderMap | undefined = HEADER_PRESETS[h];
    if (!preset) throw new Error(`unknown header preset: ${h}`);
    return preset;
  }
  return h;
}

/** The column order a writer will use for these options. */
export function resolveColumns(opts: CommonWriteOptions & { aggregate?: boolean }): Field[] {
  let cols = [...(opts.columns ?? (opts.aggregate ? AGGREGATE_FIELDS : FIELDS))];
  if (opts.aggregate) cols = cols.filter((c) => AGGREGATE_FIELDS.includes(c));
  if (opts.shuffleColumns !== undefined) {
    const rng = mulberry32(opts.shuffleColumns);
    for (let i = cols.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const tmp = cols[i] as Field;
      cols[i] = cols[j] as Field;
      cols[j] = tmp;
    }
  }
  return cols;
}

/** A string field of an event (everything but time). */
export function stringField(ev: FleetEvent, f: Field): string {
  switch (f) {
    case 'code':
      return ev.rawCode;
    case 'device':
      return ev.device;
    case 'model':
      return ev.model;
    case 'firmware':
      return ev.firmware;
    case 'region':
      return ev.region;
    case 'operation':
      return ev.operation;
    case 'server':
      return ev.server;
    case 'component':
      return ev.component;
    case 'note':
      return ev.note;
    default:
      return String(ev.time);
  }
}

/** Number of line breaks (\r\n, \r or \n) in a string. */
export function countLineBreaks(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 10) n++;
    else if (ch === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}
