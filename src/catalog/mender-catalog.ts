/**
 * Mender deployment status of a device. Source: Mender API documentation (/api/), Deployments
 * management API v1, "List devices of a deployment" (`status` of each device deployment) and the device
 * API's PUT /deployments/device/deployments/{id}/status. `pause_before_*` covers the pause states
 * (pause_before_installing, pause_before_rebooting, pause_before_committing).
 */
import type { Catalog } from './catalog-types.ts';
import { SHARED_CATEGORIES as C, statusFamily, statusRow } from './family-parts.ts';

const IP = C.in_progress.id;
const NA = C.not_applied.id;

export const menderCatalog: Catalog = statusFamily({
  id: 'mender',
  name: 'Mender',
  title: 'Mender deployment status',
  source: 'Mender API (/api/), Deployments management API v1: device deployment `status`',
  statuses: [
    statusRow(['success'], 'The deployment succeeded on the device.', C.success.id),
    statusRow(['failure'], 'The deployment failed on the device.', C.failure.id, 'other', 'unknown'),
    statusRow(['aborted'], 'The deployment was aborted.', NA),
    statusRow(['noartifact'], 'No artifact of the deployment is compatible with the device.', NA),
    statusRow(['already-installed'], 'The device already runs the artifact.', NA),
    statusRow(['decommissioned'], 'The device was decommissioned during the deployment.', NA),
    statusRow(['pending'], 'The device has not yet picked up the deployment.', IP),
    statusRow(['downloading'], 'The device is downloading the artifact.', IP),
    statusRow(['installing'], 'The device is installing the artifact.', IP),
    statusRow(['rebooting'], 'The device is rebooting into the update.', IP),
    statusRow(['pause_before_*'], 'The deployment is paused at a state-script pause point.', IP),
  ],
  // No distinctive field name: Mender writes a plain `status`; its words identify it.
});
