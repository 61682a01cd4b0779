/**
 * The tfjs reference agrees with the float64 oracle on the same parameters: last-step
 * logits and the mean last-step cross-entropy to < 1e-4, its gradients (tf.grads) to
 * < 1e-3, relative to the oracle's largest entry, at T = 5, 50 and 200 for every model,
 * both GRU conventions and the three LSTM paths (fused wasm kernels, hand-written BPTT in
 * tfjs ops, tape).
 */
import * as tf from '@tensorflow/tfjs';
import type { GruConvention, RecurrentSpec, SequenceClassifier, SequenceModelName } from '../../harness/contract';
import { selectBackend } from '../../harness/backend';
import { lastStepCrossEntropy } from '../../harness/bench/loss';
import { makeBatch } from '../data';
import { oracle, randomParams, type Mat, type OracleParams } from '../oracle';
import { biLSTM } from './bi-lstm';
import { makeGru } from './gru';
import { LSTM_BACKWARD, lstm } from './lstm';
import { peepLSTM } from './peep-lstm';
import { timeGatedLSTM } from './time-gated-lstm';
import { vanillaRNN } from './vanilla-rnn';

beforeAll(async () => { await selectBackend('wasm'); });
afterEach(() => { LSTM_BACKWARD.mode = 'fused'; });

const B = 3;
const H = 6;

/** max |a − b| / max |b|: the error relative to the oracle's largest entry. */
function relErr(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0, scale = 1e-12;
  for (let k = 0; k < expected.length; k++) {
    diff = Math.max(diff, Math.abs(actual[k] - expected[k]));
    scale = Math.max(scale, Math.abs(expected[k]));
  }
  return diff / scale;
}

/** Rounds the oracle's parameters to float32, so both sides use exactly the same numbers. */
function float32Params(params: OracleParams): OracleParams {
  return Object.fromEntries(Object.entries(params).map(([n, m]) => [n, { shape: m.shape, data: Float64Array.from(m.data, Math.fround) }]));
}

interface Case { name: string; oracleName: SequenceModelName; model: SequenceClassifier; spec: RecurrentSpec & { gru?: GruConvention }; T: number; lstmMode?: 'hand-written' | 'tape' }

const oneHot = { vocabSize: 10, numClasses: 10, hiddenDim: H, input: { kind: 'one-hot' } } as const;
const gate = { tau: 7, s: 1.5, rOn: 0.6 };
const cases: Case[] = [];
for (const T of [5, 50, 200]) {
  cases.push(
    { name: 'vanillaRNN', oracleName: 'vanillaRNN', model: vanillaRNN, spec: oneHot, T },
    { name: 'lstm (fused wasm kernels)', oracleName: 'lstm', model: lstm, spec: oneHot, T },
    { name: 'lstm (hand-written BPTT in tfjs ops)', oracleName: 'lstm', model: lstm, spec: oneHot, T, lstmMode: 'hand-written' },
    { name: 'lstm (tape)', oracleName: 'lstm', model: lstm, spec: oneHot, T, lstmMode: 'tape' },
    { name: 'peepLSTM', oracleName: 'peepLSTM', model: peepLSTM, spec: oneHot, T },
    { name: 'gru update-takes-new', oracleName: 'gru', model: makeGru('update-takes-new'), spec: { ...oneHot, gru: 'update-takes-new' }, T },
    { name: 'gru update-keeps-old', oracleName: 'gru', model: makeGru('update-keeps-old'), spec: { ...oneHot, gru: 'update-keeps-old' }, T },
    { name: 'biLSTM', oracleName: 'biLSTM', model: biLSTM, spec: oneHot, T },
    { name: 'timeGatedLSTM', oracleName: 'timeGatedLSTM', model: timeGatedLSTM, spec: { ...oneHot, timeGate: gate }, T },
  );
}
// the other input encodings and the leaky gate, at T = 5
for (const input of [{ kind: 'embedding', dim: 4 }, { kind: 'scalar' }] as const) {
  const spec = { ...oneHot, input };
  cases.push(
    { name: `vanillaRNN, ${input.kind}`, oracleName: 'vanillaRNN', model: vanillaRNN, spec, T: 5 },
    { name: `lstm, ${input.kind}`, oracleName: 'lstm', model: lstm, spec, T: 5 },
    { name: `peepLSTM, ${input.kind}`, oracleName: 'peepLSTM', model: peepLSTM, spec, T: 5 },
    { name: `gru, ${input.kind}`, oracleName: 'gru', model: makeGru(), spec, T: 5 },
    { name: `biLSTM, ${input.kind}`, oracleName: 'biLSTM', model: biLSTM, spec, T: 5 },
  );
}
cases.push({ name: 'timeGatedLSTM, leak α = 0.1, s < 0', oracleName: 'timeGatedLSTM', model: timeGatedLSTM, spec: { ...oneHot, timeGate: { tau: 4, s: -2.5, rOn: 0.5, alpha: 0.1 } }, T: 50 });

describe('the tfjs reference matches the float64 oracle', () => {
  it.each(cases.map((c) => [`${c.name}, T = ${c.T}`, c] as const))('%s', (_, c) => {
    if (c.lstmMode) LSTM_BACKWARD.mode = c.lstmMode;
    const params64 = float32Params(randomParams(c.oracleName, c.spec, 1000 + c.T));
    const batch = makeBatch('digit-palindrome', c.T + 1, B, c.T);
    const rows = Array.from({ length: B }, (_, b) => Array.from(batch.tokens.subarray(b * c.T, (b + 1) * c.T)));
    const expected = oracle[c.oracleName].lossAndGradients(params64, rows, Array.from(batch.targets), c.spec);

    const names = Object.keys(params64);
    const before = tf.memory();
    const result = tf.tidy(() => {
      const params = Object.fromEntries(names.map((n) => [n, tf.tensor(Float32Array.from(params64[n].data), params64[n].shape)]));
      const tokens = tf.tensor2d(batch.tokens, [B, c.T], 'int32');
      const targets = tf.tensor1d(batch.targets, 'int32');
      const logits = c.model.forward(params, tokens, c.spec);
      const loss = (...ts: tf.Tensor[]) => lastStepCrossEntropy(c.model.forward(Object.fromEntries(names.map((n, k) => [n, ts[k]])), tokens, c.spec), targets);
      const grads = tf.grads(loss)(names.map((n) => params[n]));
      return { logits: logits.dataSync(), loss: loss(...names.map((n) => params[n])).dataSync()[0], grads: grads.map((g) => g.dataSync()) };
    });
    expect(tf.memory().numTensors).toBe(before.numTensors);                     // nothing leaked,
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);             // not even a kernel's temporary

    expect(relErr(result.logits, (expected.logits as Mat).data)).toBeLessThan(1e-4);
    expect(Math.abs(result.loss - expected.loss) / Math.abs(expected.loss)).toBeLessThan(1e-4);
    names.forEach((n, k) => {
      const err = relErr(result.grads[k], expected.grads[n].data);
      if (!(err < 1e-3)) throw new Error(`∂loss/∂${n}: relative error ${err.toExponential(2)} ≥ 1e-3`);
    });
  });
});
