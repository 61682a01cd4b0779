/**
 * Discovery: which folders are submissions. `submissions/<name>/index.ts` (or `index.js`)
 * is a submission, and so is a folder of the course's PyTorch template files (`lstm.py`, …,
 * harness/pytorch/templates.ts); folders starting with `_` (the template) or `.` are skipped. Paths given
 * on the command line may be any folder (e.g. `/autograder/submission`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../sandbox/paths';
import { PYTORCH_FILES } from '../pytorch/templates';
import { contentHash } from './hash';

const FIXTURES = join(PROJECT_ROOT, 'fixtures');

/** A submission folder that has an entry file. */
export interface DiscoveredSubmission {
  /** folder name (the student's id in reports) */
  name: string;
  /** absolute folder */
  dir: string;
  /** absolute path of index.ts or index.js */
  entry: string;
  /** content hash, see {@link contentHash} */
  hash: string;
  /** a folder of the course's PyTorch template files (entry: its first template file), graded by the Python worker */
  language?: 'pytorch';
}

/** A folder that was asked for but cannot be graded, with a message that says why. */
export interface DiscoveryProblem { name: string; dir: string; message: string }

export interface Discovery { submissions: DiscoveredSubmission[]; problems: DiscoveryProblem[] }

export const ENTRY_FILES = ['index.ts', 'index.js'] as const;

export const NO_INDEX = (dir: string, files: string[]) =>
  `submission folder ${dir} requires an index.ts or index.js, got ${files.length ? files.slice(0, 8).join(', ') + (files.length > 8 ? ', …' : '') : 'an empty folder'}. ` +
  'Copy submissions/_template/ and keep its index.ts as the entry point.';

export const HOLDS_FIXTURES = (dir: string) =>
  `grade requires a submission folder that does not contain the harness (its fixtures would be readable), got ${dir}. ` +
  'Give the submission\'s own folder, e.g. submissions/<name>.';

export const NOT_A_FOLDER = (path: string) =>
  `grade requires a submission folder, got ${existsSync(path) ? 'a file' : 'a path that does not exist'}: ${path}.`;

/** The entry file of a submission folder, or undefined when it has none. */
export function entryOf(dir: string): string | undefined {
  for (const file of ENTRY_FILES) if (existsSync(join(dir, file))) return join(dir, file);
  return undefined;
}

/** One folder → a submission or a problem. */
export function discoverOne(path: string): DiscoveredSubmission | DiscoveryProblem {
  const dir = resolve(path);
  const name = basename(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { name, dir, message: NOT_A_FOLDER(path) };
  if (!relative(dir, FIXTURES).startsWith('..')) return { name, dir, message: HOLDS_FIXTURES(dir) };
  const entry = entryOf(dir);
  const python = entry ? undefined : PYTORCH_FILES.find((f) => existsSync(join(dir, f)));
  if (python) return { name, dir, entry: join(dir, python), hash: contentHash(dir), language: 'pytorch' };
  if (!entry) return { name, dir, message: NO_INDEX(dir, readdirSync(dir)) };
  return { name, dir, entry, hash: contentHash(dir) };
}

/** Submissions in `root` (one per sub-folder, `_*` and `.*` skipped), sorted by name. */
export function discoverRoot(root: string): Discovery {
  if (!existsSync(root)) return { submissions: [], problems: [] };
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => join(root, e.name))
    .sort();
  return discoverPaths(folders);
}

/** Exactly the folders given, in the order given. */
export function discoverPaths(paths: string[]): Discovery {
  const found: Discovery = { submissions: [], problems: [] };
  for (const path of paths) {
    const one = discoverOne(path);
    if ('entry' in one) found.submissions.push(one);
    else found.problems.push(one);
  }
  return found;
}
