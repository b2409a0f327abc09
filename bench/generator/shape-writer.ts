/**
 * Platform shapes (`--shape`): the generated events written in a platform's own nesting and field names,
 * exactly like the fixtures in test/fixtures/platforms (test/ingest/platform-shapes.test.ts cites each
 * platform's public docs). Each shape implies its family: the events are put in that family's words or
 * codes (families.ts, inFamily) and the TruthTracker counts them under the outcome model.
 */
import { ENCODER } from './byte-out.ts';
import { generateEvents } from './events.ts';
import { FAMILIES, type FamilyId, inFamily } from './families.ts';
import { TruthTracker } from './ground-truth.ts';
import type { FleetEvent, GeneratorOptions, GroundTruth } from './types.ts';

export const SHAPES = [
  'hawkbit-actions',
  'hawkbit-ddi',
  'mender-devices',
  'aws-jobs',
  'adu-states',
  'leshan',
] as const;
export type Shape = (typeof SHAPES)[number];

/** The file extension each shape's export has (what the generated file is named in the tests). */
export const SHAPE_EXTENSION: Readonly<Record<Shape, 'json' | 'ndjson'>> = {
  'hawkbit-actions': 'json',
  'hawkbit-ddi': 'ndjson',
  'mender-devices': 'json',
  'aws-jobs': 'json',
  'adu-states': 'json',
  leshan: 'ndjson',
};

/** The family each shape's results are written in, and the one detection should name. */
export const SHAPE_FAMILY: Readonly<Record<Shape, { events: FamilyId; detected: string }>> = {
  'hawkbit-actions': { events: 'hawkbit', detected: 'hawkbit' },
  // the DDI words are made from the hawkBit action outcome (see ddiStatus)
  'hawkbit-ddi': { events: 'hawkbit', detected: 'hawkbit-ddi' },
  'mender-devices': { events: 'mender', detected: 'mender' },
  'aws-jobs': { events: 'aws-iot-jobs', detected: 'aws-iot-jobs' },
  'adu-states': { events: 'adu', detected: 'adu' },
  // object 5 mostly; every third device's result is object 9's (see leshanEvents)
  leshan: { events: 'lwm2m-5', detected: 'lwm2m-5' },
};

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const iso = (t: number) => new Date(t).toISOString();
/** ISO 8601 basic format without zone, as the DDI feedback's `time`: 20261001T081530. */
const isoBasic = (t: number) => iso(t).slice(0, 19).replace(/[-:]/g, '');
/** RFC 3339 with nanoseconds, as Mender writes them. */
const nanos = (t: number, i: number) =>
  `${iso(t).slice(0, 23)}${String((i * 7919) % 1_000_000).padStart(6, '0')}Z`;

function hawkbitAction(ev: FleetEvent, i: number): object {
  const word = ev.rawCode;
  const ended = ['finished', 'error', 'canceled'].includes(word);
  const code =
    word === 'finished' ? { lastStatusCode: 200 } : word === 'error' ? { lastStatusCode: 500 } : {};
  return {
    createdBy: 'rollout-service',
    createdAt: ev.time - 3_600_000,
    lastModifiedBy: 'controller',
    lastModifiedAt: ev.time,
    type: 'update',
    status: ended ? 'finished' : 'pending',
    detailStatus: word,
    rollout: 4,
    rolloutName: `fw-${ev.firmware}`,
    forceType: 'forced',
    weight: 500,
    _links: {
      self: { href: `https://hawkbit.example.com/rest/v1/actions/${i + 1}` },
      target: { href: `https://hawkbit.example.com/rest/v1/targets/${ev.device}`, name: ev.device },
      distributionset: {
        href: 'https://hawkbit.example.com/rest/v1/distributionsets/12',
        name: `fw:${ev.firmware}`,
      },
    },
    id: i + 1,
    ...code,
  };
}

