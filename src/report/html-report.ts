/**
 * The incident-review report: one self-contained HTML file (inline styles, charts as inline SVG, no
 * scripts, no links to fetch), so it opens offline and can be attached to a write-up as it is. The page
 * gathers the figures as it shows them; this only lays them out.
 */
import type { RejectedRow } from '../ingest/ingest.ts';

export interface HtmlReportInput {
  generatedAt: string;
  /** The Summary's figures, as the page writes them: [term, figure]. */
  figures: readonly (readonly [string, string])[];
  /** The active filters as the chips read, and the search; empty for every event. */
  filters: readonly string[];
  sources: readonly string[];
  /** As the page writes it; null without times. */
  timeRange: string | null;
  /** Framed chart SVG documents (chart-export.ts), each with its title. */
  charts: readonly { title: string; svg: string }[];
  /** The top failing devices: a header row, then one row per device, as the page writes the cells. */
  devices: { columns: readonly string[]; rows: readonly (readonly string[])[] };
  /** The findings, in words. */
  findings: readonly string[];
  rejected: { count: string; shown: readonly RejectedRow[] };
  warnings: readonly string[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE = `body{font-family:system-ui,sans-serif;color:#1b1f24;background:#fff;margin:24px;max-width:1100px}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6em}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}
dl.figures div{border:1px solid #ccd;padding:6px 8px;border-radius:4px}dt{color:#5b6470;font-size:.85rem}
dd{margin:0;font-size:1.25rem;font-weight:650}table{border-collapse:collapse}
th,td{border:1px solid #ccd;padding:3px 8px;text-align:left}figure{margin:1em 0;break-inside:avoid}
figure svg{max-width:100%;height:auto}`;

/** The SVG document as an element to inline: without its XML declaration. */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*\?>\s*/, '');
}

function list(items: readonly string[], empty: string): string {
  return items.length === 0
    ? `<p>${escapeHtml(empty)}</p>`
    : `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

function table(caption: string, columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const figures = input.figures
    .map(([term, figure]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(figure)}</dd></div>`)
    .join('');
  const charts = input.charts
    .map((c) => `<figure aria-label="${escapeHtml(c.title)}">${inlineSvg(c.svg)}</figure>`)
    .join('');
  const rejected = input.rejected.shown.map((r) => [r.file, String(r.line), r.reason]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dmscope report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><h1>dmscope report</h1>
<p>Generated ${escapeHtml(input.generatedAt)}</p>
<p>Source: ${escapeHtml(input.sources.join(', '))}</p>
<p>Time range: ${escapeHtml(input.timeRange ?? 'the data has no times')}</p>
<h2>Filters</h2>${list(input.filters, 'None (all events)')}
<h2>Summary</h2><dl class="figures">${figures}</dl>
${input.warnings.length === 0 ? '' : `<h2>Warnings</h2>${list(input.warnings, '')}`}
<h2>Findings</h2>${list(input.findings, 'No finding: nothing stands out among the failures.')}
<h2>Top failing devices</h2>${
    input.devices.rows.length === 0
      ? '<p>No failing devices, or the data has no device column.</p>'
      : table('Top failing devices', input.devices.columns, input.devices.rows)
  }
<h2>Charts</h2>${charts === '' ? '<p>The current view shows no chart.</p>' : charts}
<h2>Rejected rows: ${escapeHtml(input.rejected.count)}</h2>${
    rejected.length === 0
      ? '<p>No rejected rows.</p>'
      : table('Rejected rows', ['File', 'Line', 'Reason'], rejected)
  }
</body></html>
`;
}
