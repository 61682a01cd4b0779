/**
 * One seeded training run of a submission's sequence classifier — runs INSIDE the
 * submission's process (it imports the contract, the datasets and tfjs, never the
 * orchestrator).
 *
 * The harness owns the loop, so every implementation is trained the same way: parameters
 * from the submission's own `init(spec, seed)`, one fresh batch per step from
 * `makeBatch(dataset, L, batchSize, derivedSeed(seed, 'train', step))`, the last-step
 * cross-entropy of `forward`, global-norm clipping, Adam or RMSProp, and an evaluation on
 * a fixed set (`derivedSeed(seed, 'eval')`) every `evalEvery` steps. The target counts as
 * reached when two consecutive evaluations are at or above it (./target.ts; with `confirm: false`, the
 * sanity check's, when one is); the run is then `converged` at the first of them. A run that never reaches it is `censored` at the
 * budget (kept: it counts as "≥ budget"); a NaN or infinite loss or output is `diverged`.
 *
 * Same seed on the same backend → the same curve (steps, losses, accuracies); seconds are
 * wall-clock training time (evaluations excluded) and vary.
 */
import * as tf from '@tensorflow/tfjs';
import { SEQUENCE_MODELS } from '../contract';
import type { Params, RecurrentSpec, SequenceClassifier, SequenceModelName, Submission } from '../contract';
import { selectBackend } from '../backend';
import { makeBatch, type Batch, type CurvePoint, type DatasetName } from '../../reference/data';
import { accuracy, clipByGlobalNorm, lastStepCrossEntropy } from './loss';
import { derivedSeed } from './seeds';
import { targetReachedAt } from './target';
import type { WireParams } from './types';
import { toWire } from './wire';

export interface TrainArgs {
  model: SequenceModelName;
  spec: RecurrentSpec;
  dataset: DatasetName;
  /** the dataset's length parameter L */
  length: number;
  seed: number;
  optimizer: 'adam' | 'rmsprop';
  learningRate: number;
  batchSize: number;
  /** global-norm clipping threshold (PyTorch clip_grad_norm_) */
  maxNorm: number;
  /** the step budget */
  steps: number;
  evalEvery: number;
  evalSize: number;
  /** accuracy to reach at two consecutive evaluations */
  target: number;
  /** stop once the target is reached (default true); false trains the whole budget */
  stopAtTarget?: boolean;
  /**
   * the target counts when two consecutive evaluations reach it (default true: the experiments' steps-to-target);
   * false: the first one does (the sanity check, whose pass the grader decides on its own evaluation set anyway)
   */
  confirm?: boolean;
  /** return the trained parameters (`finalParams`), for the grader to evaluate on data this process never sees */
  returnParams?: boolean;
  /** only time this many steps and return (the orchestrator's projection of a long run) */
  measureSteps?: number;
}

/** One run as the worker measured it; the grader adds its identity (harness/results TrainingRun). */
export interface TrainOutcome {
  model: string;
  dataset: string;
  T: number;
  seed: number;
  backend: string;
  /** converged: target reached; censored: budget ran out first; diverged: NaN/Inf loss */
  status: 'converged' | 'censored' | 'diverged';
  target: number;
  budgetSteps: number;
  curve: CurvePoint[];
  /** first step of two consecutive evaluations at or above target; undefined when censored */
  stepsToTarget?: number;
  secondsToTarget?: number;
  msPerStep: number;
  message?: string;
  /** the parameters when the run stopped (asked for with `returnParams`) */
  finalParams?: WireParams;
}

const POSITIVE = ['learningRate', 'batchSize', 'maxNorm', 'steps', 'evalEvery', 'evalSize'] as const;

function validate(args: TrainArgs): void {
  if (!args || typeof args !== 'object') throw new Error(`train requires an object of arguments, got ${String(args)}.`);
  if (!(SEQUENCE_MODELS as readonly string[]).includes(args.model)) {
    throw new Error(`train requires model to be one of ${SEQUENCE_MODELS.join(', ')}, got "${args.model}".`);
  }
  for (const key of POSITIVE) {
    if (!(typeof args[key] === 'number' && args[key] > 0)) throw new Error(`train requires a positive ${key}, got ${args[key]}.`);
  }
  if (!['adam', 'rmsprop'].includes(args.optimizer)) throw new Error(`train requires optimizer "adam" or "rmsprop", got "${args.optimizer}".`);
  if (!(args.target > 0 && args.target <= 1)) throw new Error(`train requires a target accuracy in (0, 1], got ${args.target}.`);
  if (!Number.isSafeInteger(args.seed)) throw new Error(`train requires an integer seed, got ${args.seed}.`);
}

function classifier(submission: Submission, model: SequenceModelName): SequenceClassifier {
  const m = submission.models?.[model] as SequenceClassifier | undefined;
  if (!m || typeof m.init !== 'function' || typeof m.forward !== 'function') {
    throw new Error(`models.${model} is not submitted (train needs its init and forward)`, { cause: 'not-submitted' });
  }
  return m;
}

function makeOptimizer(name: TrainArgs['optimizer'], lr: number): tf.Optimizer {
  // tfjs's defaults differ from PyTorch's (RMSProp: decay 0.9 vs α 0.99, ε 1e-10 vs 1e-8);
  // PyTorch's are the course's, so they are set explicitly.
  return name === 'adam' ? tf.train.adam(lr, 0.9, 0.999, 1e-8) : tf.train.rmsprop(lr, 0.99, 0, 1e-8);
}

