/**
 * Reproducibility before comparison: the same seed on the same backend must give the
 * identical curve, or steps-to-target differences between implementations mean nothing.
 * Two short runs of the same job (5 steps, evaluations at 0 and 5 on 64 rows) in the
 * submission's process; their losses and accuracies must be equal bit for bit. The runner
 * checks one job per seed of the submission's first model ({@link reproducibilityJobs}), so
 * the verdict does not depend on which job a lane happened to pick first (tfjs treats a
 * seed of 0 as no seed: only the seed-0 job shows that mistake).
 */
import type { SubmissionHandle } from '../sandbox/types';
import { trainArgsFor } from '../sandbox/model-spec';
import type { ExperimentJob } from './jobs';
import type { TrainOutcome } from '../worker/train';

import type { Reproducibility } from '../results/types';

export type { Reproducibility };

/** The jobs the verdict is drawn from: for each seed, the first of the submission's jobs in job order. */
export function reproducibilityJobs<J extends ExperimentJob>(jobs: readonly J[], submission: string): J[] {
  const bySeed = new Map<number, J>();
  for (const j of jobs) if (j.submission.name === submission && !bySeed.has(j.seed)) bySeed.set(j.seed, j);
  return [...bySeed.values()];
}

/** Every job of `jobs` twice; the first that differs (or fails) decides. */
export async function checkReproducibleAll(handle: SubmissionHandle, jobs: readonly ExperimentJob[]): Promise<Reproducibility> {
  let verdict: Reproducibility = { status: 'unknown', message: 'no job to check' };
  for (const job of jobs) {
    verdict = await checkReproducible(handle, job);
    if (verdict.status !== 'reproducible') return verdict;
  }
  return verdict;
}

export async function checkReproducible(handle: SubmissionHandle, job: ExperimentJob): Promise<Reproducibility> {
  const args = trainArgsFor(handle.info, { ...job.args, steps: 5, evalEvery: 5, evalSize: 64, stopAtTarget: false });
  const [a, b] = [await handle.call('train', args, { timeoutMs: 600_000 }), await handle.call('train', args, { timeoutMs: 600_000 })];
  if (a.status !== 'ok' || b.status !== 'ok') {
    const failed = a.status !== 'ok' ? a : b;
    return { status: 'unknown', message: failed.status === 'errored' ? `${failed.error.cause}: ${failed.error.message}` : 'timed out' };
  }
  const points = (o: TrainOutcome) => o.curve.map((p) => `${p.step}:${p.loss}:${p.accuracy}`).join(' ');
  if (points(a.value) === points(b.value)) return { status: 'reproducible' };
  return {
    status: 'not-reproducible',
    message: `two runs with seed ${job.seed} gave different curves (${points(a.value)} vs ${points(b.value)}); make init use its seed argument and avoid Math.random, or comparisons of convergence speed are meaningless`,
  };
}
