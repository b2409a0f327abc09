/**
 * Devices by how their updates ended (src/analysis/verdicts.ts), under the Summary: a count per verdict,
 * each with its device ids to download, and the ids to retry.
 */
import { VERDICT_LABELS, VERDICTS } from '../analysis/verdicts.ts';
import type { AnalysisData, Verdict } from '../worker/dataset-protocol.ts';
import { formatCount } from './format.ts';
import type { Answer } from './use-answer.ts';

export function DeviceOutcomes({
  answer,
  onDownload,
}: {
  answer: Answer<AnalysisData>;
  onDownload(verdict: Verdict | 'retry'): void;
}) {
  if (answer.state !== 'done' || answer.value.verdicts === null) return null;
  const { counts, keys, retry } = answer.value.verdicts;
  const shown = VERDICTS.filter((v) => counts[v] > 0);
  return (
    <section aria-label="Device outcomes" className="device-outcomes">
      <h2>Device outcomes</h2>
      <p className="summary-note">
        Per device{keys.length > 0 ? ` and ${keys.join(' and ')}` : ''}, the last attempt decides; a device
        shows its worst.
      </p>
      <dl className="verdict-counts">
        {shown.map((v) => (
          <div key={v} className="verdict-count">
            <dt>{VERDICT_LABELS[v]}</dt>
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
      <button type="button" disabled={retry === 0} onClick={() => onDownload('retry')}>
        Download device ids to retry ({formatCount(retry)})
      </button>
    </section>
  );
}
