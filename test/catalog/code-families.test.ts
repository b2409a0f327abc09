import { describe, expect, it } from 'vitest';
import { aduCatalog } from '../../src/catalog/adu-catalog.ts';
import type { Catalog, Cause, Outcome, Stage } from '../../src/catalog/catalog-types.ts';
import { fumoCatalog } from '../../src/catalog/fumo-catalog.ts';
import { lwm2m5Catalog } from '../../src/catalog/lwm2m-5-catalog.ts';
import { lwm2m9Catalog } from '../../src/catalog/lwm2m-9-catalog.ts';

// Each table is written out by hand from the family's public source (cited in its catalog file): the
// code (or [from, to] for a range), the Result Message, outcome, category, stage and cause.
type Expected = [
  codes: number | [number, number],
  name: string,
  outcome: Outcome,
  category: string,
  stage: Stage | null,
  cause: Cause | null,
];

const FUMO: Expected[] = [
  [200, 'Successful', 'success', 'success', null, null],
  [[250, 299], 'Successful – Vendor Specified', 'success', 'success_vendor', null, null],
  [400, 'Management Client Error', 'failure', 'client_error', 'other', 'device'],
  [401, 'User Cancelled', 'failure', 'client_error', 'consent', 'user'],
  [402, 'Corrupted Firmware Update Package', 'failure', 'client_error', 'validation', 'package'],
  [403, 'Firmware Update Package – Device Mismatch', 'failure', 'client_error', 'validation', 'unsupported'],
  [404, 'Failed Firmware Update Package Validation', 'failure', 'client_error', 'validation', 'package'],
  [405, 'Firmware Update Package Not Acceptable', 'failure', 'client_error', 'validation', 'package'],
  [406, 'Alternate Download Authentication Failure', 'failure', 'client_error', 'download', 'config'],
  [407, 'Alternate Download Request Time-Out', 'failure', 'client_error', 'download', 'network'],
  [408, 'Not Implemented', 'failure', 'client_error', 'other', 'unsupported'],
  [409, 'Undefined Error', 'failure', 'client_error', 'other', 'unknown'],
  [410, 'Firmware Update Failed', 'failure', 'client_error', 'install', 'unknown'],
  [411, 'Malformed or Bad URL', 'failure', 'client_error', 'download', 'config'],
  [412, 'Alternate Download Server Unavailable', 'failure', 'client_error', 'download', 'server'],
  [[450, 499], 'Client Error – Vendor Specified', 'failure', 'client_error_vendor', 'other', 'device'],
  [500, 'Alternate Download Server Error', 'failure', 'download_server_error', 'download', 'server'],
  [
    501,
    'Download fails due to device is out of memory',
    'failure',
    'download_server_error',
    'download',
    'device',
  ],
  [
    502,
    'Firmware update fails due to device out of memory',
    'failure',
    'download_server_error',
    'install',
    'device',
  ],
  [503, 'Download fails due to network issues', 'failure', 'download_server_error', 'download', 'network'],
  [
    [550, 599],
    'Alternate Download Server Error – Vendor Specified',
    'failure',
    'download_server_error_vendor',
    'download',
    'server',
  ],
];

const LWM2M_5: Expected[] = [
  [0, 'Initial value', 'in_progress', 'in_progress', null, null],
  [1, 'Firmware updated successfully', 'success', 'success', null, null],
  [2, 'Not enough flash memory', 'failure', 'failure', 'download', 'device'],
  [3, 'Out of RAM during downloading process', 'failure', 'failure', 'download', 'device'],
  [4, 'Connection lost during downloading process', 'failure', 'failure', 'download', 'network'],
  [5, 'Integrity check failure', 'failure', 'failure', 'validation', 'package'],
  [6, 'Unsupported package type', 'failure', 'failure', 'validation', 'unsupported'],
  [7, 'Invalid URI', 'failure', 'failure', 'download', 'config'],
  [8, 'Firmware update failed', 'failure', 'failure', 'install', 'unknown'],
  [9, 'Unsupported protocol', 'failure', 'failure', 'download', 'unsupported'],
  [10, 'Firmware update cancelled', 'not_applied', 'not_applied', null, null],
  [11, 'Firmware update deferred', 'not_applied', 'not_applied', null, null],
];

