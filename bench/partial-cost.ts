/**
 * What the figures of a load in progress cost (src/worker/partial-pacer.ts): the same file ingested with
 * and without them, in turns (A B, B A, …), CPU time from process.cpuUsage and wall time; medians.
 *
 *   npx tsx bench/partial-cost.ts FILE [runs=5]
 */
import { nodeFileSource } from '../src/cli/node-file-source.ts';
import { ingest, type PartialLoad } from '../src/ingest/ingest.ts';
import { partialPacer } from '../src/worker/partial-pacer.ts';

const [file, runsArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: npx tsx bench/partial-cost.ts FILE [runs]');
const runs = Number(runsArg ?? 5);

interface Run {
  cpuMs: number;
  wallMs: number;
  partials: number;
  partialMs: number;
  /** CPU time inside the calls that computed figures. */
  partialCpuMs: number;
}

async function once(withPartials: boolean): Promise<Run> {
  let partials = 0;
  let partialMs = 0;
  let partialCpuMs = 0;
  const pacer = partialPacer(() => {
    partials++;
  });
  const onPartial = (load: PartialLoad) => {
    const t = performance.now();
    const c = process.cpuUsage();
    const before = partials;
    pacer(load);
    if (partials > before) {
      partialMs += performance.now() - t;
      const u = process.cpuUsage(c);
      partialCpuMs += (u.user + u.system) / 1000;
    }
  };
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await ingest([nodeFileSource(file as string)], withPartials ? { onPartial } : {});
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs, partials, partialMs, partialCpuMs };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

await once(false); // warm-up: the engine optimises ingest before the runs measured
const a: Run[] = [];
const b: Run[] = [];
// pairs in turns, AB then BA, so neither arm always runs after the other's garbage
for (let i = 0; i < runs; i++) {
  if (i % 2 === 0) {
    a.push(await once(false));
    b.push(await once(true));
  } else {
    b.push(await once(true));
    a.push(await once(false));
  }
}
const fmt = (x: number) => x.toFixed(0);
const cpuA = median(a.map((r) => r.cpuMs));
const cpuB = median(b.map((r) => r.cpuMs));
const wallA = median(a.map((r) => r.wallMs));
const wallB = median(b.map((r) => r.wallMs));
console.log(
  `without partial figures: CPU ${a.map((r) => fmt(r.cpuMs)).join(' ')} ms (median ${fmt(cpuA)}), wall median ${fmt(wallA)} ms`,
);
console.log(
  `with partial figures:    CPU ${b.map((r) => fmt(r.cpuMs)).join(' ')} ms (median ${fmt(cpuB)}), wall median ${fmt(wallB)} ms`,
);
console.log(
  `partial figures per load: ${b.map((r) => r.partials).join(' ')}; their time ${b.map((r) => fmt(r.partialMs)).join(' ')} ms, their CPU ${b.map((r) => fmt(r.partialCpuMs)).join(' ')} ms (median ${(100 * median(b.map((r) => r.partialCpuMs / r.cpuMs))).toFixed(1)}% of the load's CPU)`,
);
console.log(
  `overhead: CPU ${((100 * (cpuB - cpuA)) / cpuA).toFixed(1)}%, wall ${((100 * (wallB - wallA)) / wallA).toFixed(1)}%`,
);
