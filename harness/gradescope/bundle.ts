/**
 * `npm run gradescope:bundle [-- --profile <name>] [--out <file.zip>]` — writes the zip a
 * Gradescope programming assignment takes as its autograder: `setup.sh` and
 * `run_autograder` at the top, the project's tracked files beside them (no submissions but
 * the README and template, no reports, no node_modules). Gradescope unpacks it into
 * /autograder/source; `run_autograder` grades /autograder/submission into
 * /autograder/results/results.json.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import JSZip from 'jszip';

export interface BundleOptions {
  /** project root (a git checkout) */
  root: string;
  /** the assignment profile the autograder grades with */
  profile: string;
  out: string;
}

/** Tracked files that belong in the autograder: everything but student work and output. */
export function bundledFiles(root: string): string[] {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return tracked.filter((f) =>
    !f.startsWith('reports/') &&
    !f.startsWith('.github/') &&
    !(f.startsWith('submissions/') && !f.startsWith('submissions/_template/') && f !== 'submissions/README.md'));
}

export async function writeBundle(options: BundleOptions): Promise<{ out: string; files: number }> {
  const { root, profile, out } = options;
  if (!/^[\w-]+$/.test(profile)) throw new Error(`gradescope:bundle --profile requires a profile name (letters, digits, -), got "${profile}".`);
  const profileFile = join(root, 'harness', 'profiles', `${profile}.json`);
  try { statSync(profileFile); } catch {
    throw new Error(`gradescope:bundle --profile requires an existing profile (harness/profiles/<name>.json), got "${profile}".`);
  }
  const zip = new JSZip();
  const files = bundledFiles(root);
  for (const f of files) {
    const mode = statSync(join(root, f)).mode;
    zip.file(join('source', f), readFileSync(join(root, f)), { unixPermissions: mode });
  }
  // Gradescope wants both scripts at the top of the zip; it copies them into /autograder.
  for (const script of ['setup.sh', 'run_autograder']) {
    zip.file(script, readFileSync(join(root, 'gradescope', script)), { unixPermissions: 0o100755 });
  }
  zip.file('source/gradescope/profile', `${profile}\n`);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX', compression: 'DEFLATE' });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  return { out, files: files.length + 3 };
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const root = resolve(__dirname, '..', '..');
  const args = process.argv.slice(2);
  const profile = flag(args, '--profile') ?? 'quick';
  const out = resolve(flag(args, '--out') ?? join(root, 'reports', `gradescope-autograder-${profile}.zip`));
  writeBundle({ root, profile, out })
    .then((r) => console.log(`wrote ${r.out} (${r.files} files; upload it as the autograder of a Gradescope programming assignment)`))
    .catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
}
