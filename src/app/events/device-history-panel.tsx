import { useEffect, useId, useRef, useState } from 'react';
import type { DeviceHistory } from '../../worker/dataset-protocol.ts';
import { formatCount, formatTime } from '../format.ts';
import { CATEGORY_LABELS } from '../labels.ts';

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
          Device history: <span className="mono">{device}</span>
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {history === null && error === null && <p>Loading…</p>}
      {history !== null && (
        <>
          <p className="device-verdict">
            {formatCount(history.events.length)} attempts · {formatCount(history.failures)} failed ·{' '}
            {formatCount(history.successes)} succeeded ·{' '}
            {history.failures === 0 ? (
              <strong className="ok">never failed</strong>
            ) : history.eventuallySucceeded ? (
              <strong className="ok">eventually succeeded</strong>
            ) : (
              <strong className="bad">has not succeeded since failing</strong>
            )}
          </p>
          <div className="device-history-scroll">
            <table>
              <caption className="visually-hidden">Events of {device} in time order</caption>
              <thead>
                <tr>
                  <th scope="col">Time (UTC)</th>
                  <th scope="col">Code</th>
                  <th scope="col">Message</th>
                  <th scope="col">Class</th>
                  {dimensionNames.map((n) => (
                    <th key={n} scope="col">
                      {n}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {history.events.map((e) => (
                  <tr key={e.row} className={`outcome-${e.outcome}`}>
                    <td className="nowrap">{formatTime(e.time)}</td>
                    <td className="num">{e.code}</td>
                    <td title={e.description}>{e.name}</td>
                    <td>
                      <span className={`cat cat-${e.category}`}>{CATEGORY_LABELS[e.category]}</span>
                    </td>
                    {e.dimensions.map((v, i) => (
                      <td key={dimensionNames[i] ?? i}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
