/** The sanity training check's logic, with a fake `train` op (training itself is the benchmarks'). */
import { loadProfile } from '../../profiles';
import type { Submission } from '../../contract';
import { objectHandle } from '../testing/handle';
import { plantedSubmission } from '../testing/planted';
import { sanityTrainingCheck, trainingTimeoutMs } from './train';
import type { TrainOutcome } from './train';
import { randomParams } from '../../../reference/oracle';
import { toWireParams } from './support';

const y2018 = loadProfile('2018');

function fakeTrain(answer: TrainOutcome) {
  const calls: unknown[] = [];
  const train = (_s: Submission, args: unknown) => { calls.push(args); return answer; };
  return { calls, ops: { train } };
}

const curve = (accs: number[]) => accs.map((accuracy, k) => ({ step: (k + 1) * 50, seconds: k, loss: 1 - accuracy, accuracy }));

const spec2018 = { vocabSize: 10, numClasses: 10, hiddenDim: 128, input: { kind: 'one-hot' } } as const;

test('a reported convergence counts only when the grader\'s own evaluation of the trained parameters bears it out (2018: digit palindromes, T = 5, RMSProp 1e-3)', async () => {
  // untrained parameters: the process says 1.000, the oracle on the grader's sample says chance
  const untrained = toWireParams(randomParams('lstm', spec2018, 11));
  const fake = fakeTrain({ status: 'converged', curve: curve([0.5, 0.99, 1]), stepsToTarget: 100, finalParams: untrained });
  const handle = objectHandle(plantedSubmission(['lstm']), 'x', fake.ops);
  const outcome = await sanityTrainingCheck('lstm', fake.ops).run({ handle, profile: y2018, seed: 7 });
  expect(outcome).toMatchObject({ status: 'failed', fraction: 0, actual: expect.stringMatching(/^0\.\d{3}, although training in the submission's process reported 1\.000$/) });
  const chance = Number((outcome as { actual: string }).actual.slice(0, 5));
  expect(chance).toBeLessThan(0.3);
  expect(fake.calls).toEqual([expect.objectContaining({
    model: 'lstm', dataset: 'digit-palindrome', length: 6, seed: 7, optimizer: 'rmsprop', learningRate: 1e-3, batchSize: 128, maxNorm: 10,
    spec: spec2018, returnParams: true,
  })]);
  // no parameters back (or not the contract's): nothing to score, no points
  const bare = fakeTrain({ status: 'converged', curve: curve([0.99, 1]), stepsToTarget: 50 });
  const none = await sanityTrainingCheck('lstm', bare.ops).run({ handle: objectHandle(plantedSubmission(['lstm']), 'x', bare.ops), profile: y2018, seed: 7 });
  expect(none).toMatchObject({ status: 'failed', actual: 'no parameters came back from training' });
});

test('censored fails with the best accuracy and partial credit; diverged names NaN', async () => {
  const censored = fakeTrain({ status: 'censored', curve: curve([0.3, 0.6, 0.5]) });
  const outcome = await sanityTrainingCheck('lstm', censored.ops).run({ handle: objectHandle(plantedSubmission(['lstm']), 'x', censored.ops), profile: y2018, seed: 7 });
  expect(outcome).toMatchObject({ status: 'failed', actual: 'censored: best accuracy 0.600' });
  expect(outcome.status === 'failed' && outcome.fraction).toBeCloseTo(0.6 / 0.99 / 2, 6);
  const diverged = fakeTrain({ status: 'diverged', curve: curve([0.2]) });
  const d = await sanityTrainingCheck('lstm', diverged.ops).run({ handle: objectHandle(plantedSubmission(['lstm']), 'x', diverged.ops), profile: y2018, seed: 7 });
  expect(d.status === 'failed' && d.actual).toMatch(/NaN/);
});

test('skipped when the train op is not registered or the profile sets no task', async () => {
  const handle = objectHandle(plantedSubmission(['lstm', 'gru']));
  expect(await sanityTrainingCheck('lstm', {}).run({ handle, profile: y2018, seed: 7 })).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/not registered/) });
  expect(await sanityTrainingCheck('gru', { train: () => null }).run({ handle, profile: y2018, seed: 7 })).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/no sanity task for gru/) });
});

test('the time guard follows the step budget (a second per step, at least two minutes)', () => {
  expect(trainingTimeoutMs(y2018, 'lstm')).toBe(1_500_000);
  expect(trainingTimeoutMs(loadProfile('quick'), 'lstm')).toBe(400_000);
  expect(trainingTimeoutMs(y2018, 'gru')).toBe(120_000);
  expect(sanityTrainingCheck('lstm', {}, y2018).timeoutMs).toBe(1_500_000);
});
