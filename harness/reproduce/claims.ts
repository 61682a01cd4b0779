/**
 * The claims: what the course's students reported (../shared/assignment-spec.md,
 * "Results students reported"; issue 15 item 4), each with the criterion netgrade's runs
 * are held to, written before the runs, and a plain function that applies it.
 *
 * One tolerance throughout: a reported step ("after about 400 steps") holds when the
 * measured step is within ±50 % of it. "Perfect" or "near-perfect" is the harness's
 * convergence rule: accuracy ≥ 0.99 at two consecutive evaluations.
 */
import { accuracyAt, firstReach, maxOfMeanUntil, meanSpread } from './curves';
import type { Claim, RunRecord, Verdict } from './types';

export const PERFECT = 0.99;
/** a reported step S holds for a measured step in [S · (1 − 0.5), S · (1 + 0.5)] */
export const STEP_TOLERANCE = 0.5;

const fmt = (x: number | undefined, digits = 3) => (x === undefined ? '–' : x.toFixed(digits));
const stepText = (s: number | undefined) => (s === undefined ? 'never' : `step ${s}`);

/** The runs of one model at one length, or the verdict that says why there are none to judge. */
function select(runs: readonly RunRecord[], model: string, length: number, label: string): RunRecord[] | Verdict {
  const mine = runs.filter((r) => r.model === model && r.length === length);
  if (!mine.length) return { status: 'not-run', reason: `no runs of ${label}` };
  const failed = mine.find((r) => r.status === 'errored' || r.status === 'timed-out');
  if (failed) return { status: 'not-run', reason: `${label} seed ${failed.seed} ${failed.status}: ${failed.message ?? 'no message'}` };
  return mine;
}
const isVerdict = (x: RunRecord[] | Verdict): x is Verdict => !Array.isArray(x);

/** A run that ended before `step` cannot show what happens by then: "not run", never "disagrees". */
function endsBefore(runs: readonly RunRecord[], step: number): Verdict | undefined {
  const short = runs.find((r) => (r.curve.at(-1)?.step ?? 0) < step);
  return short ? { status: 'not-run', reason: `seed ${short.seed} of ${short.model} ended at step ${short.curve.at(-1)?.step ?? 0}, before step ${step}` } : undefined;
}

/** The seeds' first steps at 0.99, as "seed 0: step 350, seed 1: never". */
function reachText(runs: readonly RunRecord[]): string {
  return runs.map((r) => `seed ${r.seed}: ${stepText(firstReach(r.curve, PERFECT))}`).join(', ');
}

/** Every seed reaches 0.99 by `byStep` (undefined: within its budget). */
export function everySeedReaches(runs: readonly RunRecord[], byStep?: number): { ok: boolean; measured: string } {
  const ok = runs.every((r) => { const s = firstReach(r.curve, PERFECT); return s !== undefined && (byStep === undefined || s <= byStep); });
  return { ok, measured: reachText(runs) };
}

function verdict(ok: boolean, measured: string, failure: string): Verdict {
  return ok ? { status: 'agrees', measured } : { status: 'disagrees', measured, reason: failure };
}

// ---------------------------------------------------------------- 2020 D/E: binary palindromes

const LSTM_L10 = (runs: readonly RunRecord[]): Verdict => {
  const got = select(runs, 'lstm', 10, 'the LSTM at L = 10');
  if (isVerdict(got)) return got;
  const { ok, measured } = everySeedReaches(got);
  return verdict(ok, measured, `not every seed reached ${PERFECT} within ${got[0].budgetSteps} steps`);
};

/** chance level on binary palindromes: the majority class (label 1) is about 0.67 of the sequences */
export const PLATEAU_CEILING = 0.75;
export const PLATEAU_UNTIL = 500;

const LSTM_L20_PLATEAU = (runs: readonly RunRecord[]): Verdict => {
  const got = select(runs, 'lstm', 20, 'the LSTM at L = 20');
  if (isVerdict(got)) return got;
  const short = endsBefore(got, PLATEAU_UNTIL);
  if (short) return short;
  const top = maxOfMeanUntil(got.map((r) => r.curve), PLATEAU_UNTIL)!;
  return verdict(top <= PLATEAU_CEILING, `highest mean accuracy up to step ${PLATEAU_UNTIL}: ${fmt(top)}`,
    `the mean rose above ${PLATEAU_CEILING} before step ${PLATEAU_UNTIL}`);
};

export const JUMP_AT = 1000;
export const LAG_STEPS = 300;

