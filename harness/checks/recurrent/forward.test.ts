/** Forward checks on throw-away tfjs submissions written from the equations. */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../backend';
import { SEQUENCE_MODELS } from '../../contract';
import type { SequenceClassifier } from '../../contract';
import { loadProfile } from '../../profiles';
import { objectHandle } from '../testing/handle';
import { plantedModel, plantedSubmission } from '../testing/planted';
import { batchIndependenceCheck, forwardCheck, FORWARD_LENGTHS } from './forward';

const quick = loadProfile('quick');
const groupA = loadProfile('2020-A');     // embedding inputs
const y2018 = loadProfile('2018');

beforeAll(async () => { await selectBackend(); });

describe.each(SEQUENCE_MODELS)('%s written from the equations', (model) => {
  const handle = objectHandle(plantedSubmission([model]));
  test.each(FORWARD_LENGTHS.map((T) => [T]))('passes forward.T%i', async (T) => {
    expect(await forwardCheck(model, T).run({ handle, profile: quick, seed: 1 })).toMatchObject({ status: 'passed' });
  });
  test('passes batch independence', async () => {
    expect(await batchIndependenceCheck(model).run({ handle, profile: quick, seed: 1 })).toMatchObject({ status: 'passed' });
  });
});

test('log-probabilities pass as well as logits', async () => {
  const handle = objectHandle(plantedSubmission(['lstm'], { output: 'log-probs' }));
  expect(await forwardCheck('lstm', 5).run({ handle, profile: quick, seed: 2 })).toMatchObject({ status: 'passed' });
});

test('embedding inputs (2020) and one-hot digits (2018) are probed with the profile\'s encoding', async () => {
  const gru = objectHandle(plantedSubmission(['gru', 'lstm']));
  expect(await forwardCheck('gru', 5).run({ handle: gru, profile: groupA, seed: 2 })).toMatchObject({ status: 'passed' });
  expect(await forwardCheck('lstm', 50).run({ handle: gru, profile: y2018, seed: 2 })).toMatchObject({ status: 'passed' });
});

test('log-softmax over the batch axis breaks batch independence', async () => {
  const handle = objectHandle(plantedSubmission(['lstm'], { output: 'log-softmax-batch' }));
  const outcome = await batchIndependenceCheck('lstm').run({ handle, profile: quick, seed: 1 });
  expect(outcome.status).toBe('failed');
  expect(outcome.status === 'failed' && outcome.hint).toMatch(/axis 0/);
});

test('a model that ignores its parameters is caught on the submission\'s own init and on probe parameters', async () => {
  const right = plantedModel('vanillaRNN');
  // forward uses parameters it makes itself from a fixed seed: right shapes, wrong values
  const ignoring: SequenceClassifier = { init: right.init, forward: (_p, x, spec) => tf.tidy(() => right.forward(right.init(spec, 99), x, spec)) };
  const handle = objectHandle({ models: { vanillaRNN: ignoring } });
  const outcome = await forwardCheck('vanillaRNN', 5).run({ handle, profile: quick, seed: 1 });
  expect(outcome.status).toBe('failed');
  expect(outcome.status === 'failed' && outcome.diagnosis).toBeUndefined();
});

test('a wrong output shape fails with the expected shape', async () => {
  const right = plantedModel('lstm');
  const transposed: SequenceClassifier = { init: right.init, forward: (p, x, s) => tf.tidy(() => tf.transpose(right.forward(p, x, s))) as tf.Tensor2D };
  const outcome = await forwardCheck('lstm', 5).run({ handle: objectHandle({ models: { lstm: transposed } }), profile: quick, seed: 1 });
  // [K, B] with B = 3 ≠ K: the op rejects it before any comparison
  expect(outcome).toMatchObject({ status: 'errored', cause: 'bad-output' });
  expect(outcome.status === 'errored' && outcome.message).toMatch(/shape \[B=3, K\], got \[10, 3\]/);
});

test('a model that is not submitted is reported as not submitted, without calling it', async () => {
  const outcome = await forwardCheck('gru', 5).run({ handle: objectHandle(plantedSubmission(['lstm'])), profile: quick, seed: 1 });
  expect(outcome).toMatchObject({ status: 'errored', cause: 'not-submitted' });
});

test('NaN output fails with NaN named', async () => {
  const right = plantedModel('lstm');
  const nan: SequenceClassifier = { init: right.init, forward: (p, x, s) => tf.tidy(() => tf.mul(right.forward(p, x, s), NaN)) as tf.Tensor2D };
  const outcome = await forwardCheck('lstm', 1).run({ handle: objectHandle({ models: { lstm: nan } }), profile: quick, seed: 1 });
  expect(outcome.status).toBe('failed');
  expect(outcome.status === 'failed' && outcome.actual).toMatch(/NaN/);
});

test('a model built on [in, out] input weights fails forward with a pointer to the shape check', async () => {
  const right = plantedModel('vanillaRNN');
  // init stores W_hx as [D, H] and forward uses x·W_hx: consistent with itself, not with the contract
  const inOut: SequenceClassifier = {
    init: (spec, seed) => tf.tidy(() => { const p = right.init(spec, seed); return { ...p, W_hx: tf.transpose(p.W_hx) }; }),
    forward: (p, x, spec) => right.forward({ ...p, W_hx: tf.transpose(p.W_hx) }, x, spec),
  };
  const outcome = await forwardCheck('vanillaRNN', 5).run({ handle: objectHandle({ models: { vanillaRNN: inOut } }), profile: quick, seed: 1 });
  expect(outcome.status).toBe('errored');
  expect(outcome.status === 'errored' && outcome.hint).toMatch(/fix vanillaRNN\.params\.shapes first/);
});
