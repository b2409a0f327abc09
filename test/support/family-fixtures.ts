/**
 * One small file per family, in the flat shapes its platform's public documentation describes, with the
 * figures the outcome model gives it, counted by hand from the family's table (each fixture says which).
 */

export interface FamilyFixture {
  /** What the fixture is and where its shape and values come from. */
  about: string;
  name: string;
  content: string;
  /** The family detection must choose. */
  family: string;
  perRecord?: boolean;
  totals: {
    operations: number;
    successes: number;
    failures: number;
    notApplied: number;
    inProgress: number;
    unrecognized: number;
    devices: number | null;
  };
  otherRecords?: number;
}

const ndjson = (records: readonly object[]) => records.map((r) => JSON.stringify(r)).join('\n');

export const FAMILY_FIXTURES: readonly FamilyFixture[] = [
  {
    // OMA-DM SCOMO 1.0 (OMA-TS-DM-SCOMO-V1_0), Result Codes: 1200 Successful, 1404 Download Failed (out of
    // memory), 1505 Download failed for an unknown reason
    about: 'a SCOMO result-code export (CSV)',
    name: 'scomo.csv',
    content:
      'result_code,device_id,time\n1200,d1,2026-10-01T08:00:00Z\n1404,d2,2026-10-01T08:01:00Z\n1505,d3,2026-10-01T08:02:00Z\n1200,d2,2026-10-01T08:03:00Z\n',
    family: 'scomo',
    totals: {
      operations: 4,
      successes: 2,
      failures: 2,
      notApplied: 0,
      inProgress: 0,
      unrecognized: 0,
      devices: 3,
    },
  },
  {
    // A SCOMO file of successes only: 1200 is also ADU's ADUC_Result_RootKey_Continue, and SCOMO must win
    about: 'a SCOMO export of successes only (CSV)',
    name: 'scomo-ok.csv',
    content: 'result_code,device_id\n1200,d1\n1200,d2\n',
    family: 'scomo',
    totals: {
      operations: 2,
      successes: 2,
      failures: 0,
      notApplied: 0,
      inProgress: 0,
      unrecognized: 0,
      devices: 2,
    },
  },
  {
    // OMA-DM FUMO 1.0 (OMA-TS-DM-FUMO-V1_0), Result Codes: 200 Successful, 250 vendor success, 402 Corrupted
    // Firmware Update Package, 410 Firmware Update Failed, 501 download fails (out of memory)
    about: 'a FUMO Generic Alert result export (CSV)',
    name: 'fumo.csv',
    content: 'device_id,result_code\nd1,200\nd2,402\nd3,501\nd4,200\nd5,410\nd6,250\n',
    family: 'fumo',
    totals: {
      operations: 6,
      successes: 3,
      failures: 3,
      notApplied: 0,
      inProgress: 0,
      unrecognized: 0,
      devices: 6,
    },
  },
  {
    // OMA-DM Generic Alerts of both families in one log, as Item/Meta/Type names them (FUMO:
    // org.openmobilealliance.dm.firmwareupdate.*, SCOMO: urn:oma:at:scomo:1.0:OperationComplete); a session
    // alert carries no result and is another record
    about: 'Generic Alerts of FUMO and SCOMO with another alert type (JSON)',
    name: 'alerts.json',
    content: JSON.stringify([
      { device: 'd1', type: 'org.openmobilealliance.dm.firmwareupdate.devicerequest', data: '200' },
      { device: 'd2', type: 'org.openmobilealliance.dm.firmwareupdate.devicerequest', data: '402' },
      { device: 'd3', type: 'urn:oma:at:scomo:1.0:OperationComplete', data: '1404' },
      { device: 'd4', type: 'urn:oma:at:scomo:1.0:OperationComplete', data: '1200' },
      { device: 'd5', type: 'org.openmobilealliance.dm.session', data: '' },
      { device: 'd6', type: 'org.openmobilealliance.dm.firmwareupdate.devicerequest', data: '501' },
    ]),
    family: 'fumo',
    perRecord: true,
    totals: {
      operations: 5,
      successes: 2,
      failures: 3,
      notApplied: 0,
      inProgress: 0,
      unrecognized: 0,
      devices: 5,
    },
    otherRecords: 1,
  },
  {
    // OMA LwM2M object 5 (Firmware Update), resource 5 Update Result: 0 initial, 1 success, 4 connection
    // lost during download, 8 firmware update failed, 10 cancelled
    about: 'LwM2M object 5 Update Result reads (CSV)',
    name: 'lwm2m5.csv',
    content: 'endpoint,updateResult\nd1,1\nd2,1\nd3,4\nd4,8\nd5,10\nd6,0\n',
    family: 'lwm2m-5',
    totals: {
      operations: 5,
      successes: 2,
      failures: 2,
      notApplied: 1,
      inProgress: 1,
      unrecognized: 0,
      devices: 6,
    },
  },
  {
    // OMA LwM2M object 9 (LwM2M Software Management), resource 9 Update Result: 2 installed, 3 downloaded
    // and verified, 50 not enough storage, 58 installation failure; a read of /3/0/0 (Device manufacturer)
    // is another record. Leshan's event stream names the endpoint `ep`.
    about: 'a LwM2M event stream with object 9 Update Result and another resource (NDJSON)',
    name: 'lwm2m9.ndjson',
    content: ndjson([
      { ep: 'd1', res: '/9/0/9', val: '2' },
      { ep: 'd2', res: '/9/0/9', val: '50' },
      { ep: 'd3', res: '/3/0/0', val: 'Acme' },
      { ep: 'd4', res: '/9/1/9', val: '58' },
      { ep: 'd5', res: '/9/0/9', val: '3' },
    ]),
    family: 'lwm2m-9',
    perRecord: true,
    totals: {
      operations: 3,
      successes: 1,
      failures: 2,
      notApplied: 0,
      inProgress: 1,
      unrecognized: 0,
      devices: 4,
    },
    otherRecords: 1,
  },
  {
    // Azure Device Update, "Device Update for IoT Hub error codes", ResultCode and ExtendedResultCode: 700
    // ADUC_Result_Apply_Success, 0 failure, -1 cancelled, 501 download in progress, 1200 root key continue
    about: 'an Azure Device Update result export (CSV)',
    name: 'adu.csv',
    content:
      'deviceId,resultCode,extendedResultCode\nd1,700,0\nd2,0,0x30200002\nd3,-1,0\nd4,501,0\nd5,1200,0\n',
    family: 'adu',
    totals: {
      operations: 4,
      successes: 2,
      failures: 1,
      notApplied: 1,
      inProgress: 1,
      unrecognized: 0,
      devices: 5,
    },
  },
  {
    // Device Update REST API, DeviceDeploymentState: Succeeded, Failed, Canceled, Incompatible, InProgress
    about: 'an Azure Device Update deployment device-state list (JSON)',
    name: 'adu-states.json',
    content: JSON.stringify([
      { deviceId: 'd1', deviceState: 'Succeeded' },
      { deviceId: 'd2', deviceState: 'Failed' },
      { deviceId: 'd3', deviceState: 'Canceled' },
      { deviceId: 'd4', deviceState: 'Incompatible' },
      { deviceId: 'd5', deviceState: 'InProgress' },
    ]),
    family: 'adu',
    totals: {
      operations: 4,
      successes: 1,
      failures: 1,
      notApplied: 2,
      inProgress: 1,
      unrecognized: 0,
      devices: 5,
    },
  },
  {
    // hawkBit Management API, target actions: `status` and `detailStatus` (finished, error, canceled,
    // running, wait_for_confirmation)
    about: 'hawkBit Management API actions (JSON)',
    name: 'hawkbit.json',
    content: JSON.stringify([
      { id: 1, target: 'd1', status: 'finished', detailStatus: 'finished' },
      { id: 2, target: 'd2', status: 'finished', detailStatus: 'error' },
      { id: 3, target: 'd3', status: 'finished', detailStatus: 'canceled' },
      { id: 4, target: 'd4', status: 'pending', detailStatus: 'running' },
      { id: 5, target: 'd5', status: 'pending', detailStatus: 'wait_for_confirmation' },
    ]),
    family: 'hawkbit',
    totals: {
      operations: 3,
      successes: 1,
      failures: 1,
      notApplied: 1,
      inProgress: 2,
      unrecognized: 0,
      devices: 5,
    },
  },
  {
    // hawkBit DDI API, deploymentBase feedback: status.execution and status.result.finished, with the
    // download progress (progress.cnt / progress.of), which is never a count
    about: 'hawkBit DDI feedback (NDJSON)',
    name: 'ddi.ndjson',
    content: ndjson([
      {
        controllerId: 'd1',
        status: { execution: 'closed', result: { finished: 'success', progress: { cnt: 3, of: 3 } } },
      },
      {
        controllerId: 'd2',
        status: { execution: 'closed', result: { finished: 'failure', progress: { cnt: 1, of: 3 } } },
      },
      {
        controllerId: 'd3',
        status: { execution: 'proceeding', result: { finished: 'none', progress: { cnt: 2, of: 5 } } },
      },
      {
        controllerId: 'd4',
        status: { execution: 'rejected', result: { finished: 'none', progress: { cnt: 0, of: 5 } } },
      },
    ]),
    family: 'hawkbit-ddi',
    totals: {
      operations: 3,
      successes: 1,
      failures: 1,
      notApplied: 1,
      inProgress: 1,
      unrecognized: 0,
      devices: 4,
    },
  },
  {
    // Mender Deployments API v1, devices of a deployment: `status` (success, failure, already-installed,
    // noartifact, downloading, pause_before_installing)
    about: 'Mender deployment devices (CSV)',
    name: 'mender.csv',
    content:
      'device_id,status\nd1,success\nd2,failure\nd3,already-installed\nd4,downloading\nd5,pause_before_installing\nd6,noartifact\n',
    family: 'mender',
    totals: {
      operations: 4,
      successes: 1,
      failures: 1,
      notApplied: 2,
      inProgress: 2,
      unrecognized: 0,
      devices: 6,
    },
  },
  {
    // AWS IoT API Reference, ListJobExecutionsForJob: executionSummaries[].jobExecutionSummary.status
    about: 'AWS IoT Jobs execution summaries (NDJSON)',
    name: 'aws.ndjson',
    content: ndjson(
      ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'REJECTED', 'CANCELED', 'QUEUED', 'IN_PROGRESS'].map(
        (status, k) => ({
          thingName: `d${k + 1}`,
          jobExecutionSummary: { status },
        }),
      ),
    ),
    family: 'aws-iot-jobs',
    totals: {
      operations: 5,
      successes: 1,
      failures: 3,
      notApplied: 1,
      inProgress: 2,
      unrecognized: 0,
      devices: 7,
    },
  },
];