/** A hawkBit action outcome as DDI feedback words (hawkbit-ddi-catalog: execution, then result.finished). */
function ddiStatus(word: string, i: number): { execution: string; finished: string; cnt: number } {
  switch (FAMILIES.hawkbit.outcome(word)) {
    case 'success':
      return { execution: 'closed', finished: 'success', cnt: 5 };
    case 'failure':
      return { execution: 'closed', finished: 'failure', cnt: i % 5 };
    case 'not_applied':
      return { execution: pick(['rejected', 'canceled'], i), finished: 'none', cnt: 0 };
    case 'in_progress':
      return {
        execution: pick(['proceeding', 'downloaded', 'scheduled', 'download'], i),
        finished: 'none',
        cnt: i % 6,
      };
    default:
      // closed with no result: the catalog leaves it unrecognized, as the tracker does with 'exploded'
      return { execution: 'closed', finished: 'none', cnt: 5 };
  }
}

function ddiFeedback(ev: FleetEvent, i: number): object {
  const s = ddiStatus(ev.rawCode, i);
  return {
    controllerId: ev.device,
    actionId: i + 1,
    id: String(i + 1),
    time: isoBasic(ev.time),
    status: {
      execution: s.execution,
      result: { finished: s.finished, progress: { cnt: s.cnt, of: 5 } },
      details: [s.finished === 'failure' ? 'Signature check failed' : 'Update Server feedback'],
    },
  };
}

const deviceType = (ev: FleetEvent) => ev.model.toLowerCase().replace(/\s+/g, '-');

function menderDevice(ev: FleetEvent, i: number): object {
  return {
    id: ev.device,
    finished: nanos(ev.time, i),
    status: ev.rawCode,
    created: nanos(ev.time - 900_000, i + 1),
    device_type: deviceType(ev),
    log: ev.rawCode === 'failure',
    substate: ev.rawCode === 'failure' ? 'ArtifactInstall failed: no space left' : '',
    image: {
      id: '0c13a0e6-6b63-475d-8260-ee42a590e8ff',
      name: `release-${ev.firmware}`,
      meta_artifact: { name: `release-${ev.firmware}`, device_types_compatible: [deviceType(ev)] },
      size: 36891648,
    },
  };
}

function awsSummary(ev: FleetEvent, executionNumber: number): object {
  const seconds = (ev.time + ((executionNumber * 137) % 1000)) / 1000;
  return {
    thingArn: `arn:aws:iot:eu-west-1:123456789012:thing/${ev.device}`,
    jobExecutionSummary: {
      status: ev.rawCode,
      queuedAt: Math.floor(ev.time / 1000) - 600,
      lastUpdatedAt: seconds,
      executionNumber,
      retryAttempt: executionNumber - 1,
      startedAt: Math.floor(ev.time / 1000) - 300 + 0.25,
    },
  };
}

/** Device Update's deviceState beside the result code (Succeeded, Failed, InProgress, Canceled/Incompatible). */
function aduState(ev: FleetEvent, i: number): object {
  const code = Number(ev.rawCode);
  const state = {
    success: 'Succeeded',
    failure: 'Failed',
    in_progress: 'InProgress',
    not_applied: pick(['Canceled', 'Incompatible'], i),
    unrecognized: 'Failed',
  }[FAMILIES.adu.outcome(ev.rawCode)];
  return {
    deviceId: ev.device,
    moduleId: null,
    resultCode: code,
    extendedResultCode: Number(ev.component),
    retryCount: 0,
    movedOnToNewDeployment: false,
    deviceState: state,
  };
}

interface ShapeWriter {
  open: string;
  close: string;
  /** Between two records. */
  sep: string;
  /** The record's text (several lines for Leshan's other resources), after telling the tracker. */
  record(ev: FleetEvent, i: number, truth: TruthTracker | undefined): string;
}

function jsonShape(
  open: string,
  close: string,
  toRecord: (ev: FleetEvent, i: number) => object,
  trackAs: (ev: FleetEvent) => FleetEvent = (ev) => ev,
): ShapeWriter {
  return {
    open,
    close,
    sep: open === '' ? '\n' : ',\n',
    record(ev, i, truth) {
      truth?.add(trackAs(ev));
      return JSON.stringify(toRecord(ev, i));
    },
  };
}

