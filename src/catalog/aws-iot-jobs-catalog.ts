/**
 * AWS IoT Jobs job execution status. Source: AWS IoT API Reference, JobExecution `status`
 * (/iot/latest/apireference/API_JobExecution.html, JobExecutionStatus) and the Developer Guide's "Jobs
 * and job execution states" (/iot/latest/developerguide/iot-jobs-lifecycle.html). TIMED_OUT and REJECTED
 * are terminal failures there; CANCELED and REMOVED end the execution without applying it.
 */
import type { Catalog } from './catalog-types.ts';
import { SHARED_CATEGORIES as C, statusFamily, statusRow } from './family-parts.ts';

const F = C.failure.id;
const NA = C.not_applied.id;
const IP = C.in_progress.id;

export const awsIotJobsCatalog: Catalog = statusFamily({
  id: 'aws-iot-jobs',
  name: 'AWS IoT Jobs',
  title: 'AWS IoT Jobs execution status',
  source:
    'AWS IoT API Reference, JobExecution status (JobExecutionStatus); Developer Guide, job execution states',
  statuses: [
    statusRow(['SUCCEEDED'], 'The device reported that the job execution succeeded.', C.success.id),
    statusRow(['FAILED'], 'The device reported that the job execution failed.', F, 'other', 'unknown'),
    statusRow(
      ['TIMED_OUT'],
      'The job execution did not reach a terminal state within its timeout.',
      F,
      'other',
      'unknown',
    ),
    statusRow(['REJECTED'], 'The device rejected the job execution.', F, 'other', 'unknown'),
    statusRow(['CANCELED'], 'The job or its execution was canceled.', NA),
    statusRow(['REMOVED'], 'The thing was removed from the job target.', NA),
    statusRow(['QUEUED'], 'The job execution waits for the device.', IP),
    statusRow(['IN_PROGRESS'], 'The device is running the job execution.', IP),
  ],
  // No distinctive field name: a job execution's `status`; its words identify it.
});
