/**
 * The experiments of a grading run (what `npm run grade` calls after the checks): the
 * profile's training runs for the reference and then the graded submissions, in the run
 * directory's store; each SubmissionResult gets its runs and its comparisons with the
 * reference. The reference runs whole on every shard (`--shard i/n` slices the submissions
 * only), so a shard's comparisons are complete on their own and `report --merge` only reads.
 *
 * One submission cannot stall the class: a model whose correctness checks timed out or
 * crashed is not trained, and every run's time limit comes from the reference's measured
 * time for the same run ({@link LIMIT_FACTOR}×, at least {@link LIMIT_FLOOR_MS}).
 */
import { cpus } from 'node:os';
import type { DiscoveredSubmission } from '../discover/find';
import type { Profile } from '../profiles/types';
import type { Experimented } from '../results/finish';
import { storeKey } from '../results/store';
import type { MicroBenchmark, Reproducibility, SubmissionResult, TrainingRun } from '../results/types';
import { openInProcess } from '../sandbox/in-process';
import { openSandboxed, type Opened } from '../sandbox';
import { openPython } from '../sandbox/python-handle';
import { microBenchmarks } from './micro-compare';
import { REFERENCE_NAME, referenceSubmission } from '../sandbox/bundle';
import { compareSubmissions } from './compare';
import type { Shard } from './jobs';
import { runExperiments } from './run-experiments';
import { runStore } from '../results/run-store';

export interface GradeExperimentsOptions {
  results: SubmissionResult[];
  submissions: readonly DiscoveredSubmission[];
  profile: Profile;
  runDir: string;
  /** parallel training processes; default the number of cores */
  jobs?: number;
  shard?: Shard;
  backend?: string;
  inProcess?: boolean;
  log?: (line: string) => void;
}

export { REFERENCE_NAME };

/** A run may take this many times the reference's time for the same run, and at least {@link LIMIT_FLOOR_MS}. */
export const LIMIT_FACTOR = 30;
export const LIMIT_FLOOR_MS = 120_000;

const configKey = (model: string, dataset: string, T: number) => `${model}/${dataset}/T=${T}`;

/** Per model, dataset and T: the time limit of one run, from the reference's slowest ms/step at the full budget. */
export function limitsFromReference(runs: readonly TrainingRun[]): Map<string, number> {
  const limits = new Map<string, number>();
  for (const run of runs) {
    if (!(run.msPerStep > 0)) continue;
    const key = configKey(run.model, run.dataset, run.T);
    const ms = Math.max(LIMIT_FLOOR_MS, LIMIT_FACTOR * run.msPerStep * run.budgetSteps);
    limits.set(key, Math.max(limits.get(key) ?? 0, ms));
  }
  return limits;
}

/** Models whose correctness checks timed out or crashed: training them would only wait out the limit again. */
export function brokenModels(result: SubmissionResult | undefined): Map<string, string> {
  const broken = new Map<string, string>();
  for (const c of result?.checks ?? []) {
    if (broken.has(c.subject)) continue;
    if (c.status === 'timed-out') broken.set(c.subject, `its check ${c.id} timed out`);
    else if (c.status === 'errored' && (c.cause === 'crashed' || c.cause === 'out-of-memory' || c.cause === 'exited')) broken.set(c.subject, `its check ${c.id} ${c.cause === 'out-of-memory' ? 'ran out of memory' : c.cause}`);
  }
  return broken;
}

/** Micro-benchmark settings for a grading run: short, so they add seconds, not minutes, per submission. */
export const GRADE_MICRO = { timeMs: 150, iterations: 5, timeoutMs: 30_000 } as const;

/**
 * Train the reference and the graded submissions, compare, time micro-benchmarks; returns,
 * per submission name, what {@link finishResult} adds to its result. Nothing is changed in
 * place; the caller finishes and stores each result once.
 */
