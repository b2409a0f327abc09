/** The generator's public types: options, one event, the ground truth. */
import type { FamilyId } from './families.ts';
import type { PlantedStory } from './stories.ts';

export interface GeneratorOptions {
  seed: number;
  rows: number;
  /** Epoch ms of the first event; default Date.UTC(2026, 9, 1). */
  startTime?: number;
  /** Span in days; default 7. */
  days?: number;
  /** Size of the device pool; default ceil(rows / 4) capped at 200k (max 1M). */
  devices?: number;
  /**
   * Default true: "Kestrel Mini" on firmware "5.0.0-rc2" runs out of memory (1404/1406 spike), and
   * "alt-cdn-3.fleet.example" has network failures (1502/1504) for two days in the middle of the span.
   */
  story?: boolean;
  /** Stories planted on top of the base rates (see stories.ts); the ground truth names them. */
  plant?: readonly PlantedStory[];
  /** Fraction 0..1 of rows made dirty (default 0): '', 'ERR', 'n/a', unrecognized codes, padded codes. */
  dirty?: number;
  /** Write the results in this family's codes or status words (families.ts); default SCOMO, unmarked. */
  family?: FamilyId;
}

export interface FleetEvent {
  /** Epoch ms. */
  time: number;
  /** 15-digit IMEI (8-digit TAC of the model, 6-digit serial, Luhn check digit). */
  device: string;
  /** The integer code when rawCode (trimmed) is an integer, else null (a rejected row). */
  code: number | null;
  /** The code exactly as written to the file. */
  rawCode: string;
  model: string;
  firmware: string;
  region: string;
  operation: string;
  server: string;
  component: string;
  /** Free text: usually empty; sometimes commas, quotes, newlines, non-ASCII (é, 日本, 🚀). */
  note: string;
  /**
   * Index of the device in the generating run's pool (extension, never written to files): lets
   * TruthTracker skip hashing ids it has seen. Optional; the tracker verifies it against `device`.
   */
  deviceIndex?: number;
  /** The family the row's result is written in (see families.ts); absent: SCOMO, as always. */
  family?: FamilyId;
}

export interface GroundTruth {
  /** Data rows in the file (aggregated CSV: aggregated rows, not operations). */
  rowsRead: number;
  rowsRejected: number;
  /** Accepted operations (aggregated CSV: sum of counts of accepted rows). */
  operations: number;
  successes: number;
  failures: number;
  unrecognized: number;
  /** Distinct devices among accepted rows (0 for aggregated CSV: not applicable). */
  devices: number;
  failingDevices: number;
  byCode: Map<number, number>;
  /** Filled by writers: 1-based physical line numbers of the rejected rows in the written file. */
  rejectedLines?: number[];
  /** Records that carry no result, written besides the rows (SyncML: Status, other alerts, Replace). */
  otherRecords?: number;
  /** True for aggregated CSV (operations weighted by count; devices not applicable). */
  aggregated?: boolean;
  /**
   * For rows written in a family (--family): the family, and the outcome model's other figures. Operations
   * then leave out the rows in progress; devices count every accepted row's device.
   */
  family?: FamilyId;
  notApplied?: number;
  inProgress?: number;
  /** A family of status words: rows per word as written (byCode is empty). */
  byStatus?: Map<string, number>;
}

export type Outcome = 'success' | 'failure' | 'unrecognized';
