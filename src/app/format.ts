/** How figures read on screen: en-US thousands separators, percentages, times in UTC (or the browser's zone). */
import { isoTime } from '../dataset/iso-time.ts';
import type { TimeBucketSize } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';

const countFormat = new Intl.NumberFormat('en-US');
const percentFormat = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

export function formatCount(n: number | null): string {
  return n === null ? '—' : countFormat.format(n);
}

/** A count with its noun, singular for one: "1 failure", "2 failures", "1,000 operations". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}

/** An axis tick: whole percents, one decimal only where the step is finer. */
export function formatPercentTick(ratio: number): string {
  const pct = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * The zone the page writes times in: UTC by default (logs come from servers in many zones), or the
 * browser's own (the time-zone switch, use-time-zone.ts). Files the page saves (CSV, JSON, the chart
 * images and the HTML report) always say UTC.
 */
export type TimeZoneMode = 'utc' | 'local';
let shownZone: TimeZoneMode = 'utc';

export function setShownTimeZone(mode: TimeZoneMode): void {
  shownZone = mode;
}

const localFormat = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** "2024-05-01 13:35 GMT+5:30": the instant in the browser's zone, named. */
function localParts(ms: number): { date: string; time: string; zone: string } {
  const part: Record<string, string> = {};
  for (const p of localFormat.formatToParts(ms)) part[p.type] = p.value;
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    time: `${part.hour}:${part.minute}`,
    zone: part.timeZoneName ?? '',
  };
}

/** "2024-05-02 14:05 UTC", or in the browser's zone when the switch says so ("… GMT+2"). */
export function formatTime(ms: number | null, zone: TimeZoneMode = shownZone): string {
  const iso = ms === null ? null : isoTime(ms);
  if (ms === null || iso === null) return '—';
  if (zone === 'local') {
    const { date, time, zone: name } = localParts(ms);
    return `${date} ${time} ${name}`;
  }
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "2024-05-01 08:00 UTC – 2024-05-01 15:00 UTC", or null without times. */
export function formatTimeRange(
  range: { from: number; to: number } | null,
  zone: TimeZoneMode = shownZone,
): string | null {
  return range === null ? null : `${formatTime(range.from, zone)} – ${formatTime(range.to, zone)}`;
}

/** A time bucket's axis label, in UTC always: buckets are UTC hours and days, and the charts say "(UTC)". */
export function formatBucket(ms: number, bucket: TimeBucketSize): string {
  const iso = isoTime(ms);
  if (iso === null) return '—';
  if (bucket === 'day' || bucket === 'week') return iso.slice(0, 10);
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** An empty dimension value (no model, no server…) reads the same in every chart, chip, filter and table. */
export const NO_VALUE_LABEL = '(none)';

/** A dimension value as every surface shows it: its invisible characters marked (see visibleText). */
export function formatDimensionValue(value: string): string {
  return value === '' ? NO_VALUE_LABEL : visibleText(value);
}

export const BUCKET_MS: Record<TimeBucketSize, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};