function tensors(batch: Batch): { tokens: tf.Tensor2D; targets: tf.Tensor1D } {
  return {
    tokens: tf.tensor2d(batch.tokens, [batch.batchSize, batch.T], 'int32'),   // [B, T]
    targets: tf.tensor1d(batch.targets, 'int32'),                              // [B]
  };
}

function checkOutput(output: unknown, model: string, B: number, K: number): tf.Tensor2D {
  if (!(output instanceof tf.Tensor) || output.rank !== 2 || output.shape[0] !== B || output.shape[1] !== K) {
    const got = output instanceof tf.Tensor ? `shape [${output.shape.join(', ')}]` : String(output);
    throw new Error(`train requires models.${model}.forward to return [B, K] = [${B}, ${K}], got ${got}`, { cause: 'bad-output' });
  }
  return output as tf.Tensor2D;
}

export async function train(submission: Submission, args: TrainArgs): Promise<TrainOutcome> {
  validate(args);
  const backend = (await selectBackend()).name;
  const m = classifier(submission, args.model);
  const { model, spec, dataset, length, seed, batchSize, steps, evalEvery, target, maxNorm } = args;
  const stopAtTarget = args.stopAtTarget ?? true;
  const budget = args.measureSteps ? Math.min(args.measureSteps, steps) : steps;

  const evalBatch = makeBatch(dataset, length, args.evalSize, derivedSeed(seed, 'eval'));
  const { T, numClasses } = evalBatch;
  if (numClasses !== spec.numClasses) {
    throw new Error(`train requires spec.numClasses to match ${dataset} at L = ${length} (${numClasses}), got ${spec.numClasses}.`);
  }
  const evalSet = tensors(evalBatch);
  const initial = m.init(spec, seed);
  const variables: Record<string, tf.Variable> = {};
  for (const [name, t] of Object.entries(initial)) variables[name] = tf.variable(t, true);
  for (const t of Object.values(initial)) if (!t.isDisposed) t.dispose();
  const varList = Object.values(variables);
  const params = variables as Params;
  const optimizer = makeOptimizer(args.optimizer, args.learningRate);

  const curve: CurvePoint[] = [];
  let trainingMs = 0;
  let firstStepMs = 0;
  let status: TrainOutcome['status'] = 'censored';
  let message: string | undefined;
  let stepsToTarget: number | undefined;
  let secondsToTarget: number | undefined;
  let done = 0;
  let finalParams: WireParams | undefined;

  const evaluate = (step: number): CurvePoint => tf.tidy(() => {
    const out = checkOutput(m.forward(params, evalSet.tokens, spec), model, evalBatch.batchSize, numClasses);
    const loss = lastStepCrossEntropy(out, evalSet.targets).dataSync()[0];
    const acc = accuracy(out, evalSet.targets).dataSync()[0];
    return { step, seconds: trainingMs / 1000, loss, accuracy: acc };
  });
  /** record an evaluation; true when the run must stop */
  const record = (step: number): boolean => {
    const point = evaluate(step);
    curve.push(point);
    if (!Number.isFinite(point.loss)) {
      status = 'diverged';
      message = `the evaluation loss became ${point.loss} at step ${step}`;
      return true;
    }
    const first = stepsToTarget === undefined ? targetReachedAt(curve, target, args.confirm !== false) : undefined;
    if (first) {
      stepsToTarget = first.step;
      secondsToTarget = first.seconds;
      status = 'converged';
      return stopAtTarget;
    }
    return false;
  };

  try {
    let stop = args.measureSteps ? false : record(0);
    for (let step = 1; step <= budget && !stop; step++) {
      const batch = tensors(makeBatch(dataset, length, batchSize, derivedSeed(seed, 'train', step)));
      const started = performance.now();
      const lossTensor = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () => lastStepCrossEntropy(checkOutput(m.forward(params, batch.tokens, spec), model, batchSize, numClasses), batch.targets),
          varList,
        );
        const { grads: clipped } = clipByGlobalNorm(grads, maxNorm);
        optimizer.applyGradients(clipped as tf.NamedTensorMap);
        return value;
      });
      const loss = (await lossTensor.data())[0];
      trainingMs += performance.now() - started;
      if (step === 1) firstStepMs = trainingMs;
      lossTensor.dispose();
      batch.tokens.dispose();
      batch.targets.dispose();
      done = step;
      if (!Number.isFinite(loss)) {
        curve.push({ step, seconds: trainingMs / 1000, loss, accuracy: Number.NaN });
        status = 'diverged';
        message = `the training loss became ${loss} at step ${step}`;
        break;
      }
      if (!args.measureSteps && (step % evalEvery === 0 || step === budget)) stop = record(step);
    }
  } finally {
    if (args.returnParams) finalParams = Object.fromEntries(Object.entries(variables).map(([name, v]) => [name, toWire(v)]));
    optimizer.dispose();
    for (const v of varList) v.dispose();
    evalSet.tokens.dispose();
    evalSet.targets.dispose();
  }

  return {
    model, dataset, T, seed, backend, status, target,
    budgetSteps: steps,
    curve,
    stepsToTarget,
    secondsToTarget,
    // a measurement leaves out the first step (kernel compilation and warm-up)
    msPerStep: args.measureSteps && done > 1 ? (trainingMs - firstStepMs) / (done - 1) : done ? trainingMs / done : 0,
    ...(message ? { message } : {}),
    ...(finalParams ? { finalParams } : {}),
  };
}
