import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend';
import { ops } from './ops';
import type { Submission } from '../contract';
import { train, type TrainArgs } from './train';
import { accuracy, clipByGlobalNorm, lastStepCrossEntropy } from './loss';
import tiny from '../experiments/fixtures/tiny-rnn.fixture-submission';
import nanAfterSteps from '../experiments/fixtures/nan-after-steps.fixture-submission';

const sub = tiny as unknown as Submission;
// digit palindromes at L = 4: T = 3 inputs, 10 classes
const base: TrainArgs = {
  model: 'vanillaRNN', spec: { vocabSize: 10, numClasses: 10, hiddenDim: 16, input: { kind: 'one-hot' } },
  dataset: 'digit-palindrome', length: 4, seed: 3, optimizer: 'adam', learningRate: 1e-2, batchSize: 32,
  maxNorm: 10, steps: 40, evalEvery: 10, evalSize: 128, target: 0.95, stopAtTarget: false,
};
const noSeconds = (c: Array<{ step: number; loss: number; accuracy: number }>) => c.map(({ step, loss, accuracy: a }) => ({ step, loss, a }));

beforeAll(async () => { await selectBackend(); });

describe('the loss, accuracy and clipping', () => {
  it('is −log softmax(p)[y] averaged over the batch: logits [1,2,3] and [0,0,0] with targets 2, 0', () => {
    // by hand: −log(e³/(e+e²+e³)) = 0.4076059644, −log(1/3) = 1.0986122887; mean 0.7531091265
    const logits = tf.tensor2d([[1, 2, 3], [0, 0, 0]]);
    const targets = tf.tensor1d([2, 0], 'int32');
    expect(lastStepCrossEntropy(logits, targets).dataSync()[0]).toBeCloseTo(0.7531091265, 5);
    // log-probabilities give the same loss (log_softmax is idempotent), as the 2020 template's NLLLoss needs
    expect(lastStepCrossEntropy(tf.logSoftmax(logits) as tf.Tensor2D, targets).dataSync()[0]).toBeCloseTo(0.7531091265, 5);
    expect(accuracy(logits, targets).dataSync()[0]).toBeCloseTo(1, 6);
  });
  it('clips by the global norm like clip_grad_norm_: [3,4] and [12] (norm 13) to max 1.3 → ×0.1', () => {
    const { grads, norm } = clipByGlobalNorm({ a: tf.tensor1d([3, 4]), b: tf.tensor1d([12]) }, 1.3);
    expect(norm.dataSync()[0]).toBeCloseTo(13, 5);
    expect(Array.from(grads.a.dataSync())).toEqual([expect.closeTo(0.3, 5), expect.closeTo(0.4, 5)]);
    expect(grads.b.dataSync()[0]).toBeCloseTo(1.2, 5);
    const small = clipByGlobalNorm({ a: tf.tensor1d([0.3, 0.4]) }, 10).grads.a;
    expect(Array.from(small.dataSync())).toEqual([expect.closeTo(0.3, 6), expect.closeTo(0.4, 6)]);
  });
});

describe('train', () => {
  it('gives the identical curve for the same seed and a different one for another seed', async () => {
    const a = await train(sub, base);
    const b = await train(sub, base);
    const other = await train(sub, { ...base, seed: 4 });
    expect(a.curve.map((p) => p.step)).toEqual([0, 10, 20, 30, 40]);
    expect(noSeconds(b.curve)).toEqual(noSeconds(a.curve));
    expect(noSeconds(other.curve)).not.toEqual(noSeconds(a.curve));
    expect(a.curve[a.curve.length - 1].loss).toBeLessThan(a.curve[0].loss);
    expect(a).toMatchObject({ model: 'vanillaRNN', dataset: 'digit-palindrome', T: 3, seed: 3, backend: 'wasm', budgetSteps: 40 });
    expect(a.msPerStep).toBeGreaterThan(0);
  });

  it('marks the first of two consecutive evaluations at or above target, and stops there', async () => {
    const r = await train(sub, { ...base, steps: 300, target: 0.9, stopAtTarget: true });
    expect(r.status).toBe('converged');
    const i = r.curve.findIndex((p, k) => k > 0 && r.curve[k - 1].accuracy >= 0.9 && p.accuracy >= 0.9);
    expect(r.stepsToTarget).toBe(r.curve[i - 1].step);
    expect(r.curve[r.curve.length - 1].step).toBe(r.curve[i].step);
    expect(r.secondsToTarget).toBeGreaterThan(0);
  });

  it('with confirm: false (the sanity check) stops at the first evaluation at or above target', async () => {
    const r = await train(sub, { ...base, steps: 300, target: 0.9, stopAtTarget: true, confirm: false });
    expect(r.status).toBe('converged');
    const i = r.curve.findIndex((p) => p.accuracy >= 0.9);
    expect(i).toBeGreaterThan(0);
    expect(r.stepsToTarget).toBe(r.curve[i].step);
    expect(r.curve[r.curve.length - 1].step).toBe(r.curve[i].step);
  });

  it('keeps a run that misses the target as censored at the budget, with its curve', async () => {
    const r = await train(sub, { ...base, steps: 5, evalEvery: 2, target: 1 });
    expect(r.status).toBe('censored');
    expect(r.stepsToTarget).toBeUndefined();
    expect(r.curve.map((p) => p.step)).toEqual([0, 2, 4, 5]);
  });

  it('reports a forward that turns NaN after some steps as diverged, not a crash (through the op)', async () => {
    const r = (await ops.train(nanAfterSteps as unknown as Submission, { ...base, steps: 30 })) as Awaited<ReturnType<typeof train>>;
    expect(r.status).toBe('diverged');
    expect(r.message).toMatch(/loss became NaN at step \d+/);
    expect(r.curve.length).toBeGreaterThan(0);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await train(sub, { ...base, steps: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('explains bad arguments and missing models in the project’s format', async () => {
    await expect(train(sub, { ...base, optimizer: 'sgd' as 'adam' })).rejects.toThrow('train requires optimizer "adam" or "rmsprop", got "sgd".');
    await expect(train(sub, { ...base, steps: 0 })).rejects.toThrow('train requires a positive steps, got 0.');
    await expect(train(sub, { ...base, spec: { ...base.spec, numClasses: 2 } })).rejects.toThrow('train requires spec.numClasses to match digit-palindrome at L = 4 (10), got 2.');
    const missing = train(sub, { ...base, model: 'lstm' });
    await expect(missing).rejects.toThrow('models.lstm is not submitted (train needs its init and forward)');
    await expect(missing).rejects.toMatchObject({ cause: 'not-submitted' });
  });
});
