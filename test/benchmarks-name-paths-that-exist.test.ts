/**
 * The benchmarks are not run by jest (they train for minutes), so a folder they name can move
 * without a test noticing: after the structural split, jobs, convergence and micro still read
 * harness/bench/fixtures, discovery failed, and `npm run bench -- jobs` printed "0 steps" and
 * NaN ratios. Every `join(PROJECT_ROOT, '…', …)` of literal segments in bench/ must exist (a
 * module may be named without its .ts; reports/ is where the benchmarks write, made when needed).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../harness/sandbox/paths';

const BENCH = join(PROJECT_ROOT, 'bench');
const files = [...readdirSync(BENCH).map((f) => join(BENCH, f)), ...readdirSync(join(BENCH, 'support')).map((f) => join(BENCH, 'support', f))].filter((f) => f.endsWith('.ts'));
const named = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/join\(PROJECT_ROOT((?:,\s*'[^']+')+)\)/g)]
  .map((m) => ({ file: file.slice(PROJECT_ROOT.length + 1), path: join(PROJECT_ROOT, ...[...m[1].matchAll(/'([^']+)'/g)].map((s) => s[1])) })))
  .filter((n) => !n.path.startsWith(join(PROJECT_ROOT, 'reports')));

it('the benchmarks name paths (found by the pattern at all)', () => {
  expect(named.length).toBeGreaterThanOrEqual(5);
});

it.each(named.map((n) => [n.file, n.path.slice(PROJECT_ROOT.length + 1), n.path]))('%s names %s, which exists', (_file, _rel, path) => {
  expect(existsSync(path) || existsSync(`${path}.ts`)).toBe(true);
});
