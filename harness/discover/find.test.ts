import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../sandbox/paths';
import { discoverPaths, discoverRoot } from './find';

describe('discovery', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'netgrade-find-'));
    const make = (name: string, files: string[]) => {
      mkdirSync(join(root, name), { recursive: true });
      for (const f of files) writeFileSync(join(root, name, f), '');
    };
    make('bob', ['index.ts']);
    make('alice', ['index.js', 'lstm.js']);
    make('_template', ['index.ts']);
    make('.hidden', ['index.ts']);
    make('carol', ['main.ts', 'notes.md']);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds index.ts / index.js folders sorted by name and skips _ and . folders', () => {
    const { submissions, problems } = discoverRoot(root);
    expect(submissions.map((s) => [s.name, s.entry.slice(root.length + 1)])).toEqual([
      ['alice', join('alice', 'index.js')],
      ['bob', join('bob', 'index.ts')],
    ]);
    expect(submissions.every((s) => /^[0-9a-f]{64}$/.test(s.hash))).toBe(true);
    expect(problems.map((p) => p.name)).toEqual(['carol']);
  });

  it('says what a folder without an index holds and how to fix it', () => {
    const [problem] = discoverPaths([join(root, 'carol')]).problems;
    expect(problem.message).toContain('requires an index.ts or index.js, got main.ts, notes.md');
    expect(problem.message).toContain('submissions/_template/');
  });

  it('refuses a folder that contains the harness (its fixtures would be readable in the sandbox)', () => {
    const [problem] = discoverPaths([PROJECT_ROOT]).problems;
    expect(problem.message).toMatch(/^grade requires a submission folder that does not contain the harness/);
  });

  it('accepts any folder given as a path, and names a missing one', () => {
    expect(discoverPaths([join(root, '_template')]).submissions.map((s) => s.name)).toEqual(['_template']);
    const [missing] = discoverPaths([join(root, 'nobody')]).problems;
    expect(missing.message).toMatch(/requires a submission folder, got a path that does not exist/);
  });
});
