/**
 * Training loop for any TextGenerator (the reference's or a submission's): seeded batches,
 * per-step cross-entropy averaged over B×T, Adam, global-norm clipping, an optional
 * step decay of the learning rate, and hooks at fractions of training (the course's
 * greedy samples at 1/3, 2/3, 3/3).
 *
 * The optimizer is not prescribed by the course; netgrade uses Adam (β1 0.9, β2 0.999,
 * ε 1e-8), the choice both 2020 students made.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params, TextGenerator, TextGeneratorSpec } from '../../harness/contract';
import type { CurvePoint } from '../data/types';
import { sequenceAccuracy, sequenceLoss } from './loss';
import { textRng, type TextDataset } from './dataset';

export interface TextTrainConfig {
  /** optimizer updates */
  steps: number;
  /** B (course: 64) */
  batchSize: number;
  /** course: 2e-3 */
  learningRate: number;
  /** global gradient-norm clipping (course: 5) */
  maxNorm: number;
  /** the course's optional decay: lr · factor^floor(step / every) (course flags: 0.96 every 5000); off when absent */
  lrDecay?: { factor: number; every: number };
  /** a curve point every this many steps (mean loss/accuracy of the training batches since the last point) */
  evalEvery: number;
  /** seed of the parameters and of the batch offsets */
  seed: number;
}

export const COURSE_TRAIN_CONFIG: Omit<TextTrainConfig, 'steps' | 'seed'> = {
  batchSize: 64, learningRate: 2e-3, maxNorm: 5, evalEvery: 50,
};

export interface TrainHooks {
  /** called after each curve point, with the current parameters (read them, don't keep them) */
  onPoint?(point: CurvePoint, params: Params): void;
  /** stop after this point when it returns true (e.g. a time budget); the result says where it stopped */
  shouldStop?(point: CurvePoint): boolean;
  /** fractions of training (e.g. [1/3, 2/3, 1]) at which `onFraction` is called with the current parameters */
  fractions?: number[];
  onFraction?(fraction: number, params: Params, step: number): void;
}

export interface TextTrainResult {
  params: Params;
  curve: CurvePoint[];
  msPerStep: number;
  diverged: boolean;
}

/** Clip by global norm: g · min(1, maxNorm / ‖g‖). */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): { clipped: tf.NamedTensorMap; norm: number } {
  const norm = tf.tidy(() => tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))).dataSync()[0]);
  const scale = norm > maxNorm ? maxNorm / norm : 1;
  const clipped: tf.NamedTensorMap = {};
  for (const [k, g] of Object.entries(grads)) clipped[k] = scale === 1 ? g : tf.mul(g, scale);
  return { clipped, norm };
}

/**
 * Train `model` from `model.init(spec, config.seed)` (or from `initial` when given; it is not
 * modified). `forward` defaults to `model.forward` (the reference passes its dropout forward).
 */
export function trainTextGenerator(
  model: TextGenerator, spec: TextGeneratorSpec, data: TextDataset, config: TextTrainConfig, hooks: TrainHooks = {},
  options: { initial?: Params; forward?: (params: Params, tokens: tf.Tensor2D, step: number) => tf.Tensor3D } = {},
): TextTrainResult {
  if (data.vocabSize !== spec.vocabSize) throw new Error(`trainTextGenerator requires spec.vocabSize to equal the dataset's vocabulary (${data.vocabSize}), got ${spec.vocabSize}`);
  const start = options.initial ?? model.init(spec, config.seed);
  const names = Object.keys(start);
  const vars: Record<string, tf.Variable> = {};
  for (const n of names) vars[n] = tf.variable(start[n], true);
  if (!options.initial) for (const t of Object.values(start)) t.dispose();
  const optimizer = tf.train.adam(config.learningRate, 0.9, 0.999, 1e-8);
  const rng = textRng(config.seed);
  const forward = options.forward ?? ((p: Params, x: tf.Tensor2D) => model.forward(p, x, spec));
  const fractionSteps = (hooks.fractions ?? []).map((f) => ({ f, step: Math.max(1, Math.round(f * config.steps)) }));
  const curve: CurvePoint[] = [];
  let sumLoss = 0;
  let sumAcc = 0;
  let count = 0;
  let diverged = false;
  const t0 = performance.now();
  for (let s = 1; s <= config.steps; s++) {
    if (config.lrDecay) (optimizer as unknown as { learningRate: number }).learningRate = config.learningRate * config.lrDecay.factor ** Math.floor((s - 1) / config.lrDecay.every);
    const batch = data.batch(config.batchSize, rng);
    const x = tf.tensor2d(batch.inputs, undefined, 'int32');     // [B, T]
    const y = tf.tensor2d(batch.targets, undefined, 'int32');    // [B, T]
    let accuracy = 0;
    const { value, grads } = tf.variableGrads(() => {
      const logits = forward(vars, x, s);
      accuracy = sequenceAccuracy(logits, y);
      return sequenceLoss(logits, y);
    }, Object.values(vars));
    const loss = value.dataSync()[0];
    const { clipped } = clipByGlobalNorm(grads, config.maxNorm);
    optimizer.applyGradients(clipped as unknown as Record<string, tf.Variable>);
    tf.dispose([value, x, y, ...Object.values(grads), ...Object.values(clipped)]);
    if (!Number.isFinite(loss)) { diverged = true; break; }
    sumLoss += loss; sumAcc += accuracy; count++;
    if (s % config.evalEvery === 0 || s === config.steps) {
      const point: CurvePoint = { step: s, seconds: (performance.now() - t0) / 1000, loss: sumLoss / count, accuracy: sumAcc / count };
      curve.push(point);
      hooks.onPoint?.(point, vars);
      sumLoss = 0; sumAcc = 0; count = 0;
      if (hooks.shouldStop?.(point)) break;
    }
    for (const fs of fractionSteps) if (fs.step === s) hooks.onFraction?.(fs.f, vars, s);
  }
  const msPerStep = (performance.now() - t0) / Math.max(1, curve.at(-1)?.step ?? 1);
  optimizer.dispose();
  const params: Params = {};
  for (const n of names) { params[n] = tf.clone(vars[n]); vars[n].dispose(); }
  return { params, curve, msPerStep, diverged };
}
