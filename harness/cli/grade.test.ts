/**
 * `npm run grade` end to end, in-process (fast): the table, a folder without an index, the
 * run's store, resume of an unchanged submission and --fail-under's exit code.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './grade';

describe('grade CLI', () => {
  let root: string;
  let printed: string[];
  const run = async (...args: string[]) => {
    printed = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => { printed.push(parts.join(' ')); });
    try {
      return await main(args);
    } finally {
      log.mockRestore();
    }
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'netgrade-cli-'));
    mkdirSync(join(root, 'gate'));
    writeFileSync(join(root, 'gate', 'index.js'), "module.exports = { author: 'G', timeGate: () => 0.5 };\n");
    mkdirSync(join(root, 'empty'));
    writeFileSync(join(root, 'empty', 'notes.txt'), 'todo');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('grades, prints the table, stores results and fails under the threshold', async () => {
    const out = join(root, 'run');
    const code = await run(join(root, 'gate'), join(root, 'empty'), '--profile', 'quick', '--in-process', '--out', out, '--fail-under', '50', '--no-typecheck', '--no-experiments');
    expect(code).toBe(1);
    const text = printed.join('\n');
    expect(text).toMatch(/^backend: /m);
    expect(text).toMatch(/^submission\s+score\s+%\s+part1/m);
    expect(text).toMatch(/^gate\s+\d+(\.\d)?\/\d+/m);
    expect(text).toMatch(/^empty\s+0\/\d+\s+0\s+.*load-failed \(load-failed\): submission folder .* requires an index\.ts or index\.js/m);
    expect(text).toMatch(/^✗ empty: submission folder .*empty requires an index\.ts or index\.js, got notes\.txt\. Copy submissions\/_template\//m);
    expect(text).toMatch(/^fail-under 50%: gate \(\d+%\), empty \(0%\)$/m);
    const records = readFileSync(join(out, 'store.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; submission: string });
    const kinds = records.map((r) => r.kind);
    // every outcome is stored, the folder without an index too: a merge after a crash lists both
    expect(records.filter((r) => r.kind === 'submission').map((r) => r.submission).sort()).toEqual(['empty', 'gate']);
    expect(kinds.filter((k) => k === 'check').length).toBeGreaterThan(0);
    expect(existsSync(join(out, 'gate'))).toBe(true);

    // unchanged submission, same run dir: the stored result is reused
    expect(await run(join(root, 'gate'), '--profile', 'quick', '--in-process', '--out', out, '--no-typecheck', '--no-experiments')).toBe(0);
    expect(printed.join('\n')).toContain('gate: ');
    expect(printed.join('\n')).toContain('(stored result, unchanged submission)');
  });

  it('rejects a bad option value with the expected form', async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { errors.push(String(s)); return true; });
    try {
      expect(await run('--jobs', 'many')).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('')).toContain('--jobs requires an integer ≥ 1, got "many".');
  });
});
