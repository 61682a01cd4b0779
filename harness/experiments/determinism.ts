/**
 * Reproducibility before comparison: the same seed on the same backend must give the
 * identical curve, or steps-to-target differences between implementations mean nothing.
 * Two short runs of the same job (5 steps, evaluations at 0 and 5 on 64 rows) in the
 * submission's process; their losses and accuracies must be equal bit for bit.
 */
import type { SubmissionHandle } from '../sandbox/types';
import type { ExperimentJob } from './jobs';
import type { TrainOutcome } from '../worker/train';

import type { Reproducibility } from '../results/types';

export type { Reproducibility };

export async function checkReproducible(handle: SubmissionHandle, job: ExperimentJob): Promise<Reproducibility> {
  const args = { ...job.args, steps: 5, evalEvery: 5, evalSize: 64, stopAtTarget: false };
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
