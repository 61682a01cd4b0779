import { band, buildViewModel, overallRatio, uniqueSlugs, HIDDEN_CHECK_OUTPUT } from './index';
import type { Comparison, TrainingRun } from '../results/types';
import { classResults, ENV, everyFailureResult, goodResult, loadFailedResult, oneSeed, referenceResult } from './test-helpers/fixtures';

const NOW = new Date('2026-11-21T12:00:00Z');

function runWith(accuracies: Array<[number, number]>, seed: number): TrainingRun {
  return {
    ...referenceResult().runs[0], seed, key: `k${seed}`,
    curve: accuracies.map(([step, accuracy]) => ({ step, seconds: step / 100, loss: 1, accuracy })),
  };
}

describe('the view model', () => {
  test('one seed gives a ratio but no interval, in the comparisons, the overall ratio and the leaderboard', () => {
    const vm = buildViewModel([referenceResult(), oneSeed(goodResult()), goodResult()], ENV, { audience: 'instructor' });
    const [, single, three] = vm.submissions;
    expect(single.convergence.map((c) => c.comparison?.intervalText)).toEqual([null, null]);
    expect(single.convergence[0].comparison?.sentence).not.toMatch(/CI/);
    expect(single.overallRatio).toMatchObject({ interval: false, text: '0.94×' });
    expect(three.convergence.map((c) => c.comparison?.intervalText)).toEqual(['95% CI 0.66–0.97', '95% CI 0.92–1.31']);
    expect(three.overallRatio?.interval).toBe(true);
    expect(vm.leaderboard.map((r) => [r.name, r.interval])).toEqual([['alice', false], ['alice', true]]);
  });

  test('a comparison leads with its Hodges–Lehmann ratio at the level its seeds reach; one stored before it, with its ratio of medians', () => {
    const good = goodResult();
    const [first, ...rest] = good.comparisons;
    // 3 vs 3 seeds: the widest rank interval covers 1 − 2 · 1/20 = 90%
    const hodgesLehmann = { ratio: 1.45, ci: [1.24, 1.75] as [number, number], confidence: 0.9, p: 0.1, method: 'exact' as const };
    const vm = buildViewModel([referenceResult(), { ...good, comparisons: [{ ...first, hodgesLehmann }, ...rest] }], ENV, { audience: 'instructor' });
    const views = vm.submissions[1].convergence.map((c) => c.comparison);
    expect(views[0]).toMatchObject({ ratio: 1.45, ratioText: '1.45×', lo: 1.24, hi: 1.75, intervalText: '90% CI 1.24–1.75' });
    expect(views[1]?.intervalText).toBe('95% CI 0.92–1.31'); // the fixture's ratio of medians, as in the first test
  });

  test('the status badge says what happened: graded, partly graded (checks or runs that could not finish), failed to load', () => {
    const vm = buildViewModel(classResults(), ENV, { audience: 'instructor' });
    expect(vm.submissions.map((s) => [s.name, s.outcomeLabel, s.outcomeNote])).toEqual([
      ['reference', 'graded', null],
      ['alice', 'graded', null],
      ['bob', 'partly graded', '3 checks errored or timed out; 2 training runs did not finish'],
      ['carol', 'failed to load', "SyntaxError: Unexpected token '}' (index.ts:17:1)"],
    ]);
  });

  test('is frozen and does not freeze or change the caller\'s results', () => {
    const results = classResults();
    const before = JSON.stringify(results);
    const vm = buildViewModel(results, ENV, { audience: 'instructor', now: NOW });
    expect(Object.isFrozen(vm.submissions[0].checks[0])).toBe(true);
    expect(Object.isFrozen(results[0].checks[0])).toBe(false);
    expect(JSON.stringify(results)).toBe(before);
    expect(vm.generatedAt).toBe('2026-11-21T12:00:00.000Z');
  });

  test('student audience: a hidden check keeps only its name and score', () => {
    const vm = buildViewModel([goodResult()], ENV, { audience: 'student' });
    const hidden = vm.submissions[0].checks.find((c) => c.id === 'lstm.hidden.long-sequence')!;
    expect(hidden).toMatchObject({ title: 'LSTM on T=100 (hidden)', score: 0, points: 2, redacted: true, details: null, summary: HIDDEN_CHECK_OUTPUT });
    expect(JSON.stringify(vm)).not.toMatch(/SECRET/);
  });

  test('instructor audience: a hidden check shows everything', () => {
    const vm = buildViewModel([goodResult()], ENV, { audience: 'instructor' });
    const hidden = vm.submissions[0].checks.find((c) => c.id === 'lstm.hidden.long-sequence')!;
    expect(hidden.redacted).toBe(false);
    expect(hidden.details).toMatchObject({ expected: 'SECRET-EXPECTED-VALUE', actual: 'SECRET-ACTUAL-VALUE', hint: 'SECRET-HINT' });
  });

  test('rejects an unknown audience with the fix', () => {
    expect(() => buildViewModel([], ENV, { audience: 'teacher' as never })).toThrow(
      'writeReports requires audience "student" or "instructor", got "teacher". Fix: pass --audience student|instructor.');
  });

  test('scores per part, lost checks first by points lost, counts by status', () => {
    const s = buildViewModel([everyFailureResult()], ENV, { audience: 'instructor' }).submissions[0];
    expect(s.parts.map((p) => [p.part, p.score, p.max])).toEqual([['part1', 2, 12], ['part2', 0, 3], ['part3', 0, 4]]);
    expect(s.counts).toEqual({ passed: 1, failed: 3, errored: 2, timedOut: 1, skipped: 4, total: 11 });
    expect(s.lostChecks.map((c) => c.lost)).toEqual([2, 2, 2, 2, 1, 1]);
    expect(s.lostChecks.every((c) => c.status !== 'skipped' && c.status !== 'passed')).toBe(true);
  });

  test('groups checks by subject; a subject skipped as a whole folds under its reason', () => {
    const vm = buildViewModel(classResults(), ENV, { audience: 'instructor' });
    const bob = vm.submissions.find((s) => s.name === 'bob')!;
    const part3 = bob.parts.find((p) => p.part === 'part3')!;
    expect(part3.subjects.map((s) => [s.subject, s.skippedReason])).toEqual([
      ['gcn', 'not submitted: the default export has no models.gcn'],
      ['gat', 'not submitted: the default export has no models.gat'],
    ]);
    const lstm = bob.parts[0].subjects.find((s) => s.subject === 'lstm')!;
    // lstm: forward 2 + gradients 2 + hidden 2 + sanity 1 points; only forward passed
    expect([lstm.score, lstm.max, lstm.skippedReason]).toEqual([2, 7, null]);
    expect(vm.submissions.map((s) => s.verdict)).toEqual(['full-marks', 'partial', 'partial', 'load-failed']);
  });

  test('strips ANSI colours and XML-illegal control characters from student text', () => {
    const s = buildViewModel([everyFailureResult()], ENV, { audience: 'instructor' }).submissions[0];
    const notes = s.convergence.flatMap((c) => c.submission.summary.notes).join('\n');
    expect(notes).toContain('seed 2: errored (RangeError: Invalid array length)');
    expect(JSON.stringify(s.checks)).not.toMatch(/\\u0007|\\u001b/);
  });

  test('convergence groups: the reference band comes from the reference submission, run outcomes are counted', () => {
    const vm = buildViewModel(classResults(), ENV, { audience: 'instructor' });
    expect(vm.reference).toBe('reference');
    const bob = vm.submissions.find((s) => s.name === 'bob')!;
    expect(bob.convergence.map((c) => c.label)).toEqual(['lstm · digit-palindrome · T=10', 'lstm · binary-palindrome · T=20']);
    const [digits, binary] = bob.convergence;
    expect(digits.reference?.summary.seeds).toBe(3);
    expect(digits.submission.summary).toMatchObject({ seeds: 3, converged: 1, censored: 2 });
    expect(binary.submission.summary).toMatchObject({ seeds: 3, converged: 0, diverged: 1, failed: 2, medianSteps: null });
    expect(digits.comparison?.verdict).toBe('slower');
    // the reference is not compared with itself
    expect(vm.submissions.find((s) => s.name === 'reference')!.convergence.every((c) => c.reference === null)).toBe(true);
  });

  test('a load failure is carried with its cause and message', () => {
    const s = buildViewModel([loadFailedResult()], ENV, { audience: 'student' }).submissions[0];
    expect(s.status).toBe('load-failed');
    expect(s.loadError).toEqual({ cause: 'load-failed', message: "SyntaxError: Unexpected token '}' (index.ts:17:1)" });
  });
});

