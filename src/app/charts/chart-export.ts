/**
 * A chart as a file: the SVG Recharts drew, made self-contained (namespaces, size, the colours CSS gave
 * its text and lines inlined, a background), and as PNG by drawing that SVG onto a canvas.
 */

const INLINED_STYLES = ['fill', 'stroke', 'font-family', 'font-size', 'font-weight', 'opacity'] as const;

export function serializeChartSvg(svg: SVGSVGElement, background: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  clone.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  clone.removeAttribute('style');
  clone.removeAttribute('class');

  const originals = svg.querySelectorAll<SVGElement>('text, tspan, line, path');
  const copies = clone.querySelectorAll<SVGElement>('text, tspan, line, path');
  originals.forEach((el, i) => {
    const copy = copies[i];
    if (copy === undefined) return;
    const computed = getComputedStyle(el);
    for (const name of INLINED_STYLES) {
      const value = computed.getPropertyValue(name);
      if (value !== '') copy.style.setProperty(name, value);
    }
  });

  copyReferencedPatterns(clone);
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background);
  clone.insertBefore(rect, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/**
 * The fill patterns the chart uses live in one hidden SVG of the page (dataset-words.tsx): a file of the
 * chart alone needs its own copies.
 */
function copyReferencedPatterns(clone: SVGSVGElement): void {
  const ids = new Set<string>();
  for (const el of clone.querySelectorAll('[fill^="url(#"]')) {
    const id = /^url\(#([^)]+)\)$/.exec(el.getAttribute('fill') ?? '')?.[1];
    if (id !== undefined) ids.add(id);
  }
  if (ids.size === 0) return;
  const defs = document.createElementNS('http://www.w3.org/2000/svg', 'defs');
  for (const id of ids) {
    const pattern = document.getElementById(id);
    if (pattern !== null) defs.appendChild(pattern.cloneNode(true));
  }
  clone.insertBefore(defs, clone.firstChild);
}

export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart image could not be drawn.'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('This browser cannot draw to a canvas.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
