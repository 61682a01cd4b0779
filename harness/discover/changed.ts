/**
 * `--changed <base-ref>`: the submission folders with a file that changed since `base-ref`
 * according to `git diff --name-only <base-ref>` (committed and working-tree changes).
 */
import { execFileSync } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';

export const BAD_BASE_REF = (ref: string, why: string) =>
  `--changed requires a git ref that exists (e.g. origin/main), got "${ref}": ${why}.`;

/** Folder names under `root` with at least one changed file since `baseRef`. */
export function changedSubmissions(baseRef: string, root: string, cwd = process.cwd()): string[] {
  let out: string;
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' }).trim();
    out = execFileSync('git', ['diff', '--name-only', baseRef, '--'], { cwd: top, encoding: 'utf8' });
    cwd = top;
  } catch (e) {
    const text = e instanceof Error ? e.message.split('\n').find((l) => l.trim()) ?? e.message : String(e);
    throw new Error(BAD_BASE_REF(baseRef, text));
  }
  const rootRel = relative(cwd, resolve(root)).split(sep).join('/');
  const names = new Set<string>();
  for (const file of out.split('\n').filter(Boolean)) {
    if (!file.startsWith(rootRel + '/')) continue;
    const name = file.slice(rootRel.length + 1).split('/')[0];
    if (name && !name.startsWith('_') && !name.startsWith('.') && file.slice(rootRel.length + 1).includes('/')) names.add(name);
  }
  return [...names].sort();
}
