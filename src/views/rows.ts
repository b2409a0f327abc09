/** Events as the table and the device history show them: each row with what the catalog says of its code. */
import { verdicts } from '../analysis/verdicts.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { EventRow } from '../dataset/query-types.ts';
import type { DeviceHistory, EventView, RowsQuery, RowsWindow } from './view-types.ts';

/** Rows one window holds at most, whatever the query asks. */
const MAX_WINDOW = 2000;

export function eventView(dataset: Dataset, event: EventRow, index: number): EventView {
  const info = dataset.resultInfo(event.result);
  return {
    index,
    row: event.row,
    time: event.time,
    device: event.device,
    result: event.result,
    code: event.code,
    status: event.status,
    count: event.count,
    devices: event.devices,
    dimensions: event.dimensions,
    name: info.name,
    description: info.description,
    category: info.category,
    outcome: info.outcome,
    stage: info.stage,
    cause: info.cause,
  };
}

/** The query's window of `rows` (the selection in its sort order), clamped to the rows there are. */
export function rowsWindow(dataset: Dataset, query: RowsQuery, rows: Uint32Array): RowsWindow {
  const offset = Math.max(0, Math.min(query.offset, rows.length));
  const end = Math.min(rows.length, offset + Math.min(query.limit, MAX_WINDOW));
  const out: EventView[] = [];
  for (let i = offset; i < end; i++) out.push(eventView(dataset, dataset.event(rows[i] as number), i));
  return { offset, total: rows.length, rows: out };
}

/** A device's events in time order, with its failures, successes and its verdict (per component and operation). */
export function deviceHistory(dataset: Dataset, device: string): DeviceHistory {
  const events = dataset.deviceHistory(device).map((e, i) => eventView(dataset, e, i));
  let failures = 0;
  let successes = 0;
  for (const e of events) {
    if (e.outcome === 'failure') failures += e.count;
    if (e.outcome === 'success') successes += e.count;
  }
  const judged =
    events.length === 0 ? null : verdicts(dataset, dataset.all(), { devices: { names: [device] } });
  const verdict = judged?.devices[0] ?? null;
  return {
    device,
    events,
    failures,
    successes,
    verdict: verdict && {
      verdict: verdict.verdict,
      failures: verdict.failures,
      retry: verdict.retry,
      sequences: verdict.sequences,
    },
    verdictKeys: judged?.keys ?? [],
  };
}
