/** Gradient checks: autodiff through the submission vs the oracle's BPTT; hand-written vs autodiff. */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../backend';
import { SEQUENCE_MODELS } from '../../contract';
import type { Params, SequenceClassifier } from '../../contract';
import { lastStepLoss } from '../../worker/ops/recurrent';
import { loadProfile } from '../../profiles';
import { objectHandle } from '../testing/handle';
import { plantedModel, plantedSubmission } from '../testing/planted';
import { autodiffCheck, handWrittenCheck } from './gradients';

const quick = loadProfile('quick');
const groupDE = loadProfile('2020-DE');

beforeAll(async () => { await selectBackend(); });

describe.each(SEQUENCE_MODELS)('%s written from the equations', (model) => {
  test('autodiff equals the oracle', async () => {
    const outcome = await autodiffCheck(model).run({ handle: objectHandle(plantedSubmission([model])), profile: quick, seed: 5 });
    expect(outcome).toMatchObject({ status: 'passed' });
  });
});

test('embedding gradients (2020 peepLSTM) equal the oracle', async () => {
  const outcome = await autodiffCheck('peepLSTM').run({ handle: objectHandle(plantedSubmission(['peepLSTM'])), profile: groupDE, seed: 5 });
  expect(outcome).toMatchObject({ status: 'passed' });
});

test('a forward that is right but blocks a gradient is named by parameter', async () => {
  const right = plantedModel('lstm');
  // W_ph read out with dataSync and rebuilt: same values, off the tape
  const blocked: SequenceClassifier = { init: right.init, forward: (p, x, s) => tf.tidy(() => right.forward({ ...p, W_ph: tf.tensor(p.W_ph.dataSync(), p.W_ph.shape) } as Params, x, s)) };
  const outcome = await autodiffCheck('lstm').run({ handle: objectHandle({ models: { lstm: blocked } }), profile: quick, seed: 5 });
  expect(outcome.status).toBe('failed');
  expect(outcome.status === 'failed' && outcome.actual).toMatch(/worst gradient W_ph/);
  expect(outcome.status === 'failed' && outcome.hint).toMatch(/forward agrees/);
});

test('a wrong forward fails autodiff with "fix the forward first"', async () => {
  const outcome = await autodiffCheck('lstm').run({ handle: objectHandle(plantedSubmission(['lstm'], { swapForgetInput: true })), profile: quick, seed: 5 });
  expect(outcome.status === 'failed' && outcome.hint).toMatch(/the forward already differs: fix the forward checks first/);
});

/** Hand-written gradients computed by tf.grads inside the submission, optionally scaled wrong. */
function withGradients(factor: number): SequenceClassifier {
  const right = plantedModel('vanillaRNN');
  return {
    ...right,
    gradients(params, tokens, targets, spec) {
      const names = Object.keys(params);
      const grads = tf.grads((...ts: tf.Tensor[]) => lastStepLoss(right.forward(Object.fromEntries(names.map((n, i) => [n, ts[i]])), tokens, spec), targets))(names.map((n) => params[n]));
      return Object.fromEntries(names.map((n, i) => [n, tf.tidy(() => tf.mul(grads[i], factor))]));
    },
  };
}

test('hand-written gradients: absent is skipped, right passes, off by a factor fails', async () => {
  const ctx = (m: SequenceClassifier) => ({ handle: objectHandle({ models: { vanillaRNN: m } }), profile: quick, seed: 5 });
  expect(await handWrittenCheck('vanillaRNN').run(ctx(plantedModel('vanillaRNN')))).toMatchObject({ status: 'skipped' });
  expect(await handWrittenCheck('vanillaRNN').run(ctx(withGradients(1)))).toMatchObject({ status: 'passed' });
  const wrong = await handWrittenCheck('vanillaRNN').run(ctx(withGradients(2)));
  expect(wrong.status).toBe('failed');
  expect(wrong.status === 'failed' && wrong.hint).toMatch(/mean over the batch/);
});
