/**
 * Ops for the text generator. They run INSIDE the submission's process: inputs arrive as
 * plain data, the submission's model is called, plain data goes back. They never see
 * expected values; harness/checks/text compares in the orchestrator.
 *
 * | op             | args                                             | returns |
 * |----------------|--------------------------------------------------|---------|
 * | `text.init`    | { spec, seed }                                   | { params } |
 * | `text.forward` | { spec, params, tokens }                         | { logits [B,T,V], leakedTensors } |
 * | `text.steps`   | { spec, params, tokens }                         | { logits [B,T,V] } from T calls of step, state carried |
 * | `text.grads`   | { spec, params, tokens, targets }                | { loss, grads } of the mean per-step cross-entropy |
 * | `text.greedy`  | { spec, params, prefix, length }                 | { ids } argmax continuation through step |
 * | `text.sample`  | { logits: number[] [V], tau, n, seed }           | { counts [V] } of n draws of sample(tile(logits), τ, seed) |
 * | `text.train`   | { spec, corpus, config }                         | { curve, msPerStep, diverged, samples: TextSamples } |
 *
 * `tokens`, `targets` are number[][] [B, T]; `prefix` number[].
 */
import * as tf from '@tensorflow/tfjs';
import { liveTensors } from '../lockdown';
import type { Params, Submission, TextGenerator, TextGeneratorSpec } from '../../contract';
import type { CurvePoint } from '../../../reference/data/types';
import type { TextSamples } from '../../../reference/text/samples';
import { sequenceLoss } from '../../../reference/text/loss';
import { TextDataset } from '../../../reference/text/dataset';
import { generateCorpus } from '../../../reference/text/grammar';
import { greedy } from '../../../reference/text/sampling';
import { trainWithSamples } from '../../../reference/text/samples';
import type { TextTrainConfig } from '../../../reference/text/train';
import type { WireParams, WireTensor } from '../types';
import { fromWire, toWire } from '../wire';
import type { OpFamily } from './types';

export interface TextArgs { spec: TextGeneratorSpec }
export interface TextInitArgs extends TextArgs { seed: number }
export interface TextForwardArgs extends TextArgs { params: WireParams; tokens: number[][] }
export interface TextGradsArgs extends TextForwardArgs { targets: number[][] }
export interface TextGreedyArgs extends TextArgs { params: WireParams; prefix: number[]; length: number }
export interface TextSampleArgs { logits: number[]; tau: number; n: number; seed: number }
/** the generated corpus (reference/text/grammar.ts) of `length` characters from `seed` */
/**
 * `stopAt`: training stops at the first curve point whose mean training accuracy reaches it (the
 * grader judges the trained parameters anyway, so stopping early never earns anything by itself).
 */
export interface TextTrainArgs extends TextArgs { corpus: { length: number; seed: number; seqLength: number }; config: TextTrainConfig; stopAt?: number }

export interface TextInitResult { params: WireParams }
export interface TextStepsResult { logits: WireTensor }
export interface TextGreedyResult { ids: number[] }
export interface TextSampleResult { counts: number[] }
export interface TextForwardResult { logits: WireTensor; leakedTensors: number }
export interface TextGradsResult { loss: number; grads: WireParams }
/**
 * `samples`: greedy at 1/3, 2/3, 3/3 of training and temperature samples (declared convention), for the report;
 * `params`: the trained parameters, which the grader scores itself on text the child never sees
 */
export interface TextTrainResult { curve: CurvePoint[]; msPerStep: number; diverged: boolean; samples: TextSamples; params: WireParams }

function fail(cause: 'not-submitted' | 'bad-output', message: string): Error {
  const e = new Error(message, { cause });
  e.name = cause === 'not-submitted' ? 'NotSubmitted' : 'BadOutput';
  return e;
}

function generator(submission: Submission): TextGenerator {
  const m = submission.models?.textGenerator;
  if (!m) throw fail('not-submitted', 'models.textGenerator is not submitted');
  return m;
}

function shapeOf(x: unknown): string {
  return x instanceof tf.Tensor ? `a tensor of shape [${x.shape.join(', ')}]` : x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
}

function expectShape(x: unknown, shape: number[], where: string): tf.Tensor {
  if (!(x instanceof tf.Tensor) || x.rank !== shape.length || x.shape.some((d: number, k: number) => d !== shape[k])) {
    throw fail('bad-output', `${where} requires a tf.Tensor of shape [${shape.join(', ')}], got ${shapeOf(x)}`);
  }
  return x;
}

function live(params: WireParams): Params {
  return Object.fromEntries(Object.entries(params).map(([k, w]) => [k, fromWire(w)]));
}

/** logits [B, V] per step → [B, T, V] as one wire tensor. */
function stepLogits(model: TextGenerator, params: Params, spec: TextGeneratorSpec, tokens: number[][]): WireTensor {
  const B = tokens.length;
  const T = tokens[0]?.length ?? 0;
  const V = spec.vocabSize;
  const values = new Float32Array(B * T * V);
  tf.tidy(() => {
    let state: unknown | null = null;
    for (let t = 0; t < T; t++) {
      const r = model.step(params, state, tf.tensor1d(tokens.map((row) => row[t]), 'int32'), spec);
      const logits = expectShape(r?.logits, [B, V], 'models.textGenerator.step(…).logits');
      const v = logits.dataSync();
      for (let b = 0; b < B; b++) values.set(v.subarray(b * V, (b + 1) * V), (b * T + t) * V);
      state = r.state;
    }
  });
  return { shape: [B, T, V], dtype: 'float32', values };
}

