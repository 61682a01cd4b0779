/**
 * The sanity training check: the model reaches the profile's sanity accuracy (e.g. 2018:
 * near-perfect at T = 5) within its step budget. Training itself is the `train` op of the
 * benchmarks (harness/sandbox/ops/train.ts); this check only sets it up and reads the run.
 */
import { datasetInfo } from '../../../reference/data';
import type { RecurrentSpec, SequenceModelName } from '../../contract';
import type { CurvePoint, TrainingRun } from '../../results/types';
import { ops } from '../../worker/ops';
import type { Profile } from '../../profiles/types';
import type { Check } from '../types';
import { recurrentMeta } from './meta';
import { call, notSubmitted } from '../op-failure';
import type { TimeGateParams } from '../../contract';

/** What the check reads of the `train` op's answer. */
export type TrainOutcome = Pick<TrainingRun, 'status' | 'curve'> & Partial<Pick<TrainingRun, 'stepsToTarget' | 'message'>>;

/** Odd steps open (k = 1), even steps closed (k = 0): the state must carry x(1) through closed steps. */
export const TRAINING_TIME_GATE: TimeGateParams = { tau: 2, s: 0, rOn: 1 };

const best = (curve: CurvePoint[]) => curve.reduce((m, p) => Math.max(m, p.accuracy), 0);

/** A guard against a hang, not a budget (the budget is steps): a second per step, at least two minutes. */
export function trainingTimeoutMs(profile: Profile | undefined, model: SequenceModelName): number {
  return Math.max(120_000, (profile?.sanity[model]?.steps ?? 0) * 1000);
}

export function sanityTrainingCheck(model: SequenceModelName, registry: Record<string, unknown> = ops, profile?: Profile): Check {
  const timeoutMs = trainingTimeoutMs(profile, model);
  return {
    ...recurrentMeta(model, 'train.sanity', 'trains to the sanity accuracy within the step budget', { timeoutMs }),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const task = ctx.profile.sanity[model];
      if (!task) return { status: 'skipped', reason: `profile ${ctx.profile.name} sets no sanity task for ${model}` };
      if (!('train' in registry)) return { status: 'skipped', reason: 'the `train` op is not registered in harness/sandbox/ops (benchmarks not installed)' };
      const info = datasetInfo(task.dataset, task.length);
      const spec: RecurrentSpec = {
        vocabSize: info.vocabSize, numClasses: info.numClasses, hiddenDim: task.hiddenDim, input: task.input,
        ...(model === 'timeGatedLSTM' ? { timeGate: ctx.profile.timeGate ?? TRAINING_TIME_GATE } : {}),
      };
      const args = {
        model, spec, dataset: task.dataset, length: task.length, seed: ctx.seed, optimizer: task.optimizer,
        learningRate: task.learningRate, batchSize: task.batchSize, maxNorm: task.maxNorm, steps: task.steps,
        evalEvery: task.evalEvery, evalSize: task.evalSize, target: task.target,
      };
      const res = await call(ctx, 'train', args, `training models.${model}`, trainingTimeoutMs(ctx.profile, model));
      if ('outcome' in res) return res.outcome;
      const run = res.value;
      const what = `${task.dataset} L=${task.length} (T=${info.T}), ${task.optimizer} lr ${task.learningRate}, batch ${task.batchSize}, seed ${ctx.seed}`;
      if (run.status === 'converged') return { status: 'passed', note: `accuracy ≥ ${task.target} after ${run.stepsToTarget ?? '?'} steps on ${what}` };
      const reached = best(run.curve);
      return {
        status: 'failed',
        expected: `accuracy ≥ ${task.target} within ${task.steps} steps on ${what}`,
        actual: run.status === 'diverged' ? `the loss became NaN/Inf (best accuracy ${reached.toFixed(3)})` : `${run.status}: best accuracy ${reached.toFixed(3)}${run.message ? ` (${run.message})` : ''}`,
        hint: run.status === 'diverged'
          ? 'check the initialisation scale and that log-softmax is computed stably; gradients are clipped at max-norm already'
          : 'the forward checks pass but learning is slow: check the initialisation (Kaiming / 1/√fan-in), that every parameter gets a gradient, and the gate biases',
        fraction: Math.min(0.5, reached / task.target / 2),
      };
    },
  };
}
