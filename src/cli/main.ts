import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CATALOGS, getCatalog } from '../catalog/catalog-registry.ts';
import type { MappingOverride } from '../ingest/column-inference.ts';
import { IngestError, ingest } from '../ingest/ingest.ts';
import { buildSummary } from '../report/summary.ts';
import { nodeFileSource, STDIN } from './node-file-source.ts';
import { formatSummaryTable } from './summary-table.ts';
import { printable, printableLine } from './terminal-text.ts';

const USAGE = `Usage: dmscope summarize FILE... [--json] [--code COL|none] [--status COL|none] [--time COL|none]
                          [--device COL|none] [--count COL|none] [--dimensions COL,COL,...] [--catalog ID]

Reads device-update result logs — OMA-DM SCOMO and FUMO codes, LwM2M Update Results, Azure Device Update codes,
hawkBit, Mender and AWS IoT Jobs status words — (CSV with a header row, JSON array, wrapped JSON, NDJSON; gzip and ZIP too)
and prints the summary: operations, successes, failures, unrecognized codes, devices, codes by count.
FILE "-" is standard input; pipes and FIFOs are read to their end.
  --json          print the dmscope.summary/1 JSON instead of a table
  --code COL      the result-code column (default: inferred), or "none" for a file of status words
  --status COL    the status-word column (hawkBit detailStatus, AWS IoT Jobs status, ...), or "none"
  --time COL      the time column, or "none"       --device COL   the device-id column, or "none"
  --count COL     a per-row count column, or "none" --dimensions  the dimension columns, comma-separated
  --catalog ID    read every file in this family (${CATALOGS.map((c) => c.id).join(', ')});
                  default: detected per file, and said why in the JSON's source.perFile
Exit status: 0 on success, 2 on unusable input (reason on standard error).`;

/** Exit 2 with a one-line reason: the contract pipelines rely on. */
function fail(message: string): never {
  process.stderr.write(`dmscope: ${printableLine(message)}\n`);
  process.exit(2);
}

function optional(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value.toLowerCase() === 'none' ? null : value;
}

async function main(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    fail(`${(error as Error).message}. Run with --help for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, ...files] = positionals;
  if (command !== 'summarize') fail(command ? `unknown command "${command}"; try "summarize"` : USAGE);
  if (files.length === 0) fail('no input files given');
  const catalog = catalogOption(values.catalog);
  if (files.filter((f) => f === STDIN).length > 1) fail('"-" (standard input) is given more than once');
  for (const file of files) {
    if (file === STDIN) continue;
    if (!existsSync(file)) fail(`${file}: no such file`);
    if (statSync(file).isDirectory()) fail(`${file}: is a directory, not a log file`);
  }
  const mapping = mappingOverride(values);
  if (catalog !== undefined) mapping.catalog = catalog;

  try {
    const { dataset, report } = await ingest(files.map(nodeFileSource), { mapping });
    const summary = buildSummary(dataset, report);
    for (const warning of report.warnings)
      process.stderr.write(`dmscope: warning: ${printableLine(warning)}\n`);
    process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummaryTable(summary));
  } catch (error) {
    if (error instanceof IngestError) fail(error.message);
    throw error;
  }
}

/** The column choices of the command line: each role given by name, or "none" where a role may be absent. */
function mappingOverride(values: ReturnType<typeof parse>['values']): MappingOverride {
  const mapping: MappingOverride = {};
  const code = optional(values.code);
  if (code !== undefined) mapping.code = code;
  const status = optional(values.status);
  if (status !== undefined) mapping.status = status;
  const time = optional(values.time);
  if (time !== undefined) mapping.time = time;
  const device = optional(values.device);
  if (device !== undefined) mapping.device = device;
  const count = optional(values.count);
  if (count !== undefined) mapping.count = count;
  if (values.dimensions !== undefined)
    mapping.dimensions = values.dimensions.split(',').filter((d) => d !== '');
  return mapping;
}

/** `--catalog ID`: a registered family's id, checked before any file is read (unknown: exit 2, listing the ids). */
function catalogOption(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  try {
    return getCatalog(id).id;
  } catch (error) {
    fail(`--catalog: ${(error as Error).message}`);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      code: { type: 'string' },
      status: { type: 'string' },
      catalog: { type: 'string' },
      time: { type: 'string' },
      device: { type: 'string' },
      count: { type: 'string' },
      dimensions: { type: 'string' },
    },
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`dmscope: unexpected error: ${printable((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
