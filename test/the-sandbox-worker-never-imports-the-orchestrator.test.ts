/**
 * Code that runs inside a submission's process (the worker, the op registry and every op
 * family) must not import orchestration code or the fixtures: walk its static import graph
 * and list any file outside what the sandbox may read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../harness/sandbox';

const FORBIDDEN = ['harness/grade/', 'harness/cli/', 'harness/report/', 'harness/checks/', 'harness/discover/', 'harness/diagnosis/', 'fixtures/'];

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')]) {
    if (existsSync(candidate) && !candidate.endsWith('/')) {
      try {
        readFileSync(candidate);
        return candidate;
      } catch {
        // a folder: try the next candidate
      }
    }
  }
  return undefined;
}

/** Every project file reachable by runtime imports (type-only imports are erased). */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const specs = [
      ...source.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm),
      ...source.matchAll(/^\s*export\s+(?!type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm),
      ...source.matchAll(/require\(\s*['"](\.[^'"]+)['"]\s*\)/g),
      ...source.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]);
    for (const spec of specs) {
      const target = resolveLocal(file, spec);
      if (target) stack.push(target);
    }
  }
  return seen;
}

it('the worker and every op reach no orchestrator file and no fixture', () => {
  const files = [...importGraph(join(PROJECT_ROOT, 'harness', 'sandbox', 'boot.cjs'))].map((f) => relative(PROJECT_ROOT, f));
  expect(files).toContain('harness/sandbox/worker.ts');
  expect(files).toContain('harness/sandbox/ops/index.ts');
  expect(files.filter((f) => FORBIDDEN.some((p) => f.startsWith(p)))).toEqual([]);
});
