/**
 * `dmscope compare A… --against B… [--by dim=v1,v2 | --by time=FROM..TO,FROM..TO] [--json]`: the failure
 * rates of two sets of files — or of two values of a dimension, or two time windows, of one set — per code,
 * stage, cause and dimension value, with the evidence for each difference (src/analysis/compare.ts).
 */
import { parseArgs } from 'node:util';
import {
  type CompareRow,
  type Comparison,
  compare,
  type Side,
  type Split,
  splitSides,
} from '../analysis/compare.ts';
import { pText } from '../analysis/findings.ts';
import { IngestError, ingest } from '../ingest/ingest.ts';
import { checkInputFiles, fail, MAPPING_OPTIONS, type MappingOptions, mappingOverride } from './cli-input.ts';
import { nodeFileSource } from './node-file-source.ts';
import { catalogsWithProfileFiles } from './profiles.ts';
import { printable, printableLine } from './terminal-text.ts';

export const COMPARE_USAGE = `Usage: dmscope compare A... --against B... [--json] [column options]
       dmscope compare FILE... --by DIMENSION=VALUE_A,VALUE_B [--json]
       dmscope compare FILE... --by time=FROM..TO,FROM..TO [--json]

Compares the failure rates of A and B per result code, stage, cause and dimension value: each with its
Wilson 95% interval, the difference, a two-proportion test and the Benjamini–Hochberg q-value across every
row; rows by evidence. FROM and TO are ISO 8601 times (UTC unless they say otherwise), TO excluded.
  --json          print dmscope.compare/1 JSON instead of a table
  --level Q       the q-value at or below which a difference counts as significant (default 0.05)
  --code COL, --time COL|none, --device COL|none, --count COL|none, --dimensions COL,...  as for summarize
Exit status: 0 on success, 2 on unusable input (reason on standard error).`;

export const COMPARE_SCHEMA = 'dmscope.compare/1';

/** The command line split at --against: A's files and options before it, B's files after it. */
function splitArgv(argv: readonly string[]): { a: string[]; b: string[] | null } {
  const at = argv.indexOf('--against');
  if (at < 0) return { a: [...argv], b: null };
  const rest = argv.slice(at + 1);
  const firstOption = rest.findIndex((arg) => arg.startsWith('--'));
  const bFiles = firstOption < 0 ? rest : rest.slice(0, firstOption);
  const options = firstOption < 0 ? [] : rest.slice(firstOption);
  if (bFiles.length === 0) fail('--against needs at least one file');
  return { a: [...argv.slice(0, at), ...options], b: bFiles };
}

/** `--by model=A,B` or `--by time=FROM..TO,FROM..TO`. */
export function parseSplit(text: string): Split {
  const at = text.indexOf('=');
  const name = text.slice(0, at).trim();
  const values = text.slice(at + 1).split(',');
  if (at <= 0 || name === '' || values.length !== 2) {
    fail(`--by needs DIMENSION=VALUE_A,VALUE_B or time=FROM..TO,FROM..TO, not "${text}"`);
  }
  const [va, vb] = values as [string, string];
  if (name !== 'time') return { by: 'dimension', dimension: name, a: va, b: vb };
  const window = (w: string) => {
    const [from, to] = w.split('..').map((t) => Date.parse(t.trim()));
    if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) || !(from < to)) {
      fail(`--by time: "${w}" is not FROM..TO with two ISO 8601 times, FROM first`);
    }
    return { from, to };
  };
  return { by: 'time', a: window(va), b: window(vb) };
}

