import * as tf from '@tensorflow/tfjs';
import type { RecurrentSpec, SequenceModelName } from '../../harness/contract';
import { selectBackend } from '../../harness/backend';
import { oracle } from '../oracle';
import reference from '../index';
import { timeSteps } from './common';
import { makeGru } from './gru';
import { makeLstm } from './lstm';
import { makePeepLSTM } from './peep-lstm';
import { makeTimeGatedLSTM } from './time-gated-lstm';

beforeAll(async () => { await selectBackend('wasm'); });

const specs: RecurrentSpec[] = [
  { vocabSize: 10, numClasses: 10, hiddenDim: 8, input: { kind: 'one-hot' } },
  { vocabSize: 3, numClasses: 2, hiddenDim: 5, input: { kind: 'embedding', dim: 4 } },
  { vocabSize: 6, numClasses: 6, hiddenDim: 7, input: { kind: 'scalar' }, timeGate: { tau: 5, s: 0, rOn: 0.5 } },
];
const MODELS: SequenceModelName[] = ['vanillaRNN', 'lstm', 'peepLSTM', 'gru', 'biLSTM', 'timeGatedLSTM'];

describe('init', () => {
  it.each(MODELS)('%s: the canonical names and [out, in] shapes (as the oracle lists them), the same for the same seed', (name) => {
    const model = reference.models[name];
    for (const spec of specs) {
      const a = model.init(spec, 3);
      const shapes = Object.fromEntries(Object.entries(a).map(([n, t]) => [n, t.shape]));
      expect(shapes).toEqual(oracle[name].paramShapes(spec));
      const b = model.init(spec, 3);
      const c = model.init(spec, 4);
      for (const n of Object.keys(a)) {
        expect(Array.from(b[n].dataSync())).toEqual(Array.from(a[n].dataSync()));
        if (a[n].rank === 2) expect(Array.from(c[n].dataSync())).not.toEqual(Array.from(a[n].dataSync()));
      }
      tf.dispose([...Object.values(a), ...Object.values(b), ...Object.values(c)]);
    }
  });

  it('draws weights Kaiming-normal (std √(2/fan_in)), biases 0, embedding N(0, 1)', () => {
    const params = reference.models.lstm.init({ vocabSize: 50, numClasses: 10, hiddenDim: 200, input: { kind: 'embedding', dim: 100 } }, 0);
    const std = (t: tf.Tensor) => { const v = Array.from(t.dataSync()); const m = v.reduce((s, x) => s + x, 0) / v.length; return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length); };
    expect(std(params.W_gx)).toBeCloseTo(Math.sqrt(2 / 100), 2);
    expect(std(params.W_gh)).toBeCloseTo(Math.sqrt(2 / 200), 2);
    expect(std(params.embedding)).toBeCloseTo(1, 1);
    expect(Math.max(...Array.from(params.b_g.dataSync()).map(Math.abs))).toBe(0);
    tf.dispose(Object.values(params));
  });
});

describe('forward', () => {
  const spec = specs[0];
  it.each(MODELS)('%s: [B, K] logits, no tensor left behind, inputs untouched', (name) => {
    const model = reference.models[name];
    const s = { ...spec, timeGate: { tau: 4, s: 0, rOn: 0.5 } };
    const params = model.init(s, 1);
    const tokens = tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], 'int32');
    const before = tf.memory().numTensors;
    const out = model.forward(params, tokens, s);
    expect(out.shape).toEqual([2, 10]);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(Object.values(params).every((t) => !t.isDisposed) && !tokens.isDisposed).toBe(true);
    tf.dispose([out, tokens, ...Object.values(params)]);
  });

  it('names a missing or misshapen parameter, a bad spec and a missing time gate', () => {
    const params = reference.models.lstm.init(spec, 1);
    const tokens = tf.tensor2d([[1, 2]], [1, 2], 'int32');
    const { W_fh, ...withoutWfh } = params;
    expect(() => reference.models.lstm.forward(withoutWfh, tokens, spec)).toThrow('lstm.forward requires params.W_fh of shape [8, 8], got nothing.');
    expect(() => reference.models.lstm.forward({ ...params, W_fh: tf.zeros([8, 9]) }, tokens, spec)).toThrow('lstm.forward requires params.W_fh of shape [8, 8], got [8, 9].');
    expect(() => reference.models.gru.forward(params, tokens, { ...spec, hiddenDim: 0 })).toThrow('gru.forward requires spec.hiddenDim to be a positive integer, got 0.');
    expect(() => reference.models.timeGatedLSTM.forward(params, tokens, spec)).toThrow(/timeGatedLSTM.forward requires time-gate parameters \{ tau, s, rOn, alpha\? \} \(spec.timeGate/);
    tf.dispose([W_fh, tokens, ...Object.values(params)]);
  });
});

describe('how a recurrence runs, and the GRU update rule, are explicit options', () => {
  it('makeGru requires the convention: there is no default rule', () => {
    expect(() => makeGru({ backward: 'fused' } as never)).toThrow('makeGru requires options.convention among update-takes-new, update-keeps-old, got undefined.');
  });
  it('a path a model does not have is refused, naming the ones it has', () => {
    expect(() => makePeepLSTM({ backward: 'hand-written' } as never)).toThrow('makePeepLSTM requires options.backward among fused, tape, got "hand-written".');
    expect(() => makeLstm({ backward: 'fast' } as never)).toThrow('makeLstm requires options.backward among fused, hand-written, tape, got "fast".');
    expect(() => makeTimeGatedLSTM({} as never)).toThrow('makeTimeGatedLSTM requires options.backward among fused, tape, got undefined.');
  });
});

describe('timeSteps', () => {
  it('splits [T, B, G] into T steps, and one step stays differentiable (tfjs cannot differentiate a one-output unstack)', () => {
    tf.tidy(() => {
      expect(timeSteps(tf.tensor3d([1, 2, 3, 4, 5, 6], [2, 1, 3])).map((x) => Array.from(x.dataSync()))).toEqual([[1, 2, 3], [4, 5, 6]]);
      const dx = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(timeSteps(x as tf.Tensor3D)[0], tf.tensor2d([[1, 2, 3]]))))(tf.zeros([1, 1, 3]));
      expect(Array.from(dx.dataSync())).toEqual([1, 2, 3]);
    });
  });
});
