/** The benchmark's data: seeded fleet logs with their ground truth, and the figures the pages must show. */
import { existsSync } from 'node:fs';
import { stat as fileStat, mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { log, ROOT } from './bench-common.ts';
import { type LogShape, sizeLabel } from './bench-options.ts';
import type { GroundTruth } from './fleet-generator.ts';
import { parseArgs as parseGenerateArgs, runGenerate } from './generate-cli.ts';
import type { BenchFormat } from './results.ts';

const DATA_DIR = join(ROOT, 'bench', 'data');

/** A FILE.truth.json as the generator writes it (truthToJSON): the ground truth, byCode as an object. */
export type Truth = Omit<GroundTruth, 'byCode' | 'rejectedLines'> & {
  byCode: Record<string, number>;
  options?: {
    format?: string;
    generator?: { rows?: number; seed?: number };
    writer?: { columns?: string[]; delimiter?: string; newline?: string; shuffleColumns?: number };
  };
};

/**
 * The plain log's columns: the fleet log's events without the component and the note, the only columns
 * whose values need quoting (the notes hold commas, quotes and line breaks). 8 columns, no quote character
 * in the file; the ground truth is the same events'.
 */
export const PLAIN_COLUMNS = ['code', 'time', 'device', 'model', 'firmware', 'region', 'operation', 'server'];

/** The shuffled log's way of writing the fleet log (and its columns' order, drawn from the seed). */
export const SHUFFLED_ARGS = ['--delimiter', ';', '--newline', 'crlf'];

export interface DataFile {
  rows: number;
  format: BenchFormat;
  /** CSV: the fleet log with its quoted notes, or the plain one (PLAIN_COLUMNS). */
  log?: LogShape;
  /** --big-json: the file must be longer as text than the engine's longest string (checked, reported). */
  longerThanString?: boolean;
  label: string;
  path: string;
  bytes: number;
  truth: Truth;
}

/**
 * The seeded file of `rows` rows in `format` (CSV: the `log` shape), generated, or reused with `keep` when
 * it is already there.
 */
export async function ensureData(
  rows: number,
  keep: boolean,
  seed: number,
  format: BenchFormat = 'csv',
  logShape: LogShape = 'quoted',
): Promise<DataFile> {
  await mkdir(DATA_DIR, { recursive: true });
  const plain = format === 'csv' && logShape === 'plain';
  const shuffled = format === 'csv' && logShape === 'shuffled';
  const suffix = plain ? '-plain' : shuffled ? '-shuffled' : '';
  const label = format !== 'csv' ? `${sizeLabel(rows)}-${format}` : `${sizeLabel(rows)}${suffix}`;
  const path = join(DATA_DIR, `fleet-${sizeLabel(rows)}-seed${seed}${suffix}.${format}`);
  const truthPath = `${path}.truth.json`;
  const shape = format === 'csv' ? { log: logShape } : {};
  if (keep && existsSync(path) && existsSync(truthPath)) {
    const truth = JSON.parse(await readFile(truthPath, 'utf8')) as Truth;
    const o = truth.options;
    const columns = o?.writer?.columns?.join(',') ?? null;
    if (
      o?.format === format &&
      o.generator?.rows === rows &&
      o.generator.seed === seed &&
      columns === (plain ? PLAIN_COLUMNS.join(',') : null) &&
      (o.writer?.shuffleColumns ?? null) === (shuffled ? seed : null)
    ) {
      log(`reusing ${relative(ROOT, path)}`);
      return { rows, format, ...shape, label, path, bytes: (await fileStat(path)).size, truth };
    }
  }
  log(`generating ${rows.toLocaleString('en-US')} rows → ${relative(ROOT, path)}`);
  const args = ['--rows', String(rows), '--seed', String(seed), '--format', format, '--out', path];
  if (plain) args.push('--columns', PLAIN_COLUMNS.join(','));
  if (shuffled) args.push(...SHUFFLED_ARGS, '--shuffle-columns', String(seed));
  const result = await runGenerate(parseGenerateArgs(args));
  const truth = JSON.parse(await readFile(result.truthFile, 'utf8')) as Truth;
  return { rows, format, ...shape, label, path, bytes: result.bytes, truth };
}

/** A file that has no quote character (34) at all, read as bytes: the plain log must be one. */
export async function hasNoQuote(path: string): Promise<boolean> {
  const { createReadStream } = await import('node:fs');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    if ((chunk as Buffer).includes(34)) return false;
  }
  return true;
}

/**
 * The file's length as text: the UTF-16 code units a JS string of it would hold (a UTF-8 sequence is one
 * unit, a 4-byte one two), to set against the engine's longest string.
 */
export async function textLength(path: string): Promise<number> {
  const { createReadStream } = await import('node:fs');
  let units = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
    }
  }
  return units;
}

/** Reads the file once so every contender starts from the page cache, not the disk. */
export async function readIntoPageCache(path: string): Promise<void> {
  const { createReadStream } = await import('node:fs');
  for await (const _ of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    // discard
  }
}

export const countFormat = new Intl.NumberFormat('en-US');
const percentFormat = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** The Summary's figures as the dashboard must show them for this ground truth. */
export function expectedFigures(t: Truth): Record<string, string> {
  return {
    Operations: countFormat.format(t.operations),
    Successes: countFormat.format(t.successes),
    Failures: countFormat.format(t.failures),
    'Failure rate': percentFormat.format(t.operations > 0 ? t.failures / t.operations : 0),
    'Unrecognized codes': countFormat.format(t.unrecognized),
    Devices: countFormat.format(t.devices),
    'Failing devices': countFormat.format(t.failingDevices),
    'Rejected rows': countFormat.format(t.rowsRejected),
  };
}

export function compareFigures(expected: Record<string, string>, shown: Record<string, string>): string[] {
  return Object.entries(expected)
    .filter(([term, figure]) => shown[term] !== figure)
    .map(([term, figure]) => `${term}: shown ${JSON.stringify(shown[term] ?? null)}, truth ${figure}`);
}

export function sameCodes(a: Record<string, number> | null, b: Record<string, number>): boolean | null {
  if (a === null) return null;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}