function awsWriter(): ShapeWriter {
  const executions = new Map<string, number>();
  return jsonShape('{"executionSummaries":[\n', '\n],"nextToken":null}\n', (ev) => {
    const n = (executions.get(ev.device) ?? 0) + 1;
    executions.set(ev.device, n);
    return awsSummary(ev, n);
  });
}

/** Leshan NOTIFICATION events: the Update Result, and for every fourth a State resource first (other records). */
function leshanWriter(): ShapeWriter {
  return {
    open: '',
    close: '\n',
    sep: '\n',
    record(ev, i, truth) {
      const obj = ev.family === 'lwm2m-9' ? 9 : 5;
      const result = JSON.stringify({
        ep: ev.device,
        res: `/${obj}/0/${obj}`,
        val: { id: obj, value: ev.rawCode },
      });
      truth?.add(ev);
      if (i % 4 !== 0) return result;
      truth?.addOther(1);
      const state = obj === 5 ? 3 : 7;
      const other = JSON.stringify({
        ep: ev.device,
        res: `/${obj}/0/${state}`,
        val: { id: state, value: String(i % 4) },
      });
      return `${other}\n${result}`;
    },
  };
}

function shapeWriter(shape: Shape): ShapeWriter {
  switch (shape) {
    case 'hawkbit-actions':
      return jsonShape('{"content":[\n', '\n],"total":TOTAL,"size":TOTAL}\n', hawkbitAction);
    case 'hawkbit-ddi':
      return jsonShape('', '\n', ddiFeedback);
    case 'mender-devices':
      return jsonShape('[\n', '\n]\n', menderDevice);
    case 'aws-jobs':
      return awsWriter();
    case 'adu-states':
      return jsonShape('{"value":[\n', '\n],"nextLink":null}\n', aduState);
    case 'leshan':
      return leshanWriter();
  }
}

/**
 * The events in the shape's family: Leshan interleaves object 9 results (every third device, by its pool
 * index) with object 5's, from two runs of the same deterministic events.
 */
export function* shapeEvents(
  shape: Shape,
  make: () => Iterable<FleetEvent>,
  seed: number,
): Generator<FleetEvent> {
  const family = SHAPE_FAMILY[shape].events;
  if (shape !== 'leshan') {
    yield* inFamily(make(), family, seed);
    return;
  }
  const nine = inFamily(make(), 'lwm2m-9', seed)[Symbol.iterator]();
  for (const ev of inFamily(make(), 'lwm2m-5', seed)) {
    const other = nine.next().value as FleetEvent;
    yield (ev.deviceIndex ?? 0) % 3 === 0 ? other : ev;
  }
}

/** The shaped file, in chunks of about `chunkSize` bytes; `truth` receives every record. */
export function* shapeByteChunks(
  shape: Shape,
  events: Iterable<FleetEvent>,
  opts: { truth?: TruthTracker; chunkSize?: number } = {},
): Generator<Uint8Array> {
  const w = shapeWriter(shape);
  const chunkSize = Math.max(1, opts.chunkSize ?? 65_536);
  let text = w.open;
  let i = 0;
  for (const ev of events) {
    text += (i > 0 ? w.sep : '') + w.record(ev, i, opts.truth);
    i++;
    if (text.length >= chunkSize) {
      yield ENCODER.encode(text);
      text = '';
    }
  }
  yield ENCODER.encode(text + w.close.replaceAll('TOTAL', String(i)));
}

/** The whole shaped file in memory (a few thousand records: tests) and its ground truth. */
export function generateShape(
  shape: Shape,
  gen: GeneratorOptions,
): { bytes: Uint8Array; truth: GroundTruth } {
  const tracker = new TruthTracker();
  const events = shapeEvents(shape, () => generateEvents(gen), gen.seed);
  const chunks = [...shapeByteChunks(shape, events, { truth: tracker, chunkSize: 4096 })];
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { bytes, truth: tracker.result() };
}
