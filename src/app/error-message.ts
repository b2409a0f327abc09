import { WORKER_STOPPED } from './dataset-client.ts';

/** What the page says about a failed request: the core's own words for bad input, a prefix otherwise. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'IngestError' || error.name === WORKER_STOPPED) return error.message;
    return `Could not analyse the files: ${error.message}`;
  }
  return String(error);
}
