/**
 * Renders a vega-lite spec to an SVG string on the server: vega-lite compiles to vega,
 * vega's headless `View` (renderer "none") draws the scene graph and `toSVG()` serialises
 * it. The SVG is inlined in the HTML, so reports need no script and no network to show it.
 *
 * Accessibility: vega marks every axis, band and line `role="graphics-symbol"`, often with
 * no text alternative (axe-core's `svg-img-alt`, serious). A chart is one image to a
 * screen reader: the root `<svg>` becomes `role="img"` named by `description` (and a
 * `<title>`), and the marks' own roles and ARIA attributes are removed.
 */
import type { TopLevelSpec } from 'vega-lite/build/index';
import { escapeHtml } from '../templates';
import { vegaRuntime } from './vega-runtime';

export async function renderSvg(spec: TopLevelSpec, description?: string): Promise<string> {
  const { vega, vl } = vegaRuntime();
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    return asOneImage(await view.toSVG(), description ?? chartTitle(spec));
  } finally {
    view.finalize();
  }
}

function chartTitle(spec: TopLevelSpec): string {
  const t = (spec as { title?: string | { text?: string | string[] } }).title;
  const text = typeof t === 'string' ? t : Array.isArray(t?.text) ? t.text.join(' ') : t?.text;
  return text ?? 'chart';
}

function asOneImage(svg: string, description: string): string {
  const label = escapeHtml(description);
  return svg
    .replace(/\s(?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '')
    .replace(/^<svg\b([^>]*)>/, `<svg$1 role="img" aria-label="${label}"><title>${label}</title>`);
}
