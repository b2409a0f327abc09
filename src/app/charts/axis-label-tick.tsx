/**
 * A category-axis label on up to two lines, broken between words, shortened with an ellipsis only when
 * even two lines cannot hold it, with the full text as its SVG title; the chart makes its rows tall enough
 * for the lines it asked for (see `barRowHeight`).
 */
/** Average width of a character of the 12 px axis font, for fitting labels into a pixel width. */
const CHAR_PX = 6.6;
const MAX_LINES = 2;
const LINE_EM = 1.15;

export function charsFitting(widthPx: number): number {
  return Math.max(4, Math.floor((widthPx - 8) / CHAR_PX));
}

/** The label's lines for a line length; a word longer than a line is cut where the line ends. */
export function labelLines(label: string, maxChars: number, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let rest = label.trim();
  while (rest !== '' && lines.length < maxLines) {
    if (rest.length <= maxChars) {
      lines.push(rest);
      rest = '';
      break;
    }
    const cut = rest.lastIndexOf(' ', maxChars);
    const at = cut > 0 ? cut : maxChars;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') {
    const last = lines.pop() ?? '';
    lines.push(`${last.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`);
  }
  return lines;
}

/** Pixels per bar: room for two lines of label when any label needs them. */
export function barRowHeight(labels: readonly string[], maxChars: number): number {
  return labels.some((l) => labelLines(l, maxChars).length > 1) ? 36 : 26;
}

/** The label `full`, its lines ending at `x`, centred on `y`. */
export function renderAxisLabel(x: number, y: number, full: string, maxChars: number) {
  const lines = labelLines(full, maxChars);
  const firstDy = 0.35 - ((lines.length - 1) * LINE_EM) / 2;
  return (
    <text x={x} y={y} textAnchor="end" fontSize={12} className="chart-tick">
      <title>{full}</title>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <tspan key={i} x={x} dy={`${i === 0 ? firstDy : LINE_EM}em`}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
