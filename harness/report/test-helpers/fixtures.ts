/**
 * Realistic synthetic results for the report tests: a reference, a good submission, one
 * with every kind of failure, and one that does not load. Curves follow a seeded logistic
 * learning curve, so bands have real spread; the numbers are made up, the shapes are not.
 */
import seedrandom from 'seedrandom';
import type {
  CheckResult, Comparison, ConvergenceStatistics, CurvePoint, Environment, MicroBenchmark, Part, SubmissionResult, TextSamples, TrainingRun,
} from '../../results/types';

export const ENV: Environment = {
  harnessVersion: '0.1.0',
  commit: 'abc123def456',
  backend: 'wasm',
  backendDetail: '@tensorflow/tfjs-backend-wasm (tfjs backend "wasm", wasm matMul fix)',
  device: 'cpu',
  tfjsVersion: '4.22.0',
  nodeVersion: 'v20.20.2',
  cpu: 'Test CPU @ 2.0GHz × 2',
  platform: 'linux 6.1.0 x64',
};

export const SEEDS = [1, 2, 3];
const STARTED = '2026-11-21T10:00:00.000Z';
const ENDED = '2026-11-21T10:04:30.000Z';

type Meta = { id: string; title: string; part: Part; subject: string; points: number; hidden?: boolean };

function meta(m: Meta, score: number) {
  return { id: m.id, title: m.title, part: m.part, subject: m.subject, points: m.points, timeoutMs: 30_000, hidden: m.hidden ?? false, score, ms: 40 };
}

export const passed = (m: Meta, note?: string): CheckResult => ({ ...meta(m, m.points), status: 'passed', ...(note ? { note } : {}) });
export const failed = (m: Meta, extra: Partial<{ expected: string; actual: string; hint: string; diagnosis: { id: string; message: string; error: number } }> = {}): CheckResult => ({
  ...meta(m, 0), status: 'failed',
  expected: extra.expected ?? 'logits [4, 10], max |Δ| ≤ 1e-4',
  actual: extra.actual ?? 'max |Δ| = 0.318 at [2, 7]',
  hint: extra.hint ?? 'Compare your forget gate with f(t) = σ(W_fx x(t) + W_fh h(t−1) + b_f).',
  ...(extra.diagnosis ? { diagnosis: extra.diagnosis } : {}),
});
export const errored = (m: Meta, message = 'TypeError: Cannot read properties of undefined (reading \'shape\')\n    at forward (index.ts:42:17)'): CheckResult => ({
  ...meta(m, 0), status: 'errored', cause: 'threw', message, hint: 'forward must return a tf.Tensor2D of shape [B, K].',
});
export const timedOut = (m: Meta): CheckResult => ({
  ...meta(m, 0), status: 'timed-out', limitMs: 30_000, hint: 'Hoist the input projection out of the time loop; the check allows 30 s.',
});
export const skipped = (m: Meta, reason = 'not submitted: the default export has no models.gcn'): CheckResult => ({
  ...meta(m, 0), status: 'skipped', reason,
});

const C = {
  lstmForward: { id: 'lstm.forward.T10', title: 'LSTM forward pass matches the reference', part: 'part1', subject: 'lstm', points: 2 },
  lstmGrad: { id: 'lstm.gradients', title: 'LSTM BPTT gradients', part: 'part1', subject: 'lstm', points: 2 },
  gruForward: { id: 'gru.forward.T10', title: 'GRU forward pass', part: 'part1', subject: 'gru', points: 2 },
  peepForward: { id: 'peepLSTM.forward.T10', title: 'Peephole LSTM forward pass', part: 'part1', subject: 'peepLSTM', points: 2 },
  timeGate: { id: 'timeGate.values', title: 'Time gate k(t) <open/closed> phases & leak', part: 'part1', subject: 'timeGate', points: 1 },
  lstmHidden: { id: 'lstm.hidden.long-sequence', title: 'LSTM on T=100 (hidden)', part: 'part1', subject: 'lstm', points: 2, hidden: true },
  lstmSanity: { id: 'lstm.sanity.train', title: 'LSTM trains to 0.9 on palindromes', part: 'part1', subject: 'lstm', points: 1 },
  textStep: { id: 'textGenerator.step', title: 'Text generator step matches forward', part: 'part2', subject: 'textGenerator', points: 2 },
  textHidden: { id: 'textGenerator.temperature', title: 'Temperature sampling convention (hidden)', part: 'part2', subject: 'textGenerator', points: 1, hidden: true },
  gcn: { id: 'gcn.forward', title: 'GCN layer H\' = σ(Â H W)', part: 'part3', subject: 'gcn', points: 2 },
  gat: { id: 'gat.forward', title: 'GAT attention α over N(i) ∪ {i}', part: 'part3', subject: 'gat', points: 2 },
} satisfies Record<string, Meta>;

