/** The recurrent ops, called directly as the sandbox calls them. */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../backend';
import type { SequenceClassifier, Submission } from '../../contract';
import { plantedModel, plantedSubmission } from '../../checks/testing/planted';
import { toOpError } from '../op-error';
import { recurrentOps } from './recurrent';
import type { ForwardResult, GradsResult, InitResult } from './recurrent';

const spec = { vocabSize: 4, numClasses: 3, hiddenDim: 5, input: { kind: 'one-hot' as const } };
const tokens = [[0, 1, 2], [3, 2, 1]];

beforeAll(async () => { await selectBackend(); });

async function thrown(f: () => unknown) {
  try { await f(); } catch (e) { return toOpError(e); }
  throw new Error('expected the op to throw');
}

test('init returns plain wire tensors and leaves nothing behind', () => {
  const before = tf.memory().numTensors;
  const { params } = recurrentOps['recurrent.init'](plantedSubmission(['vanillaRNN']), { model: 'vanillaRNN', spec, seed: 1 }) as InitResult;
  expect(tf.memory().numTensors).toBe(before);
  expect(Object.keys(params).sort()).toEqual(['W_hh', 'W_hx', 'W_ph', 'b_h', 'b_p']);
  expect(params.W_hx).toMatchObject({ shape: [5, 4], dtype: 'float32' });
  expect(params.W_hx.values).toBeInstanceOf(Float32Array);
});

test('forward returns [B, K] and clean hygiene; grads cover every parameter', () => {
  const sub = plantedSubmission(['lstm']);
  const { params } = recurrentOps['recurrent.init'](sub, { model: 'lstm', spec, seed: 1 }) as InitResult;
  const before = tf.memory().numTensors;
  const f = recurrentOps['recurrent.forward'](sub, { model: 'lstm', spec, params, tokens }) as ForwardResult;
  expect(f.output.shape).toEqual([2, 3]);
  expect(f.hygiene).toEqual({ leakedTensors: 0, mutated: [] });
  const g = recurrentOps['recurrent.grads'](sub, { model: 'lstm', spec, params, tokens, targets: [0, 2] }) as GradsResult;
  expect(Object.keys(g.grads).sort()).toEqual(Object.keys(params).sort());
  expect(g.hygiene).toEqual({ leakedTensors: 0, mutated: [] });
  expect(tf.memory().numTensors).toBe(before);
});

test('a parameter the forward ignores gets a zero gradient instead of a tfjs error', () => {
  const right = plantedModel('vanillaRNN');
  const noBias: SequenceClassifier = { ...right, forward: (p, x, s) => right.forward({ ...p, b_h: tf.zerosLike(p.b_h) }, x, s) };
  const sub: Submission = { models: { vanillaRNN: noBias } };
  const { params } = recurrentOps['recurrent.init'](sub, { model: 'vanillaRNN', spec, seed: 1 }) as InitResult;
  const g = recurrentOps['recurrent.grads'](sub, { model: 'vanillaRNN', spec, params, tokens, targets: [0, 1] }) as GradsResult;
  expect(Array.from(g.grads.b_h.values)).toEqual([0, 0, 0, 0, 0]);
  expect(Array.from(g.grads.W_hh.values).some((v) => v !== 0)).toBe(true);
});

test('a missing model is not-submitted; a non-tensor output is bad-output', async () => {
  expect(await thrown(() => recurrentOps['recurrent.forward']({}, { model: 'gru', spec, params: {}, tokens }))).toMatchObject({ cause: 'not-submitted', message: 'models.gru is not submitted' });
  const bad: Submission = { models: { lstm: { init: () => ({}), forward: () => [[1, 2, 3]] as unknown as tf.Tensor2D } } };
  expect(await thrown(() => recurrentOps['recurrent.forward'](bad, { model: 'lstm', spec, params: {}, tokens }))).toMatchObject({ cause: 'bad-output', message: 'models.lstm.forward requires a tf.Tensor [B, K], got an array of length 1' });
  expect(await thrown(() => recurrentOps['recurrent.handGradients'](plantedSubmission(['lstm']), { model: 'lstm', spec, params: {}, tokens, targets: [0, 0] }))).toMatchObject({ cause: 'not-submitted' });
  expect(await thrown(() => recurrentOps['recurrent.init'](bad, { model: 'lstmm' as 'lstm', spec, seed: 0 }))).toMatchObject({ message: expect.stringMatching(/requires model to be one of vanillaRNN, .*got "lstmm"/) });
});

test('a forward that replaces a parameter in the record is reported as mutated', () => {
  const right = plantedModel('vanillaRNN');
  const sneaky: SequenceClassifier = { ...right, forward: (p, x, s) => { const out = right.forward(p, x, s); p.b_h = tf.zeros([5]); return out; } };
  const sub: Submission = { models: { vanillaRNN: sneaky } };
  const { params } = recurrentOps['recurrent.init'](sub, { model: 'vanillaRNN', spec, seed: 1 }) as InitResult;
  const f = recurrentOps['recurrent.forward'](sub, { model: 'vanillaRNN', spec, params, tokens }) as ForwardResult;
  expect(f.hygiene.mutated).toEqual(['b_h']);
});

test('timeGate.values maps t to k(t)', () => {
  expect(recurrentOps['timeGate.values']({ timeGate: (t) => t / 10 }, { params: { tau: 5, s: 0, rOn: 1 }, ts: [1, 2, 3] })).toEqual({ values: [0.1, 0.2, 0.3] });
});
