/**
 * A SyncML message log through the CLI: the seeded log of `alerts` Generic Alerts (1.25 million: ~1 GB)
 * generated once into bench/data, then `summarize --json` on it `runs` times — wall time, CPU time, peak
 * memory and the rate, and the figures against the generator's ground truth. On a shared machine the CPU
 * rate (bytes per second of user + system time) is the figure to compare; the wall rate is what a user waits.
 *
 *   npm run -s bench:syncml -- [alerts] [runs]
 */
import { log, MB } from './bench-common.ts';
import { ensureData, readIntoPageCache } from './bench-data.ts';
import { checkCliJson, runCli } from './cli-runs.ts';

const alerts = Number(process.argv[2] ?? 1_250_000);
const runs = Number(process.argv[3] ?? 1);
const data = await ensureData(alerts, true, 1, 'syncml');
await readIntoPageCache(data.path);
const mb = data.bytes / MB;
for (let run = 1; run <= runs; run++) {
  log(`${data.label}: run ${run}/${runs}: CLI summarize --json`);
  const c = await runCli(['summarize', data.path, '--json'], 60_000 + mb * 1000);
  const seconds = (name: string) =>
    Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(c.stderr)?.[1] ?? Number.NaN);
  const cpu = seconds('User') + seconds('System');
  const problems =
    c.exitCode === 0
      ? checkCliJson(c.stdout, data.truth)
      : [`exit ${c.exitCode}: ${c.stderr.split('\n')[0]}`];
  console.log(
    [
      `${alerts.toLocaleString('en-US')} Generic Alerts, ${mb.toFixed(0)} MB:`,
      `wall ${(c.wallMs / 1000).toFixed(1)} s (${(mb / (c.wallMs / 1000)).toFixed(1)} MB/s),`,
      `CPU ${cpu.toFixed(1)} s (${(mb / cpu).toFixed(1)} MB/s),`,
      `peak RSS ${c.maxRssBytes === null ? '?' : (c.maxRssBytes / MB).toFixed(0)} MB,`,
      problems.length === 0 ? 'figures equal the ground truth' : `MISMATCH: ${problems.join('; ')}`,
    ].join(' '),
  );
}
