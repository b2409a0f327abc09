import { WORKER_STOPPED } from './dataset-client.ts';

/** The name of an error whose message is written for the user already (see `userError`). */
const FOR_THE_USER = 'UserMessage';

/** An error whose message the page shows as it is. */
export function userError(message: string): Error {
  const error = new Error(message);
  error.name = FOR_THE_USER;
  return error;
}

/** What the page says about a failed request: the core's own words for bad input, a prefix otherwise. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'IngestError' || error.name === WORKER_STOPPED || error.name === FOR_THE_USER)
      return error.message;
    return `Could not analyse the files: ${error.message}`;
  }
  return String(error);
}
