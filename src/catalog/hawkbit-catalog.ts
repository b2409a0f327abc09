/**
 * Eclipse hawkBit Management API action status words. Source: hawkBit documentation, Management API
 * (/hawkbit/apis/management_api/), resource "Targets", GET /rest/v1/targets/{targetId}/actions/{actionId}/status
 * (field `type` of each action status) and the action's `status`/`detailStatus`. Only `finished` and
 * `error` end an action with a result; `canceled` ends it unapplied; the rest are steps of a running action.
 */
import type { Catalog } from './catalog-types.ts';
import { SHARED_CATEGORIES as C, statusFamily, statusRow } from './family-parts.ts';

const IP = C.in_progress.id;

export const hawkbitCatalog: Catalog = statusFamily({
  id: 'hawkbit',
  name: 'hawkBit',
  title: 'Eclipse hawkBit action status',
  source:
    'Eclipse hawkBit Management API (/hawkbit/apis/management_api/), Targets: action status `type` and action `status`/`detailStatus`',
  statuses: [
    statusRow(['finished'], 'The action finished successfully.', C.success.id),
    statusRow(['error'], 'The action failed.', C.failure.id, 'other', 'unknown'),
    statusRow(['canceled'], 'The action was canceled.', C.not_applied.id),
    statusRow(['running'], 'The action is running on the target.', IP),
    statusRow(
      ['pending'],
      'The action is open (the Management API action status before it is finished).',
      IP,
    ),
    statusRow(['retrieved'], 'The target retrieved the action.', IP),
    statusRow(['download'], 'The target is downloading the artifacts.', IP),
    statusRow(['downloaded'], 'The target downloaded the artifacts (download-only actions end here).', IP),
    statusRow(['scheduled'], 'The action waits for its maintenance window.', IP),
    statusRow(
      ['wait_for_confirmation'],
      'The action waits for the confirmation of the target or its user.',
      IP,
    ),
    statusRow(['canceling'], 'Cancellation of the action was requested.', IP),
    statusRow(['warning'], 'The target reported a warning; the action goes on.', IP),
    statusRow(['cancel_rejected'], 'The target rejected the cancellation; the action goes on.', IP),
  ],
  // an action's `weight` is its priority, 0–1000 (Management API, Actions), not a count
  signals: { statusNames: ['detailStatus'], notCounts: ['weight'] },
});
