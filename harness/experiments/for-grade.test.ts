/**
 * The grading run's experiments cannot be stalled by one submission: a model whose checks
 * timed out or crashed is not trained, and each run's limit comes from the reference's time.
 */
import type { CheckResult, SubmissionResult, TrainingRun } from '../results/types';
import { brokenModels, LIMIT_FACTOR, LIMIT_FLOOR_MS, limitsFromReference } from './for-grade';

const check = (id: string, subject: string, extra: Partial<CheckResult>): CheckResult =>
  ({ id, title: id, part: 'part1', subject, points: 1, timeoutMs: 30_000, hidden: false, score: 0, ms: 1, ...extra }) as CheckResult;

test('models whose correctness checks timed out, crashed, ran out of memory or exited are not trained', () => {
  const result = {
    checks: [
      check('lstm.forward.T5', 'lstm', { status: 'timed-out', limitMs: 30_000, hint: '' }),
      check('gru.forward.T5', 'gru', { status: 'errored', cause: 'crashed', message: 'SIGSEGV', hint: '' }),
      check('peepLSTM.forward.T5', 'peepLSTM', { status: 'errored', cause: 'out-of-memory', message: '', hint: '' }),
      check('vanillaRNN.forward.T5', 'vanillaRNN', { status: 'errored', cause: 'threw', message: 'TypeError', hint: '' }),
      check('biLSTM.forward.T5', 'biLSTM', { status: 'failed', expected: 'x', actual: 'y', hint: '' }),
    ],
  } as unknown as SubmissionResult;
  expect([...brokenModels(result)]).toEqual([
    ['lstm', 'its check lstm.forward.T5 timed out'],
    ['gru', 'its check gru.forward.T5 crashed'],
    ['peepLSTM', 'its check peepLSTM.forward.T5 ran out of memory'],
  ]);
  expect(brokenModels(undefined).size).toBe(0);
});

test('a run may take 30 times the reference\'s time for the same run, and at least two minutes', () => {
  const run = (msPerStep: number, T: number): TrainingRun => ({ key: `k${msPerStep}`, submission: 'reference', submissionHash: 'h', profile: 'quick', model: 'lstm', dataset: 'digit-palindrome', T, seed: 0, backend: 'wasm', status: 'converged', target: 0.9, budgetSteps: 1000, curve: [], msPerStep });
  const limits = limitsFromReference([run(10, 4), run(12, 4), run(0.01, 9), run(0, 12)]);
  expect(LIMIT_FACTOR).toBe(30);
  expect(limits.get('lstm/digit-palindrome/T=4')).toBe(30 * 12 * 1000);          // the slower seed of the two
  expect(limits.get('lstm/digit-palindrome/T=9')).toBe(LIMIT_FLOOR_MS);          // 0.3 s would be too tight: the floor
  expect(limits.has('lstm/digit-palindrome/T=12')).toBe(false);                  // a run that measured nothing sets no limit
});
