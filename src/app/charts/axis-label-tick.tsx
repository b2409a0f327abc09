/**
 * A category-axis label on one line, shortened with an ellipsis to fit, with the full text as its SVG
 * title (Recharts' own tick wraps long labels onto lines that collide with their neighbours).
 */
export interface AxisTickProps {
  x?: unknown;
  y?: unknown;
  payload?: { value?: unknown };
}

export function renderAxisLabel({ x, y, payload }: AxisTickProps, maxChars: number) {
  const full = String(payload?.value ?? '');
  const text = full.length > maxChars ? `${full.slice(0, maxChars - 1)}…` : full;
  return (
    <text
      x={Number(x ?? 0) - 6}
      y={Number(y ?? 0)}
      dy="0.35em"
      textAnchor="end"
      fontSize={12}
      className="recharts-cartesian-axis-tick-value"
    >
      <title>{full}</title>
      {text}
    </text>
  );
}
