/**
 * The CLI against DuckDB native on one file, alternating: `tsx bench/cli-anchor.ts FILE [--pairs N]`. Each
 * side is a fresh process timed whole (start-up included), as a user would run it: `node bin/dmscope.mjs
 * summarize FILE --json` (npm run cli's bundle), and DuckDB's Node client, one thread, running the
 * benchmark's anchor query (`SELECT result_code, count(*) FROM read_csv(FILE) GROUP BY 1`). Prints each
 * side's median wall time and MB/s, user+system CPU (/usr/bin/time), the pairs' CLI/DuckDB wall ratios and
 * the load average along the way.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, ROOT } from './bench-common.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { pairs: { type: 'string', default: '5' } },
});
const file = positionals[0];
if (file === undefined) {
  process.stderr.write('usage: tsx bench/cli-anchor.ts FILE [--pairs N]\n');
  process.exit(2);
}
const pairs = Number(values.pairs);
const mb = statSync(file).size / 1e6;

const DUCKDB = `
import { DuckDBInstance } from '@duckdb/node-api';
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
const path = process.argv[1].replaceAll("'", "''");
const rows = (await connection.runAndReadAll(\`SELECT result_code, count(*) AS n FROM read_csv('\${path}') GROUP BY 1\`)).getRowObjectsJS();
process.stdout.write(JSON.stringify(rows.length));
`;

interface Run {
  wallMs: number;
  cpuMs: number;
}

/** One process, timed: wall around it, its CPU from /usr/bin/time. */
function timed(args: string[]): Run {
  const started = performance.now();
  const out = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - started;
  if (out.status !== 0) throw new Error(`${args.join(' ')} failed: ${out.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(out.stderr);
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN };
}

const cliRun = () => timed([join(ROOT, 'bin/dmscope.mjs'), 'summarize', file, '--json']);
const duckRun = () => timed(['--input-type=module', '-e', DUCKDB, file]);

cliRun(); // a bundle built now, if stale, is not timed
const cli: Run[] = [];
const duck: Run[] = [];
const loads = [loadavg()[0] as number];
for (let i = 0; i < pairs; i++) {
  if (i % 2 === 0) {
    cli.push(cliRun());
    duck.push(duckRun());
  } else {
    duck.push(duckRun());
    cli.push(cliRun());
  }
  loads.push(loadavg()[0] as number);
}
const side = (name: string, runs: Run[]) => {
  const wall = median(runs.map((r) => r.wallMs));
  const cpu = median(runs.map((r) => r.cpuMs));
  return `${name}: wall median ${wall.toFixed(0)} ms (${(mb / (wall / 1000)).toFixed(0)} MB/s), CPU median ${cpu.toFixed(0)} ms (${(mb / (cpu / 1000)).toFixed(0)} MB/s of CPU)`;
};
const ratios = cli.map((r, i) => r.wallMs / (duck[i] as Run).wallMs);
console.log(`file ${file} (${mb.toFixed(1)} MB), ${pairs} alternating pairs`);
console.log(side('CLI (bin/dmscope.mjs summarize --json)', cli));
console.log(side('DuckDB native, 1 thread, group-by', duck));
console.log(
  `CLI/DuckDB wall pair-ratio median ${median(ratios).toFixed(2)} (${ratios.map((x) => x.toFixed(2)).join(' ')})`,
);
console.log(`1-min load average: ${loads.map((l) => l.toFixed(2)).join(' → ')}`);
