/** The event stream: a deterministic fleet log for a seed and options. */

import { outcomeOf, UNRECOGNIZED_DIRTY_CODES } from './code-table.ts';
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
import type { FleetEvent, GeneratorOptions } from './types.ts';

export function* generateEvents(opts: GeneratorOptions): Generator<FleetEvent> {
  const rows = Math.max(0, Math.floor(opts.rows));
  if (rows === 0) return;
  const start = opts.startTime ?? DEFAULT_START;
  const span = (opts.days ?? 7) * DAY;
  const nDevices = Math.max(1, Math.floor(opts.devices ?? Math.min(200_000, Math.ceil(rows / 4))));
  if (nDevices > MAX_DEVICES) throw new RangeError(`devices must be <= ${MAX_DEVICES}`);
  const story = opts.story ?? true;
  const dirty = Math.min(1, Math.max(0, opts.dirty ?? 0));
  const rng = mulberry32(opts.seed);

  // Device pool: IMEI, model, firmware, region fixed per device. Serials are a bijection of the index, so
  // ids are unique.
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

    const downloads = operation === 'download' || operation === 'update';
    const installs = operation === 'install' || operation === 'update';
    let code: number;
    const r = rng();
    if (story && r < 0.4 && (downloads || installs) && firmware === OOM_FIRMWARE && model === OOM_MODEL) {
      code = operation === 'download' ? 1404 : operation === 'install' ? 1406 : rng() < 0.5 ? 1404 : 1406;
    } else if (
      story &&
      r < 0.55 &&
      downloads &&
      server === FLAKY_SERVER &&
      time >= win.from &&
      time < win.to
    ) {
      code = rng() < 0.4 ? 1502 : 1504;
    } else if (rng() < (attempt > 1 ? 0.05 : 0.095)) {
      code = pick(FAILURES_BY_OP[operation] as Weighted<number>, rng());
    } else {
      code = rng() < 0.025 ? pick(VENDOR_SUCCESS, rng()) : 1200;
    }

    const failed = outcomeOf(code) === 'failure';
    if (failed && attempt < 3 && code !== 1401 && rng() < 0.5) {
      const due = Math.max(lastDue, i + 1 + Math.floor(rng() * maxDelay));
      lastDue = due;
      queue.push({ due, device: d, component, operation, server, attempt: attempt + 1 });
    }

    let note = '';
    if (attempt > 1) {
      note = RETRY_NOTES[attempt] ?? '';
    } else if (failed) {
      if (rng() < 0.45) note = pick(FAILURE_NOTES, rng());
    } else if (rng() < 0.08) {
      note = pick(GENERAL_NOTES, rng());
    }

    let rawCode = codeString(code);
    let finalCode: number | null = code;
    if (dirty > 0 && rng() < dirty) {
      const kind = pick(DIRTY_KINDS, rng());
      if (kind === 'empty') {
        rawCode = '';
        finalCode = null;
      } else if (kind === 'ERR' || kind === 'n/a') {
        rawCode = kind;
        finalCode = null;
      } else if (kind === 'unrecognized') {
        finalCode = UNRECOGNIZED_DIRTY_CODES[Math.floor(rng() * UNRECOGNIZED_DIRTY_CODES.length)] as number;
        rawCode = String(finalCode);
      } else {
        rawCode = rng() < 0.5 ? ` ${code} ` : `  ${code}`;
      }
    }

    yield {
      time,
      device: devId[d] as string,
      code: finalCode,
      rawCode,
      model,
      firmware,
      region: devRegion[d] as string,
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
