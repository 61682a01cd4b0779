import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check, CheckOutcome } from '../checks/types';
import type { Profile } from '../profiles/types';
import { ResultStore } from '../results/store';
import type { SubmissionHandle, SubmissionInfo } from '../sandbox/types';
import { gradeSubmission, loadFailedResult } from './grade-submission';

const profile = {
  name: 'unit',
  rubric: { 'lstm.forward.T5': 4, 'lstm.*': 2, 'gru.*': 3, 'timeGate.values': 5 },
  limits: { checkTimeoutMs: 5_000, memoryMb: 256 },
} as unknown as Profile;

function fakeHandle(provides: string[]): SubmissionHandle & { interrupted: number } {
  const info: SubmissionInfo = { name: 'jane', dir: '/x', hash: 'h1', provides, conventions: {}, warnings: ['index.ts:3: a warning'] };
  return {
    info,
    interrupted: 0,
    async call<R>() { return { status: 'ok' as const, value: null as R, ms: 0 }; },
    async interrupt() { this.interrupted++; },
    async close() {},
  };
}

function check(id: string, subject: string, part: Check['part'], run: () => Promise<CheckOutcome>, timeoutMs = 0): Check & { calls: number } {
  const c = { id, title: id, part, subject, hidden: false, timeoutMs, calls: 0, run: async () => { c.calls++; return run(); } };
  return c;
}