describe('band', () => {
  test('is the mean ± sample std over seeds at each step, skipping NaN', () => {
    const runs = [runWith([[50, 0.2], [100, 0.5]], 1), runWith([[50, 0.4], [100, Number.NaN]], 2), runWith([[50, 0.6], [100, 0.7]], 3)];
    // step 50: values .2 .4 .6 → mean .4, sample std .2; step 100: .5 .7 → mean .6, std √0.02
    const b = band(runs);
    expect(b.map((p) => p.step)).toEqual([50, 100]);
    expect(b[0].mean).toBeCloseTo(0.4, 12);
    expect(b[0].hi - b[0].mean).toBeCloseTo(0.2, 12);
    expect(b[1]).toMatchObject({ n: 2 });
    expect(b[1].mean).toBeCloseTo(0.6, 12);
    expect(b[1].mean - b[1].lo).toBeCloseTo(Math.sqrt(0.02), 12);
  });
});

describe('overallRatio', () => {
  const cmp = (ratio: number, lo: number, hi: number): Comparison => ({
    model: 'lstm', dataset: 'd', T: 1, ratio, ci95: [lo, hi], verdict: 'inconclusive', sentence: '',
  });

  test('with one comparison whose CI is symmetric on the log scale, is that comparison', () => {
    const o = overallRatio([cmp(2, 1, 4)])!;
    expect(o.ratio).toBeCloseTo(2, 12);
    expect(o.lo).toBeCloseTo(1, 12);
    expect(o.hi).toBeCloseTo(4, 12);
    expect(o.text).toBe('2.00× (1.00–4.00)');
  });

  test('is the geometric mean, with the log-scale standard errors combined as independent', () => {
    // ln-ratios +ln2 and −ln2 → mean 0; se_i = ln4/3.92 each → se = √2·(ln4/3.92)/2; lo = exp(−1.96·se) = 4^(−1/(2√2))
    const o = overallRatio([cmp(2, 1, 4), cmp(0.5, 0.25, 1)])!;
    expect(o.ratio).toBeCloseTo(1, 12);
    expect(o.lo).toBeCloseTo(4 ** (-1 / (2 * Math.SQRT2)), 12);
    expect(o.hi).toBeCloseTo(4 ** (1 / (2 * Math.SQRT2)), 12);
    expect(o.comparisons).toBe(2);
  });

  test('ignores comparisons with an unbounded interval, and is null without any', () => {
    expect(overallRatio([cmp(3, 1, Infinity)])).toBeNull();
    expect(overallRatio([])).toBeNull();
  });
});

