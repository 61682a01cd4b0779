import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './report';
import { writeReports } from '../report';
import { finishResult } from '../results/finish';
import { runStore } from '../results/run-store';
import { ResultStore } from '../results/store';
import type { SubmissionResult } from '../results/types';
import { ENV, everyFailureResult, goodResult, loadFailedResult, referenceResult } from '../report/test-helpers/fixtures';

let root: string;
const lines: string[] = [];
const log = (l: string) => lines.push(l);
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'netgrade-merge-')); lines.length = 0; });
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A shard as `npm run grade` leaves it: the finished submission records and the reference's run records in store.jsonl. */
function shard(name: string, results: SubmissionResult[]): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const store = ResultStore.open(dir);
  const runs = runStore(store);
  for (const r of results) {
    for (const run of r.runs) runs.append(run);
    store.append({ key: `submission-${r.submission.name}`, kind: 'submission', submission: r.submission.name, value: r });
  }
  return dir;
}

const json = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name, 'results.json'), 'utf8'));

/** alice's seed did not reproduce: the grading run withheld her comparisons (harness/results/finish.ts). */
function withheld(): SubmissionResult {
  return finishResult(goodResult(), { runs: goodResult().runs, comparisons: goodResult().comparisons, reproducibility: { status: 'not-reproducible', message: 'seed 1 gave two different curves' } });
}

test('merges shards\' stores into one report, reading the finished results as they were stored', async () => {
  const alice = withheld();
  expect(goodResult().comparisons.length).toBeGreaterThan(0);
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
  // nothing recomputed: the withheld comparison stays withheld, with its reason
  expect(merged.netgrade.result.comparisons).toEqual([]);
  expect(merged.netgrade.result.reproducibility).toEqual({ status: 'not-reproducible', message: 'seed 1 gave two different curves' });
  // the diverged run's NaN survived the store (the run store encodes it) and is not drawn
  expect(json(out, 'bob').netgrade.result.runs.find((r: { status: string }) => r.status === 'diverged')).toBeDefined();
  expect(readFileSync(join(out, 'alice', 'report.html'), 'utf8')).toContain('reference (mean ± std, 3 seeds)');
  expect(lines.filter((l) => l.includes('computed'))).toEqual([]);
  expect(lines).toContain('note: bob: no environment recorded in ' + b);
  expect(lines.at(-2)).toBe('merged 4 submission(s) from 2 dir(s) · student view');
});

test('a merge of a run directory reproduces its reports byte for byte, timestamps aside, a withheld comparison included', async () => {
  const results = [referenceResult(), withheld(), everyFailureResult(), loadFailedResult()].map((r) => ({ ...r, environment: ENV }));
  const run = shard('run', results);
  await writeReports(run, results, ENV, { audience: 'instructor', runs: referenceResult().runs });
  const out = join(root, 'again');
  expect(await main(['--merge', run, '--out', out], log)).toBe(0);
  const files = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(html|md|xml|json)$/.test(f)).sort();
  expect(files(out)).toEqual(files(run));
  const stamp = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z|\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( UTC)?/g;
  for (const f of files(run)) {
    expect([f, readFileSync(join(out, f), 'utf8').replace(stamp, '<time>')]).toEqual([f, readFileSync(join(run, f), 'utf8').replace(stamp, '<time>')]);
  }
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