/** Accuracy curve: logistic in the step with seeded noise; `speed` scales how fast it rises. */
export function curve(seed: number, speed: number, steps = 1000, every = 50, opts: { divergeAt?: number; ceiling?: number } = {}): CurvePoint[] {
  const rng = seedrandom(`curve-${seed}-${speed}`);
  const points: CurvePoint[] = [];
  for (let step = every; step <= steps; step += every) {
    const ceiling = opts.ceiling ?? 1;
    const acc = Math.min(1, Math.max(0.1, 0.1 + (ceiling - 0.1) / (1 + Math.exp(-(step * speed - 400) / 80)) + (rng() - 0.5) * 0.04));
    const diverged = opts.divergeAt !== undefined && step >= opts.divergeAt;
    points.push({ step, seconds: step * 0.01, loss: diverged ? Number.NaN : 2.3 * (1 - acc), accuracy: diverged ? Number.NaN : acc });
  }
  return points;
}

function run(submission: string, seed: number, points: CurvePoint[], status: TrainingRun['status'], extra: Partial<TrainingRun> = {}): TrainingRun {
  const target = 0.9;
  const hit = points.findIndex((p, i) => p.accuracy >= target && (points[i + 1]?.accuracy ?? 0) >= target);
  return {
    key: `${submission}-lstm-digit-${seed}`, submission, submissionHash: `hash-${submission}`, profile: 'quick',
    model: 'lstm', dataset: 'digit-palindrome', T: 10, seed, backend: 'wasm', status, target, budgetSteps: 1000,
    curve: points, msPerStep: 4.2,
    ...(status === 'converged' && hit >= 0 ? { stepsToTarget: points[hit].step, secondsToTarget: points[hit].seconds } : {}),
    ...extra,
  };
}

function runsFor(submission: string, speed: number, dataset = 'digit-palindrome', T = 10): TrainingRun[] {
  return SEEDS.map((seed) => ({ ...run(submission, seed, curve(seed + T, speed), 'converged'), dataset, T, key: `${submission}-${dataset}-${T}-${seed}` }));
}

/** the reference's median steps to 0.9 in these fixtures, and the steps a run is given */
const REFERENCE_MEDIAN = 600;
const BUDGET = 1000;

/** one side of a comparison's statistics, from its median (null = ∞: most of its runs missed the target) */
function side(median: number | null, runs = SEEDS.length): ConvergenceStatistics {
  const successes = median === null ? Math.floor(runs / 2) : runs;
  const iqm = median ?? BUDGET;
  return { runs, successes, successRate: successes / runs, ert: median, median, iqm, iqmCi95: [0.9 * iqm, Math.min(BUDGET, 1.1 * iqm)] };
}

/** A comparison as grading stores it since issue 15: the submission's median is `ratio` × the reference's, ∞ past the budget. */
const comparison = (ratio: number, lo: number, hi: number, verdict: Comparison['verdict'], dataset = 'digit-palindrome', T = 10): Comparison => ({
  model: 'lstm', dataset, T, ratio, ci95: [lo, hi], pWelch: 0.012, pPermutation: 0.02, verdict,
  sentence: `lstm on ${dataset} (T=${T}) reaches 0.9 accuracy in ${ratio.toFixed(2)}× the reference's steps (95% CI ${lo.toFixed(2)}–${hi.toFixed(2)}): ${verdict}.`,
  statistics: {
    budget: BUDGET,
    a: side(ratio * REFERENCE_MEDIAN <= BUDGET ? ratio * REFERENCE_MEDIAN : null),
    b: side(REFERENCE_MEDIAN),
    probabilityOfImprovement: { p: ratio < 1 ? 0.8 : 0.3, ci95: [0.2, 1] },
  },
});

const bench = (submission: string, ratio?: number): MicroBenchmark => ({
  submission, model: 'lstm', task: 'forward+backward', sizes: { B: 64, T: 10, H: 128 }, meanMs: 12.5 * (ratio ?? 1), p99Ms: 15.1 * (ratio ?? 1), rme: 2.3, samples: 120,
  ...(ratio === undefined ? {} : { ratioToReference: ratio }),
});

const text = (tag: string): TextSamples => ({
  greedy: ['1/3', '2/3', '3/3'].map((at, i) => ({
    at,
    samples: [{ start: 'T', text: `${tag} The ${'the '.repeat(i + 1)}sea was <calm> & "still"` }, { start: 'a', text: `${tag} and so it went ${i}` }],
  })),
  temperature: [0.5, 1, 2].map((tau) => ({ tau, samples: [`${tag} τ=${tau}: the ship sailed`, `${tag} τ=${tau}: qz!x wrr`] })),
});

