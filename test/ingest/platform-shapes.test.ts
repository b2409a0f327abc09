import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarize } from '../support/ingest-text.ts';
import { cli } from '../support/run-cli.ts';

/**
 * Each fixture is a platform's export built from its public documentation (the field names and values the
 * docs name; the records are ours):
 * - hawkbit-actions.json: Eclipse hawkBit Management API, GET /rest/v1/actions (paged `content`, `total`;
 *   `detailStatus`, `lastStatusCode`, `_links.target.name`), https://eclipse.dev/hawkbit/apis/management_api/
 * - hawkbit-action-status.json: GET /rest/v1/targets/{targetId}/actions/{actionId}/status (`type`, `code`,
 *   `reportedAt`), same page;
 * - hawkbit-ddi-feedback.ndjson: the DDI API's deploymentBase feedback body (`time` in ISO 8601 basic
 *   format, `status.execution`, `status.result.finished`, `status.result.progress.cnt`/`of`), as a server
 *   logs it beside the `controllerId`, https://eclipse.dev/hawkbit/apis/ddi_api/
 * - mender-deployment-devices.json: Mender Deployments Management API, "List devices in deployment"
 *   (`id`, `status`, `substate`, `device_type`, `image.name`, RFC 3339 times with nanoseconds),
 *   https://docs.mender.io/api/#management-api-deployments
 * - aws-list-job-executions-for-job.json: AWS IoT ListJobExecutionsForJob (`executionSummaries[]` of
 *   `thingArn` and `jobExecutionSummary`, epoch seconds with fractions),
 *   https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobExecutionsForJob.html;
 *   aws-describe-job-execution.ndjson: DescribeJobExecution responses (`execution.statusDetails.detailsMap`),
 *   https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeJobExecution.html
 * - adu-device-states.json: Azure Device Update REST API, list device states of a deployment (`value`,
 *   `nextLink`, `deviceState`), https://learn.microsoft.com/rest/api/deviceupdate/dataplane/device-management;
 *   adu-twins.ndjson: device twins' `deviceUpdate.agent.lastInstallResult` (`resultCode`,
 *   `extendedResultCode`, `stepResults`), https://learn.microsoft.com/azure/iot-hub-device-update/device-update-plug-and-play
 * - leshan-events.ndjson: Eclipse Leshan server's event stream (NOTIFICATION: `ep`, `res`, `val.value` as
 *   strings), LwM2M 1.1 objects 5 (Firmware Update, resource 5 Update Result) and 9 (Software Management,
 *   resource 9 Update Result), https://github.com/eclipse-leshan/leshan/wiki
 */
const fixture = (name: string) => new URL(`../fixtures/platforms/${name}`, import.meta.url);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

interface Expected {
  family: string;
  rowsRead: number;
  otherRecords?: number;
  totals: { operations: number; successes: number; failures: number; notApplied: number; inProgress: number };
  devices: number;
  failingDevices: number;
  device: string;
  time?: { from: string; to: string };
  dimensions?: string[];
}

const SHAPES: [string, Expected][] = [
  [
    'hawkbit-actions.json',
    {
      family: 'hawkbit',
      rowsRead: 7,
      totals: { operations: 6, successes: 3, failures: 2, notApplied: 1, inProgress: 1 },
      devices: 6,
      failingDevices: 2,
      device: '_links.target.name',
      time: { from: '2026-10-01T08:15:30.000Z', to: '2026-10-01T08:45:30.000Z' },
    },
  ],
  [
    'hawkbit-ddi-feedback.ndjson',
    {
      family: 'hawkbit-ddi',
      rowsRead: 6,
      totals: { operations: 4, successes: 2, failures: 1, notApplied: 1, inProgress: 2 },
      devices: 5,
      failingDevices: 1,
      device: 'controllerId',
      time: { from: '2026-10-01T08:15:30.000Z', to: '2026-10-01T09:15:00.000Z' },
    },
  ],
  [
    'mender-deployment-devices.json',
    {
      family: 'mender',
      rowsRead: 7,
      totals: { operations: 6, successes: 2, failures: 2, notApplied: 2, inProgress: 1 },
      devices: 7,
      failingDevices: 2,
      device: 'id',
      time: { from: '2026-10-01T08:15:30.063Z', to: '2026-10-01T09:05:00.000Z' },
      dimensions: ['device_type', 'substate', 'image.name'],
    },
  ],
  [
    'aws-list-job-executions-for-job.json',
    {
      family: 'aws-iot-jobs',
      rowsRead: 6,
      totals: { operations: 4, successes: 1, failures: 2, notApplied: 1, inProgress: 2 },
      devices: 6,
      failingDevices: 2,
      device: 'thingArn',
      time: { from: '2026-10-01T08:00:00.000Z', to: '2026-10-01T08:26:40.000Z' },
    },
  ],
  [
    'aws-describe-job-execution.ndjson',
    {
      family: 'aws-iot-jobs',
      rowsRead: 4,
      totals: { operations: 4, successes: 1, failures: 3, notApplied: 0, inProgress: 0 },
      devices: 4,
      failingDevices: 3,
      device: 'execution.thingName',
      dimensions: ['execution.statusDetails.detailsMap.reason'],
    },
  ],
  [
    'adu-device-states.json',
    {
      family: 'adu',
      rowsRead: 5,
      totals: { operations: 4, successes: 1, failures: 1, notApplied: 2, inProgress: 1 },
      devices: 5,
      failingDevices: 1,
      device: 'deviceId',
    },
  ],
  [
    'adu-twins.ndjson',
    {
      family: 'adu',
      rowsRead: 4,
      totals: { operations: 4, successes: 2, failures: 2, notApplied: 0, inProgress: 0 },
      devices: 4,
      failingDevices: 2,
      device: 'deviceId',
    },
  ],
  [
    'leshan-events.ndjson',
    {
      family: 'lwm2m-5',
      rowsRead: 5,
      otherRecords: 3,
      totals: { operations: 5, successes: 2, failures: 2, notApplied: 1, inProgress: 0 },
      devices: 5,
      failingDevices: 2,
      device: 'ep',
    },
  ],
];

describe('platform exports as they come, read under the outcome model', () => {
  for (const [name, want] of SHAPES) {
    it(name, async () => {
      const summary = await summarize(name, read(name));
      expect(summary.totals).toMatchObject({
        ...want.totals,
        devices: want.devices,
        failingDevices: want.failingDevices,
      });
      expect(summary.source).toMatchObject({ rowsRead: want.rowsRead, rowsRejected: 0 });
      expect(summary.columns.device).toBe(want.device);
      expect(summary.families.map((f) => f.id)).toContain(want.family);
      if (want.time) expect(summary.timeRange).toEqual(want.time);
      if (want.dimensions)
        expect(summary.columns.dimensions).toEqual(expect.arrayContaining(want.dimensions));
    });
  }

  it('progress counts are never a count column (hawkBit DDI progress.cnt / of)', async () => {
    const summary = await summarize('ddi.ndjson', read('hawkbit-ddi-feedback.ndjson'));
    expect(summary.source.rowsRead).toBe(6);
    expect(summary.totals.operations + summary.totals.inProgress).toBe(6);
  });

  it('the CLI JSON gives the same figures', () => {
    const { status, stdout } = cli(
      'summarize',
      fixture('aws-list-job-executions-for-job.json').pathname,
      '--json',
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout).totals).toMatchObject({ operations: 4, failures: 2, devices: 6 });
  });
});
