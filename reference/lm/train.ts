/**
 * Training the word-level language model with truncated BPTT: the token stream in B
 * columns, windows of `bptt` tokens, the state carried across windows but not
 * differentiated through; SGD (the PTB recipe) or Adam, global-norm clipping, and a
 * learning-rate decay schedule lr_e = lr · factor^max(0, e − startEpoch + 1) from epoch
 * `startEpoch` on. Perplexity = exp(mean cross-entropy per token), evaluated without
 * dropout, state carried through the whole split.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../../harness/contract';
import { batchify, bpttWindows, type Split, type WordCorpus } from './corpus';
import { disposeLMState, forwardWordLM, initWordLM, type LMState, type WordLMSpec } from './model';

export interface LMTrainConfig {
  epochs: number;
  batchSize: number;
  bptt: number;
  optimizer: 'sgd' | 'adam';
  learningRate: number;
  /** multiply the rate by `factor` every epoch from `startEpoch` (1-based) on */
  lrDecay: { factor: number; startEpoch: number };
  maxNorm: number;
  seed: number;
  evalBatchSize: number;
}

export interface EpochRecord { epoch: number; learningRate: number; trainPerplexity: number; validPerplexity: number; seconds: number }
export type PerplexityTable = Record<Split, number>;

export function learningRateAt(config: LMTrainConfig, epoch: number): number {
  return config.learningRate * config.lrDecay.factor ** Math.max(0, epoch - config.lrDecay.startEpoch + 1);
}

function crossEntropySum(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Scalar {
  const [B, T, V] = logits.shape;
  const logp = tf.logSoftmax(tf.reshape(logits, [B * T, V]), 1);                        // [B·T, V]
  return tf.neg(tf.sum(tf.mul(logp, tf.oneHot(tf.reshape(targets, [B * T]), V)))) as tf.Scalar;
}

/** exp(mean cross-entropy per token) over a whole split, no dropout. */
export function perplexity(params: Params, spec: WordLMSpec, ids: Int32Array, batchSize: number, bptt: number): number {
  const columns = batchify(ids, batchSize);
  let state: LMState | null = null;
  let total = 0;
  let count = 0;
  for (const w of bpttWindows(columns, bptt)) {
    const prev: LMState | null = state;
    const r = tf.tidy(() => {
      const out = forwardWordLM(params, spec, tf.tensor2d(w.inputs, undefined, 'int32'), prev);
      return { ce: crossEntropySum(out.logits, tf.tensor2d(w.targets, undefined, 'int32')), state: out.state as unknown as tf.TensorContainer };
    }) as unknown as { ce: tf.Scalar; state: LMState };
    total += r.ce.dataSync()[0];
    count += w.targets.length * w.targets[0].length;
    r.ce.dispose();
    disposeLMState(prev);
    state = r.state;
  }
  disposeLMState(state);
  return Math.exp(total / count);
}

export function trainWordLM(spec: WordLMSpec, corpus: WordCorpus, config: LMTrainConfig, onEpoch?: (r: EpochRecord) => void): { params: Params; history: EpochRecord[]; table: PerplexityTable; best: { epoch: number; table: PerplexityTable } } {
  const init = initWordLM(spec, config.seed);
  const vars: Record<string, tf.Variable> = {};
  for (const [k, t] of Object.entries(init)) { vars[k] = tf.variable(t, true); t.dispose(); }
  const optimizer = config.optimizer === 'sgd' ? tf.train.sgd(config.learningRate) : tf.train.adam(config.learningRate);
  const columns = batchify(corpus.ids.train, config.batchSize);
  const history: EpochRecord[] = [];
  const t0 = performance.now();
  let step = 0;
  let best = { epoch: 0, valid: Infinity, table: { train: NaN, valid: NaN, test: NaN } as PerplexityTable };
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const lr = learningRateAt(config, epoch);
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
    let state: LMState | null = null;
    let total = 0;
    let count = 0;
    for (const w of bpttWindows(columns, config.bptt)) {
      const x = tf.tensor2d(w.inputs, undefined, 'int32');
      const y = tf.tensor2d(w.targets, undefined, 'int32');
      const n = w.targets.length * w.targets[0].length;
      let next: LMState | null = null;
      const prev: LMState | null = state;
      const { value, grads } = tf.variableGrads(() => {
        const out = forwardWordLM(vars, spec, x, prev, { training: true, seed: config.seed * 100_003 + step });
        next = { h: out.state.h.map((t) => tf.keep(t)), c: out.state.c.map((t) => tf.keep(t)) };
        return tf.div(crossEntropySum(out.logits, y), n) as tf.Scalar;
      }, Object.values(vars));
      total += value.dataSync()[0] * n;
      count += n;
      const norm = tf.tidy(() => tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))).dataSync()[0]);
      const scale = norm > config.maxNorm ? config.maxNorm / norm : 1;
      const clipped = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, scale === 1 ? g : tf.mul(g, scale)]));
      optimizer.applyGradients(clipped as Record<string, tf.Variable>);
      tf.dispose([value, x, y, ...Object.values(grads), ...(scale === 1 ? [] : Object.values(clipped))]);
      disposeLMState(prev);
      state = next;
      step++;
    }
    disposeLMState(state);
    const validPerplexity = perplexity(vars, spec, corpus.ids.valid, config.evalBatchSize, config.bptt);
    const record = { epoch, learningRate: lr, trainPerplexity: Math.exp(total / count), validPerplexity, seconds: (performance.now() - t0) / 1000 };
    history.push(record);
    onEpoch?.(record);
    if (validPerplexity < best.valid) best = { epoch, valid: validPerplexity, table: evaluate(vars, spec, corpus, config) };
  }
  optimizer.dispose();
  const table = evaluate(vars, spec, corpus, config);
  const params: Params = {};
  for (const [k, v] of Object.entries(vars)) { params[k] = tf.clone(v); v.dispose(); }
  return { params, history, table, best: { epoch: best.epoch, table: best.table } };
}

export function evaluate(params: Params, spec: WordLMSpec, corpus: WordCorpus, config: Pick<LMTrainConfig, 'evalBatchSize' | 'bptt'>): PerplexityTable {
  const p = (split: Split) => perplexity(params, spec, corpus.ids[split], config.evalBatchSize, config.bptt);
  return { train: p('train'), valid: p('valid'), test: p('test') };
}

/** The perplexity table as aligned text rows. */
export function formatTable(rows: Array<{ name: string; table: PerplexityTable; note?: string }>): string {
  const head = `${'model'.padEnd(24)} ${'train'.padStart(8)} ${'valid'.padStart(8)} ${'test'.padStart(8)}`;
  return [head, ...rows.map((r) => `${r.name.padEnd(24)} ${r.table.train.toFixed(2).padStart(8)} ${r.table.valid.toFixed(2).padStart(8)} ${r.table.test.toFixed(2).padStart(8)}${r.note ? `  ${r.note}` : ''}`)].join('\n');
}