/** Some seeds jump to 0.99 around step 1,000 (500–1,500) while others lag (≥ 300 steps later, or never). */
export function jumpsAndLags(runs: readonly RunRecord[]): { ok: boolean; measured: string; failure: string } {
  const reach = runs.map((r) => firstReach(r.curve, PERFECT));
  const lo = JUMP_AT * (1 - STEP_TOLERANCE), hi = JUMP_AT * (1 + STEP_TOLERANCE);
  const jumped = reach.some((s) => s !== undefined && s >= lo && s <= hi);
  const reached = reach.filter((s): s is number => s !== undefined);
  const lags = reached.length < reach.length || (reached.length > 1 && Math.max(...reached) - Math.min(...reached) >= LAG_STEPS);
  const failure = !jumped ? `no seed first reached ${PERFECT} within steps ${lo}–${hi}` : `the seeds reached ${PERFECT} within ${LAG_STEPS} steps of each other`;
  return { ok: jumped && lags, measured: reachText(runs), failure };
}

const LSTM_L20_JUMP = (runs: readonly RunRecord[]): Verdict => {
  const got = select(runs, 'lstm', 20, 'the LSTM at L = 20');
  if (isVerdict(got)) return got;
  const { ok, measured, failure } = jumpsAndLags(got);
  return (!ok && endsBefore(got, JUMP_AT * (1 + STEP_TOLERANCE))) || verdict(ok, measured, failure);
};

export const PEEP_AT = 500;

/** The claim "every seed of `model` at `length` reaches {@link PERFECT} by step `at`" (with the step tolerance). */
function everySeedBy(model: string, length: number, label: string, at: number) {
  return (runs: readonly RunRecord[]): Verdict => {
    const got = select(runs, model, length, label);
    if (isVerdict(got)) return got;
    const by = at * (1 + STEP_TOLERANCE);
    const { ok, measured } = everySeedReaches(got, by);
    return (!ok && endsBefore(got, by)) || verdict(ok, measured, `not every seed reached ${PERFECT} by step ${by}`);
  };
}

const PEEP_L20_BY_500 = everySeedBy('peepLSTM', 20, 'the peepLSTM at L = 20', PEEP_AT);

const PEEP_L20_LESS_SPREAD = (runs: readonly RunRecord[]): Verdict => {
  const peep = select(runs, 'peepLSTM', 20, 'the peepLSTM at L = 20');
  if (isVerdict(peep)) return peep;
  const lstm = select(runs, 'lstm', 20, 'the LSTM at L = 20');
  if (isVerdict(lstm)) return lstm;
  const p = meanSpread(peep.map((r) => r.curve));
  const l = meanSpread(lstm.map((r) => r.curve));
  if (p === undefined || l === undefined) return { status: 'not-run', reason: 'a spread needs at least 2 seeds of each model' };
  return verdict(p < l, `mean std across seeds: peepLSTM ${fmt(p)}, LSTM ${fmt(l)}`, 'the peepLSTM spread as much as the LSTM or more');
};

// ---------------------------------------------------------------- 2018/2019: digit palindromes (L = T + 1)

export const RNN_AT = 400;
export const HORIZON = 1000;
/** chance on digit palindromes is 0.1 (ten classes); "does not improve" allows 0.1 above it */
export const STUCK_CEILING = 0.2;

const RNN_T5_BY_400 = everySeedBy('vanillaRNN', 6, 'the RNN at T = 5', RNN_AT);

/** Accuracy at step {@link HORIZON} of every seed at each length, with whether all pass `test`. */
function atHorizon(runs: readonly RunRecord[], model: string, Ts: number[], test: (a: number) => boolean): Verdict | { ok: boolean; measured: string; failing: string[] } {
  const parts: string[] = [];
  const failing: string[] = [];
  for (const T of Ts) {
    const got = select(runs, model, T + 1, `the ${model} at T = ${T}`);
    if (isVerdict(got)) return got;
    const accs = got.map((r) => accuracyAt(r.curve, HORIZON));
    if (accs.some((a) => a === undefined)) return { status: 'not-run', reason: `the runs at T = ${T} end before step ${HORIZON}` };
    parts.push(`T = ${T}: ${accs.map((a) => fmt(a, 2)).join(' / ')}`);
    got.forEach((r, k) => { if (!test(accs[k]!)) failing.push(`T = ${T} seed ${r.seed}`); });
  }
  return { ok: !failing.length, measured: `accuracy at step ${HORIZON} per seed: ${parts.join('; ')}`, failing };
}

