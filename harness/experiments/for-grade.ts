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
import { join } from 'node:path';
import type { DiscoveredSubmission } from '../discover/find';
import type { Profile } from '../profiles/types';
import type { SubmissionResult, TrainingRun } from '../results/types';
import { openInProcess } from '../sandbox/in-process';
import { REFERENCE_NAME, referenceSubmission } from '../sandbox/bundle';
import { compareSubmissions } from './compare';
import type { Shard } from './jobs';
import { runExperiments } from './run-experiments';
import { runStore } from './run-store';

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

export async function experimentsForGrade(o: GradeExperimentsOptions): Promise<void> {
  if (!o.profile.experiments.length) return;
  const log = o.log ?? ((l: string) => console.log(l));
  const store = runStore(o.runDir);
  const common = {
    profile: o.profile, store, backend: o.backend, log,
    jobs: o.inProcess ? 1 : o.jobs ?? cpus().length,
    open: o.inProcess ? (s: DiscoveredSubmission) => openInProcess(s) : undefined,
  };
  const graded = o.submissions.filter((s) => s.name !== REFERENCE_NAME && o.results.some((r) => r.submission.name === s.name && r.status === 'graded'));
  const reference = referenceSubmission();
  log(`\nexperiments (profile ${o.profile.name}): ${o.profile.experiments.map((e) => `${e.model} ${e.dataset} L=[${e.lengths.join(', ')}]`).join('; ')} × seeds ${o.profile.seeds.join(', ')}`);
  const notReproducible = new Set<string>();
  const note = (out: { reproducibility: Record<string, { status: string }> }) => {
    for (const [name, r] of Object.entries(out.reproducibility)) if (r.status === 'not-reproducible') notReproducible.add(name);
  };
  // the reference first and whole on every shard: each shard then compares against all of its runs, and its
  // measured time per run sets every submission's limit for the same run
  const ref = await runExperiments({ ...common, submissions: [reference] });
  note(ref);
  const limits = limitsFromReference(ref.runs);
  if (graded.length) {
    note(await runExperiments({
      ...common, submissions: graded,
      trainTimeoutFor: (job) => limits.get(configKey(job.args.model, job.args.dataset, job.T)),
      skip: (name) => brokenModels(o.results.find((r) => r.submission.name === name)),
    }));
  }
  const hashes = new Set([...graded.map((s) => s.hash), reference.hash]);
  const runs = store.runs().filter((x) => x.profile === o.profile.name && hashes.has(x.submissionHash));
  for (const r of o.results) {
    r.runs = runs.filter((x) => x.submission === r.submission.name);
    if (notReproducible.has(r.submission.name) || notReproducible.has(REFERENCE_NAME)) {
      r.comparisons = [];
      log(`${r.submission.name}: no convergence comparison — the same seed did not give the same curve`);
      continue;
    }
    r.comparisons = compareSubmissions(runs, r.submission.name, REFERENCE_NAME);
    for (const c of r.comparisons) log(`${r.submission.name} ${c.model} ${c.dataset} T=${c.T}: ${c.sentence}`);
  }
}