export async function experimentsForGrade(o: GradeExperimentsOptions): Promise<Map<string, Experimented>> {
  const out = new Map<string, Experimented>();
  if (!o.profile.experiments.length) return out;
  const log = o.log ?? ((l: string) => console.log(l));
  const store = runStore(o.runDir);
  const open = o.inProcess ? (s: DiscoveredSubmission) => openInProcess(s) : (s: DiscoveredSubmission) => (s.language === 'pytorch' ? openPython(s, o.profile) : openSandboxed(s, { backend: o.backend }));
  const common = {
    profile: o.profile, store, backend: o.backend, log,
    jobs: o.inProcess ? 1 : o.jobs ?? cpus().length,
    open: o.inProcess ? open : undefined,
  };
  const graded = o.submissions.filter((s) => s.name !== REFERENCE_NAME && o.results.some((r) => r.submission.name === s.name && r.status === 'graded'));
  const reference = referenceSubmission();
  log(`\nexperiments (profile ${o.profile.name}): ${o.profile.experiments.map((e) => `${e.model} ${e.dataset} L=[${e.lengths.join(', ')}]`).join('; ')} × seeds ${o.profile.seeds.join(', ')}`);
  const verdicts = new Map<string, Reproducibility>();
  const remember = (submissions: readonly DiscoveredSubmission[], found: Record<string, Reproducibility>) => {
    for (const s of submissions) {
      const key = storeKey({ submission: s.name, submissionHash: s.hash, profile: o.profile.name, id: 'reproducibility', seed: 0 });
      const verdict = found[s.name] ?? store.store.get<Reproducibility>(key)?.value;
      if (found[s.name]) store.store.append({ key, kind: 'reproducibility', submission: s.name, value: found[s.name] });
      if (verdict) verdicts.set(s.name, verdict);
    }
  };
  // the reference first and whole on every shard: each shard then compares against all of its runs, and its
  // measured time per run sets every submission's limit for the same run
  const ref = await runExperiments({ ...common, submissions: [reference] });
  remember([reference], ref.reproducibility);
  const limits = limitsFromReference(ref.runs);
  let runs = ref.runs;
  if (graded.length) {
    const mine = await runExperiments({
      ...common, submissions: graded,
      trainTimeoutFor: (job) => limits.get(configKey(job.args.model, job.args.dataset, job.T)),
      skip: (name) => brokenModels(o.results.find((r) => r.submission.name === name)),
    });
    remember(graded, mine.reproducibility);
    runs = [...runs, ...mine.runs];
  }
  const benchmarks = await microForGrade([reference, ...graded], open, o.profile, log, (name) => brokenModels(o.results.find((r) => r.submission.name === name)));
  const referenceVerdict = verdicts.get(REFERENCE_NAME);
  for (const s of [reference, ...graded]) {
    const verdict = s.name === REFERENCE_NAME ? referenceVerdict
      : referenceVerdict?.status === 'not-reproducible' ? { status: 'not-reproducible' as const, message: `the reference: ${referenceVerdict.message}` } : verdicts.get(s.name);
    const comparisons = s.name === REFERENCE_NAME ? [] : compareSubmissions(runs, s.name, REFERENCE_NAME);
    if (verdict?.status === 'not-reproducible') log(`${s.name}: no convergence comparison — the same seed did not give the same curve`);
    else for (const c of comparisons) log(`${s.name} ${c.model} ${c.dataset} T=${c.T}: ${c.sentence}`);
    out.set(s.name, { runs: runs.filter((x) => x.submission === s.name), comparisons, ...(verdict ? { reproducibility: verdict } : {}), benchmarks: benchmarks.get(s.name) ?? [] });
  }
  return out;
}

/** Each submission's micro-benchmarks with their ratio to the reference's, measured in this run. */
async function microForGrade(submissions: readonly DiscoveredSubmission[], open: (s: DiscoveredSubmission) => Promise<Opened>, profile: Profile, log: (line: string) => void, broken: (name: string) => ReadonlyMap<string, string>): Promise<Map<string, MicroBenchmark[]>> {
  const found = new Map<string, MicroBenchmark[]>();
  const [reference, ...rest] = submissions;
  const ref = await open(reference);
  if (ref.status !== 'loaded') { log(`micro-benchmarks skipped: the reference did not load (${ref.error.message})`); return found; }
  try {
    found.set(reference.name, await microBenchmarks(ref.handle, undefined, profile, GRADE_MICRO));
    for (const s of rest) {
      // a model whose checks hung or crashed is not timed either
      const skip = broken(s.name);
      const mine = { ...profile, experiments: profile.experiments.filter((e) => !skip.has(e.model)) };
      if (!mine.experiments.length) continue;
      const opened = await open(s);
      if (opened.status !== 'loaded') continue;
      try {
        found.set(s.name, await microBenchmarks(opened.handle, ref.handle, mine, GRADE_MICRO));
      } finally {
        await opened.handle.close();
      }
    }
  } finally {
    await ref.handle.close();
  }
  return found;
}