export async function runCompare(argv: readonly string[]): Promise<void> {
  const { a: aArgv, b: bFiles } = splitArgv(argv);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(aArgv);
  } catch (error) {
    fail(`${(error as Error).message}. Run "dmscope compare --help" for usage.`);
  }
  const { values, positionals: aFiles } = parsed;
  if (values.help) {
    process.stdout.write(`${COMPARE_USAGE}\n`);
    return;
  }
  const level = values.level === undefined ? 0.05 : Number(values.level);
  if (!(level > 0 && level < 1)) fail(`--level needs a number between 0 and 1, not "${values.level}"`);
  if (bFiles === null && values.by === undefined) fail('compare needs --against B... or --by');
  if (bFiles !== null && values.by !== undefined) fail('give --against or --by, not both');
  checkInputFiles(aFiles);
  if (bFiles) checkInputFiles(bFiles);
  const mapping = mappingOverride(values as MappingOptions);
  const profiled = catalogsWithProfileFiles((values.profile as string[] | undefined) ?? []);
  if ('error' in profiled) fail(profiled.error);
  const options = { mapping, catalogs: profiled.catalogs };
  try {
    const a = await ingest(aFiles.map(nodeFileSource), options);
    const warn = (w: string) => process.stderr.write(`dmscope: warning: ${printableLine(w)}\n`);
    a.report.warnings.forEach(warn);
    let sides: [Side, Side];
    if (bFiles) {
      const b = await ingest(bFiles.map(nodeFileSource), options);
      b.report.warnings.forEach(warn);
      sides = [
        { dataset: a.dataset, selection: a.dataset.all(), label: aFiles.join(' ') },
        { dataset: b.dataset, selection: b.dataset.all(), label: bFiles.join(' ') },
      ];
    } else {
      const split = parseSplit(values.by as string);
      if (split.by === 'dimension' && !a.dataset.dimensionNames.includes(split.dimension)) {
        fail(
          `--by: no dimension "${split.dimension}"; the data has ${a.dataset.dimensionNames.join(', ') || 'none'}`,
        );
      }
      if (split.by === 'time' && !a.dataset.hasTime) fail('--by time: the data has no time column');
      sides = splitSides(a.dataset, split);
    }
    for (const side of sides) {
      if (side.dataset.overview(side.selection).totals.operations === 0)
        fail(`${side.label}: no operations to compare`);
    }
    const dimensions = sidesDimensions(sides, values.by);
    const result = compare(sides[0], sides[1], { dimensions });
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ schema: COMPARE_SCHEMA, level, ...result }, null, 2)}\n`
        : formatComparison(result, level),
    );
  } catch (error) {
    if (error instanceof IngestError) fail(error.message);
    throw error;
  }
}

/** The dimensions both sides have, less the one a --by splits on. */
function sidesDimensions(sides: [Side, Side], by: string | undefined): string[] {
  const split = by?.slice(0, by.indexOf('='));
  const [a, b] = sides;
  return a.dataset.dimensionNames.filter((n) => b.dataset.dimensionNames.includes(n) && n !== split);
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      by: { type: 'string' },
      level: { type: 'string' },
      ...MAPPING_OPTIONS,
    },
  });
}

const pct = (r: number) => `${(r * 100).toFixed(2)}%`;
/** Rows the table shows at most. */
const TABLE_ROWS = 25;

function rowName(r: CompareRow): string {
  if (r.kind === 'value') return `${r.dimension} = ${r.key === '' ? '(empty)' : r.key}`;
  return `${r.kind} ${r.key}`;
}

/** The readable comparison: each side's failure rate, then the rows by evidence, significant ones marked. */
export function formatComparison(c: Comparison, level: number): string {
  const side = (name: string, s: Comparison['a']) =>
    `${name}: ${printable(s.label)} — ${s.failures.toLocaleString('en-US')} failures of ${s.operations.toLocaleString('en-US')} operations, ` +
    `${pct(s.rate.rate)} [${pct(s.rate.low)}–${pct(s.rate.high)}]`;
  const lines = [side('A', c.a), side('B', c.b), ''];
  const significant = c.rows.filter((r) => r.q <= level);
  lines.push(
    significant.length === 0
      ? `No difference is significant at q ≤ ${level} (${c.rows.length} rows compared).`
      : `${significant.length} of ${c.rows.length} rows differ at q ≤ ${level} (marked *), strongest evidence first:`,
  );
  lines.push('');
  lines.push(`  ${'What'.padEnd(40)}${'A'.padStart(24)}${'B'.padStart(24)}${'B − A'.padStart(10)}  Evidence`);
  for (const r of c.rows.slice(0, TABLE_ROWS)) {
    const cell = (x: CompareRow['a']) => `${pct(x.rate)} [${pct(x.low)}–${pct(x.high)}]`;
    const diff = `${r.difference >= 0 ? '+' : '−'}${(Math.abs(r.difference) * 100).toFixed(2)}`;
    lines.push(
      `${r.q <= level ? '*' : ' '} ${printable(rowName(r)).slice(0, 39).padEnd(40)}${cell(r.a).padStart(24)}${cell(r.b).padStart(24)}${diff.padStart(10)}  ${pText(r.p)}, q = ${r.q.toPrecision(2)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
