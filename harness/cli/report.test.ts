import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './report';
import { writeReports } from '../report';
import { runStore } from '../experiments/run-store';
import { ResultStore } from '../results/store';
import type { SubmissionResult } from '../results/types';
import { ENV, everyFailureResult, goodResult, loadFailedResult, referenceResult } from '../report/test-helpers/fixtures';

let root: string;
const lines: string[] = [];
const log = (l: string) => lines.push(l);
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'netgrade-merge-')); lines.length = 0; });
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A shard as `npm run grade` + `npm run bench` leave it: submission records and run records in store.jsonl. */
function shard(name: string, results: SubmissionResult[]): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const store = ResultStore.open(dir);
  const runs = runStore(store);
  for (const r of results) {
    for (const run of r.runs) runs.append(run);
    store.append({ key: `submission-${r.submission.name}`, kind: 'submission', submission: r.submission.name, value: { ...r, runs: [] } });
  }
  return dir;
}

const json = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name, 'results.json'), 'utf8'));

test('merges shards\' stores into one report: runs attached by name, missing comparisons computed against the reference', async () => {
  const alice = { ...goodResult(), comparisons: [] };
  const a = shard('shard-1', [referenceResult(), alice]);
  const b = shard('shard-2', [everyFailureResult(), loadFailedResult()]);
  const out = join(root, 'merged');
  expect(await main(['--merge', a, b, '--out', out, '--audience', 'student'], log)).toBe(0);

  for (const n of ['reference', 'alice', 'bob', 'carol']) {
    for (const f of ['report.html', 'summary.md', 'junit.xml', 'results.json']) expect(existsSync(join(out, n, f))).toBe(true);
  }
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  for (const n of ['alice', 'bob', 'carol', 'reference']) expect(index).toContain(`href="${n}/report.html"`);

  const merged = json(out, 'alice');
  expect(merged.netgrade.audience).toBe('student');
  expect(merged.netgrade.result.runs).toHaveLength(alice.runs.length);
  expect(merged.netgrade.result.comparisons.map((c: { dataset: string; T: number }) => `${c.dataset}/${c.T}`).sort())
    .toEqual(['binary-palindrome/20', 'digit-palindrome/10']);
  // the diverged run's NaN survived the store (bench encodes it) and is not drawn
  expect(json(out, 'bob').netgrade.result.runs.find((r: { status: string }) => r.status === 'diverged')).toBeDefined();
  expect(readFileSync(join(out, 'alice', 'report.html'), 'utf8')).toContain('reference (mean ± std, 3 seeds)');
  expect(lines).toContain('note: alice: 2 comparison(s) with reference computed from the stored runs');
  expect(lines).toContain('note: bob: no environment recorded in ' + b);
  expect(lines.at(-2)).toBe('merged 4 submission(s) from 2 dir(s) · student view');
});

test('rebuilds a run directory from its results.json files alone, reproducing them', async () => {
  const run = join(root, 'run');
  const results = [referenceResult(), goodResult(), everyFailureResult(), loadFailedResult()];
  await writeReports(run, results, ENV, { audience: 'instructor' });
  const out = join(root, 'rebuilt');
  expect(await main(['--merge', run, '--out', out], log)).toBe(0);
  for (const n of ['reference', 'alice', 'bob', 'carol']) {
    const [before, after] = [json(run, n), json(out, n)];
    delete before.netgrade.generatedAt;
    delete after.netgrade.generatedAt;
    expect(after).toEqual(before);
  }
});

test('says what is wrong with the directories and the flags', async () => {
  await expect(main(['--merge', join(root, 'nope')], log)).rejects.toThrow(`report --merge requires existing run directories, got "${join(root, 'nope')}"`);
  mkdirSync(join(root, 'empty'));
  await expect(main(['--merge', join(root, 'empty')], log)).rejects.toThrow('report --merge requires at least one <dir>/<submission>/results.json');
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  expect(await main(['--merge', root, '--audience', 'teacher'], log)).toBe(2);
  expect(String(stderr.mock.calls[0][0])).toContain('--audience requires student or instructor, got "teacher".');
  stderr.mockRestore();
});
