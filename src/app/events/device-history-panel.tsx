import { useEffect, useId, useRef, useState } from 'react';
import { VERDICT_LABELS, verdictText } from '../../analysis/verdicts.ts';
import { visibleText } from '../../dataset/visible-text.ts';
import type { DeviceHistory } from '../../worker/dataset-protocol.ts';
import { CategorySwatch } from '../dataset-words.tsx';
import { countOf, formatCount, formatDimensionValue, formatTime } from '../format.ts';
import { categoryLabel } from '../labels.ts';

/** One device's attempts in time order, and whether it got there in the end. */
export function DeviceHistoryPanel({
  device,
  dimensionNames,
  fetchHistory,
  onClose,
}: {
  device: string;
  dimensionNames: readonly string[];
  fetchHistory(device: string): Promise<DeviceHistory>;
  onClose(): void;
}) {
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [history, setHistory] = useState<DeviceHistory | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setHistory(null);
    setError(null);
    fetchHistory(device).then(
      (h) => live && setHistory(h),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    headingRef.current?.focus();
    return () => {
      live = false;
    };
  }, [device, fetchHistory]);

  return (
    <section
      className="device-history panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="device-history-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          Device history: <span className="mono">{visibleText(device)}</span>
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {history === null && error === null && <p>Loading…</p>}
      {history !== null && <HistoryBody history={history} dimensionNames={dimensionNames} />}
    </section>
  );
}

/**
 * Narrow enough for a side panel at 1280 px: what is the same in every attempt (model, firmware, region…)
 * is said once above the table; what changes from attempt to attempt (operation, server…) goes under each
 * message; the code carries its class as a coloured mark.
 */
function HistoryBody({
  history,
  dimensionNames,
}: {
  history: DeviceHistory;
  dimensionNames: readonly string[];
}) {
  const first = history.events[0];
  const same = dimensionNames.map((_, i) =>
    history.events.every((e) => e.dimensions[i] === first?.dimensions[i]),
  );
  const fixed = dimensionNames.flatMap((name, i) =>
    same[i] && first !== undefined ? [{ name, value: first.dimensions[i] ?? '' }] : [],
  );
  const varying = dimensionNames.flatMap((name, i) => (same[i] ? [] : [{ name, index: i }]));
  if (history.events.length === 0) {
    return (
      <p className="device-verdict" role="status">
        No events for this device id: it is not in this data.
      </p>
    );
  }
  return (
    <>
      <p className="device-verdict">
        {countOf(history.events.length, 'attempt')} · {formatCount(history.failures)} failed ·{' '}
        {formatCount(history.successes)} succeeded · <VerdictText verdict={history.verdict} />
      </p>
      {history.verdict && history.verdict.sequences.length > 1 && (
        <ul className="device-sequences" aria-label="Verdict per component and operation">
          {history.verdict.sequences.map((s) => (
            <li key={s.key.join('\u0000')}>
              {s.key.map((k) => formatDimensionValue(k)).join(' · ')}:{' '}
              {VERDICT_LABELS[s.verdict].toLowerCase()}
            </li>
          ))}
        </ul>
      )}
      {fixed.length > 0 && (
        <dl className="device-facts">
          {fixed.map((f) => (
            <div key={f.name}>
              <dt>{visibleText(f.name)}</dt>
              <dd className={f.value === '' ? 'muted' : undefined}>{formatDimensionValue(f.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="device-history-scroll">
        <table>
          <caption className="visually-hidden">Events of {visibleText(history.device)} in time order</caption>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Code</th>
              <th scope="col">
                Message
                {varying.length > 0 && (
                  <span className="device-varying-head">
                    {' '}
                    · {varying.map((v) => visibleText(v.name)).join(' · ')}
                  </span>
                )}
              </th>
            </tr>
          </thead>
          <tbody>
            {history.events.map((e) => (
              <tr key={e.row} className={`outcome-${e.outcome}`}>
                <td className="nowrap">{formatTime(e.time)}</td>
                <td className="num">
                  <span className="cat" title={categoryLabel(e.category)}>
                    <CategorySwatch id={e.category} />
                    {e.code ?? e.status}
                  </span>
                  <span className="visually-hidden"> ({categoryLabel(e.category)})</span>
                </td>
                <td>
                  <span title={e.description}>{e.name}</span>
                  {varying.length > 0 && (
                    <span className="device-varying">
                      {varying.map((v) => formatDimensionValue(e.dimensions[v.index] ?? '')).join(' · ')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The device's verdict: green only when every component and operation ended in success. */
function VerdictText({ verdict }: { verdict: DeviceHistory['verdict'] }) {
  if (verdict === null) return <strong className="bad">no events for this device</strong>;
  const ok = verdict.verdict === 'succeeded_first_time' || verdict.verdict === 'succeeded_after_failures';
  const text = verdictText(verdict.verdict, verdict.failures).toLowerCase();
  return <strong className={ok ? 'ok' : verdict.retry ? 'bad' : undefined}>{text}</strong>;
}
