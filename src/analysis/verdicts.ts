/**
 * Did each device end up updated? Per device and key (the component and the operation it names), the
 * sequence of its records in time order gives one verdict; a device's verdict is the worst of its
 * sequences', so a device whose activate failed is never "succeeded" because a later download worked.
 */
import { OUTCOMES } from '../catalog/catalog-types.ts';
import { sequenceKey } from '../dataset/attempts.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { attemptKeys } from '../dataset/dimension-roles.ts';
import type { AttemptSequences, Filter, ListedDevices, Selection } from '../dataset/query-types.ts';

/** Every verdict, worst first: a device takes the first of these that any of its sequences has. */
export const VERDICTS = [
  'stuck',
  'retry_storm',
  'regression',
  'never_succeeded',
  'last_attempt_failed',
  'in_progress',
  'no_outcome',
  'succeeded_after_failures',
  'succeeded_first_time',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What each verdict means, in the words the page and the CLI print. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  stuck: 'Stuck in progress',
  retry_storm: 'Retry storm',
  regression: 'Succeeded, then failed',
  never_succeeded: 'Never succeeded',
  last_attempt_failed: 'Last attempt failed',
  in_progress: 'In progress',
  no_outcome: 'No outcome',
  succeeded_after_failures: 'Succeeded after failures',
  succeeded_first_time: 'Succeeded first time',
};

/** A verdict in words, with the failures that preceded success ("Succeeded after 2 failures"). */
export function verdictText(verdict: Verdict, failures: number): string {
  if (verdict !== 'succeeded_after_failures') return VERDICT_LABELS[verdict];
  return `Succeeded after ${failures} ${failures === 1 ? 'failure' : 'failures'}`;
}

export interface VerdictOptions {
  /** Key dimensions; default the component and operation dimensions the names show (`attemptKeys`). */
  keys?: readonly string[];
  /** A sequence whose last record is in progress and older than this (before `now`) is stuck; default 24 h. */
  stuckAfterMs?: number;
  /** More operations than this in one sequence is a retry storm; default 5. */
  stormAbove?: number;
  /** The instant "stuck" is judged at; default the dataset's latest time. */
  now?: number;
  /**
   * Judge only these devices (e.g. those a list shows), by name or by id (`Overview.deviceIds`); default
   * every device.
   */
  devices?: ListedDevices;
}

export const DEFAULT_STUCK_AFTER_MS = 24 * 3_600_000;
export const DEFAULT_STORM_ABOVE = 5;

export interface SequenceVerdict {
  verdict: Verdict;
  /** Operations (records not in progress), weighted by count. */
  operations: number;
  /** Failures before the last success (for succeeded_after_failures), else every failure. */
  failures: number;
  /** The last decided attempt (a success or a failure) failed, or the sequence is stuck: retry it. */
  retry: boolean;
}

export interface DeviceVerdict {
  device: string;
  verdict: Verdict;
  /** Failures before success in the sequence that gave the verdict. */
  failures: number;
  retry: boolean;
  /** Each of the device's sequences: its key values and verdict. */
  sequences: { key: string[]; verdict: Verdict }[];
}

export interface Verdicts {
  /** The key dimensions the sequences were told apart by. */
  keys: readonly string[];
  stuckAfterMs: number;
  stormAbove: number;
  /** Devices per verdict (every verdict, zeros included). */
  counts: Record<Verdict, number>;
  /** Devices to retry (see DeviceVerdict.retry). */
  retryCount: number;
  /** Every judged device, by id (code-unit order). */
  devices: DeviceVerdict[];
}

const SUCCESS = OUTCOMES.indexOf('success');
const FAILURE = OUTCOMES.indexOf('failure');
const IN_PROGRESS = OUTCOMES.indexOf('in_progress');

/** What judging one sequence gives, its verdict as its place in VERDICTS (see judgeSequence). */
interface Judged {
  rank: number;
  operations: number;
  failures: number;
  retry: boolean;
}