const RNN_LONG_STUCK = (runs: readonly RunRecord[]): Verdict => {
  const got = atHorizon(runs, 'vanillaRNN', [15, 20], (a) => a <= STUCK_CEILING);
  if ('status' in got) return got;
  return verdict(got.ok, got.measured, `the RNN improved past ${STUCK_CEILING} at ${got.failing.join(', ')}`);
};

const LSTM_ALL_ABOVE_HALF = (runs: readonly RunRecord[]): Verdict => {
  const got = atHorizon(runs, 'lstm', [5, 10, 15, 20], (a) => a >= 0.5);
  if ('status' in got) return got;
  return verdict(got.ok, got.measured, `below 0.5 at ${got.failing.join(', ')}`);
};

// ---------------------------------------------------------------- Part 2: text generation on Grimm's tales

export const TEXT_AT = 5000;
export const TEXT_ACCURACY = 0.65;
export const TEXT_MARGIN = 0.05;
export const TEXT_EARLY = 1500;
/** "not converged at 1,500": still this much below the accuracy "after about 5,000" */
export const TEXT_STILL_RISING = 0.02;

/** The text run (one seed, as the students reported), or why there is none. */
function textRun(runs: readonly RunRecord[]): RunRecord[] | Verdict {
  const run = runs.find((r) => r.model === 'textGenerator');
  if (!run) return { status: 'not-run', reason: 'no text-generation run' };
  if (run.status === 'errored' || run.status === 'timed-out') return { status: 'not-run', reason: `the text run ${run.status}: ${run.message ?? 'no message'}` };
  return [run];
}

/** "After about 5,000 steps": the last evaluation within 5,000 ± 50 %, or why the run has none. */
export function aboutStep(curve: RunRecord['curve'], reported: number): number | Verdict {
  const lo = reported * (1 - STEP_TOLERANCE), hi = reported * (1 + STEP_TOLERANCE);
  const inside = curve.filter((p) => p.step >= lo && p.step <= hi);
  if (!inside.length) return { status: 'not-run', reason: `the run has no evaluation within steps ${lo}–${hi} (it ended at step ${curve.at(-1)?.step ?? 0})` };
  return inside[inside.length - 1].step;
}

const TEXT_065_AT_5000 = (runs: readonly RunRecord[]): Verdict => {
  const got = textRun(runs);
  if (isVerdict(got)) return got;
  const at = aboutStep(got[0].curve, TEXT_AT);
  if (typeof at !== 'number') return at;
  const a = accuracyAt(got[0].curve, at)!;
  return verdict(Math.abs(a - TEXT_ACCURACY) <= TEXT_MARGIN, `accuracy at step ${at}: ${fmt(a)}`, `outside ${TEXT_ACCURACY} ± ${TEXT_MARGIN}`);
};

const TEXT_RISING_AT_1500 = (runs: readonly RunRecord[]): Verdict => {
  const got = textRun(runs);
  if (isVerdict(got)) return got;
  const at = aboutStep(got[0].curve, TEXT_AT);
  if (typeof at !== 'number') return at;
  const early = accuracyAt(got[0].curve, TEXT_EARLY)!;
  const late = accuracyAt(got[0].curve, at)!;
  return verdict(late - early >= TEXT_STILL_RISING, `accuracy at step ${TEXT_EARLY}: ${fmt(early)}, at ${at}: ${fmt(late)}`,
    `it gained less than ${TEXT_STILL_RISING} after step ${TEXT_EARLY}`);
};

// ---------------------------------------------------------------- the list

/** Why the PyTorch example's peepLSTM can miss the 750-step mark the reference meets. */
const PYTORCH_SEEDS = 'Likely why: three seeds of one implementation scatter widely at L = 20 (see the measured steps); torch draws other initial weights than the reference for the same seed, and over 6 seeds npm run compare found its peepLSTM 1.3× slower than the reference\'s with p = 0.47, i.e. no clear difference (commit 2113f08)';

