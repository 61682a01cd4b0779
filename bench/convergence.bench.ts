/**
 * Convergence of the reference models — the course's qualitative results, measured:
 * - the `standard` profile (2020 D/E scaled): peepLSTM vs LSTM on binary palindromes;
 * - digit palindromes (2019 scaled, see digitsProfile): the vanilla RNN against the LSTM
 *   as the length grows.
 * Runs go through the experiment runner (sandboxed, --jobs = cores, resumable store under
 * reports/bench/), so an interrupted benchmark continues where it stopped. Prints the
 * projection, per-configuration steps-to-target statistics, the mean ± std accuracy curves
 * as text, and model-against-model comparisons.
 *
 * NETGRADE_BENCH_PART=standard|digits picks one part; NETGRADE_BENCH_JOBS sets --jobs.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { BenchOptions } from '../harness/cli/bench';
import { discoverOne, type DiscoveredSubmission } from '../harness/discover';
import { loadProfile } from '../harness/profiles';
import type { Experiment, Profile } from '../harness/profiles/types';
import type { TrainingRun } from '../harness/results/types';
import { openSandboxed } from '../harness/sandbox';
import { PROJECT_ROOT } from '../harness/sandbox/paths';
import { compareRuns } from '../harness/stats';
import { formatSummaries, summarizeRuns } from '../harness/experiments/compare';
import { runExperiments } from '../harness/experiments/run-experiments';

/** reference/index.ts when it loads in the sandbox, else the same models through the bench fixture. */
async function referenceFolder(): Promise<DiscoveredSubmission> {
  const real = discoverOne(join(PROJECT_ROOT, 'reference'));
  if ('entry' in real) {
    const opened = await openSandboxed(real);
    if (opened.status === 'loaded') { await opened.handle.close(); return real; }
    console.log(`note: reference/index.ts does not load in the sandbox (${opened.error.message.slice(0, 120)}); using the bench fixture of the same models`);
  }
  return discoverOne(join(PROJECT_ROOT, 'harness', 'experiments', 'fixtures', 'reference-models.fixture-submission')) as DiscoveredSubmission;
}

/**
 * Digit palindromes, vanilla RNN vs LSTM over lengths: the 2019 profile's experiment (its
 * RMSProp, lr 1e-3, max-norm 10, target 0.99) with sizes and budget scaled down to hidden 64,
 * batch 64, 1000 steps, and lengths L = 11, 21, 31 (T = 10, 20, 30), seeds 0 and 1.
 * NETGRADE_BENCH_DIGITS_OPTIMIZER=adam:5e-3 swaps the optimizer (Adam makes both easy).
 */
export function digitsProfile(base: Profile, quick: boolean): Profile {
  const course = loadProfile('2019').experiments;
  const [opt, lr] = (process.env.NETGRADE_BENCH_DIGITS_OPTIMIZER ?? '').split(':');
  const scaled = (e: Experiment): Experiment => ({
    ...e, hiddenDim: 64, batchSize: 64, steps: quick ? 300 : 1000, evalEvery: 25, evalSize: 512, lengths: quick ? [6] : [11, 21, 31],
    ...(opt ? { optimizer: opt as Experiment['optimizer'], learningRate: Number(lr) } : {}),
  });
  return { ...base, name: `bench-digits${opt ? `-${opt}` : ''}`, seeds: quick ? [0] : [0, 1], experiments: course.filter((e) => e.model === 'vanillaRNN' || e.model === 'lstm').map(scaled) };
}

/** Mean ± std accuracy per evaluation step over seeds; a run that stopped at its target keeps its last value. */
export function curveTable(runs: readonly TrainingRun[], every: number): string[] {
  const steps = [...new Set(runs.flatMap((r) => r.curve.map((p) => p.step)))].sort((a, b) => a - b).filter((s) => s % every === 0);
  const at = (r: TrainingRun, step: number) => {
    const before = r.curve.filter((p) => p.step <= step);
    return before.length ? before[before.length - 1].accuracy : Number.NaN;
  };
  return steps.map((s) => {
    const values = runs.map((r) => at(r, s)).filter(Number.isFinite);
    const sd = values.length > 1 ? sampleStandardDeviation(values) : 0;
    return `    step ${String(s).padStart(5)}: ${mean(values).toFixed(3)} ± ${sd.toFixed(3)}  [${values.map((v) => v.toFixed(2)).join(' ')}]`;
  });
}

function report(runs: readonly TrainingRun[], pairs: Array<[string, string]>): void {
  console.log('\nsteps to target (censored runs count as the budget, marked ≥):');
  for (const line of formatSummaries(summarizeRuns(runs))) console.log(`  ${line}`);
  const configs = [...new Set(runs.map((r) => `${r.model}|${r.dataset}|${r.T}`))];
  console.log('\naccuracy curves (mean ± std over seeds, per-seed values):');
  for (const c of configs) {
    const [model, dataset, T] = c.split('|');
    const group = runs.filter((r) => r.model === model && r.dataset === dataset && r.T === Number(T));
    console.log(`  ${model} ${dataset} T=${T} (${group.map((r) => r.status).join(', ')})`);
    const every = Math.max(25, Math.round(Math.max(...group.map((r) => r.budgetSteps)) / 12 / 25) * 25);
    for (const line of curveTable(group, every)) console.log(line);
  }
  console.log('\nmodel against model (same data, same seeds):');
  for (const [a, b] of pairs) {
    for (const key of [...new Set(runs.filter((r) => r.model === a).map((r) => `${r.dataset}|${r.T}`))]) {
      const [dataset, T] = key.split('|');
      const pick = (m: string) => runs.filter((r) => r.model === m && r.dataset === dataset && r.T === Number(T) && (r.status === 'converged' || r.status === 'censored'));
      const x = pick(a);
      const y = pick(b);
      if (!x.length || !y.length) continue;
      const outcome = (r: TrainingRun) => (r.status === 'converged' ? { steps: r.stepsToTarget! } : { censored: true as const });
      const c = compareRuns(x.map(outcome), y.map(outcome), { budget: x[0].budgetSteps, against: b });
      console.log(`  ${a} ${dataset} T=${T}: ${c.sentence} [${c.verdict}]`);
    }
  }
}

export default async function run({ quick, backend }: BenchOptions): Promise<void> {
  const part = process.env.NETGRADE_BENCH_PART;
  const jobs = Number(process.env.NETGRADE_BENCH_JOBS ?? cpus().length);
  const reference = await referenceFolder();
  const standard = loadProfile(quick ? 'quick' : 'standard');
  const plans: Array<{ profile: Profile; pairs: Array<[string, string]> }> = [];
  if (!part || part === 'standard') plans.push({ profile: standard, pairs: [['peepLSTM', 'lstm'], ['vanillaRNN', 'lstm']] });
  if (!part || part === 'digits') plans.push({ profile: digitsProfile(standard, quick), pairs: [['vanillaRNN', 'lstm']] });
  for (const { profile, pairs } of plans) {
    console.log(`\n--- ${profile.name}: ${profile.experiments.map((e) => `${e.model} ${e.dataset} L=[${e.lengths}]`).join('; ')}; seeds ${profile.seeds.join(', ')}`);
    const out = await runExperiments({
      submissions: [reference], profile, jobs, backend,
      store: join(PROJECT_ROOT, 'reports', 'bench', `convergence-${profile.name}`),
      projection: true,
    });
    report(out.runs, pairs);
  }
}