const LWM2M_9: Expected[] = [
  [0, 'Initial value', 'in_progress', 'in_progress', null, null],
  [1, 'Downloading', 'in_progress', 'in_progress', null, null],
  [2, 'Software successfully installed', 'success', 'success', null, null],
  [3, 'Successfully Downloaded and package integrity verified', 'in_progress', 'in_progress', null, null],
  [50, 'Not enough storage', 'failure', 'failure', 'download', 'device'],
  [51, 'Out of memory during downloading process', 'failure', 'failure', 'download', 'device'],
  [52, 'Connection lost during downloading process', 'failure', 'failure', 'download', 'network'],
  [53, 'Package integrity check failure', 'failure', 'failure', 'validation', 'package'],
  [54, 'Unsupported package type', 'failure', 'failure', 'validation', 'unsupported'],
  [56, 'Invalid URI', 'failure', 'failure', 'download', 'config'],
  [57, 'Device defined update error', 'failure', 'failure', 'other', 'device'],
  [58, 'Software installation failure', 'failure', 'failure', 'install', 'unknown'],
  [59, 'Uninstallation failure', 'failure', 'failure', 'remove', 'unknown'],
];

const S = 'success';
const ADU_SUCCESS: [number, string][] = [
  [1, 'Success'],
  [2, 'Success_Cache_Miss'],
  [100, 'Register_Success'],
  [200, 'Idle_Success'],
  [300, 'SandboxCreate_Success'],
  [400, 'DeploymentInProgress_Success'],
  [500, 'Download_Success'],
  [520, 'Download_Handler_SuccessSkipDownload'],
  [521, 'Download_Handler_RequiredFullDownload'],
  [600, 'Install_Success'],
  [605, 'Install_RequiredImmediateReboot'],
  [606, 'Install_RequiredReboot'],
  [607, 'Install_RequiredImmediateAgentRestart'],
  [608, 'Install_RequiredAgentRestart'],
  [700, 'Apply_Success'],
  [705, 'Apply_RequiredImmediateReboot'],
  [706, 'Apply_RequiredReboot'],
  [707, 'Apply_RequiredImmediateAgentRestart'],
  [708, 'Apply_RequiredAgentRestart'],
  [800, 'Cancel_Success'],
  [801, 'Cancel_UnableToCancel'],
  [900, 'IsInstalled_Installed'],
  [901, 'IsInstalled_NotInstalled'],
  [1000, 'Backup_Success'],
  [1001, 'Backup_Success_Unsupported'],
  [1100, 'Restore_Success'],
  [1101, 'Restore_Success_Unsupported'],
  [1105, 'Restore_RequiredImmediateReboot'],
  [1106, 'Restore_RequiredReboot'],
  [1107, 'Restore_RequiredImmediateAgentRestart'],
  [1108, 'Restore_RequiredAgentRestart'],
  [1200, 'RootKey_Continue'],
];
const ADU: Expected[] = [
  [0, 'ADUC_Result_Failure', 'failure', 'failure', 'other', 'unknown'],
  [-1, 'ADUC_Result_Failure_Cancelled', 'not_applied', 'not_applied', null, null],
  ...ADU_SUCCESS.map(([code, name]): Expected => [code, `ADUC_Result_${name}`, S, S, null, null]),
  [501, 'ADUC_Result_Download_InProgress', 'in_progress', 'in_progress', null, null],
  [601, 'ADUC_Result_Install_InProgress', 'in_progress', 'in_progress', null, null],
  [701, 'ADUC_Result_Apply_InProgress', 'in_progress', 'in_progress', null, null],
  [1002, 'ADUC_Result_Backup_InProgress', 'in_progress', 'in_progress', null, null],
  [1102, 'ADUC_Result_Restore_InProgress', 'in_progress', 'in_progress', null, null],
  [502, 'ADUC_Result_Download_Skipped_FileExists', 'not_applied', 'not_applied', null, null],
  [503, 'ADUC_Result_Download_Skipped_UpdateAlreadyInstalled', 'not_applied', 'not_applied', null, null],
  [504, 'ADUC_Result_Download_Skipped_NoMatchingComponents', 'not_applied', 'not_applied', null, null],
  [603, 'ADUC_Result_Install_Skipped_UpdateAlreadyInstalled', 'not_applied', 'not_applied', null, null],
  [604, 'ADUC_Result_Install_Skipped_NoMatchingComponents', 'not_applied', 'not_applied', null, null],
];

function probes(codes: number | [number, number]): number[] {
  if (typeof codes === 'number') return [codes];
  const [from, to] = codes;
  return [from, Math.floor((from + to) / 2), to];
}

function checkTable(catalog: Catalog, table: Expected[]): void {
  for (const [codes, name, outcome, category, stage, cause] of table) {
    for (const code of probes(codes)) {
      it(`${code} → ${name} (${outcome})`, () => {
        expect(catalog.lookup(code)).toMatchObject({
          code,
          name,
          outcome,
          category,
          stage,
          cause,
          vendor: typeof codes !== 'number',
        });
      });
    }
  }
}

function checkUnrecognized(catalog: Catalog, codes: number[]): void {
  it.each(codes)('%s is unrecognized', (code) => {
    expect(catalog.lookup(code)).toMatchObject({
      outcome: 'unrecognized',
      category: 'unrecognized',
      stage: null,
    });
  });
}

