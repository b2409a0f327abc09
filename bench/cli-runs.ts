/** The CLI on the same file: wall time, peak memory, and its figures against the ground truth. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { log, MB, ROOT } from './bench-common.ts';
import type { DataFile, Truth } from './bench-data.ts';
import { processInfo } from './proc-memory.ts';
import { type CliRun, type SizeResult, stat } from './results.ts';

export async function runCli(
  cliArgs: string[],
  timeoutMs: number,
): Promise<CliRun & { stdout: string; stderr: string }> {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  // as `npm run -s cli` runs it: the bundle of the source (built first when stale, see bin/dmscope.mjs)
  const nodeArgs = [join(ROOT, 'bin/dmscope.mjs'), ...cliArgs];
  const [cmd, args] = timeBin
    ? [timeBin, ['-v', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  // Without /usr/bin/time: the child's own high-water mark, read while it runs.
  let hwm = 0;
  const poll = timeBin
    ? null
    : setInterval(() => {
        if (child.pid !== undefined) hwm = Math.max(hwm, processInfo(child.pid)?.hwmBytes ?? 0);
      }, 20);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exitCode = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  if (poll) clearInterval(poll);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const maxRssBytes = m ? Number(m[1]) * 1024 : hwm > 0 ? hwm : null;
  return { wallMs, maxRssBytes, exitCode, stdout, stderr };
}

export function checkCliJson(stdout: string, t: Truth): string[] {
  try {
    const s = JSON.parse(stdout) as {
      totals: Record<string, number | null>;
      source: { rowsRead: number; rowsRejected: number };
    };
    const want: [string, number | null | undefined, number][] = [
      ['operations', s.totals.operations, t.operations],
      ['successes', s.totals.successes, t.successes],
      ['failures', s.totals.failures, t.failures],
      ['unrecognized', s.totals.unrecognized, t.unrecognized],
      ['devices', s.totals.devices, t.devices],
      ['failingDevices', s.totals.failingDevices, t.failingDevices],
      ['rowsRead', s.source.rowsRead, t.rowsRead],
      ['rowsRejected', s.source.rowsRejected, t.rowsRejected],
    ];
    return want
      .filter(([, got, exp]) => got !== exp)
      .map(([k, got, exp]) => `${k}: CLI ${got}, truth ${exp}`);
  } catch (e) {
    return [`the CLI's output is not the summary JSON: ${(e as Error).message}`];
  }
}

/** `summarize --json` on the file `runs` times, and the CLI's start-up alone (`--help`) three times. */
export async function benchCli(data: DataFile, runs: number): Promise<SizeResult['cli']> {
  const cliRuns: CliRun[] = [];
  const cliMismatches = new Set<string>();
  for (let r = 0; r < runs; r++) {
    log(`${data.label}: run ${r + 1}/${runs}: CLI summarize --json`);
    const c = await runCli(['summarize', data.path, '--json'], 60_000 + (data.bytes / MB) * 1000);
    cliRuns.push({ wallMs: c.wallMs, maxRssBytes: c.maxRssBytes, exitCode: c.exitCode });
    if (c.exitCode !== 0) cliMismatches.add(`exit ${c.exitCode}: ${c.stderr.split('\n')[0]}`);
    else for (const m of checkCliJson(c.stdout, data.truth)) cliMismatches.add(m);
    log(
      `  ${Math.round(c.wallMs)} ms, max RSS ${c.maxRssBytes === null ? '—' : Math.round(c.maxRssBytes / MB)} MB`,
    );
  }
  const startups: number[] = [];
  for (let r = 0; r < 3; r++) startups.push((await runCli(['--help'], 60_000)).wallMs);
  const wall = stat(cliRuns.map((c) => (c.exitCode === 0 ? c.wallMs : null)));
  const rss = cliRuns.map((c) => c.maxRssBytes).filter((v): v is number => v !== null);
  return {
    runs: cliRuns,
    wallMs: wall,
    maxRssBytes: rss.length > 0 ? Math.max(...rss) : null,
    mbPerSec: wall.median === null ? null : data.bytes / MB / (wall.median / 1000),
    startupMs: stat(startups).median,
    figuresOk: cliMismatches.size === 0,
    mismatches: [...cliMismatches],
    measuredWith: existsSync('/usr/bin/time') ? '/usr/bin/time -v' : '/proc VmHWM polled every 20 ms',
  };
}