test('uniqueSlugs makes file-system-safe, unique folder names', () => {
  expect(uniqueSlugs(['alice', 'a b/../c', 'alice', '..hidden', ''])).toEqual(['alice', 'a-b-..-c', 'alice-2', 'hidden', 'submission']);
});

test('the reproducibility block says how the process was isolated and whether the same seed gave the same curve', () => {
  const isolation = 'isolation: permission model; own unprivileged user per lane; no network (own network namespace)';
  const withheld = { ...goodResult(), comparisons: [], reproducibility: { status: 'not-reproducible' as const, message: 'seed 1 gave two different curves' } };
  const vm = buildViewModel([referenceResult(), withheld, loadFailedResult()], { ...ENV, isolation }, { audience: 'instructor' });
  const [ref, alice, carol] = vm.submissions;
  expect(alice.reproducibility).toMatchObject({ isolation, sameSeedSameCurve: 'no — comparisons withheld: seed 1 gave two different curves' });
  expect(carol.reproducibility.sameSeedSameCurve).toBe('not checked (no experiments)');
  expect(ref.reproducibility.isolation).toBe(isolation);
  expect(buildViewModel([goodResult()], ENV, { audience: 'instructor' }).submissions[0].reproducibility.isolation).toBe('not recorded (in-process or an older run)');
});
