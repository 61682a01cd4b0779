/**
 * The Gradescope autograder zip. Gradescope unpacks the zip's ROOT into /autograder/source
 * and looks there for `setup.sh` and `run_autograder`
 * (gradescope-autograders.readthedocs.io, "Autograder Specifications"), so the zip's root
 * is the project itself: `setup.sh`, `run_autograder`, `package.json`, `package-lock.json`,
 * `harness/`, `reference/`, `fixtures/`, … and `gradescope/profile` (the profile it grades
 * with). Tracked files only, as they are in the working tree; no student work but the
 * template, no reports, tests, benchmarks or CI files, no node_modules (setup.sh installs
 * them). The command is `npm run gradescope:bundle` (harness/cli/gradescope-bundle.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';

export interface BundleOptions {
  /** project root (a git checkout) */
  root: string;
  /** the assignment profile the autograder grades with */
  profile: string;
  out: string;
  /** a commit to bundle (its tracked files as committed) instead of the working tree; e.g. `HEAD` */
  revision?: string;
}

/** The two scripts Gradescope runs, at the zip's root (their source is gradescope/ in the repository). */
export const SCRIPTS = ['setup.sh', 'run_autograder'] as const;

const LEFT_OUT = ['reports/', '.github/', '.ci/', 'test/', 'bench/'];

export const BAD_PROFILE_NAME = (got: string) => `gradescope:bundle --profile requires a profile name (letters, digits, -), got "${got}".`;
export const NO_SUCH_PROFILE = (got: string) => `gradescope:bundle --profile requires an existing profile (harness/profiles/<name>.json), got "${got}".`;

/** Tracked files (of the working tree, or of `revision`) that belong in the autograder: everything but student work, output, tests and CI. */
export function bundledFiles(root: string, revision?: string): string[] {
  const args = revision ? ['ls-tree', '-r', '-z', '--name-only', revision] : ['ls-files', '-z'];
  const tracked = execFileSync('git', args, { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return tracked.filter((f) =>
    !LEFT_OUT.some((prefix) => f.startsWith(prefix)) &&
    !SCRIPTS.some((s) => f === `gradescope/${s}`) &&
    !(f.startsWith('submissions/') && !f.startsWith('submissions/_template/') && f !== 'submissions/README.md'));
}

/** File modes as committed (100644 or 100755). */
function committedModes(root: string, revision: string): Map<string, number> {
  const modes = new Map<string, number>();
  for (const line of execFileSync('git', ['ls-tree', '-r', '-z', revision], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }).split('\0')) {
    const m = line.match(/^(\d+) blob [0-9a-f]+\t(.*)$/s);
    if (m) modes.set(m[2], parseInt(m[1], 8));
  }
  return modes;
}

export async function writeBundle(options: BundleOptions): Promise<{ out: string; files: number }> {
  const { root, profile, out } = options;
  if (!/^[\w-]+$/.test(profile)) throw new Error(BAD_PROFILE_NAME(profile));
  try { statSync(join(root, 'harness', 'profiles', `${profile}.json`)); } catch {
    throw new Error(NO_SUCH_PROFILE(profile));
  }
  const zip = new JSZip();
  const files = bundledFiles(root, options.revision);
  const modes = options.revision ? committedModes(root, options.revision) : null;
  for (const f of files) {
    const contents = options.revision
      ? execFileSync('git', ['cat-file', 'blob', `${options.revision}:${f}`], { cwd: root, maxBuffer: 256 << 20 })
      : readFileSync(join(root, f));
    zip.file(f, contents, { unixPermissions: modes ? (modes.get(f) ?? 0o100644) : statSync(join(root, f)).mode });
  }
  for (const script of SCRIPTS) {
    zip.file(script, readFileSync(join(root, 'gradescope', script)), { unixPermissions: 0o100755 });
  }
  zip.file('gradescope/profile', `${profile}\n`, { unixPermissions: 0o100644 });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX', compression: 'DEFLATE' });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  return { out, files: files.length + SCRIPTS.length + 1 };
}
