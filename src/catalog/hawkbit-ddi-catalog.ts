/**
 * Eclipse hawkBit Direct Device Integration (DDI) feedback. Source: hawkBit documentation, DDI API
 * (/hawkbit/apis/ddi_api/), POST /{tenant}/controller/v1/{controllerId}/deploymentBase/{actionId}/feedback:
 * `status.execution` (closed, proceeding, canceled, scheduled, rejected, resumed, downloaded, download)
 * and `status.result.finished` (success, failure, none). A feedback record has two words; `ddiStatusWord`
 * says which one this catalog looks up.
 */
import type { Catalog } from './catalog-types.ts';
import { statusKey } from './catalog-types.ts';
import { SHARED_CATEGORIES as C, statusFamily, statusRow } from './family-parts.ts';

const IP = C.in_progress.id;
const NA = C.not_applied.id;

/**
 * The one word of a DDI feedback that decides its outcome, for `lookupStatus`. Rule: the execution word
 * decides, except `closed` — the action ended, and `result.finished` (success or failure) says how. A
 * closed feedback whose finished is `none` (or missing) says no result, so it yields `closed`, which the
 * catalog does not list: the row is unrecognized rather than guessed. Without an execution word, the
 * finished word decides.
 */
export function ddiStatusWord(finished: string, execution: string): string {
  const exec = execution.trim();
  const done = finished.trim();
  if (exec === '') return done;
  if (statusKey(exec) !== 'closed') return exec;
  const key = statusKey(done);
  return key === 'success' || key === 'failure' ? done : exec;
}

export const hawkbitDdiCatalog: Catalog = statusFamily({
  id: 'hawkbit-ddi',
  name: 'hawkBit DDI',
  title: 'Eclipse hawkBit DDI feedback',
  source:
    'Eclipse hawkBit DDI API (/hawkbit/apis/ddi_api/), deploymentBase feedback: status.execution and status.result.finished',
  statuses: [
    statusRow(['success'], 'Execution closed; the result is success.', C.success.id),
    statusRow(['failure'], 'Execution closed; the result is failure.', C.failure.id, 'other', 'unknown'),
    statusRow(['canceled'], 'The device confirmed the cancellation of the action.', NA),
    statusRow(['rejected'], 'The device rejected the action.', NA),
    statusRow(['proceeding'], 'The device is working on the action.', IP),
    statusRow(['scheduled'], 'The device scheduled the action.', IP),
    statusRow(['resumed'], 'The device resumed the action.', IP),
    statusRow(['download'], 'The device is downloading.', IP),
    statusRow(['downloaded'], 'The device finished downloading.', IP),
  ],
  signals: { statusNames: ['execution', 'finished'] },
  combineStatus: (execution, finished) => ddiStatusWord(finished, execution),
});