export const textOps: OpFamily<'text.init' | 'text.forward' | 'text.steps' | 'text.grads' | 'text.greedy' | 'text.sample' | 'text.train'> = {
  'text.init'(submission, args: TextInitArgs): TextInitResult {
    const params = generator(submission).init(args.spec, args.seed);
    if (!params || typeof params !== 'object') throw fail('bad-output', `models.textGenerator.init requires a record of tensors by name, got ${shapeOf(params)}`);
    const wire: WireParams = {};
    for (const [k, t] of Object.entries(params)) {
      if (!(t instanceof tf.Tensor)) throw fail('bad-output', `models.textGenerator.init requires "${k}" to be a tf.Tensor, got ${shapeOf(t)}`);
      wire[k] = toWire(t);
      t.dispose();
    }
    return { params: wire };
  },

  'text.forward'(submission, args: TextForwardArgs): TextForwardResult {
    const model = generator(submission);
    const params = live(args.params);
    const x = tf.tensor2d(args.tokens, undefined, 'int32');
    const before = liveTensors();
    try {
      const out = model.forward(params, x, args.spec);
      const logits = toWire(expectShape(out, [args.tokens.length, args.tokens[0].length, args.spec.vocabSize], 'models.textGenerator.forward'));
      out.dispose();
      return { logits, leakedTensors: liveTensors() - before };
    } finally {
      tf.dispose([x, ...Object.values(params)]);
    }
  },

  'text.steps'(submission, args: TextForwardArgs): TextStepsResult {
    const params = live(args.params);
    try {
      return { logits: stepLogits(generator(submission), params, args.spec, args.tokens) };
    } finally {
      tf.dispose(Object.values(params));
    }
  },

  'text.grads'(submission, args: TextGradsArgs): TextGradsResult {
    const model = generator(submission);
    const params = live(args.params);
    const names = Object.keys(params);
    let result: TextGradsResult | undefined;
    try {
      tf.tidy(() => {
        const x = tf.tensor2d(args.tokens, undefined, 'int32');
        const y = tf.tensor2d(args.targets, undefined, 'int32');
        const { value, grads } = tf.valueAndGrads((...ts: tf.Tensor[]) => {
          const record = Object.fromEntries(names.map((n, i) => [n, ts[i]]));
          const out = expectShape(model.forward(record, x, args.spec), [args.tokens.length, args.tokens[0].length, args.spec.vocabSize], 'models.textGenerator.forward') as tf.Tensor3D;
          // 0·Σp keeps every parameter on the tape: one the submission ignores gets a zero gradient
          return tf.add(sequenceLoss(out, y), tf.addN(ts.map((t) => tf.mul(0, tf.sum(t))))) as tf.Scalar;
        })(names.map((n) => params[n]));
        result = { loss: value.dataSync()[0], grads: Object.fromEntries(names.map((n, i) => [n, toWire(grads[i])])) };
      });
      return result!;
    } finally {
      tf.dispose(Object.values(params));
    }
  },

  'text.greedy'(submission, args: TextGreedyArgs): TextGreedyResult {
    const params = live(args.params);
    try {
      return { ids: greedy(generator(submission), params, args.spec, args.prefix, args.length) };
    } finally {
      tf.dispose(Object.values(params));
    }
  },

  'text.sample'(submission, args: TextSampleArgs): TextSampleResult {
    const model = generator(submission);
    if (typeof model.sample !== 'function') throw fail('not-submitted', 'models.textGenerator.sample is not submitted (it is optional; the temperature check needs it)');
    const V = args.logits.length;
    let counts: number[] = [];
    tf.tidy(() => {
      const logits = tf.tile(tf.tensor2d([args.logits]), [args.n, 1]) as tf.Tensor2D;   // [n, V]
      const drawn = expectShape(model.sample!(logits, args.tau, args.seed), [args.n], 'models.textGenerator.sample');
      counts = new Array<number>(V).fill(0);
      for (const id of drawn.dataSync()) {
        if (!Number.isInteger(id) || id < 0 || id >= V) throw fail('bad-output', `models.textGenerator.sample requires token ids in 0…${V - 1}, got ${id}`);
        counts[id]++;
      }
    });
    return { counts };
  },

  'text.train'(submission, args: TextTrainArgs): TextTrainResult {
    const model = generator(submission);
    const data = new TextDataset(generateCorpus(args.corpus.length, args.corpus.seed), args.corpus.seqLength);
    const spec = { ...args.spec, vocabSize: data.vocabSize };
    const convention = submission.conventions?.temperature === 'divide' ? 'divide' : 'multiply';
    const { result, samples } = trainWithSamples(model, spec, data, args.config, { convention, stopAt: args.stopAt });
    const params: WireParams = {};
    for (const [k, t] of Object.entries(result.params)) params[k] = toWire(t);
    tf.dispose(Object.values(result.params));
    return { curve: result.curve, msPerStep: result.msPerStep, diverged: result.diverged, samples, params };
  },
};