export const CLAIMS: readonly Claim[] = [
  {
    id: '2020-DE/lstm-L10-perfect', reproduction: '2020-DE', pytorch: true,
    reported: 'LSTM on binary palindromes, L = 10, seeds 0, 1, 2: converges to perfect accuracy',
    criterion: `every seed reaches ≥ ${PERFECT} (two consecutive evaluations) within the budget`,
    judge: LSTM_L10,
  },
  {
    id: '2020-DE/lstm-L20-plateau', reproduction: '2020-DE', pytorch: true,
    reported: 'LSTM, L = 20: accuracy sits near 0.55 at first',
    criterion: `the seeds' mean accuracy stays ≤ ${PLATEAU_CEILING} (chance: the majority class is ≈ 0.67 of the sequences) at every evaluation up to step ${PLATEAU_UNTIL}`,
    judge: LSTM_L20_PLATEAU,
  },
  {
    id: '2020-DE/lstm-L20-jump', reproduction: '2020-DE', pytorch: true,
    reported: 'LSTM, L = 20: some seeds jump to 1.0 after about 1,000 steps, others lag (large std)',
    criterion: `some seed first reaches ≥ ${PERFECT} within steps ${JUMP_AT * (1 - STEP_TOLERANCE)}–${JUMP_AT * (1 + STEP_TOLERANCE)}, and the seeds reach it ≥ ${LAG_STEPS} steps apart (or some never do)`,
    judge: LSTM_L20_JUMP,
  },
  {
    id: '2020-DE/peepLSTM-L20-by-500', reproduction: '2020-DE', pytorch: true,
    reported: 'peepLSTM, L = 20: perfect accuracy by about step 500',
    criterion: `every seed reaches ≥ ${PERFECT} by step ${PEEP_AT * (1 + STEP_TOLERANCE)} (500 + 50 %)`,
    knownDifference: { pytorch: PYTORCH_SEEDS },
    judge: PEEP_L20_BY_500,
  },
  {
    id: '2020-DE/peepLSTM-L20-less-spread', reproduction: '2020-DE', pytorch: true,
    reported: 'peepLSTM, L = 20: small std, less spread than the LSTM',
    criterion: 'the std across seeds, averaged over the evaluations, is smaller for the peepLSTM than for the LSTM at L = 20',
    judge: PEEP_L20_LESS_SPREAD,
  },
  {
    id: '2018/rnn-T5-by-400', reproduction: '2018', pytorch: false,
    reported: 'vanilla RNN on digit palindromes, T = 5: near-perfect after about 400 steps',
    criterion: `every seed reaches ≥ ${PERFECT} by step ${RNN_AT * (1 + STEP_TOLERANCE)} (400 + 50 %)`,
    judge: RNN_T5_BY_400,
  },
  {
    id: '2018/rnn-T15-T20-stuck', reproduction: '2018', pytorch: false,
    reported: 'vanilla RNN beyond T ≈ 15: does not improve within 1,000 steps',
    criterion: `at T = 15 and T = 20, every seed's accuracy at step ${HORIZON} is ≤ ${STUCK_CEILING} (chance is 0.1)`,
    knownDifference: {
      tfjs: 'Likely why (a hypothesis, not tested here): the reference initialises W_hh Kaiming-normal (std √(2/H), the 2020 course\'s prescription; 2018 prescribed none), which puts its spectral radius near √2, where a tanh RNN keeps its first input for many steps, and it reads one-hot digits where the 2018 template fed raw digit values; RNNs started with small weights lose the gradient over 15+ steps',
    },
    judge: RNN_LONG_STUCK,
  },
  {
    id: '2018/lstm-above-half', reproduction: '2018', pytorch: false,
    reported: 'LSTM: stays at or above 0.5 at every length',
    criterion: `at T = 5, 10, 15, 20, every seed's accuracy at step ${HORIZON} is ≥ 0.5`,
    judge: LSTM_ALL_ABOVE_HALF,
  },
  {
    id: 'text/grimm-0.65-at-5000', reproduction: 'text-grimm', pytorch: false,
    reported: "2 × 128 LSTM on Grimm's fairy tales: ≈ 0.65 per-character accuracy after about 5,000 steps",
    criterion: `the training accuracy (mean over the 50 steps' batches before the point) at the run's last evaluation within steps ${TEXT_AT * (1 - STEP_TOLERANCE)}–${TEXT_AT * (1 + STEP_TOLERANCE)} (5,000 ± 50 %) is ${TEXT_ACCURACY} ± ${TEXT_MARGIN}`,
    knownDifference: {
      tfjs: 'Not explained here: the course never defined accuracy (netgrade\'s is per character, averaged over the 50 training batches before the point; a student\'s may be one batch\'s) and did not prescribe the embedding size (64 here); the initialisation is nn.LSTM\'s, uniform in ±1/√H, as the students\' would be',
    },
    judge: TEXT_065_AT_5000,
  },
  {
    id: 'text/grimm-rising-at-1500', reproduction: 'text-grimm', pytorch: false,
    reported: "Grimm's fairy tales: not converged at 1,500 steps",
    criterion: `the accuracy at that same evaluation is at least ${TEXT_STILL_RISING} above the accuracy at step ${TEXT_EARLY}`,
    judge: TEXT_RISING_AT_1500,
  },
];
