/** The Overview's first answer: what is different about the failures, in words (src/analysis/findings.ts). */
import { visibleText } from '../dataset/visible-text.ts';
import type { AnalysisData } from '../worker/dataset-protocol.ts';
import type { Answer } from './use-answer.ts';

export function FindingsList({ answer }: { answer: Answer<AnalysisData> }) {
  return (
    <section aria-labelledby="findings-title" className="findings">
      <h2 id="findings-title">What is different about the failures</h2>
      {answer.state === 'waiting' && <p className="muted">Looking for over-represented codes and causes…</p>}
      {answer.state === 'failed' && <p role="alert">The findings could not be computed: {answer.message}</p>}
      {answer.state === 'done' &&
        (answer.value.findings.length === 0 ? (
          <p>
            Nothing is over-represented among the failures: no code or cause fails notably more on one model,
            firmware, region or other value (at least 20 failures, 1.5×, q ≤ 1%).
          </p>
        ) : (
          <ol className="findings-list">
            {answer.value.findings.map((f) => (
              <li key={f.text}>{visibleText(f.text)}</li>
            ))}
            {answer.value.moreFindings > 0 && (
              <li className="muted">… and {answer.value.moreFindings} more in the summary JSON</li>
            )}
          </ol>
        ))}
    </section>
  );
}
