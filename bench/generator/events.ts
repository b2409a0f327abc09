/** The event stream: a deterministic fleet log for a seed and options. */

import { outcomeOf, UNRECOGNIZED_DIRTY_CODES } from './code-table.ts';
import { inFamily } from './families.ts';
import {
  COMPONENTS,
  DAY,
  DEFAULT_START,
  DIRTY_KINDS,
  FAILURE_NOTES,
  FAILURES_BY_OP,
  FLAKY_SERVER,
  GENERAL_NOTES,
  luhnDigit,
  MAX_DEVICES,
  MODELS,
  OOM_FIRMWARE,
  OOM_MODEL,
  OPERATIONS,
  REGIONS,
  RETRY_NOTES,
  type Retry,
  SERVERS,
  storyWindow,
  VENDOR_SUCCESS,
} from './pools.ts';
import { mulberry32, pick, type Weighted } from './random.ts';
import { plantedCode } from './stories.ts';
import type { FleetEvent, GeneratorOptions } from './types.ts';

/** The fleet log's events: SCOMO, or written in another family with `opts.family` (see families.ts). */
export function generateEvents(opts: GeneratorOptions): Generator<FleetEvent> {
  const events = scomoEvents(opts);
  return opts.family === undefined ? events : inFamily(events, opts.family, opts.seed);
}

function* scomoEvents(opts: GeneratorOptions): Generator<FleetEvent> {
  const rows = Math.max(0, Math.floor(opts.rows));
  if (rows === 0) return;
  const start = opts.startTime ?? DEFAULT_START;
  const span = (opts.days ?? 7) * DAY;
  const nDevices = Math.max(1, Math.floor(opts.devices ?? Math.min(200_000, Math.ceil(rows / 4))));
  if (nDevices > MAX_DEVICES) throw new RangeError(`devices must be <= ${MAX_DEVICES}`);
  const story = opts.story ?? true;
  const dirty = Math.min(1, Math.max(0, opts.dirty ?? 0));
  const plant = opts.plant ?? [];
  const rng = mulberry32(opts.seed);

  const { devId, devModel, devFw, devRegion } = devicePool(nDevices, rng);

  const win = storyWindow(opts);
  const rowsPerHour = rows / (span / 3_600_000);
  const maxDelay = Math.max(2, Math.floor(rowsPerHour * 3));
  const queue: Retry[] = [];
  let qHead = 0;
  let lastDue = 0;

  for (let i = 0; i < rows; i++) {
    const time = start + Math.floor(((i + rng()) * span) / rows);
    let d: number;
    let component: string;
    let operation: string;
    let server: string;
    let attempt = 1;
    const head = queue[qHead];
    if (head !== undefined && head.due <= i) {
      qHead++;
      if (qHead > 4096) {
        queue.splice(0, qHead);
        qHead = 0;
      }
      d = head.device;
      component = head.component;
      operation = head.operation;
      server = head.server;
      attempt = head.attempt;
    } else {
      d = Math.floor(rng() * nDevices);
      component = pick(COMPONENTS, rng());
      operation = pick(OPERATIONS, rng());
      server = pick(SERVERS, rng());
    }
    const model = devModel[d] as string;
    const firmware = devFw[d] as string;

    const region = devRegion[d] as string;
    const planted =
      plant.length === 0
        ? null
        : plantedCode(plant, { model, firmware, region, server, component, operation, time }, start, rng);
    const code = planted ?? pickCode(rng, { story, operation, model, firmware, server, time, attempt }, win);

    const failed = outcomeOf(code) === 'failure';
    if (failed && attempt < 3 && code !== 1401 && rng() < 0.5) {
      const due = Math.max(lastDue, i + 1 + Math.floor(rng() * maxDelay));
      lastDue = due;
      queue.push({ due, device: d, component, operation, server, attempt: attempt + 1 });
    }

    const note = pickNote(rng, attempt, failed);
    const { rawCode, finalCode } =
      dirty > 0 && rng() < dirty ? dirtyCode(rng, code) : { rawCode: codeString(code), finalCode: code };

    yield {
      time,
      device: devId[d] as string,
      code: finalCode,
      rawCode,
      model,
      firmware,
      region,
      operation,
      server,
      component,
      note,
      deviceIndex: d,
    };
  }
}

