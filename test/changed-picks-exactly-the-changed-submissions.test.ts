import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changedSubmissions } from '../harness/discover';

/** A repository laid out like a course's: base on main, a pull-request branch on top. */
function makeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netgrade-changed-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ta@example.org');
  git('config', 'user.name', 'TA');
  for (const name of ['alice', 'bob', 'carol', 'dave']) write(`submissions/${name}/index.ts`, `export default { author: '${name}' };\n`);
  write('submissions/_template/index.ts', 'export default {};\n');
  write('submissions/README.md', 'how to start\n');
  write('README.md', 'course\n');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'pr');
  write('submissions/bob/lstm.ts', 'export const x = 1;\n');          // bob adds a file
  write('submissions/erin/index.ts', 'export default {};\n');         // erin is new
  git('rm', '-rq', 'submissions/carol');                              // carol is deleted
  write('submissions/_template/index.ts', 'export default { t: 1 };\n'); // the template is no submission
  write('submissions/README.md', 'changed\n');                        // neither is the README
  write('README.md', 'changed\n');
  git('add', '-A');
  git('commit', '-qm', 'pull request');
  write('submissions/frank/index.ts', 'export default {};\n');        // untracked, not ignored
  git('checkout', '-q', 'main');
  write('submissions/alice/index.ts', "export default { author: 'alice v2' };\n"); // main moves on after the fork
  git('commit', '-qam', 'alice on main');
  git('checkout', '-q', 'pr');
  return dir;
}

describe('--changed', () => {
  let repo: string;
  beforeAll(() => { repo = makeRepo(); });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('picks exactly the submissions the branch adds or changes (not the base branch\'s later changes, not deleted ones)', () => {
    expect(changedSubmissions('main', join(repo, 'submissions'), repo)).toEqual(['bob', 'erin', 'frank']);
  });

  it('finds nothing against its own head', () => {
    rmSync(join(repo, 'submissions', 'frank'), { recursive: true });
    expect(changedSubmissions('HEAD', join(repo, 'submissions'), repo)).toEqual([]);
  });

  it('names a base ref that does not exist, and what to give instead', () => {
    expect(() => changedSubmissions('origin/nope', join(repo, 'submissions'), repo))
      .toThrow(/--changed requires a git ref that exists \(e\.g\. origin\/main\), got "origin\/nope"/);
  });
});
