/**
 * `--changed <base-ref>`: the submission folders a branch adds or changes relative to
 * `base-ref`, as a pull request sees them — files changed since the merge base of
 * `base-ref` and HEAD (committed and working-tree changes), plus untracked files that git
 * does not ignore. Changes that landed on the base branch after the fork do not count, and
 * a folder the branch deleted is not returned (there is nothing left to grade).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const BAD_BASE_REF = (ref: string, why: string) =>
  `--changed requires a git ref that exists (e.g. origin/main), got "${ref}": ${why}.`;

const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Folder names under `root` with at least one changed file since `baseRef`. */
export function changedSubmissions(baseRef: string, root: string, cwd = process.cwd()): string[] {
  let files: string[];
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim();
    const base = git(['merge-base', baseRef, 'HEAD'], top).trim();
    files = [
      ...git(['diff', '--name-only', base, '--'], top).split('\n'),
      ...git(['ls-files', '--others', '--exclude-standard'], top).split('\n'),
    ].filter(Boolean);
  } catch (e) {
    const stderr = (e as { stderr?: Buffer | string }).stderr?.toString().trim();
    const text = stderr || (e instanceof Error ? e.message.split('\n').find((l) => l.trim()) ?? e.message : String(e));
    throw new Error(BAD_BASE_REF(baseRef, text.split('\n')[0]));
  }
  const rootRel = relative(top, resolve(root)).split(sep).join('/');
  const names = new Set<string>();
  for (const file of files) {
    if (!file.startsWith(rootRel + '/')) continue;
    const inside = file.slice(rootRel.length + 1);
    const name = inside.split('/')[0];
    if (!inside.includes('/') || name.startsWith('_') || name.startsWith('.')) continue;
    if (existsSync(join(root, name))) names.add(name);
  }
  return [...names].sort();
}
