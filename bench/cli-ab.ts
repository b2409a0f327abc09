/**
 * Paired A/B of the whole CLI on one file, as a user runs it: `tsx bench/cli-ab.ts REV_A REV_B FILE
 * [--pairs N] [--args "summarize --json"]`. Each REV is a commit-ish, checked out in a temporary git
 * worktree (node_modules linked to this checkout's), or "." for this working tree as it is; each side runs
 * its own `node bin/dmscope.mjs` (its bundle built by a first, untimed run). Runs alternate A, B, B, A…
 * so that a machine shared with other work loads both sides alike; prints each side's median wall time
 * and MB/s, its median user+system CPU (/usr/bin/time, every thread), the median of the pairs' B/A CPU
 * ratios, and whether both sides printed the same.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { abCheckouts, median } from './bench-common.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { pairs: { type: 'string', default: '5' }, args: { type: 'string', default: 'summarize --json' } },
});
const [revA, revB, file] = positionals;
if (revA === undefined || revB === undefined || file === undefined) {
  process.stderr.write(
    'usage: tsx bench/cli-ab.ts REV_A REV_B FILE [--pairs N] [--args "summarize --json"]\n',
  );
  process.exit(2);
}
const pairs = Number(values.pairs);
const [command, ...flags] = values.args.split(' ').filter((a) => a !== '');
// each side runs in its own checkout: the file's path must not depend on the working directory
const path = resolve(file);
const mb = statSync(path).size / 1e6;
const { checkout, removeAll } = abCheckouts('cli-ab-');

interface Run {
  wallMs: number;
  cpuMs: number;
  stdout: string;
}

function run(root: string): Run {
  const started = performance.now();
  const args = [join(root, 'bin/dmscope.mjs'), command ?? 'summarize', path, ...flags];
  const out = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - started;
  if (out.status !== 0) throw new Error(`${args.join(' ')} in ${root} failed: ${out.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(out.stderr);
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN, stdout: out.stdout };
}

try {
  const rootA = checkout(revA);
  const rootB = checkout(revB);
  const same = run(rootA).stdout === run(rootB).stdout; // bundles built now are not timed
  const a: Run[] = [];
  const b: Run[] = [];
  const loads = [loadavg()[0] as number];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      a.push(run(rootA));
      b.push(run(rootB));
    } else {
      b.push(run(rootB));
      a.push(run(rootA));
    }
    loads.push(loadavg()[0] as number);
    process.stderr.write(`pair ${i + 1}/${pairs} done (load ${loads.at(-1)?.toFixed(2)})\n`);
  }
  const side = (name: string, runs: Run[]) => {
    const wall = median(runs.map((r) => r.wallMs));
    const cpu = median(runs.map((r) => r.cpuMs));
    return `${name}: wall ${wall.toFixed(0)} ms (${(mb / (wall / 1000)).toFixed(0)} MB/s), cpu ${cpu.toFixed(0)} ms`;
  };
  const ratios = a.map((r, i) => (b[i] as Run).cpuMs / r.cpuMs);
  console.log(`file ${file} (${mb.toFixed(1)} MB), ${pairs} alternating pairs, dmscope ${values.args}`);
  console.log(`A = ${revA}, B = ${revB}; same output: ${same ? 'yes' : 'NO'}`);
  console.log(side('A', a));
  console.log(side('B', b));
  console.log(
    `B/A cpu pair-ratio median ${median(ratios).toFixed(3)} (${ratios.map((x) => x.toFixed(3)).join(' ')})`,
  );
  console.log(`1-min load average: ${loads.map((l) => l.toFixed(2)).join(' → ')}`);
} finally {
  removeAll();
}
