import { parseArgs } from 'node:util';
import { CATALOGS } from '../catalog/catalog-registry.ts';
import { IngestError, ingest } from '../ingest/ingest.ts';
import { buildSummary } from '../report/summary.ts';
import { checkInputFiles, fail, MAPPING_OPTIONS, mappingOverride } from './cli-input.ts';
import { runCompare } from './compare.ts';
import { checkGate, GateSyntaxError, parseGate } from './gate.ts';
import { nodeFileSource } from './node-file-source.ts';
import { catalogsWithProfileFiles } from './profiles.ts';
import { formatSummaryTable } from './summary-table.ts';
import { printable, printableLine } from './terminal-text.ts';

const USAGE = `Usage: dmscope summarize FILE... [--json] [--code COL|none] [--status COL|none] [--time COL|none]
                          [--device COL|none] [--count COL|none] [--devices COL|none] [--dimensions COL,COL,...]
                          [--catalog ID] [--profile FILE]...

Reads device-update result logs — OMA-DM SCOMO and FUMO codes, LwM2M Update Results, Azure Device Update codes,
hawkBit, Mender and AWS IoT Jobs status words — (CSV with a header row, JSON array, wrapped JSON, NDJSON, Parquet;
gzip and ZIP too)
and prints the summary: operations, successes, failures, unrecognized codes, devices, codes by count.
FILE "-" is standard input; pipes and FIFOs are read to their end.
  --json          print the dmscope.summary/1 JSON instead of a table
  --code COL      the result-code column (default: inferred), or "none" for a file of status words
  --status COL    the status-word column (hawkBit detailStatus, AWS IoT Jobs status, ...), or "none"
  --time COL      the time column, or "none"       --device COL   the device-id column, or "none"
  --count COL     a per-row count column, or "none" --dimensions  the dimension columns, comma-separated
  --devices COL   an aggregate's distinct-devices-per-row column (sql/ recipes: "devices"), or "none";
                  its sums are upper bounds of the distinct devices, shown as "≤ N"
  --catalog ID    read every file in this family (${CATALOGS.map((c) => c.id).join(', ')});
                  default: detected per file, and said why in the JSON's source.perFile
  --profile FILE  a vendor or operator profile (JSON, see profiles/) naming codes of a family; repeatable
A gate for a rollout pipeline (exit 1 when a limit is passed; which, by how much and why on standard error):
  --fail-above 5%           the failure rate may be at most 5% of operations
  --max 1404=0.5%           one code's failures at most 0.5% of operations (repeatable; also
  --max cause:network=2%    cause:NAME=… and stage:NAME=…)
  --min-operations N        fewer operations than N cannot be judged: the gate fails
Exit status: 0 on success, 1 when a gate's limit is passed, 2 on unusable input (reason on standard error).
       dmscope compare A... --against B...   compares two sets (dmscope compare --help).`;

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'compare') return runCompare(argv.slice(1));
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
  if (command !== 'summarize')
    fail(command ? `unknown command "${command}"; try "summarize" or "compare"` : USAGE);
  checkInputFiles(files);
  const mapping = mappingOverride(values);
  let gate: ReturnType<typeof parseGate>;
  try {
    gate = parseGate({
      failAbove: values['fail-above'],
      max: values.max,
      minOperations: values['min-operations'],
    });
  } catch (error) {
    if (error instanceof GateSyntaxError) fail(error.message);
    throw error;
  }

  const profiled = catalogsWithProfileFiles(values.profile ?? []);
  if ('error' in profiled) fail(profiled.error);
  try {
    const { dataset, report } = await ingest(files.map(nodeFileSource), {
      mapping,
      catalogs: profiled.catalogs,
    });
    const summary = buildSummary(dataset, report);
    for (const warning of report.warnings)
      process.stderr.write(`dmscope: warning: ${printableLine(warning)}\n`);
    process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummaryTable(summary));
    const verdict = gate && checkGate(summary, gate);
    if (verdict && !verdict.passed) {
      for (const message of verdict.messages) process.stderr.write(`dmscope: gate: ${message}\n`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (error instanceof IngestError) fail(error.message);
    throw error;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...MAPPING_OPTIONS,
      'fail-above': { type: 'string' },
      max: { type: 'string', multiple: true },
      'min-operations': { type: 'string' },
    },
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`dmscope: unexpected error: ${printable((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