/** The verdict of records `from` … `to − 1` of `seq` (one sequence, in time order), judged at `now`. */
export function sequenceVerdict(
  seq: AttemptSequences,
  from: number,
  to: number,
  now: number,
  stuckAfterMs: number,
  stormAbove: number,
): SequenceVerdict {
  const one: Judged = { rank: 0, operations: 0, failures: 0, retry: false };
  judgeSequence(seq, from, to, now, stuckAfterMs, stormAbove, one);
  const { operations, failures, retry } = one;
  return { verdict: VERDICTS[one.rank] as Verdict, operations, failures, retry };
}

const RANK_STUCK = VERDICTS.indexOf('stuck');
const RANK_IN_PROGRESS = VERDICTS.indexOf('in_progress');
const RANK_STORM = VERDICTS.indexOf('retry_storm');
const RANK_NO_OUTCOME = VERDICTS.indexOf('no_outcome');
const RANK_REGRESSION = VERDICTS.indexOf('regression');
const RANK_NEVER = VERDICTS.indexOf('never_succeeded');
const RANK_LAST_FAILED = VERDICTS.indexOf('last_attempt_failed');
const RANK_AFTER_FAILURES = VERDICTS.indexOf('succeeded_after_failures');
const RANK_FIRST_TIME = VERDICTS.indexOf('succeeded_first_time');

/** sequenceVerdict into `out`, the verdict as a number: no object per sequence of a fleet. */
function judgeSequence(
  seq: AttemptSequences,
  from: number,
  to: number,
  now: number,
  stuckAfterMs: number,
  stormAbove: number,
  out: Judged,
): void {
  const { outcome, weight } = seq;
  let operations = 0;
  let failures = 0;
  let failuresBeforeSuccess = 0;
  let succeeded = false;
  let last = -1; // the last success or failure
  for (let k = from; k < to; k++) {
    const o = outcome[k] as number;
    if (o === IN_PROGRESS) continue;
    const w = weight ? (weight[k] as number) : 1;
    operations += w;
    if (o === FAILURE) failures += w;
    if (o === SUCCESS) {
      succeeded = true;
      failuresBeforeSuccess = failures;
    }
    if (o === SUCCESS || o === FAILURE) last = k;
  }
  const lastFailed = last >= 0 && outcome[last] === FAILURE;
  let rank: number;
  let retry = lastFailed;
  if (outcome[to - 1] === IN_PROGRESS) {
    const stuck = now - (seq.time[to - 1] as number) > stuckAfterMs;
    rank = stuck ? RANK_STUCK : RANK_IN_PROGRESS;
    retry ||= stuck;
  } else if (operations > stormAbove) rank = RANK_STORM;
  else if (last < 0) rank = RANK_NO_OUTCOME;
  else if (lastFailed) rank = succeeded ? RANK_REGRESSION : failures > 1 ? RANK_NEVER : RANK_LAST_FAILED;
  else rank = failures > 0 ? RANK_AFTER_FAILURES : RANK_FIRST_TIME;
  out.rank = rank;
  out.operations = operations;
  out.failures = rank === RANK_AFTER_FAILURES ? failuresBeforeSuccess : failures;
  out.retry = retry;
}

/**
 * Every device's verdict over the selection (null without a device column). With `countsOnly`, only the
 * counts: no object per device (what a summary of a whole fleet needs).
 */
