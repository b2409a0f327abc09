/**
 * One CLI `summarize` of one file, timed by phase: `tsx bench/ingest-probe.ts ROOT FILE` imports ingest,
 * the CLI's file source and buildSummary from the checkout at ROOT (this one or an A/B worktree), reads
 * FILE and prints one JSON line: process CPU and wall time around ingest() and around buildSummary(),
 * rows read, bytes.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Ingest = typeof import('../src/ingest/ingest.ts');
type Source = typeof import('../src/cli/node-file-source.ts');
type Summary = typeof import('../src/report/summary.ts');

const [root, file] = process.argv.slice(2);
if (root === undefined || file === undefined) {
  process.stderr.write('usage: tsx bench/ingest-probe.ts ROOT FILE\n');
  process.exit(2);
}
const at = (p: string) => join(resolve(root), p);
const load = async <T>(p: string) => (await import(pathToFileURL(at(p)).href)) as T;
const { ingest } = await load<Ingest>('src/ingest/ingest.ts');
const { nodeFileSource } = await load<Source>('src/cli/node-file-source.ts');
// where buildSummary lived before src/report
const summaryPath = existsSync(at('src/report/summary.ts'))
  ? 'src/report/summary.ts'
  : 'src/dataset/summary.ts';
const { buildSummary } = await load<Summary>(summaryPath);

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { dataset, report } = await ingest([nodeFileSource(file)]);
const t1 = performance.now();
const ingestCpuMs = cpuMs(process.cpuUsage(cpu0));
const cpu1 = process.cpuUsage();
const summary = buildSummary(dataset, report);
const t2 = performance.now();
const summaryCpuMs = cpuMs(process.cpuUsage(cpu1));
process.stdout.write(
  `${JSON.stringify({
    ingestCpuMs,
    ingestWallMs: t1 - t0,
    summaryCpuMs,
    summaryWallMs: t2 - t1,
    rowsRead: report.rowsRead,
    operations: summary.totals.operations,
    bytes: statSync(file).size,
  })}\n`,
);
