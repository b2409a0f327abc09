/**
 * dmscope's JSON read against the benchmark's JSON anchor (bench/anchors/json-anchor.ts: the file streamed,
 * decoded with TextDecoder, cut into records and each given to JSON.parse), in Node, in one process:
 * `tsx bench/json-anchor-node.ts FILE [--rounds N]`. Each round runs the anchor, ingest with the flat-record
 * reader (IngestOptions.jsonBytes, the default) and ingest with every record through JSON.parse, in an order
 * that rotates from round to round; prints per side the medians of CPU and wall time, and the median of the
 * rounds' dmscope ÷ anchor CPU ratios. CPU time (process.cpuUsage) is the figure to trust on a busy machine.
 */
import { openAsBlob } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { nodeFileSource } from '../src/cli/node-file-source.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { jsonParse } from './anchors/json-anchor.ts';
import { median } from './bench-common.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '5' } },
});
const file = positionals[0];
if (file === undefined) {
  process.stderr.write('usage: tsx bench/json-anchor-node.ts FILE [--rounds N]\n');
  process.exit(2);
}

interface Timed {
  cpuMs: number;
  wallMs: number;
  rows: number;
}

async function timed(run: () => Promise<number>): Promise<Timed> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs, rows };
}

const SIDES: [string, () => Promise<number>][] = [
  ['anchor: JSON.parse per record', async () => (await jsonParse((await openAsBlob(file)) as File)).rows],
  ['dmscope, flat records from bytes', async () => (await ingest([nodeFileSource(file)])).report.rowsRead],
  [
    'dmscope, every record JSON.parse',
    async () => (await ingest([nodeFileSource(file)], { jsonBytes: false })).report.rowsRead,
  ],
];

const rounds = Number(values.rounds);
const runs: Timed[][] = SIDES.map(() => []);
const loads = [loadavg()[0] as number];
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < SIDES.length; k++) {
    const side = (r + k) % SIDES.length;
    (runs[side] as Timed[]).push(await timed((SIDES[side] as [string, () => Promise<number>])[1]));
  }
  loads.push(loadavg()[0] as number);
  process.stderr.write(`round ${r + 1}/${rounds} done (load ${loads.at(-1)?.toFixed(2)})\n`);
}
console.log(`file ${file}, ${rounds} rounds, rows ${runs.map((s) => s[0]?.rows).join(' / ')}`);
SIDES.forEach(([name], k) => {
  const side = runs[k] as Timed[];
  const cpu = median(side.map((t) => t.cpuMs));
  const wall = median(side.map((t) => t.wallMs));
  const anchor = runs[0] as Timed[];
  const ratios = side.map((t, r) => t.cpuMs / (anchor[r] as Timed).cpuMs);
  console.log(
    `${name.padEnd(34)} cpu ${cpu.toFixed(0)} ms, wall ${wall.toFixed(0)} ms; ÷ anchor cpu per round median ${median(ratios).toFixed(3)}`,
  );
});
console.log(`1-min load average: ${loads.map((l) => l.toFixed(2)).join(' → ')}`);
