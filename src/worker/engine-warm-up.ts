/**
 * Without it a first file costs more than any later one: the engine runs ingest's and the dashboard's hot
 * loops unoptimised until it has watched them run (docs/performance.md). While the page waits for a file,
 * the dataset worker reads a small made-up log the way it reads a real one and answers its dashboard, then
 * drops it: the user's file then runs on optimised code from its first row. Nothing of it is kept.
 */
import type { Dataset } from '../dataset/dataset.ts';
import { bytesSource, ingest } from '../ingest/ingest.ts';
import { yieldingSource } from './yielding-source.ts';

/** Enough rows for the engine to optimise the per-row code (a few hundred thousand calls of it). */
export const WARM_UP_ROWS = 16_000;
/**
 * Times the first view is answered on it. With 3, the optimising compiler compiled the device list
 * (devicesFromFailures) before every branch had run, and it deoptimised on the first real file and again on
 * the next view (node --trace-deopt); with 10 it does not, for ~50 ms more of a warm-up nobody waits for.
 */
export const FIRST_VIEW_ANSWERS = 10;
/** The small files read after it: each a little over a sample (SAMPLE_ROWS), which chooses its mapping. */
export const SAMPLE_WARM_UPS = 6;
export const SAMPLE_WARM_UP_ROWS = 1_100;

const CODES = [1200, 1200, 1200, 1200, 1250, 1402, 1404, 1407, 1409, 1504, 1505, 1552, 1466, 9999];
const MODELS = ['Orca Go', 'Kestrel Mini', 'Aurora X3', 'Nimbus 2', 'Vega S'];
const FIRMWARE = ['4.4.0', '4.2.1', '3.9.7', '2.2.0'];
const REGIONS = ['eu-west', 'us-east', 'apac-south', 'apac-northeast'];
const OPERATIONS = ['install', 'update', 'activate', 'remove'];
const SERVERS = ['dl1.fleet.example', 'dl2.fleet.example', 'cdn.fleet.example'];
const COMPONENTS = ['com.acme.nav', 'com.acme.store', 'com.acme.media'];

/** A fleet log shaped like a real one (quoted notes included), from a fixed seed. */
export function warmUpCsv(rows = WARM_UP_ROWS): string {
  let seed = 20261124;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    return (((seed >>> 8) % n) + n) % n;
  };
  const pick = <T>(values: readonly T[]) => values[next(values.length)] as T;
  const start = Date.UTC(2026, 9, 1);
  const lines = ['result_code,timestamp,device_id,model,firmware,region,operation,server,component,note'];
  for (let i = 0; i < rows; i++) {
    const device = String(350000000000000 + next(rows / 2) * 7919).padStart(15, '0');
    const note = next(10) === 0 ? '"retry, then ok"' : '';
    lines.push(
      [
        pick(CODES),
        new Date(start + i * 1500 + next(1000)).toISOString(),
        device,
        pick(MODELS),
        pick(FIRMWARE),
        pick(REGIONS),
        pick(OPERATIONS),
        pick(SERVERS),
        pick(COMPONENTS),
        note,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Reads the made-up log and asks what a first view asks (`answer`: the dashboard, the event table's
 * first rows) a few times, then calls `answered` and reads the small files. Resolves when done or aborted
 * (a load has begun); errors are swallowed: a warm-up is only an optimisation.
 */
export async function warmUpEngine(
  answer: (dataset: Dataset) => void,
  signal: AbortSignal,
  answered: () => void = () => undefined,
): Promise<void> {
  try {
    const bytes = new TextEncoder().encode(warmUpCsv());
    // in small chunks, with a turn of the event loop every few milliseconds: a file chosen meanwhile
    // stops the warm-up at once instead of waiting for it
    const source = yieldingSource(bytesSource('warm-up.csv', bytes, 64 << 10), signal);
    // without the row scanner: its module is fetched with the first real file, not before one is chosen
    const { dataset } = await ingest([source], { signal, rowScan: false });
    for (let i = 0; i < FIRST_VIEW_ANSWERS && !signal.aborted; i++) answer(dataset);
    answered();
    // A file's first rows choose its mapping (inference, family detection), once per file: 100-250 ms of
    // unoptimised code at the start of every load. A few small files more get that code optimised too.
    const small = new TextEncoder().encode(warmUpCsv(SAMPLE_WARM_UP_ROWS));
    for (let i = 0; i < SAMPLE_WARM_UPS && !signal.aborted; i++) {
      const source = yieldingSource(bytesSource('warm-up.csv', small, 64 << 10), signal);
      await ingest([source], { signal, rowScan: false });
    }
  } catch {
    // aborted, or failed: only an optimisation
  }
}
