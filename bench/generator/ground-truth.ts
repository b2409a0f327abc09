/** Ground truth, accumulated row by row, and its JSON form. */

import { outcomeOf } from './code-table.ts';
import { FAMILIES, type FamilyId, type FamilyTable } from './families.ts';
import type { FleetEvent, GroundTruth } from './types.ts';

const INT_RE = /^-?\d+$/;

/** The integer a raw code stands for, or null when the row must be rejected. */
export function parseRawCode(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const t = raw.trim();
  return INT_RE.test(t) ? Number(t) : null;
}

/**
 * Adds ev.device to `set`, skipping the hash lookup when ev.deviceIndex says this exact id was already
 * added (a Set of 200k ids is the slowest part of tracking 10M rows). Exact whatever the indices: an index
 * only short-cuts when it maps to the very same id string; anything else goes through the Set.
 */
function markDevice(ev: FleetEvent, byIndex: (string | undefined)[], set: Set<string>): void {
  const k = ev.deviceIndex;
  if (k !== undefined && k >= 0 && k < 4_194_304 && Number.isInteger(k)) {
    while (byIndex.length <= k) byIndex.push(undefined);
    const prev = byIndex[k];
    if (prev === ev.device) return;
    if (prev === undefined) byIndex[k] = ev.device;
  }
  set.add(ev.device);
}

/** Accumulates ground truth row by row (writers feed it with each row's physical line number). */
export class TruthTracker {
  private rowsRead = 0;
  private rowsRejected = 0;
  private operations = 0;
  private successes = 0;
  private failures = 0;
  private unrecognized = 0;
  private readonly devices = new Set<string>();
  private readonly failingDevices = new Set<string>();
  private readonly byCode = new Map<number, number>();
  private readonly seenByIndex: (string | undefined)[] = [];
  private readonly failingByIndex: (string | undefined)[] = [];
  private readonly rejectedLines: number[] = [];
  private otherRecords = 0;
  private linesKnown = true;
  private aggregated = false;
  private family: FamilyId | null = null;
  private notApplied = 0;
  private inProgress = 0;
  private readonly byStatus = new Map<string, number>();

  /** One event; `line` is its 1-based physical line in the written file, when known. */
  add(ev: FleetEvent, line?: number): void {
    if (ev.family !== undefined && ev.family !== 'scomo') {
      this.addInFamily(ev, FAMILIES[ev.family], line);
      return;
    }
    if (ev.family === 'scomo') this.family = 'scomo';
    this.rowsRead++;
    const code = parseRawCode(ev.rawCode);
    if (code === null) {
      this.reject(line);
      return;
    }
    this.operations++;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    markDevice(ev, this.seenByIndex, this.devices);
    const outcome = outcomeOf(code);
    if (outcome === 'success') this.successes++;
    else if (outcome === 'failure') {
      this.failures++;
      markDevice(ev, this.failingByIndex, this.failingDevices);
    } else this.unrecognized++;
  }

  /**
   * A row in another family, under the outcome model: rejected without a usable result (a non-integer
   * code, an empty status word); operations leave out the rows in progress; devices count every accepted
   * row's device, failing devices those with a failure.
   */
  private addInFamily(ev: FleetEvent, table: FamilyTable, line: number | undefined): void {
    this.family = table.id;
    this.rowsRead++;
    const value = ev.rawCode.trim();
    const usable = table.kind === 'code' ? parseRawCode(value) !== null : value !== '';
    if (!usable) {
      this.reject(line);
      return;
    }
    if (table.kind === 'code') this.byCode.set(Number(value), (this.byCode.get(Number(value)) ?? 0) + 1);
    else this.byStatus.set(value, (this.byStatus.get(value) ?? 0) + 1);
    markDevice(ev, this.seenByIndex, this.devices);
    const outcome = table.outcome(value);
    if (outcome !== 'in_progress') this.operations++;
    if (outcome === 'success') this.successes++;
    else if (outcome === 'failure') {
      this.failures++;
      markDevice(ev, this.failingByIndex, this.failingDevices);
    } else if (outcome === 'not_applied') this.notApplied++;
    else if (outcome === 'in_progress') this.inProgress++;
    else this.unrecognized++;
  }

  /** One aggregated row: `count` operations with the same raw code. */
  addCount(rawCode: string, count: number, line?: number): void {
    this.aggregated = true;
    this.rowsRead++;
    const code = parseRawCode(rawCode);
    if (code === null) {
      this.reject(line);
      return;
    }
    this.operations += count;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + count);
    const outcome = outcomeOf(code);
    if (outcome === 'success') this.successes += count;
    else if (outcome === 'failure') this.failures += count;
    else this.unrecognized += count;
  }

  /** Records written besides the rows that carry no result (a SyncML Status, another alert). */
  addOther(count: number): void {
    this.otherRecords += count;
  }

  /** Marks line numbers unknown (e.g. plain groundTruth() over events that were never written). */
  withoutLines(): this {
    this.linesKnown = false;
    return this;
  }

  private reject(line: number | undefined): void {
    this.rowsRejected++;
    if (line === undefined) this.linesKnown = false;
    else this.rejectedLines.push(line);
  }

  result(): GroundTruth {
    const truth: GroundTruth = {
      rowsRead: this.rowsRead,
      rowsRejected: this.rowsRejected,
      operations: this.operations,
      successes: this.successes,
      failures: this.failures,
      unrecognized: this.unrecognized,
      devices: this.devices.size,
      failingDevices: this.failingDevices.size,
      byCode: new Map([...this.byCode].sort((a, b) => a[0] - b[0])),
    };
    if (this.linesKnown) truth.rejectedLines = [...this.rejectedLines];
    if (this.aggregated) truth.aggregated = true;
    if (this.otherRecords > 0) truth.otherRecords = this.otherRecords;
    if (this.family !== null) {
      truth.family = this.family;
      truth.notApplied = this.notApplied;
      truth.inProgress = this.inProgress;
      if (this.byStatus.size > 0)
        truth.byStatus = new Map([...this.byStatus].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    }
    return truth;
  }
}

/** Ground truth of a list of events, computed straightforwardly (no line numbers). */
export function groundTruth(events: Iterable<FleetEvent>): GroundTruth {
  const t = new TruthTracker().withoutLines();
  for (const ev of events) t.add(ev);
  return t.result();
}

/** Plain-JSON form of a ground truth (byCode as an object of code → count). */
export function truthToJSON(truth: GroundTruth): Record<string, unknown> {
  const { byCode, byStatus, ...rest } = truth;
  return {
    ...rest,
    byCode: Object.fromEntries([...byCode].map(([k, v]) => [String(k), v])),
    ...(byStatus === undefined ? {} : { byStatus: Object.fromEntries(byStatus) }),
  };
}

/** Inverse of truthToJSON. */
export function truthFromJSON(json: Record<string, unknown>): GroundTruth {
  const byCode = new Map<number, number>();
  for (const [k, v] of Object.entries((json.byCode ?? {}) as Record<string, number>))
    byCode.set(Number(k), v);
  const statuses = json.byStatus as Record<string, number> | undefined;
  const byStatus = statuses === undefined ? {} : { byStatus: new Map(Object.entries(statuses)) };
  return { ...(json as unknown as GroundTruth), byCode, ...byStatus };
}
