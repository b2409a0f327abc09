/** `npm run bench`'s command line. */
import { join, resolve } from 'node:path';
import { ROOT } from './bench-common.ts';

export const USAGE = `usage: npm run bench -- [--sizes 100k,1m] [--10m] [--big-json] [--runs N] [--keep] [--docs] [--no-isolation]
  --sizes LIST     CSV row counts to run, e.g. 100k,1m,250000 (default 100k,1m; --sizes= for none)
  --10m            add 10M rows (~1.2 GB)
  --big-json       add an NDJSON and a JSON-array file of 2.5M rows (~620 MB each, longer as text than the
                   engine's longest string, ~512 MB), run once each, without the (CSV) anchors
  --runs N         load-time runs per size, median reported (default 3; sizes ≥ 5M rows run once)
  --keep           keep the generated files in bench/data/ and reuse them next time
  --docs           rewrite the latest results in docs/performance.md with this run's table (--readme: the same)
  --no-isolation   serve without COOP/COEP (no measureUserAgentSpecificMemory)
  --no-cli         skip the CLI measurement
  --seed N         the generator's seed (default 1): another seed is another fleet log, one the dashboard
                   has not been tuned on
  --out FILE       where to write the results (default bench/results.json)
  --from FILE      measure nothing: print the table of a results file (with --docs, into docs/performance.md)`;

export interface Options {
  sizes: number[];
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

export function parseOptions(argv: string[]): Options {
  const o: Options = {
    sizes: [100_000, 1_000_000],
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
