/**
 * The sanity training check: the model reaches the profile's sanity accuracy (e.g. 2018:
 * near-perfect at T = 5) within its step budget. Training is the harness's own loop inside
 * the submission's process (the `train` op, harness/worker/train.ts); the accuracy that
 * earns the points is the grader's: the trained parameters come back and the float64 oracle
 * scores them on an evaluation set the child never sees (drawn from the instructor's secret
 * when there is one). A process that reports a converged run its parameters do not bear out
 * fails — patching the accuracy function or the curve in the child gains nothing.
 */
import { datasetInfo } from '../../../reference/data';
import type { RecurrentSpec, SequenceModelName } from '../../contract';
import type { CurvePoint, TrainingRun } from '../../results/types';
import { ops } from '../../worker/ops';
import type { Profile } from '../../profiles/types';
import type { Check, CheckContext } from '../types';
import { makeBatch } from '../../../reference/data';
import type { OracleParams } from '../../../reference/oracle/types';
import type { WireParams } from '../../worker/types';
import { expectedLogits } from './forward';
import { hiddenSeed } from './hidden';
import { gruConvention, toMat } from './support';
import { oracle } from '../../../reference/oracle';
import { recurrentMeta } from './meta';
import { call, notSubmitted } from '../op-failure';
import { specFor } from '../../sandbox/model-spec';
import type { TimeGateParams } from '../../contract';

/** What the check reads of the `train` op's answer. */
export type TrainOutcome = Pick<TrainingRun, 'status' | 'curve'> & Partial<Pick<TrainingRun, 'stepsToTarget' | 'message' | 'finalParams'>>;

/** Odd steps open (k = 1), even steps closed (k = 0): the state must carry x(1) through closed steps. */
export const TRAINING_TIME_GATE: TimeGateParams = { tau: 2, s: 0, rOn: 1 };

const best = (curve: CurvePoint[]) => curve.reduce((m, p) => Math.max(m, p.accuracy), 0);

/** How far below the target the grader's own evaluation may fall (a different sample of the same task). */
export const GRADER_EVAL_SLACK = 0.03;

/**
 * Accuracy of trained parameters on the grader's evaluation set, with the float64 oracle;
 * undefined when the parameters do not have the contract's names and shapes (then the
 * training cannot be checked and earns nothing).
 */
export function graderAccuracy(ctx: CheckContext, model: SequenceModelName, spec: RecurrentSpec, trained: WireParams, task: { dataset: Parameters<typeof makeBatch>[0]; length: number; evalSize: number }, checkId: string): number | undefined {
  const shapes = oracle[model].paramShapes({ ...spec, gru: gruConvention(ctx) });
  const params: OracleParams = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const w = trained[name];
    if (!w || w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])) return undefined;
    params[name] = toMat(w);
  }
  const seed = ctx.secret === undefined ? 1_000_003 + ctx.seed : hiddenSeed(ctx.secret, `${checkId}/eval`);
  const batch = makeBatch(task.dataset, task.length, task.evalSize, seed);
  const tokens = Array.from({ length: batch.batchSize }, (_, b) => Array.from(batch.tokens.subarray(b * batch.T, (b + 1) * batch.T)));
  const logits = expectedLogits(ctx, model, params, tokens, spec);                 // [B, K]
  const K = logits.shape[1];
  let right = 0;
  for (let b = 0; b < batch.batchSize; b++) {
    let arg = 0;
    for (let k = 1; k < K; k++) if (logits.data[b * K + k] > logits.data[b * K + arg]) arg = k;
    if (arg === batch.targets[b]) right++;
  }
  return right / batch.batchSize;
}

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
      const spec: RecurrentSpec = specFor(ctx.handle.info, model, {
        vocabSize: info.vocabSize, numClasses: info.numClasses, hiddenDim: task.hiddenDim, input: task.input,
        ...(model === 'timeGatedLSTM' ? { timeGate: ctx.profile.timeGate ?? TRAINING_TIME_GATE } : {}),
      });
      const args = {
        model, spec, dataset: task.dataset, length: task.length, seed: ctx.seed, optimizer: task.optimizer,
        learningRate: task.learningRate, batchSize: task.batchSize, maxNorm: task.maxNorm, steps: task.steps,
        // the first evaluation at the target ends training: the grader scores the parameters on its own set
        evalEvery: task.evalEvery, evalSize: task.evalSize, target: task.target, returnParams: true, confirm: false,
      };
      const res = await call(ctx, 'train', args, `training models.${model}`, trainingTimeoutMs(ctx.profile, model));
      if ('outcome' in res) return res.outcome;
      const run = res.value;
      const what = `${task.dataset} L=${task.length} (T=${info.T}), ${task.optimizer} lr ${task.learningRate}, batch ${task.batchSize}, seed ${ctx.seed}`;
      if (run.status === 'converged') {
        const id = `${model}.train.sanity`;
        const judged = run.finalParams ? graderAccuracy(ctx, model, spec, run.finalParams, task, id) : undefined;
        if (judged === undefined) {
          return {
            status: 'failed', expected: `the trained parameters under the contract's names and shapes, to score them on ${what}`,
            actual: run.finalParams ? `parameters named ${Object.keys(run.finalParams).slice(0, 6).join(', ')}` : 'no parameters came back from training',
            hint: `use the parameter names and shapes of harness/contract.ts (${model}.params.shapes says which differ); the grader scores the trained parameters itself`,
          };
        }
        if (judged >= task.target - GRADER_EVAL_SLACK) return { status: 'passed', note: `accuracy ${judged.toFixed(3)} on the grader's evaluation set after ${run.stepsToTarget ?? '?'} steps on ${what}` };
        return {
          status: 'failed', expected: `accuracy ≥ ${task.target} on the grader's evaluation set (${task.evalSize} sequences it drew itself)`,
          actual: `${judged.toFixed(3)}, although training in the submission's process reported ${best(run.curve).toFixed(3)}`,
          hint: 'the trained parameters fall short of what the training curve in your process says: either the run stopped on a lucky evaluation '
            + '(near the target a model that is not yet right can pass one evaluation set and not another: a forward check that fails, or an init '
            + 'that is not seeded so runs differ, are the usual causes), or the evaluation inside your process was not the harness\'s own',
          fraction: 0,
        };
      }
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
