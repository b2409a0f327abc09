/**
 * The name tables of column inference and the ranking of a column name against them: which names say
 * "result code", "status", "time", "device", "count", and which say "not a dimension". Pure.
 */
/** Column names compared without case, spaces or punctuation: "Result Code" ≡ result_code ≡ resultCode. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Best first. The last segment of a dotted JSON name counts too (`result.code` → code). `updateresult`: the
 * LwM2M Update Result resource (`/5/x/5`, `/9/x/9`); `value`/`val`: a LwM2M read's value, a code only when its
 * values are codes.
 */
export const CODE_NAMES = [
  'resultcode',
  'scomoresultcode',
  'scomoresult',
  'resultcodes',
  'updateresult',
  'itemdata',
  // a LwM2M server's notification of a resource (Leshan's event stream: `{"res": "/5/0/5", "val": {"value": "8"}}`)
  'valvalue',
  'alertdata',
  'resultdata',
  'statuscode',
  'result',
  'code',
  'status',
  'data',
  'errorcode',
  'returncode',
  'rc',
  'outcome',
  'value',
  'val',
];
export const STRONG_CODE_NAMES = new Set([
  'resultcode',
  'scomoresultcode',
  'scomoresult',
  'updateresult',
  'itemdata',
  'code',
]);
/**
 * Names of status-word columns, best first: hawkBit's `detailStatus` before its coarser `status`, ADU's
 * `deviceState`, hawkBit DDI's `status.execution` (its `status.result.finished` is the second word, see
 * ColumnMapping.statusResult), AWS IoT Jobs' `jobExecutionSummary.status`, Mender's `status`.
 */
export const STATUS_NAMES = [
  'detailstatus',
  'devicestate',
  'execution',
  'status',
  'executionstatus',
  'jobstatus',
  'deploymentstatus',
  'laststatus',
  'state',
  'result',
  'finished',
  'outcome',
];
/**
 * Names of numbers that are never a result code, whatever their values: counters, ordinals, sizes and ids
 * (ADU's `retryCount` of 0 and 1, AWS's `executionNumber`, Leshan's `val.id` 5 beside `val.value`, a
 * rollout's id). Such a column is the code only when the caller names it so.
 */
export const COUNTER_NAME =
  /(?:count|number|num|no|attempts?|retry|retries|size|weight|version|id|index|seq|rollout)$/i;

/** A dotted name's last segment (`val.id` → `id`). */
export function lastName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
export const TIME_NAMES = [
  'timestamp',
  'time',
  'eventtime',
  'datetime',
  'ts',
  'date',
  'received',
  'receivedat',
  'receivedtime',
  'reportedat',
  'reported',
  // when a platform's record was last changed is when its result came (hawkBit, AWS IoT Jobs, Mender)
  'lastmodifiedat',
  'lastupdatedat',
  'updatedat',
  'finishedat',
  'completedat',
  'finished',
  'createdat',
  'created',
  'occurredat',
  'loggedat',
  'logtime',
  'eventdate',
  'day',
  'timeutc',
  'queuedat',
  'startedat',
  'when',
  'lastupdatedat',
  'lastmodifiedat',
  'finishedat',
  'completedat',
  'startedat',
];
export const DEVICE_NAMES = [
  'deviceid',
  'devid',
  'device',
  'imei',
  'meid',
  'serial',
  'serialnumber',
  'serialno',
  'devicesn',
  'deviceserial',
  'sn',
  'esn',
  'imsi',
  'iccid',
  'msisdn',
  'deviceidentifier',
  'dmdeviceid',
  // a SyncML message's sender (the syncml-reader's column)
  'synchdrsourcelocuri',
  // the platforms' names: hawkBit DDI, AWS IoT (the thing name is read out of an ARN), Leshan, hawkBit Mgmt
  'controllerid',
  'thingname',
  'thingarn',
  'ep',
  'linkstargetname',
  'clientid',
  'endpoint',
  'mac',
  'controllerid',
  'thingname',
  'ep',
  'targetname',
  'target',
];
/**
 * Best first. Not `weight`: in rollout consoles' exports it is a priority (a hawkBit action's weight of
 * 500), and a count column multiplies every figure; choose it by hand when it is one.
 */
export const COUNT_NAMES = [
  'count',
  'operations',
  'n',
  'total',
  'events',
  'occurrences',
  'cnt',
  'num',
  'qty',
  'quantity',
  'hits',
];
/** An aggregate's distinct devices per row: sql/ recipes write `devices`. */
export const DEVICE_COUNT_NAMES = [
  'devices',
  'devicecount',
  'distinctdevices',
  'uniquedevices',
  'ndevices',
  'numdevices',
];
export const IDENTIFIER_NAMES = new Set([
  'id',
  'uuid',
  'guid',
  'eventid',
  'requestid',
  'correlationid',
  'traceid',
  'sessionid',
  'messageid',
  'jobid',
  'rowid',
]);
export const FREE_TEXT_NAMES = new Set([
  'note',
  'notes',
  'comment',
  'comments',
  'description',
  'details',
  'detail',
  'text',
]);

/**
 * Names that say a column measures progress (hawkBit DDI `status.result.progress.cnt` / `.of`): never the
 * count column, whatever their last segment says, or a download's chunks become operations.
 */
export const PROGRESS_NAME = /progress|percent|pct/;
/** A time name by its ending: camelCase `At`/`Date`, or `_at`/`_date` after a separator. */
const TIME_SUFFIX = /(?:[a-z0-9]At|[a-z0-9]Date|[_\- ](?:at|date))$/;

/** A name's rank among `candidates`: higher is better, -1 when not named so (a dotted name's last segment counts). */
export function nameRank(name: string, candidates: readonly string[]): number {
  const full = normalizeName(name);
  const last = lastSegment(name);
  let rank = candidates.indexOf(full);
  if (rank < 0) rank = candidates.indexOf(last);
  if (rank < 0 && candidates === DEVICE_NAMES && (full.endsWith('deviceid') || full.includes('imei')))
    rank = 0;
  if (rank < 0 && candidates === CODE_NAMES && full.endsWith('resultcode')) rank = 0;
  if (rank < 0 && candidates === CODE_NAMES && full.endsWith('updateresult')) rank = 0;
  // any other `…At`, `…_at`, `…Date`, `…_date` (createdAt, last_seen_at, install_date), below every listed name
  if (rank < 0 && candidates === TIME_NAMES && TIME_SUFFIX.test(name.slice(name.lastIndexOf('.') + 1)))
    rank = candidates.length - 1;
  return rank < 0 ? -1 : candidates.length - rank;
}

/** The normalised last segment of a dotted JSON name: `status.result.finished` → finished. */
export function lastSegment(name: string): string {
  return normalizeName(name.slice(name.lastIndexOf('.') + 1));
}

/** Column names as a message shows them: quoted, the first 20, each cut at 40 characters. */
export function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none (no header row found)';
  // a name is shown short: a header cell can hold anything, up to megabytes of a file that is not a log
  const shown = names.slice(0, 20).map((n) => `"${n.length > 40 ? `${n.slice(0, 40)}…` : n}"`);
  return names.length > 20 ? `${shown.join(', ')} and ${names.length - 20} more` : shown.join(', ');
}
