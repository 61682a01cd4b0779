/**
 * The packages a submission's process may read: the tensor library a submission imports
 * (`@tensorflow/tfjs`), the backends the worker selects (wasm; node and node-gpu when
 * installed) and everything they depend on at run time — found by walking the installed
 * packages' `dependencies`, so nothing else in node_modules (and nothing of the project)
 * is readable by the child.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NODE_MODULES } from './paths';

const ROOTS = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

/** The folder of `name` as Node would find it from `from` (a package folder), or undefined. */
function locate(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) break;
  }
  const top = join(NODE_MODULES, name);
  return existsSync(join(top, 'package.json')) ? top : undefined;
}

let cached: string[] | undefined;

/** Package folders (each once, as found and as their real path) the child may read. */
export function tensorLibraryPaths(): string[] {
  if (cached) return cached;
  const found = new Set<string>();
  const stack = ROOTS.map((name) => locate(name, NODE_MODULES)).filter((p): p is string => p !== undefined);
  while (stack.length) {
    const dir = stack.pop()!;
    if (found.has(dir)) continue;
    found.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const at = locate(dep, dir);
      if (at) stack.push(at);
    }
  }
  const all = [...found].flatMap((p) => { try { return [p, realpathSync(p)]; } catch { return [p]; } });
  cached = [...new Set(all)].sort();
  return cached;
}
