/**
 * The scripts a submission's process may run, built by the grader with esbuild:
 *
 * - the **worker bundle**: harness/worker/main.ts and everything it imports, in one file.
 *   The tensor library stays outside (the child loads the same `@tensorflow/*` packages the
 *   submission imports). Its inputs are checked: no reference model, oracle, fixture,
 *   profile, rubric, check or diagnosis code may be in it ({@link ANSWER_KEY}).
 * - the **reference bundle**: reference/index.ts as a self-contained submission, so the
 *   reference is graded through the same boundary as a student (a student's copy of the
 *   reference gets the same result: the reference is not secret from the grader, only from
 *   submissions).
 *
 * Both land in `.netgrade-cache/bundles/<sha256 of the output>.cjs` (written once, read-only
 * for the child) and are rebuilt per grading process (esbuild takes ~0.1 s).
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildSync } from 'esbuild';
import { contentHash } from '../discover/hash';
import type { DiscoveredSubmission } from '../discover/find';
import { REFERENCE_NAME } from '../results/names';
import { CACHE_DIR, PROJECT_ROOT } from './paths';

/** Project folders whose code must never be in the worker bundle. */
export const ANSWER_KEY = ['reference/models/', 'reference/oracle/', 'reference/graph/', 'fixtures/', 'harness/checks/', 'harness/profiles/', 'harness/diagnosis/', 'harness/grade/', 'harness/report/', 'harness/cli/', 'harness/experiments/', 'harness/results/', 'submissions/'];

export const BUNDLE_DIR = join(CACHE_DIR, 'bundles');

/** Packages a bundle leaves to the child's node_modules. */
const EXTERNAL = ['@tensorflow/*'];

export interface Bundle {
  /** the script, in BUNDLE_DIR */
  file: string;
  /** project files inside it, relative to the project root with `/` */
  inputs: string[];
}

function build(entry: string, name: string): Bundle {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    write: false,
    metafile: true,
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs)
    .map((p) => relative(PROJECT_ROOT, join(PROJECT_ROOT, p)).split(sep).join('/'))
    .filter((p) => !p.startsWith('node_modules/'))
    .sort();
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 24);
  mkdirSync(BUNDLE_DIR, { recursive: true, mode: 0o755 });
  chmodSync(BUNDLE_DIR, 0o755);
  const file = join(BUNDLE_DIR, `${name}-${hash}.cjs`);
  if (!existsSync(file)) {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, code, { mode: 0o644 });
    renameSync(temp, file);
  }
  return { file, inputs };
}

let worker: Bundle | undefined;
let reference: Bundle | undefined;

/** The worker bundle (built once per process). Throws when an answer-key file got into it. */
export function workerBundle(): Bundle {
  if (worker) return worker;
  const built = build(join(PROJECT_ROOT, 'harness', 'worker', 'main.ts'), 'worker');
  const leaked = built.inputs.filter((p) => ANSWER_KEY.some((k) => p.startsWith(k)));
  if (leaked.length) {
    throw new Error(`the worker bundle requires no answer-key code (${ANSWER_KEY.join(', ')}), got ${leaked.join(', ')}: an import under harness/worker/ reaches them`);
  }
  worker = built;
  return worker;
}

/** The reference implementation as a one-file submission. */
export function referenceBundle(): Bundle {
  reference ??= build(join(PROJECT_ROOT, 'reference', 'index.ts'), 'reference');
  return reference;
}

export { REFERENCE_NAME };

/**
 * The reference as a submission folder (`index.js`, the bundle) that the grader opens like
 * any other: it runs in the same sandbox, so "the reference scores full marks" is measured
 * through the same boundary students go through.
 */
export function referenceSubmission(): DiscoveredSubmission {
  const bundle = referenceBundle();
  const dir = join(CACHE_DIR, 'reference', bundle.file.replace(/^.*reference-|\.cjs$/g, ''));
  const entry = join(dir, 'index.js');
  if (!existsSync(entry)) {
    // temp + rename: jest workers (or two grading runs) may build it at the same moment
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const temp = join(dir, `.index.js.${process.pid}.tmp`); // a dot-file: never part of the content hash
    copyFileSync(bundle.file, temp);
    renameSync(temp, entry);
  }
  return { name: REFERENCE_NAME, dir, entry, hash: contentHash(dir) };
}
