import { bytesSource } from '../../src/ingest/byte-source.ts';
import { type IngestOptions, type IngestResult, ingest } from '../../src/ingest/ingest.ts';
import { buildSummary, type SummaryJson } from '../../src/report/summary.ts';

/** Ingests in-memory files (text or bytes) the way the app and the CLI do. */
export async function ingestFiles(
  files: Record<string, string | Uint8Array> | [string, string | Uint8Array][],
  options: IngestOptions = {},
): Promise<IngestResult> {
  const entries = Array.isArray(files) ? files : Object.entries(files);
  return ingest(
    entries.map(([name, content]) => bytesSource(name, content)),
    options,
  );
}

export async function summarize(
  name: string,
  content: string | Uint8Array,
  options: IngestOptions = {},
): Promise<SummaryJson> {
  const { dataset, report } = await ingestFiles([[name, content]], options);
  return buildSummary(dataset, report);
}