export function verdicts(
  dataset: Dataset,
  sel: Selection,
  options: VerdictOptions & { countsOnly?: boolean } = {},
): Verdicts | null {
  const keys = options.keys ?? attemptKeys(dataset.dimensionNames);
  const stuckAfterMs = options.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS;
  const stormAbove = options.stormAbove ?? DEFAULT_STORM_ABOVE;
  const seq = dataset.attemptSequences(sel, keys, options.devices ?? null);
  if (!seq) return null;
  const now = options.now ?? seq.latest;
  const perRank = new Float64Array(VERDICTS.length);
  const devices: DeviceVerdict[] = [];
  let retryCount = 0;
  const sequences = seq.device.length;
  const one: Judged = { rank: 0, operations: 0, failures: 0, retry: false };
  // a device's sequences are consecutive: judge each run of them, keep the worst (the first of the worst)
  for (let s = 0; s < sequences; ) {
    const id = seq.device[s] as number;
    let worst: number = VERDICTS.length;
    let worstFailures = 0;
    let retry = false;
    const judged: { key: string[]; verdict: Verdict }[] = [];
    for (; s < sequences && seq.device[s] === id; s++) {
      judgeSequence(
        seq,
        seq.start[s] as number,
        seq.start[s + 1] as number,
        now,
        stuckAfterMs,
        stormAbove,
        one,
      );
      retry ||= one.retry;
      if (one.rank < worst) {
        worst = one.rank;
        worstFailures = one.failures;
      }
      if (!options.countsOnly)
        judged.push({ key: sequenceKey(seq, s), verdict: VERDICTS[one.rank] as Verdict });
    }
    if (worst === VERDICTS.length) continue;
    perRank[worst] = (perRank[worst] as number) + 1;
    if (retry) retryCount++;
    if (!options.countsOnly) {
      const device = seq.deviceNames[id] as string;
      const verdict = VERDICTS[worst] as Verdict;
      devices.push({ device, verdict, failures: worstFailures, retry, sequences: judged });
    }
  }
  devices.sort((a, b) => (a.device < b.device ? -1 : a.device > b.device ? 1 : 0));
  const counts = Object.fromEntries(VERDICTS.map((v, r) => [v, perRank[r] as number])) as Record<
    Verdict,
    number
  >;
  return { keys: seq.keys, stuckAfterMs, stormAbove, counts, retryCount, devices };
}

/**
 * The rows a verdict is judged on for a view's filter: the devices and the components, operations and other
 * dimension values it keeps (and does not exclude), over their whole history. A code, outcome, text or time
 * filter would cut a sequence short (a code filter keeps the failures and drops the success that followed), so those are not
 * applied to verdicts.
 */
export function verdictSelection(dataset: Dataset, filter: Filter): Selection {
  const judgedOn = verdictFilter(filter);
  return judgedOn === null ? dataset.all() : dataset.select(judgedOn);
}

/** The filter verdictSelection selects with; null for every row. */
export function verdictFilter(filter: Filter): Filter | null {
  const { dimensions, device } = filter;
  const excluded = filter.not?.dimensions;
  if (!dimensions?.length && !device && !excluded?.length) return null;
  return {
    ...(dimensions ? { dimensions } : {}),
    ...(device ? { device } : {}),
    ...(excluded?.length ? { not: { dimensions: excluded } } : {}),
  };
}

/**
 * What of a filter the verdicts depend on (see verdictSelection): two filters with the same key judge the
 * same devices the same way, whatever their codes, outcomes, times or search.
 */
export function verdictKey(filter: Filter): string {
  return JSON.stringify([filter.dimensions ?? [], filter.device ?? '', filter.not?.dimensions ?? []]);
}

/**
 * Whether a filter has parts the verdicts are not judged under (see verdictSelection): codes, outcomes,
 * stages, times, search… The page says so beside the counts, which would otherwise read as the filter's.
 */
export function verdictsIgnorePartOf(filter: Filter): boolean {
  const given = (value: unknown) =>
    value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  const judgedOn = new Set(['dimensions', 'device', 'not']);
  return (
    Object.entries(filter).some(([field, value]) => !judgedOn.has(field) && given(value)) ||
    Object.entries(filter.not ?? {}).some(([field, value]) => field !== 'dimensions' && given(value))
  );
}

/** The ids of the devices to retry, one per line (what a platform's retry API or a script reads). */
export function retryList(result: Verdicts): string {
  return result.devices
    .filter((d) => d.retry)
    .map((d) => `${d.device}\n`)
    .join('');
}
