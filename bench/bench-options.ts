/** `npm run bench`'s command line. */
import { join, resolve } from 'node:path';
import { ROOT } from './bench-common.ts';

export const USAGE = `usage: npm run bench -- [--sizes 100k,1m] [--10m] [--plain] [--json] [--big-json] [--runs N] [--keep] [--docs]
  --sizes LIST     CSV row counts to run, e.g. 100k,1m,250000 (default 100k,1m; --sizes= for none)
  --10m            add 10M rows (~1.2 GB)
  --logs LIST      the CSV logs at each size: quoted (the fleet log, notes with quoted commas and line
                   breaks), plain (the same events without the component and note columns: 8 columns, no
                   quote character in the file, so PapaParse's fastMode switches on), shuffled (the fleet
                   log written another way: ';' between fields, CRLF line ends, its columns in an order
                   drawn from the seed); default quoted
  --plain          the same as --logs quoted,plain
  --json[=LIST]    add an NDJSON and a JSON-array file of 1M records (~250 MB each; --json=100k,1m for other
                   sizes), with the JSON.parse anchor
  --big-json       add an NDJSON and a JSON-array file of 2.5M rows (~620 MB each, longer as text than the
                   engine's longest string, ~512 MB), run once each, with the JSON.parse anchor
  --runs N         load-time runs per size, median reported (default 3; sizes ≥ 5M rows run once)
  --keep           keep the generated files in bench/data/ and reuse them next time
  --docs           rewrite the latest results in docs/performance.md with this run's table (--readme: the same)
  --no-isolation   serve without COOP/COEP (no measureUserAgentSpecificMemory)
  --no-cli         skip the CLI measurement
  --seed N         the generator's seed (default 1): another seed is another fleet log, one the dashboard
                   has not been tuned on
  --out FILE       where to write the results (default bench/results.json)
  --from FILE      measure nothing: print the table of a results file (with --docs, into docs/performance.md)`;

/**
 * A CSV log's shape: the fleet log with its quoted notes; the same events with no quote in the file; or the
 * fleet log written another way (delimiter, line ends, column order), a layout the dashboard was not tuned on.
 */
export type LogShape = 'quoted' | 'plain' | 'shuffled';
const LOG_SHAPES: readonly LogShape[] = ['quoted', 'plain', 'shuffled'];

export interface Options {
  sizes: number[];
  /** The CSV logs generated at each size. */
  logs: LogShape[];
  /** --json: the record counts of the NDJSON and JSON-array files (1M; none without --json). */
  jsonSizes: number[];
  bigJson: boolean;
  runs: number;
  keep: boolean;
  /** --docs (or --readme): rewrite the latest results in docs/performance.md. */
  docs: boolean;
  isolated: boolean;
  cli: boolean;
  seed: number;
  out: string;
  from: string | null;
}

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  const unit = (m[2] ?? '').toLowerCase();
  return Math.round(Number(m[1]) * (unit === 'm' ? 1e6 : unit === 'k' ? 1e3 : 1));
}

export function sizeLabel(rows: number): string {
  return rows >= 1e6 && rows % 1e5 === 0
    ? `${rows / 1e6}m`
    : rows >= 1e3 && rows % 1e3 === 0
      ? `${rows / 1e3}k`
      : String(rows);
}

function parseLogs(text: string): LogShape[] {
  const logs = text.split(',').filter(Boolean);
  const unknown = logs.filter((l) => !(LOG_SHAPES as readonly string[]).includes(l));
  if (logs.length === 0 || unknown.length > 0) throw new Error(`--logs: not a log shape: ${text}\n${USAGE}`);
  return [...new Set(logs as LogShape[])];
}

export function parseOptions(argv: string[]): Options {
  const o: Options = {
    sizes: [100_000, 1_000_000],
    logs: ['quoted'],
    jsonSizes: [],
    bigJson: false,
    runs: 3,
    keep: false,
    docs: false,
    isolated: true,
    cli: true,
    seed: 1,
    out: join(ROOT, 'bench', 'results.json'),
    from: null,
  };
  let add10m = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--sizes') o.sizes = value().split(',').filter(Boolean).map(parseSize);
    else if (flag === '--10m') add10m = true;
    else if (flag === '--big-json') o.bigJson = true;
    else if (flag === '--json')
      o.jsonSizes = inline === undefined ? [1_000_000] : inline.split(',').filter(Boolean).map(parseSize);
    else if (flag === '--plain') o.logs = ['quoted', 'plain'];
    else if (flag === '--logs') o.logs = parseLogs(value());
    else if (flag === '--runs') o.runs = Math.max(1, Math.floor(Number(value())) || 1);
    else if (flag === '--keep') o.keep = true;
    else if (flag === '--docs' || flag === '--readme') o.docs = true;
    else if (flag === '--no-isolation') o.isolated = false;
    else if (flag === '--no-cli') o.cli = false;
    else if (flag === '--out') o.out = resolve(value());
    else if (flag === '--seed') o.seed = Math.floor(Number(value())) || 1;
    else if (flag === '--from') o.from = resolve(value());
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument: ${flag}\n${USAGE}`);
  }
  if (add10m && !o.sizes.includes(10_000_000)) o.sizes.push(10_000_000);
  return o;
}
