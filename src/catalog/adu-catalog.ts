/**
 * Azure Device Update for IoT Hub result codes (`resultCode`) and deployment device states. Sources:
 * - the agent's `ADUC_ResultCode` enum, src/adu_types/inc/aduc/types/adu_core.h in Azure/iot-hub-device-update
 *   (generated into src/inc/aduc/result.h), and the docs page "Device Update for IoT Hub error codes"
 *   (/azure/iot-hub-device-update/device-update-error-codes, section "ResultCode and ExtendedResultCode");
 *   1200 ADUC_Result_RootKey_Continue from the agent's root-key workflow (rootkey_workflow.c);
 * - `deviceState` words: Device Update REST API, DeviceDeploymentState (Succeeded, InProgress, Failed,
 *   Canceled, Incompatible).
 * The agent's rule is "a value > 0 indicates success": positive codes the table does not name are still
 * success (`success_vendor`, e.g. a custom step handler's code) and codes ≤ 0 still failure
 * (`failure_vendor`), so every 32-bit value has an outcome. Exceptions named by the table: the
 * *_InProgress codes are lifecycle steps and the *_Skipped codes did not apply the update. -1
 * (Failure_Cancelled) is not_applied, as the outcome model counts cancelled operations and as the same
 * deployment's deviceState "Canceled" says.
 */
import { EXTENDED_RESULT_FIELD } from './adu-extended-result.ts';
import type { Catalog, CatalogEntry } from './catalog-types.ts';
import { createCatalog } from './create-catalog.ts';
import { SHARED_CATEGORIES as C, row, statusRow } from './family-parts.ts';

const S = C.success.id;
const NA = C.not_applied.id;
const IP = C.in_progress.id;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const REBOOT = 'Succeeded. An immediate device reboot is required, to complete the task.';
const DEFERRED_REBOOT = 'Succeeded. A deferred device reboot is required, to complete the task.';
const RESTART = 'Succeeded. An immediate agent restart is required, to complete the task.';
const DEFERRED_RESTART = 'Succeeded. A deferred agent restart is required, to complete the task.';
const ASYNC = 'Async operation started. CompletionCallback will be called when complete.';
const UNSUPPORTED =
  'Succeeded to proceed with the workflow, but the action is not implemented/supported in the content handler.';

/** The codes ADU names, as the agent's header lists them. */
export const ADU_NAMED_ENTRIES: readonly CatalogEntry[] = [
  row(-1, 'ADUC_Result_Failure_Cancelled', "Primary task failed due to 'Cancel' action.", NA),
  row(0, 'ADUC_Result_Failure', 'Failure.', C.failure.id, 'other', 'unknown'),
  row(1, 'ADUC_Result_Success', 'General success.', S),
  row(2, 'ADUC_Result_Success_Cache_Miss', 'General success when cache miss.', S),
  row(100, 'ADUC_Result_Register_Success', 'Succeeded.', S),
  row(200, 'ADUC_Result_Idle_Success', 'Succeeded.', S),
  row(300, 'ADUC_Result_SandboxCreate_Success', 'Succeeded.', S),
  row(
    400,
    'ADUC_Result_DeploymentInProgress_Success',
    'Entering DeploymentInProgress state and sending ACK of ProcessDeployment update action Succeeded.',
    S,
  ),
  row(500, 'ADUC_Result_Download_Success', 'Succeeded.', S),
  row(501, 'ADUC_Result_Download_InProgress', ASYNC, IP),
  row(
    502,
    'ADUC_Result_Download_Skipped_FileExists',
    'Download skipped. File already exists and hash validation passed.',
    NA,
  ),
  row(
    503,
    'ADUC_Result_Download_Skipped_UpdateAlreadyInstalled',
    'Download succeeded. Also indicates that the Installed Criteria is met.',
    NA,
  ),
  row(
    504,
    'ADUC_Result_Download_Skipped_NoMatchingComponents',
    'Download succeeded. Also indicates that no matchings components for this update.',
    NA,
  ),
  row(
    520,
    'ADUC_Result_Download_Handler_SuccessSkipDownload',
    'Succeeded. DownloadHandler was able to produce the update. Agent must skip downloading.',
    S,
  ),
  row(
    521,
    'ADUC_Result_Download_Handler_RequiredFullDownload',
    'Not a failure. Agent fallback to downloading the update is required.',
    S,
  ),
  row(600, 'ADUC_Result_Install_Success', 'Succeeded.', S),
  row(601, 'ADUC_Result_Install_InProgress', ASYNC, IP),
  row(
    603,
    'ADUC_Result_Install_Skipped_UpdateAlreadyInstalled',
    'Install succeeded. Also indicates that the Installed Criteria is met.',
    NA,
  ),
  row(
    604,
    'ADUC_Result_Install_Skipped_NoMatchingComponents',
    'Install succeeded. Also indicates that no matchings components for this update.',
    NA,
  ),
  row(605, 'ADUC_Result_Install_RequiredImmediateReboot', REBOOT, S),
  row(606, 'ADUC_Result_Install_RequiredReboot', DEFERRED_REBOOT, S),
  row(607, 'ADUC_Result_Install_RequiredImmediateAgentRestart', RESTART, S),
  row(608, 'ADUC_Result_Install_RequiredAgentRestart', DEFERRED_RESTART, S),
  row(700, 'ADUC_Result_Apply_Success', 'Succeeded.', S),
  row(701, 'ADUC_Result_Apply_InProgress', ASYNC, IP),
  row(705, 'ADUC_Result_Apply_RequiredImmediateReboot', REBOOT, S),
  row(706, 'ADUC_Result_Apply_RequiredReboot', DEFERRED_REBOOT, S),
  row(707, 'ADUC_Result_Apply_RequiredImmediateAgentRestart', RESTART, S),
  row(708, 'ADUC_Result_Apply_RequiredAgentRestart', DEFERRED_RESTART, S),
  row(800, 'ADUC_Result_Cancel_Success', 'Succeeded.', S),
  row(801, 'ADUC_Result_Cancel_UnableToCancel', 'Not a failure. Cancel is best effort.', S),
  row(900, 'ADUC_Result_IsInstalled_Installed', 'Succeeded and content is installed.', S),
  row(901, 'ADUC_Result_IsInstalled_NotInstalled', 'Succeeded and content is not installed', S),
  row(1000, 'ADUC_Result_Backup_Success', 'Succeeded.', S),
  row(1001, 'ADUC_Result_Backup_Success_Unsupported', UNSUPPORTED, S),
  row(1002, 'ADUC_Result_Backup_InProgress', ASYNC, IP),
  row(1100, 'ADUC_Result_Restore_Success', 'Succeeded.', S),
  row(1101, 'ADUC_Result_Restore_Success_Unsupported', UNSUPPORTED, S),
  row(1102, 'ADUC_Result_Restore_InProgress', ASYNC, IP),
  row(1105, 'ADUC_Result_Restore_RequiredImmediateReboot', REBOOT, S),
  row(1106, 'ADUC_Result_Restore_RequiredReboot', DEFERRED_REBOOT, S),
  row(1107, 'ADUC_Result_Restore_RequiredImmediateAgentRestart', RESTART, S),
  row(1108, 'ADUC_Result_Restore_RequiredAgentRestart', DEFERRED_RESTART, S),
  row(
    1200,
    'ADUC_Result_RootKey_Continue',
    'Succeeded. The root key package is unchanged and the deployment continues.',
    S,
  ),
];

