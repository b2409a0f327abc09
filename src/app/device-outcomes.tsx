/**
 * Devices by how their updates ended (src/analysis/verdicts.ts), under the Summary: a count per verdict,
 * each with its device ids to download, and the ids to retry.
 */
import { VERDICT_LABELS, VERDICTS } from '../analysis/verdicts.ts';
import type { AnalysisData, Verdict } from '../worker/dataset-protocol.ts';
import { formatCount } from './format.ts';
import { type Answer, shownValue } from './use-answer.ts';

export function DeviceOutcomes({
  answer,
  shown: active,
  onShow,
  onDownload,
  partJudged,
}: {
  answer: Answer<AnalysisData>;
  /** The view filters by code, outcome, time or text, which the verdicts are not judged under. */
  partJudged: boolean;
  /** The verdict the view shows only the devices of; null for all. */
  shown: Verdict | 'retry' | null;
  onShow(verdict: Verdict | 'retry' | null): void;
  onDownload(verdict: Verdict | 'retry'): void;
}) {
  const { value, updating } = shownValue(answer);
  if (value === null || value.verdicts === null) return null;
  const { counts, keys, retry } = value.verdicts;
  const shown = VERDICTS.filter((v) => counts[v] > 0);
  return (
    <section
      aria-label="Device outcomes"
      className={`device-outcomes${updating ? ' is-updating' : ''}`}
      aria-busy={updating}
    >
      <h2>Device outcomes</h2>
      <p className="summary-note">
        Per device{keys.length > 0 ? ` and ${keys.join(' and ')}` : ''}, the last attempt decides; a device
        shows its worst.
        {partJudged &&
          ' Judged over each device’s whole history: the code, outcome, time and search filters do not narrow these counts (a code filter would drop the success that followed a failure).'}
      </p>
      <dl className="verdict-counts">
        {shown.map((v) => (
          <div key={v} className="verdict-count">
            <dt>
              <button
                type="button"
                className="link-button"
                aria-pressed={active === v}
                onClick={() => onShow(active === v ? null : v)}
              >
                {VERDICT_LABELS[v]}
              </button>
            </dt>
            <dd>
              {formatCount(counts[v])}{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Download the ids of the devices: ${VERDICT_LABELS[v]}`}
                onClick={() => onDownload(v)}
              >
                ids
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <div className="device-outcome-actions">
        <button
          type="button"
          className="button"
          aria-pressed={active === 'retry'}
          disabled={retry === 0}
          onClick={() => onShow(active === 'retry' ? null : 'retry')}
        >
          Show the devices to retry
        </button>
        <button type="button" className="button" disabled={retry === 0} onClick={() => onDownload('retry')}>
          Download device ids to retry ({formatCount(retry)})
        </button>
        {active !== null && (
          <span role="status">
            Showing only: {active === 'retry' ? 'devices to retry' : VERDICT_LABELS[active].toLowerCase()}.{' '}
            <button type="button" className="link-button" onClick={() => onShow(null)}>
              Show all devices
            </button>
          </span>
        )}
      </div>
    </section>
  );
}
