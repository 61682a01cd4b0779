/**
 * Distinct copies of submission folders for throughput benchmarks: each copy's `index.ts`
 * ends with a comment naming the copy and this call's folder, so every copy has its own
 * content hash in every run (no stored result or type-check cache answers) while the code
 * graded is the same. Relative imports of the harness's contract are re-pointed from the
 * copy's own folder, so the type-check pass sees what it sees for the original.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { discoverOne, type DiscoveredSubmission } from '../../harness/discover';
import { PROJECT_ROOT } from '../../harness/sandbox/paths';

export interface Copies { submissions: DiscoveredSubmission[]; remove(): void }

const CONTRACT_IMPORT = /(['"])(?:\.\.\/)+harness\/contract\1/g;

/** `count` copies of each folder in `sources` (in that order: every copy of the first, then …), named `<folder>-<n>`, under a fresh folder of reports/. */
export function distinctCopies(sources: string[], count: number, label: string): Copies {
  mkdirSync(join(PROJECT_ROOT, 'reports'), { recursive: true });
  const root = mkdtempSync(join(PROJECT_ROOT, 'reports', `${label}-`));
  const submissions: DiscoveredSubmission[] = [];
  for (const source of sources) {
    for (let n = 1; n <= count; n++) {
      const dir = join(root, `${source.split(sep).at(-1)}-${String(n).padStart(3, '0')}`);
      cpSync(source, dir, { recursive: true });
      for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
        const path = join(dir, file);
        const toContract = relative(dirname(path), join(PROJECT_ROOT, 'harness', 'contract')).split(sep).join('/');
        const text = readFileSync(path, 'utf8').replace(CONTRACT_IMPORT, (_, q: string) => `${q}${toContract}${q}`);
        writeFileSync(path, file === 'index.ts' ? `${text}\n// ${label} copy ${n} (${basename(root)})\n` : text);
      }
      const found = discoverOne(dir);
      if (!('entry' in found)) throw new Error(`distinctCopies requires a submission folder, got ${found.message}`);
      submissions.push(found);
    }
  }
  return { submissions, remove: () => rmSync(root, { recursive: true, force: true }) };
}
