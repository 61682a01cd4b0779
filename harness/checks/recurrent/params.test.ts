/** Parameter checks: names/shapes at two sizes, the count formula, seeded init. */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../backend';
import { SEQUENCE_MODELS } from '../../contract';
import type { SequenceClassifier } from '../../contract';
import { loadProfile } from '../../profiles';
import { objectHandle } from '../testing/handle';
import { plantedModel, plantedSubmission } from '../testing/planted';
import { countCheck, expectedCount, initCheck, shapesCheck } from './params';

const quick = loadProfile('quick');
const groupBC = loadProfile('2020-BC');

beforeAll(async () => { await selectBackend(); });

describe.each(SEQUENCE_MODELS)('%s written from the equations', (model) => {
  const handle = objectHandle(plantedSubmission([model]));
  test('passes shapes, count and seeded init', async () => {
    for (const check of [shapesCheck(model), countCheck(model), initCheck(model)]) {
      expect([check.id, await check.run({ handle, profile: quick, seed: 4 })]).toEqual([check.id, expect.objectContaining({ status: 'passed' })]);
    }
  });
});

test('the LSTM count is the course formula 4(nd + n² + n) + nK + K, derived by hand', () => {
  // one-hot digits: d = 10, n = 6, K = 10 → 4(60 + 36 + 6) + 60 + 10 = 478
  expect(expectedCount('lstm', { vocabSize: 10, numClasses: 10, hiddenDim: 6, input: { kind: 'one-hot' } })).toBe(478);
  // the sibling course's example: d = n = 200 → 320,800 for the cell, plus an embedding [V, 200] and K = 2 → +402
  expect(expectedCount('lstm', { vocabSize: 3, numClasses: 2, hiddenDim: 200, input: { kind: 'embedding', dim: 200 } })).toBe(320_800 + 600 + 402);
  // biLSTM: two cells, W_ph [K, 2n]: d = 5 (random combinations L = 5, embedding 4): 2·4(24 + 36 + 6) + 12·5 + 5
  expect(expectedCount('biLSTM', { vocabSize: 5, numClasses: 5, hiddenDim: 6, input: { kind: 'embedding', dim: 4 } })).toBe(2 * 4 * 66 + 60 + 5 + 20);
});

test('a hard-coded hidden size fails one of the two sizes, for half the points, naming it', async () => {
  const handle = objectHandle(plantedSubmission(['lstm'], { hardCodedHidden: true }));
  const outcome = await shapesCheck('lstm').run({ handle, profile: quick, seed: 4 });
  expect(outcome).toMatchObject({ status: 'failed', fraction: 0.5 });
  expect(outcome.status === 'failed' && outcome.hint).toMatch(/hard-coded/);
  expect(outcome.status === 'failed' && outcome.actual).toMatch(/W_gh \[9, 9\] \(got \[6, 6\]\)/);
});

test('W_hx stored as [in, out] is named in the shape check', async () => {
  const right = plantedModel('vanillaRNN');
  const transposedInit: SequenceClassifier = { ...right, init: (spec, seed) => { const p = right.init(spec, seed); const t = tf.transpose(p.W_hx); p.W_hx.dispose(); return { ...p, W_hx: t }; } };
  const outcome = await shapesCheck('vanillaRNN').run({ handle: objectHandle({ models: { vanillaRNN: transposedInit } }), profile: quick, seed: 4 });
  expect(outcome.status === 'failed' && outcome.actual).toMatch(/W_hx \[6, 10\] \(got \[10, 6\]\)/);
});

test('a missing bias fails the count with a hint', async () => {
  const right = plantedModel('gru');
  const noBias: SequenceClassifier = { ...right, init: (spec, seed) => { const { b_z, ...rest } = right.init(spec, seed); b_z.dispose(); return rest; } };
  const outcome = await countCheck('gru').run({ handle: objectHandle({ models: { gru: noBias } }), profile: groupBC, seed: 4 });
  expect(outcome).toMatchObject({ status: 'failed', hint: expect.stringMatching(/missing/) });
});

test('an unseeded init fails with the fix', async () => {
  const outcome = await initCheck('lstm').run({ handle: objectHandle(plantedSubmission(['lstm'], { unseeded: true })), profile: quick, seed: 4 });
  expect(outcome.status).toBe('failed');
  expect(outcome.status === 'failed' && outcome.actual).toMatch(/twice gave different parameters/);
});

test('a seed-ignoring, constant or huge init is named', async () => {
  const constant: SequenceClassifier = { ...plantedModel('vanillaRNN'), init: (spec) => ({ W_hx: tf.fill([spec.hiddenDim, 10], 50), W_hh: tf.zeros([spec.hiddenDim, spec.hiddenDim]), b_h: tf.zeros([spec.hiddenDim]), W_ph: tf.zeros([spec.numClasses, spec.hiddenDim]), b_p: tf.zeros([spec.numClasses]) }) };
  const outcome = await initCheck('vanillaRNN').run({ handle: objectHandle({ models: { vanillaRNN: constant } }), profile: quick, seed: 4 });
  expect(outcome.status).toBe('failed');
  const actual = outcome.status === 'failed' ? outcome.actual : '';
  expect(actual).toMatch(/identical parameters \(the seed is ignored\)/);
  expect(actual).toMatch(/\|weight\| up to 50/);
  expect(actual).toMatch(/constant weight matrices W_hx, W_hh \(/);
});