/** The ranges between the named codes: > 0 success, ≤ 0 failure (the agent's rule), over all int32. */
function otherCodes(named: readonly CatalogEntry[]): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  const push = (from: number, to: number) => {
    if (from > to) return;
    if (to <= 0) {
      out.push({
        ...row(
          [from, to],
          'Failure (code not in the ADU table)',
          'A result code ≤ 0 that the agent table does not name: a failure by the agent rule (extendedResultCode says where).',
          C.failure_vendor.id,
          'other',
          'unknown',
        ),
        vendor: true,
      });
    } else {
      out.push({
        ...row(
          [from, to],
          'Success (code not in the ADU table)',
          'A result code > 0 that the agent table does not name: a success by the agent rule.',
          C.success_vendor.id,
        ),
        vendor: true,
      });
    }
  };
  let next = INT32_MIN;
  for (const e of [...named].sort((a, b) => a.from - b.from)) {
    push(next, e.from - 1);
    next = e.to + 1;
  }
  push(next, INT32_MAX);
  return out;
}

const NAMED_CODES: ReadonlySet<number> = new Set(ADU_NAMED_ENTRIES.map((e) => e.from));

export const aduCatalog: Catalog = createCatalog({
  id: 'adu',
  name: 'ADU',
  title: 'Azure Device Update result codes',
  source:
    'Azure Device Update for IoT Hub agent, ADUC_ResultCode (src/adu_types/inc/aduc/types/adu_core.h, Azure/iot-hub-device-update) and the "Device Update for IoT Hub error codes" docs page (/azure/iot-hub-device-update/device-update-error-codes); deviceState: Device Update REST API, DeviceDeploymentState',
  entries: [...ADU_NAMED_ENTRIES, ...otherCodes(ADU_NAMED_ENTRIES)],
  statuses: [
    statusRow(['Succeeded'], 'The deployment succeeded on the device.', S),
    statusRow(['Failed'], 'The deployment failed on the device.', C.failure.id, 'other', 'unknown'),
    statusRow(['Canceled'], 'The deployment was canceled.', NA),
    statusRow(['Incompatible'], 'The device is not compatible with the update.', NA),
    statusRow(['InProgress'], 'The deployment is in progress on the device.', IP),
  ],
  categories: [C.success, C.success_vendor, C.failure, C.failure_vendor, C.not_applied, C.in_progress],
  // ADU's result codes carry no stage: where a failure happened is in extendedResultCode (see
  // adu-extended-result.ts), so triage covers every failure and charts no unknown-reason share.
  triage: {
    stages: ['other'],
    causes: ['unknown'],
    unknownReasonCode: null,
    words: {
      subject: 'Update',
      causes: 'Unknown (see the extended result code)',
      unknownReason: 'unknown reason',
    },
  },
  signals: { codeNames: ['extendedResultCode'], statusNames: ['deviceState'] },
  decodedField: EXTENDED_RESULT_FIELD,
  // Only the named codes: any integer has an ADU outcome, so only they say a column is ADU's.
  plausible: (code) => NAMED_CODES.has(code),
});
