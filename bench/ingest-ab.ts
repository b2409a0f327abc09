/**
 * Paired A/B of the CLI's work on one file — ingest (the CLI's read path) and buildSummary, each timed:
 * `tsx bench/ingest-ab.ts REV_A REV_B FILE [--pairs N]`. Each REV is a commit-ish, checked out in a
 * temporary git worktree (node_modules linked to this checkout's), or "." for this working tree as it is.
 * Runs alternate A, B, B, A, A, B… so that a machine shared with other work loads both sides alike; prints
 * per phase the medians of CPU and wall time and the median of the pairs' B/A CPU ratios, and the load
 * average along the way. CPU time (process.cpuUsage) is the figure to trust on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { abCheckouts, median, ROOT } from './bench-common.ts';

interface Run {
  ingestCpuMs: number;
  ingestWallMs: number;
  summaryCpuMs: number;
  summaryWallMs: number;
  rowsRead: number;
  operations: number;
  bytes: number;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { pairs: { type: 'string', default: '5' } },
});
const [revA, revB, file] = positionals;
if (revA === undefined || revB === undefined || file === undefined) {
  process.stderr.write('usage: tsx bench/ingest-ab.ts REV_A REV_B FILE [--pairs N]\n');
  process.exit(2);
}
const pairs = Number(values.pairs);
const { checkout, removeAll } = abCheckouts('ingest-ab-');

function probe(root: string, path: string): Run {
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/ingest-probe.ts'), root, path],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (out.status !== 0) throw new Error(`probe in ${root} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '') as Run;
}

type Phase = (r: Run) => { cpu: number; wall: number };
const PHASES: [string, Phase][] = [
  ['ingest', (r) => ({ cpu: r.ingestCpuMs, wall: r.ingestWallMs })],
  ['summary', (r) => ({ cpu: r.summaryCpuMs, wall: r.summaryWallMs })],
  ['both', (r) => ({ cpu: r.ingestCpuMs + r.summaryCpuMs, wall: r.ingestWallMs + r.summaryWallMs })],
];

function compare(a: readonly Run[], b: readonly Run[]): void {
  const mb = (a[0] as Run).bytes / 1e6;
  for (const [name, phase] of PHASES) {
    const side = (runs: readonly Run[]) => {
      const cpu = median(runs.map((r) => phase(r).cpu));
      const wall = median(runs.map((r) => phase(r).wall));
      return `cpu ${cpu.toFixed(0)} ms, wall ${wall.toFixed(0)} ms (${(mb / (wall / 1000)).toFixed(0)} MB/s)`;
    };
    const ratios = a.map((r, i) => phase(b[i] as Run).cpu / phase(r).cpu);
    console.log(`${name.padEnd(7)} A: ${side(a)} | B: ${side(b)}`);
    console.log(
      `${''.padEnd(7)} B/A cpu pair-ratio median ${median(ratios).toFixed(3)} (${ratios.map((x) => x.toFixed(3)).join(' ')})`,
    );
  }
}

try {
  const rootA = checkout(revA);
  const rootB = checkout(revB);
  const a: Run[] = [];
  const b: Run[] = [];
  const loads: number[] = [loadavg()[0] as number];
  for (let i = 0; i < pairs; i++) {
    const aFirst = i % 2 === 0;
    const first = probe(aFirst ? rootA : rootB, file);
    const second = probe(aFirst ? rootB : rootA, file);
    a.push(aFirst ? first : second);
    b.push(aFirst ? second : first);
    loads.push(loadavg()[0] as number);
    process.stderr.write(`pair ${i + 1}/${pairs} done (load ${loads.at(-1)?.toFixed(2)})\n`);
  }
  const differ = (r: Run) => r.rowsRead !== a[0]?.rowsRead || r.operations !== a[0]?.operations;
  if (a.some(differ) || b.some(differ)) console.log('warning: the two sides read different figures');
  console.log(`file ${file} (${((a[0] as Run).bytes / 1e6).toFixed(1)} MB), ${pairs} alternating pairs`);
  console.log(`A = ${revA}, B = ${revB}`);
  compare(a, b);
  console.log(`1-min load average: ${loads.map((l) => l.toFixed(2)).join(' → ')}`);
} finally {
  removeAll();
}
