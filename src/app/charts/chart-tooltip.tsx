import type { CodeCount } from '../../dataset/query-types.ts';
import { resultLabel, useDatasetWords } from '../dataset-words.tsx';
import { formatCount } from '../format.ts';
import { CAUSE_LABELS, categoryLabel, STAGE_LABELS } from '../labels.ts';

export function TooltipBox({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div className="chart-tooltip">
      <strong>{title}</strong>
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

/** A result's message, description and classification: what the spec or platform says it means. */
export function CodeTooltipContent({ code }: { code: CodeCount }) {
  const words = useDatasetWords();
  return (
    <div className="chart-tooltip chart-tooltip-code">
      <strong>
        {resultLabel(words, code)} {code.name}
      </strong>
      <p>{code.description}</p>
      <div>
        {formatCount(code.count)} operations · {categoryLabel(code.category)}
        {code.stage !== null && ` · stage: ${STAGE_LABELS[code.stage]}`}
        {code.cause !== null && ` · cause: ${CAUSE_LABELS[code.cause]}`}
      </div>
    </div>
  );
}
