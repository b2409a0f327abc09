/** Messages between the dataset worker and the part worker (which reads the second half of a big CSV). */
import type { FilePart, PartPlan } from '../ingest/file-parts.ts';

export type PartRequest =
  | { kind: 'read'; id: number; blob: Blob; plan: PartPlan }
  | { kind: 'cancel'; id: number };

export type PartResponse =
  | { kind: 'progress'; id: number; bytes: number }
  | { kind: 'result'; id: number; part: FilePart }
  | { kind: 'error'; id: number; error: { name: string; message: string } };
