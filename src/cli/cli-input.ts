/** What every CLI command does with its input: the exit-2 contract, file checks and column overrides. */
import { existsSync, statSync } from 'node:fs';
import { getCatalog } from '../catalog/catalog-registry.ts';
import type { MappingOverride } from '../ingest/column-inference.ts';
import { STDIN } from './node-file-source.ts';
import { printableLine } from './terminal-text.ts';

/** Exit 2 with a one-line reason: the contract pipelines rely on ("unusable input"). */
export function fail(message: string): never {
  process.stderr.write(`dmscope: ${printableLine(message)}\n`);
  process.exit(2);
}

/** Exits 2 unless every file exists and is not a folder, and "-" comes at most once. */
export function checkInputFiles(files: readonly string[]): void {
  if (files.length === 0) fail('no input files given');
  if (files.filter((f) => f === STDIN).length > 1) fail('"-" (standard input) is given more than once');
  for (const file of files) {
    if (file === STDIN) continue;
    if (!existsSync(file)) fail(`${file}: no such file`);
    if (statSync(file).isDirectory()) fail(`${file}: is a directory, not a log file`);
  }
}

/** The column options every command takes, as they come from parseArgs. */
export interface MappingOptions {
  code?: string | undefined;
  status?: string | undefined;
  /** The family (catalog id) every file is read in. */
  catalog?: string | undefined;
  time?: string | undefined;
  device?: string | undefined;
  count?: string | undefined;
  /** An aggregate's distinct-devices-per-row column. */
  devices?: string | undefined;
  dimensions?: string | undefined;
}

/** The parseArgs declarations of MappingOptions. */
export const MAPPING_OPTIONS = {
  code: { type: 'string' },
  status: { type: 'string' },
  catalog: { type: 'string' },
  time: { type: 'string' },
  device: { type: 'string' },
  count: { type: 'string' },
  devices: { type: 'string' },
  dimensions: { type: 'string' },
  profile: { type: 'string', multiple: true },
} as const;

/** `--catalog ID`: a registered family's id (unknown: exit 2, listing the ids). */
function catalogId(id: string): string {
  try {
    return getCatalog(id).id;
  } catch (error) {
    fail(`--catalog: ${(error as Error).message}`);
  }
}

function optional(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value.toLowerCase() === 'none' ? null : value;
}

/** The column overrides the options ask for ("none": there is no such column). */
export function mappingOverride(values: MappingOptions): MappingOverride {
  const mapping: MappingOverride = {};
  const code = optional(values.code);
  if (code !== undefined) mapping.code = code;
  const status = optional(values.status);
  if (status !== undefined) mapping.status = status;
  if (values.catalog !== undefined) mapping.catalog = catalogId(values.catalog);
  const time = optional(values.time);
  if (time !== undefined) mapping.time = time;
  const device = optional(values.device);
  if (device !== undefined) mapping.device = device;
  const count = optional(values.count);
  if (count !== undefined) mapping.count = count;
  const deviceCount = optional(values.devices);
  if (deviceCount !== undefined) mapping.deviceCount = deviceCount;
  if (values.dimensions !== undefined)
    mapping.dimensions = values.dimensions.split(',').filter((d) => d !== '');
  return mapping;
}
