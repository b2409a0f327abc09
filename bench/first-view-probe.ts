/**
 * What the first view after a load costs in the worker, by request: `tsx bench/first-view-probe.ts FILE [RUNS]`
 * loads FILE through the dataset service (as the worker does, without the browser) and times, RUNS times
 * each on a fresh load, the page's first requests: dashboard, analysis, facets. Prints one JSON line per run.
 */
import { statSync } from 'node:fs';
import { nodeFileSource } from '../src/cli/node-file-source.ts';
import { createDatasetService } from '../src/worker/dataset-service.ts';

const [file, runsArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: tsx bench/first-view-probe.ts FILE [RUNS]\n');
  process.exit(2);
}
const query = { filter: {}, search: '', verdict: null };
const none = () => undefined;
for (let run = 0; run < Number(runsArg ?? 3); run++) {
  const service = createDatasetService();
  const t0 = performance.now();
  const info = await service.loadSources([nodeFileSource(file)]);
  const t1 = performance.now();
  const dimension = info.dimensionNames[0] ?? null;
  await service.handle('dashboard', { ...query, dimension, deviceLimit: 15 }, none);
  const t2 = performance.now();
  await service.handle('analysis', query, none);
  const t3 = performance.now();
  await service.handle('facets', { ...query, limit: 8 }, none);
  const t4 = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      loadMs: Math.round(t1 - t0),
      dashboardMs: Math.round(t2 - t1),
      analysisMs: Math.round(t3 - t2),
      facetsMs: Math.round(t4 - t3),
      rows: info.rowCount,
      mb: Math.round(statSync(file).size / 1e6),
    })}\n`,
  );
}
