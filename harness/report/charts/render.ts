/**
 * Renders a vega-lite spec to an SVG string on the server: vega-lite compiles to vega,
 * vega's headless `View` (renderer "none") draws the scene graph and `toSVG()` serialises
 * it. The SVG is inlined in the HTML, so reports need no script and no network to show it.
 */
import type { TopLevelSpec } from 'vega-lite/build/index';
import { vegaRuntime } from './vega-runtime';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vl } = vegaRuntime();
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
