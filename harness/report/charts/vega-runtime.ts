/**
 * Loads vega and vega-lite for server-side SVG rendering.
 *
 * Why not `import 'vega'`: vega's ESM entry pulls in vega-canvas, whose Node build
 * probes for the optional `canvas` package with a top-level `await`; neither tsx nor
 * jest can turn that into CommonJS. Both packages also ship a self-contained UMD bundle
 * (no imports, no canvas: text is measured by estimate, which is all an SVG needs), so
 * we evaluate those bundles once with a CommonJS `module`/`exports` pair. Types still
 * come from the packages' own declarations.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite/build/index';

export const VEGA_BUNDLE_MISSING = (file: string, e: unknown) =>
  `the report's chart renderer requires vega's UMD bundle at ${file}, got ${e instanceof Error ? e.message : String(e)}. ` +
  'Fix: run `npm ci` so that vega and vega-lite are installed.';

function evaluateUmd(file: string, deps: Record<string, unknown>): unknown {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(VEGA_BUNDLE_MISSING(file, e));
  }
  const module = { exports: {} as Record<string, unknown> };
  const requireDep = (name: string) => {
    if (!(name in deps)) throw new Error(`${file} requires module "${name}", which the report's vega loader does not provide`);
    return deps[name];
  };
  // The UMD wrapper picks its CommonJS branch when `module` and `exports` exist.
  new Function('module', 'exports', 'require', source)(module, module.exports, requireDep);
  return module.exports;
}

/** `require.resolve` honours the packages' `exports`, which hide `build/`; the bundles sit beside the entry files. */
function bundlePath(pkg: 'vega' | 'vega-lite', file: string): string {
  return join(dirname(require.resolve(pkg)), file);
}

let loaded: { vega: typeof Vega; vl: typeof VegaLite } | undefined;

/** vega and vega-lite, loaded once per process. */
export function vegaRuntime(): { vega: typeof Vega; vl: typeof VegaLite } {
  if (!loaded) {
    const vega = evaluateUmd(bundlePath('vega', 'vega.min.js'), {}) as typeof Vega;
    const vl = evaluateUmd(bundlePath('vega-lite', 'vega-lite.min.js'), { vega }) as typeof VegaLite;
    loaded = { vega, vl };
  }
  return loaded;
}