function base(name: string, checks: CheckResult[], extra: Partial<SubmissionResult> = {}): SubmissionResult {
  const parts = (['part1', 'part2', 'part3'] as Part[]).map((part) => {
    const own = checks.filter((c) => c.part === part);
    return { part, score: own.reduce((s, c) => s + c.score, 0), max: own.reduce((s, c) => s + c.points, 0) };
  }).filter((p) => p.max > 0);
  const score = parts.reduce((s, p) => s + p.score, 0);
  const maxScore = parts.reduce((s, p) => s + p.max, 0);
  return {
    submission: { name, hash: `sha256-${name}-0123456789abcdef`, author: `${name[0].toUpperCase()}${name.slice(1)} Student`, warnings: [] },
    profile: 'quick', seeds: SEEDS, checks, parts, score, maxScore, runs: [], comparisons: [], benchmarks: [],
    startedAt: STARTED, endedAt: ENDED, status: 'graded', ...extra,
  } as SubmissionResult;
}

export function referenceResult(): SubmissionResult {
  const all = Object.values(C).map((m) => passed(m));
  return base('reference', all, {
    runs: [...runsFor('reference', 1), ...runsFor('reference', 1, 'binary-palindrome', 20)],
    benchmarks: [bench('reference')], text: text('[ref]'),
  });
}

export function goodResult(): SubmissionResult {
  return base('alice', [
    passed(C.lstmForward, 'max |Δ| = 3.1e-7'), passed(C.lstmGrad), passed(C.gruForward),
    failed(C.peepForward, {
      expected: 'h(T) [4, 16] within 1e-4 of the reference', actual: 'max |Δ| = 0.21',
      hint: 'The 2020 peephole cell input uses a sigmoid, not tanh.',
      diagnosis: { id: 'peep.tanh-cell-input', message: 'matches the peephole LSTM with tanh cell input', error: 2.4e-7 },
    }),
    passed(C.timeGate), failed(C.lstmHidden, { expected: 'SECRET-EXPECTED-VALUE', actual: 'SECRET-ACTUAL-VALUE', hint: 'SECRET-HINT' }),
    passed(C.lstmSanity), passed(C.textStep), passed(C.textHidden), passed(C.gcn), passed(C.gat),
  ], {
    runs: [...runsFor('alice', 1.25), ...runsFor('alice', 0.9, 'binary-palindrome', 20)],
    comparisons: [comparison(0.8, 0.66, 0.97, 'faster'), comparison(1.1, 0.92, 1.31, 'no-difference', 'binary-palindrome', 20)],
    benchmarks: [bench('alice', 1.4)], text: text('[alice]'),
  });
}

/** A graded submission with every kind of failure the report must show. */
export function everyFailureResult(): SubmissionResult {
  const censored = SEEDS.map((seed) => run('bob', seed, curve(seed, 0.3, 1000, 50, { ceiling: 0.6 }), 'censored', { key: `bob-c-${seed}` }));
  censored[0] = run('bob', 1, curve(1, 0.7), 'converged', { key: 'bob-c-1' });
  const diverged = [
    run('bob', 1, curve(11, 0.9, 1000, 50, { divergeAt: 300 }), 'diverged', { key: 'bob-d-1', dataset: 'binary-palindrome', T: 20, message: 'loss became NaN at step 300' }),
    run('bob', 2, [], 'errored', { key: 'bob-d-2', dataset: 'binary-palindrome', T: 20, message: '\u001b[31mRangeError: Invalid array length\u001b[0m' }),
    run('bob', 3, curve(13, 0.9, 200), 'timed-out', { key: 'bob-d-3', dataset: 'binary-palindrome', T: 20 }),
  ];
  return base('bob', [
    passed(C.lstmForward),
    failed(C.lstmGrad, { diagnosis: { id: 'lstm.grad.missing-clip', message: 'matches gradients without the f(t) term in dc(t−1) — "<b>bold</b>" & co', error: 1.2e-6 } }),
    errored(C.gruForward),
    timedOut(C.peepForward),
    failed(C.timeGate, { expected: 'k(t) = 0 in the closed phase', actual: 'k(5) = 0.5 | pipes | in | text\u0007', hint: 'Use mod(t − s, τ) / τ for the phase φ(t).' }),
    errored(C.lstmHidden, 'SECRET-ERROR-MESSAGE'),
    failed(C.lstmSanity, { expected: 'accuracy ≥ 0.9 within 1000 steps', actual: 'accuracy 0.6 after 1000 steps (censored)', hint: 'Check the learning rate and gradient clipping.' }),
    skipped(C.textStep, 'not submitted: the default export has no models.textGenerator'),
    skipped(C.textHidden, 'not submitted: the default export has no models.textGenerator'),
    skipped(C.gcn), skipped(C.gat, 'not submitted: the default export has no models.gat'),
  ], {
    submission: { name: 'bob', hash: 'sha256-bob-fedcba9876543210', warnings: ['index.ts:12: Parameter \'x\' implicitly has an \'any\' type.'] },
    runs: [...censored, ...diverged],
    comparisons: [comparison(2.9, 1.7, 6.2, 'slower')],
    benchmarks: [bench('bob', 3.2), { ...bench('bob'), task: 'forward', meanMs: 5.5, p99Ms: 7.7 }],
  });
}