describe('gradeSubmission', () => {
  it('takes points from the rubric (exact id before prefix), gives partial credit and totals per part', async () => {
    const checks = [
      check('lstm.forward.T5', 'lstm', 'part1', async () => ({ status: 'passed' })),
      check('lstm.forward.T50', 'lstm', 'part1', async () => ({ status: 'failed', expected: 'a', actual: 'b', hint: 'h', fraction: 0.25 })),
      check('lstm.params.count', 'lstm', 'part1', async () => ({ status: 'passed', fraction: 0.5 })),
      check('timeGate.values', 'timeGate', 'part1', async () => ({ status: 'passed' })),
      check('unlisted.check', 'lstm', 'part3', async () => ({ status: 'passed' })),
    ];
    const r = await gradeSubmission(fakeHandle(['lstm', 'timeGate']), profile, checks, { seed: 7 });
    expect(r.checks.map((c) => [c.id, c.points, c.score])).toEqual([
      ['lstm.forward.T5', 4, 4],
      ['lstm.forward.T50', 2, 0.5],
      ['lstm.params.count', 2, 1],
      ['timeGate.values', 5, 5],
      ['unlisted.check', 0, 0],
    ]);
    expect(r.parts).toEqual([{ part: 'part1', score: 10.5, max: 13 }, { part: 'part3', score: 0, max: 0 }]);
    expect([r.score, r.maxScore, r.status, r.seeds]).toEqual([10.5, 13, 'graded', [7]]);
    expect(r.submission).toEqual({ name: 'jane', hash: 'h1', warnings: ['index.ts:3: a warning'] });
  });

  it('what a check hands over for the report (the text samples) becomes the result\'s text, also from the store', async () => {
    const samples = { greedy: [{ at: '1/3', samples: [{ start: 'a', text: 'and the' }] }], temperature: [{ tau: 0.5, samples: ['xq'] }] };
    const checks = [check('textGenerator.training', 'textGenerator', 'part2', async () => ({ status: 'failed', expected: 'e', actual: 'a', hint: 'h', artifacts: { text: samples } }))];
    const dir = mkdtempSync(join(tmpdir(), 'netgrade-artifacts-'));
    try {
      const store = ResultStore.open(dir);
      const first = await gradeSubmission(fakeHandle(['textGenerator']), profile, checks, { seed: 1, store });
      expect(first.text).toEqual(samples);
      const again = await gradeSubmission(fakeHandle(['textGenerator']), profile, checks, { seed: 1, store: ResultStore.open(dir) });
      expect(checks[0].calls).toBe(1);
      expect(again.text).toEqual(samples);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('a part the submission lacks is skipped as "not submitted" with 0 points and is never run', async () => {
    const gru = check('gru.forward.T5', 'gru', 'part1', async () => ({ status: 'passed' }));
    const r = await gradeSubmission(fakeHandle(['lstm']), profile, [gru], { seed: 0 });
    expect(gru.calls).toBe(0);
    expect(r.checks[0]).toMatchObject({ status: 'skipped', score: 0, points: 3 });
    expect(r.checks[0].status === 'skipped' && r.checks[0].reason).toMatch(/^not submitted: .*models\.gru/);
    expect([r.score, r.maxScore]).toEqual([0, 3]);
  });

  it('anything a check throws — even a non-Error — becomes errored naming the check; the next check still runs', async () => {
    const checks = [
      check('lstm.a', 'lstm', 'part1', async () => { throw 42; }),
      check('lstm.b', 'lstm', 'part1', async () => { throw new TypeError('x is undefined'); }),
      check('lstm.c', 'lstm', 'part1', async () => ({ status: 'passed' })),
    ];
    const r = await gradeSubmission(fakeHandle(['lstm']), profile, checks, { seed: 0 });
    expect(r.checks.map((c) => c.status)).toEqual(['errored', 'errored', 'passed']);
    expect(r.checks[0].status === 'errored' && r.checks[0].message).toBe('lstm.a: non-Error: threw the number 42 instead of an Error');
    expect(r.checks[1].status === 'errored' && r.checks[1].message).toBe('lstm.b: TypeError: x is undefined');
  });

  it('a check that outlives its time limit is timed-out, the running op is interrupted and later calls of that check are refused', async () => {
    const handle = fakeHandle(['lstm']);
    let late: unknown;
    const hang = check('lstm.hang', 'lstm', 'part1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      late = await handle.call('describe', {}); // the raw handle: allowed
      return { status: 'passed' };
    }, 50);
    let refused: unknown;
    const zombie: Check = { ...hang, id: 'lstm.zombie', timeoutMs: 50, run: async ({ handle: scoped }) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      refused = await scoped.call('describe', {});
      return { status: 'passed' };
    } };
    const started = Date.now();
    const r = await gradeSubmission(handle, profile, [hang, zombie], { seed: 0 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.checks[0]).toMatchObject({ status: 'timed-out', limitMs: 50, score: 0 });
    expect(r.checks[1]).toMatchObject({ status: 'timed-out', limitMs: 50, score: 0 });
    expect(handle.interrupted).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(late).toMatchObject({ status: 'ok' });
    expect(refused).toMatchObject({ status: 'errored', error: { name: 'CheckEnded', message: 'op "describe" was called after its check ended' } });
  });

  it('with a store, a check already graded for the same content key is not run again (unless it timed out)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netgrade-grade-'));
    try {
      const first = check('lstm.forward.T5', 'lstm', 'part1', async () => ({ status: 'passed' }));
      await gradeSubmission(fakeHandle(['lstm']), profile, [first], { seed: 1, store: ResultStore.open(dir) });
      const again = check('lstm.forward.T5', 'lstm', 'part1', async () => ({ status: 'passed' }));
      const r = await gradeSubmission(fakeHandle(['lstm']), profile, [again], { seed: 1, store: ResultStore.open(dir) });
      expect([first.calls, again.calls, r.score]).toEqual([1, 0, 4]);
      const hangs = check('lstm.slow', 'lstm', 'part1', () => new Promise<CheckOutcome>(() => undefined), 20);
      await gradeSubmission(fakeHandle(['lstm']), profile, [hangs], { seed: 1, store: ResultStore.open(dir) });
      const retried = check('lstm.slow', 'lstm', 'part1', async () => ({ status: 'passed' }));
      const resumed = await gradeSubmission(fakeHandle(['lstm']), profile, [retried], { seed: 1, store: ResultStore.open(dir) });
      expect([retried.calls, resumed.checks[0].status]).toEqual([1, 'passed']); // a time-out is tried again
      const otherSeed = check('lstm.forward.T5', 'lstm', 'part1', async () => ({ status: 'passed' }));
      await gradeSubmission(fakeHandle(['lstm']), profile, [otherSeed], { seed: 2, store: ResultStore.open(dir) });
      expect(otherSeed.calls).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a load failure is one result worth 0 of every check\'s points', () => {
    const checks = [check('lstm.forward.T5', 'lstm', 'part1', async () => ({ status: 'passed' })), check('gru.x', 'gru', 'part3', async () => ({ status: 'passed' }))];
    const r = loadFailedResult(fakeHandle([]).info, { cause: 'load-failed', name: 'SyntaxError', message: 'syntax error at index.ts:3:5: \';\' expected.' }, profile, checks, 0);
    expect(r).toMatchObject({ status: 'load-failed', score: 0, maxScore: 7, checks: [], error: { cause: 'load-failed', message: 'syntax error at index.ts:3:5: \';\' expected.' } });
    expect(r.parts).toEqual([{ part: 'part1', score: 0, max: 4 }, { part: 'part3', score: 0, max: 3 }]);
  });
});