describe('FUMO (OMA-TS-DM-FUMO-V1_0, Result Codes)', () => {
  checkTable(fumoCatalog, FUMO);
  it('has one entry per row of the spec table', () => expect(fumoCatalog.entries).toHaveLength(FUMO.length));
  checkUnrecognized(fumoCatalog, [0, 199, 201, 249, 300, 399, 413, 449, 504, 549, 600, 1200, -200, 250.5]);
  it('finds 200–599 plausible, nothing else', () => {
    expect([200, 300, 599].map(fumoCatalog.plausible)).toEqual([true, true, true]);
    expect([199, 600, 1200, 404.5].map(fumoCatalog.plausible)).toEqual([false, false, false, false]);
  });
  it('cites its source', () => expect(fumoCatalog.source).toMatch(/OMA-TS-DM-FUMO-V1_0.*Result Codes/));
});

describe('LwM2M object 5, resource 5 Update Result', () => {
  checkTable(lwm2m5Catalog, LWM2M_5);
  it('has one entry per value', () => expect(lwm2m5Catalog.entries).toHaveLength(LWM2M_5.length));
  checkUnrecognized(lwm2m5Catalog, [-1, 12, 50, 255]);
  it('finds 0–11 plausible', () => {
    expect([0, 11].map(lwm2m5Catalog.plausible)).toEqual([true, true]);
    expect([-1, 12].map(lwm2m5Catalog.plausible)).toEqual([false, false]);
  });
});

describe('LwM2M object 9, resource 9 Update Result', () => {
  checkTable(lwm2m9Catalog, LWM2M_9);
  it('has one entry per value', () => expect(lwm2m9Catalog.entries).toHaveLength(LWM2M_9.length));
  checkUnrecognized(lwm2m9Catalog, [4, 49, 55, 60, 200, -1]);
  it('finds 0–3 and 50–59 plausible, 55 too (the numbering), nothing else', () => {
    expect([0, 3, 50, 55, 59].map(lwm2m9Catalog.plausible)).toEqual([true, true, true, true, true]);
    expect([4, 49, 60].map(lwm2m9Catalog.plausible)).toEqual([false, false, false]);
  });
});

describe('Azure Device Update resultCode', () => {
  checkTable(aduCatalog, ADU);

  it('gives every other positive int32 success and every other code ≤ 0 failure (the agent rule)', () => {
    const named = new Set(ADU.flatMap(([c]) => probes(c)));
    for (const code of [3, 99, 101, 505, 519, 602, 702, 1201, 65_536, 2_147_483_647]) {
      expect(named.has(code)).toBe(false);
      expect(aduCatalog.lookup(code)).toMatchObject({
        outcome: 'success',
        category: 'success_vendor',
        vendor: true,
      });
    }
    for (const code of [-2, -100, -2_147_483_648]) {
      expect(aduCatalog.lookup(code)).toMatchObject({
        outcome: 'failure',
        category: 'failure_vendor',
        stage: 'other',
        cause: 'unknown',
      });
    }
  });

  it('has an outcome for every int32 and none outside it', () => {
    for (let code = -2000; code <= 2000; code++)
      expect(aduCatalog.lookup(code).outcome).not.toBe('unrecognized');
    for (const c of [2_147_483_648, -2_147_483_649, 1.5])
      expect(aduCatalog.lookup(c).outcome).toBe('unrecognized');
  });

  it('names each code of the table once, and nothing else', () => {
    const named = aduCatalog.entries.filter((e) => !e.category.endsWith('_vendor')).map((e) => e.from);
    expect(named.sort((a, b) => a - b)).toEqual(ADU.map(([c]) => c as number).sort((a, b) => a - b));
  });

  it('finds only the named codes plausible', () => {
    expect([0, -1, 1, 500, 1200].map(aduCatalog.plausible)).toEqual([true, true, true, true, true]);
    expect([3, -2, 99_999].map(aduCatalog.plausible)).toEqual([false, false, false]);
  });

  it.each([
    ['Succeeded', 'success'],
    ['failed', 'failure'],
    ['CANCELED', 'not_applied'],
    ['Incompatible', 'not_applied'],
    ['In Progress', 'in_progress'],
    ['in_progress', 'in_progress'],
  ] as const)('deviceState %s → %s', (word, outcome) => {
    expect(aduCatalog.lookupStatus(word)?.outcome).toBe(outcome);
  });

  it('knows no other deviceState word', () => {
    expect(aduCatalog.lookupStatus('Cancelling')).toBeNull();
    expect(aduCatalog.lookupStatus('Failed')).toMatchObject({ stage: 'other', cause: 'unknown' });
  });
});
