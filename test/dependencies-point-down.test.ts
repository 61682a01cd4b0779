/**
 * Dependencies point down (issue 13): the reference (models, oracle, data) is the lowest
 * layer and knows nothing of the harness but the contract; reports read finished results and
 * never reach into experiment orchestration. Read from the source: every static import,
 * `export … from`, dynamic import() and require() of every .ts file, resolved to a path.
 *
 * Allowed exceptions, tests only: reference/ tests may pick a tfjs backend the way grading
 * does (harness/backend's selectBackend) and train or score with the harness's own loop and
 * loss (harness/worker/train.ts, harness/worker/loss.ts), so the reference is tested on the
 * path it is graded on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '..');
const SPECIFIER = /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a source text imports or re-exports. */
function importsOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** [file, the repository path a relative import points to (without extension)] for every relative import under `dir`. */
function edges(dir: string): Array<[string, string]> {
  return tsFiles(dir).flatMap((file) => importsOf(readFileSync(join(ROOT, file), 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s): [string, string] => [file, relative(ROOT, join(ROOT, dirname(file), s)).split(sep).join('/').replace(/\.(ts|js)$/, '')]));
}

test('the scanner sees every form of import', () => {
  const source = [
    "import * as tf from '@tensorflow/tfjs';",
    "import type { Graph,\n  GraphLayer } from '../../harness/contract';",
    "export { relativeError } from './compare';",
    "import './side-effect';",
    "const lazy = await import('../x');",
    "const old = require('../y');",
  ].join('\n');
  expect(importsOf(source)).toEqual(['@tensorflow/tfjs', '../../harness/contract', './compare', './side-effect', '../x', '../y']);
});

test('no file under reference/ imports from harness/ except the contract (tests: also the backend choice and the worker\'s loss and training loop)', () => {
  const forTests = ['harness/backend', 'harness/backend/index', 'harness/worker/loss', 'harness/worker/train'];
  const upward = edges('reference')
    .filter(([, target]) => target.startsWith('harness/') && target !== 'harness/contract')
    .filter(([file, target]) => !(file.endsWith('.test.ts') && forTests.includes(target)));
  expect(upward).toEqual([]);
});

test('no file under harness/report/ imports from harness/experiments/', () => {
  expect(edges('harness/report').filter(([, target]) => target.startsWith('harness/experiments'))).toEqual([]);
});
