/** The Overview's first answer: what is different about the failures, in words (src/analysis/findings.ts). */
import { visibleText } from '../dataset/visible-text.ts';
import type { AnalysisData } from '../worker/dataset-protocol.ts';
import { type Answer, shownValue } from './use-answer.ts';

export function FindingsList({ answer }: { answer: Answer<AnalysisData> }) {
  const { value, updating } = shownValue(answer);
  return (
    <section
      aria-labelledby="findings-title"
      className={`findings${updating ? ' is-updating' : ''}`}
      aria-busy={updating}
    >
      <h2 id="findings-title">What is different about the failures</h2>
      {value === null && answer.state === 'waiting' && (
        <p className="muted">Looking for over-represented codes and causes…</p>
      )}
      {answer.state === 'failed' && <p role="alert">The findings could not be computed: {answer.message}</p>}
      {value !== null &&
        (value.findings.length === 0 ? (
          <p>
            Nothing is over-represented among the failures: no code or cause fails notably more on one model,
            firmware, region or other value (at least 20 failures, 1.5×, q ≤ 1%).
          </p>
        ) : (
          <ol className="findings-list">
            {value.findings.map((f) => (
              <li key={f.text}>{visibleText(f.text)}</li>
            ))}
            {value.moreFindings > 0 && (
              <li className="muted">… and {value.moreFindings} more in the summary JSON</li>
            )}
          </ol>
        ))}
    </section>
  );
}