export function loadFailedResult(): SubmissionResult {
  const checks = Object.values(C).map((m) => skipped(m, 'the submission did not load'));
  return {
    ...base('carol', checks),
    submission: { name: 'carol', hash: 'sha256-carol-00', warnings: [] },
    status: 'load-failed',
    error: { cause: 'load-failed', message: "SyntaxError: Unexpected token '}' (index.ts:17:1)" },
  } as SubmissionResult;
}

export function classResults(): SubmissionResult[] {
  return [referenceResult(), goodResult(), everyFailureResult(), loadFailedResult()];
}

/** Where this checkout lies: a path no report may print (the fixtures below put it in messages). */
export const LOCAL_ROOT = require('node:path').resolve(__dirname, '..', '..', '..') as string;

/**
 * A submission whose every piece of supplied text attacks the outputs: ANSI escape
 * sequences (screen clear, cursor moves, an OSC hyperlink, 8-bit CSI), bells, Markdown
 * (links, images, emphasis, headings, table pipes, code fences) and HTML, plus absolute
 * local paths in its stack traces and in the environment.
 */
export function hostileTextResult(): SubmissionResult {
  const ansi = '\u001b[2J\u001b[H\u001b[31m';
  return {
    ...base('mallory', [
      passed(C.lstmForward),
      failed(C.lstmGrad, {
        expected: 'gradients within 1e-4',
        actual: `[click me](http://evil.example/steal) **bold** | cell | <img src=x onerror=alert(1)> ${ansi}red\u001b[0m\u0007`,
        hint: '```\n# not a heading\n```',
      }),
      errored(C.gruForward, `Error: ![pixel](http://evil.example/p.png) <script>alert(1)</script>\u009b1m\n    at forward (${LOCAL_ROOT}/submissions/mallory/index.ts:3:9)\n    at ${require('node:os').tmpdir()}/netgrade-x/worker.js:1:1`),
      skipped(C.gcn, `not submitted: ${ansi}\u001b]8;;http://evil.example\u0007models.gcn\u001b]8;;\u0007`),
    ], {
      environment: { ...ENV, backendDetail: `@tensorflow/tfjs-backend-wasm from ${LOCAL_ROOT}/node_modules/@tensorflow/tfjs-backend-wasm/dist` },
    }),
    submission: {
      name: 'mallory',
      hash: 'sha256-mallory-00',
      author: `${ansi}Mallory [home](http://evil.example) _emph_ \u001b]0;pwned\u0007`,
      warnings: [`# Heading\n- list item ${ansi}\u001b[1A\u001b[K overwritten`, `${LOCAL_ROOT}/submissions/mallory/index.ts:1: <b>bold</b>`],
    },
  } as SubmissionResult;
}

/** A result under another submission's name (its runs and their keys follow). */
export function renamed(r: SubmissionResult, name: string): SubmissionResult {
  const copy = structuredClone(r);
  const from = copy.submission.name;
  copy.submission.name = name;
  copy.submission.hash = `sha256-${name}`;
  copy.runs = copy.runs.map((run) => ({ ...run, submission: name, key: run.key.replace(from, name) }));
  return copy;
}

/** The same results with one seed: no interval can be given for its comparisons. */
export function oneSeed(r: SubmissionResult): SubmissionResult {
  const copy = structuredClone(r);
  copy.seeds = [SEEDS[0]];
  copy.runs = copy.runs.filter((run) => run.seed === SEEDS[0]);
  copy.comparisons = copy.comparisons.map((c) => (c.statistics
    ? { ...c, statistics: { ...c.statistics, a: side(c.statistics.a.median, 1), b: side(c.statistics.b.median, 1) } }
    : c));
  return copy;
}

/**
 * A class of `n` submissions (plus the reference) cycling through every kind the reports
 * must show: full marks, partial marks with a diagnosis, every kind of failure, a load
 * failure, hostile text, and a one-seed run.
 */
export function generatedClass(n: number): SubmissionResult[] {
  const kinds = [
    () => referenceResult(), goodResult, everyFailureResult, loadFailedResult, hostileTextResult, () => oneSeed(goodResult()),
  ];
  const out = [referenceResult()];
  for (let i = 0; i < n; i++) out.push(renamed(kinds[i % kinds.length](), `student-${String(i + 1).padStart(3, '0')}`));
  return out;
}