const CODE_STRINGS: string[] = [];
export function codeString(code: number): string {
  let s = CODE_STRINGS[code];
  if (s === undefined) {
    s = String(code);
    if (code >= 0 && code < 4096) CODE_STRINGS[code] = s;
  }
  return s;
}

/**
 * The device pool: IMEI, model, firmware, region fixed per device. Serials are a bijection of the index,
 * so ids are unique.
 */
function devicePool(nDevices: number, rng: () => number) {
  const devId: string[] = new Array(nDevices);
  const devModel: string[] = new Array(nDevices);
  const devFw: string[] = new Array(nDevices);
  const devRegion: string[] = new Array(nDevices);
  const serialOffset = Math.floor(rng() * 1_000_000);
  for (let d = 0; d < nDevices; d++) {
    const m = pick(MODELS, rng());
    const serial = String((d * 7919 + serialOffset) % 1_000_000).padStart(6, '0');
    const body = m.tac + serial;
    devId[d] = body + luhnDigit(body);
    devModel[d] = m.name;
    devFw[d] = pick(m.firmware, rng());
    devRegion[d] = pick(REGIONS, rng());
  }
  return { devId, devModel, devFw, devRegion };
}

interface Attempt {
  story: boolean;
  operation: string;
  model: string;
  firmware: string;
  server: string;
  time: number;
  attempt: number;
}

/** An attempt's result code: the stories first (out-of-memory model, flaky server), then the base rates. */
function pickCode(rng: () => number, a: Attempt, win: { from: number; to: number }): number {
  const downloads = a.operation === 'download' || a.operation === 'update';
  const installs = a.operation === 'install' || a.operation === 'update';
  const r = rng();
  if (a.story && r < 0.4 && (downloads || installs) && a.firmware === OOM_FIRMWARE && a.model === OOM_MODEL) {
    return a.operation === 'download' ? 1404 : a.operation === 'install' ? 1406 : rng() < 0.5 ? 1404 : 1406;
  }
  if (
    a.story &&
    r < 0.55 &&
    downloads &&
    a.server === FLAKY_SERVER &&
    a.time >= win.from &&
    a.time < win.to
  ) {
    return rng() < 0.4 ? 1502 : 1504;
  }
  if (rng() < (a.attempt > 1 ? 0.05 : 0.095)) {
    return pick(FAILURES_BY_OP[a.operation] as Weighted<number>, rng());
  }
  return rng() < 0.025 ? pick(VENDOR_SUCCESS, rng()) : 1200;
}

function pickNote(rng: () => number, attempt: number, failed: boolean): string {
  if (attempt > 1) return RETRY_NOTES[attempt] ?? '';
  if (failed) return rng() < 0.45 ? pick(FAILURE_NOTES, rng()) : '';
  return rng() < 0.08 ? pick(GENERAL_NOTES, rng()) : '';
}

/** A dirty row's raw code, and the code it stands for (null: the row must be rejected). */
function dirtyCode(rng: () => number, code: number): { rawCode: string; finalCode: number | null } {
  const kind = pick(DIRTY_KINDS, rng());
  if (kind === 'empty') return { rawCode: '', finalCode: null };
  if (kind === 'ERR' || kind === 'n/a') return { rawCode: kind, finalCode: null };
  if (kind === 'unrecognized') {
    const finalCode = UNRECOGNIZED_DIRTY_CODES[Math.floor(rng() * UNRECOGNIZED_DIRTY_CODES.length)] as number;
    return { rawCode: String(finalCode), finalCode };
  }
  return { rawCode: rng() < 0.5 ? ` ${code} ` : `  ${code}`, finalCode: code };
}
