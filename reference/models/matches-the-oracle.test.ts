/**
 * The tfjs reference agrees with the float64 oracle on the same parameters: last-step
 * logits and the mean last-step cross-entropy to < 1e-4, its gradients (tf.grads) to
 * < 1e-3, relative to the oracle's largest entry, at T = 5, 50 and 200 for every model,
 * both GRU conventions, and every path of each recurrence (`backward` in `common.ts`): the
 * fused wasm kernels and the tape for the LSTM, peepLSTM, GRU and time-gated LSTM, and the
 * LSTM's hand-written BPTT in tfjs ops. No tensor or kernel buffer may be left behind.
 */
import * as tf from '@tensorflow/tfjs';
import type { GruConvention, RecurrentSpec, SequenceClassifier, SequenceModelName } from '../../harness/contract';
import { selectBackend } from '../../harness/backend';
import { lastStepCrossEntropy } from '../../harness/worker/loss';
import { makeBatch } from '../data';
import { oracle, randomParams, type Mat, type OracleParams } from '../oracle';
import { biLSTM } from './bi-lstm';
import { makeGru } from './gru';
import { makeLstm } from './lstm';
import { makePeepLSTM } from './peep-lstm';
import { makeTimeGatedLSTM } from './time-gated-lstm';
import { vanillaRNN } from './vanilla-rnn';

beforeAll(async () => { await selectBackend('wasm'); });

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

interface Case { name: string; oracleName: SequenceModelName; model: SequenceClassifier; spec: RecurrentSpec & { gru?: GruConvention }; T: number; oracleSpec?: RecurrentSpec & { gru?: GruConvention } }

const lstm = makeLstm({ backward: 'fused' });
const peepLSTM = makePeepLSTM({ backward: 'fused' });
const timeGatedLSTM = makeTimeGatedLSTM({ backward: 'fused' });
const gru = (convention: GruConvention, backward: 'fused' | 'tape' = 'fused') => makeGru({ convention, backward });

const oneHot = { vocabSize: 10, numClasses: 10, hiddenDim: H, input: { kind: 'one-hot' } } as const;
const gate = { tau: 7, s: 1.5, rOn: 0.6 };
const cases: Case[] = [];
for (const T of [5, 50, 200]) {
  cases.push(
    { name: 'vanillaRNN', oracleName: 'vanillaRNN', model: vanillaRNN, spec: oneHot, T },
    { name: 'lstm (fused wasm kernels)', oracleName: 'lstm', model: lstm, spec: oneHot, T },
    { name: 'lstm (hand-written BPTT in tfjs ops)', oracleName: 'lstm', model: makeLstm({ backward: 'hand-written' }), spec: oneHot, T },
    { name: 'lstm (tape)', oracleName: 'lstm', model: makeLstm({ backward: 'tape' }), spec: oneHot, T },
    { name: 'peepLSTM (fused wasm kernels)', oracleName: 'peepLSTM', model: peepLSTM, spec: oneHot, T },
    { name: 'peepLSTM (tape)', oracleName: 'peepLSTM', model: makePeepLSTM({ backward: 'tape' }), spec: oneHot, T },
    { name: 'biLSTM', oracleName: 'biLSTM', model: biLSTM, spec: oneHot, T },
    { name: 'timeGatedLSTM (fused wasm kernels)', oracleName: 'timeGatedLSTM', model: timeGatedLSTM, spec: { ...oneHot, timeGate: gate }, T },
    { name: 'timeGatedLSTM (tape)', oracleName: 'timeGatedLSTM', model: makeTimeGatedLSTM({ backward: 'tape' }), spec: { ...oneHot, timeGate: gate }, T },
  );
  for (const convention of ['update-takes-new', 'update-keeps-old'] as const) {
    for (const backward of ['fused', 'tape'] as const) {
      cases.push({ name: `gru ${convention} (${backward === 'fused' ? 'fused wasm kernels' : 'tape'})`, oracleName: 'gru', model: gru(convention, backward), spec: { ...oneHot, gru: convention }, T });
    }
  }
}
// the other input encodings and the leaky gate, at T = 5
for (const input of [{ kind: 'embedding', dim: 4 }, { kind: 'scalar' }] as const) {
  const spec = { ...oneHot, input };
  cases.push(
    { name: `vanillaRNN, ${input.kind}`, oracleName: 'vanillaRNN', model: vanillaRNN, spec, T: 5 },
    { name: `lstm, ${input.kind}`, oracleName: 'lstm', model: lstm, spec, T: 5 },
    { name: `peepLSTM, ${input.kind}`, oracleName: 'peepLSTM', model: peepLSTM, spec, T: 5 },
    { name: `gru, ${input.kind}`, oracleName: 'gru', model: gru('update-takes-new'), spec, T: 5 },
    { name: `biLSTM, ${input.kind}`, oracleName: 'biLSTM', model: biLSTM, spec, T: 5 },
  );
}
// one step: no recurrent product, ∂W_h = 0 (the fused kernels only: on the tape the unused W_h has no gradient at all)
cases.push(
  { name: 'lstm (fused wasm kernels)', oracleName: 'lstm', model: lstm, spec: oneHot, T: 1 },
  { name: 'peepLSTM (fused wasm kernels)', oracleName: 'peepLSTM', model: peepLSTM, spec: oneHot, T: 1 },
  { name: 'gru update-keeps-old (fused wasm kernels)', oracleName: 'gru', model: gru('update-keeps-old'), spec: { ...oneHot, gru: 'update-keeps-old' }, T: 1 },
  { name: 'timeGatedLSTM (fused wasm kernels)', oracleName: 'timeGatedLSTM', model: timeGatedLSTM, spec: { ...oneHot, timeGate: gate }, T: 1 },
);
const leaky = { tau: 4, s: -2.5, rOn: 0.5, alpha: 0.1 };
cases.push(
  { name: 'timeGatedLSTM (fused wasm kernels), leak α = 0.1, s < 0', oracleName: 'timeGatedLSTM', model: timeGatedLSTM, spec: { ...oneHot, timeGate: leaky }, T: 50 },
  { name: 'timeGatedLSTM (tape), leak α = 0.1, s < 0', oracleName: 'timeGatedLSTM', model: makeTimeGatedLSTM({ backward: 'tape' }), spec: { ...oneHot, timeGate: leaky }, T: 50 },
  // the GRU's convention from the model's options alone (no spec.gru): the oracle is told the same rule
  { name: 'gru update-keeps-old from the options, not the spec', oracleName: 'gru', model: gru('update-keeps-old'), spec: oneHot, T: 20, oracleSpec: { ...oneHot, gru: 'update-keeps-old' } },
);

describe('the tfjs reference matches the float64 oracle', () => {
  it.each(cases.map((c) => [`${c.name}, T = ${c.T}`, c] as const))('%s', (_, c) => {
    const params64 = float32Params(randomParams(c.oracleName, c.spec, 1000 + c.T));
    const batch = makeBatch('digit-palindrome', c.T + 1, B, c.T);
    const rows = Array.from({ length: B }, (_, b) => Array.from(batch.tokens.subarray(b * c.T, (b + 1) * c.T)));
    const expected = oracle[c.oracleName].lossAndGradients(params64, rows, Array.from(batch.targets), c.oracleSpec ?? c.spec);

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
