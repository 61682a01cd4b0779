/**
 * Sanity training (2018/2019 Q1.3, Q1.6): each reference classifier reaches ≥ 0.99 accuracy
 * on digit palindromes of length 5 with the course's defaults — RMSProp, lr 1e-3, batch
 * 128, hidden 128, one-hot inputs, max-norm 10 — within a step budget, trained by the
 * harness's own loop (harness/worker/train.ts) and evaluated on a fixed seeded batch.
 */
import type { SequenceModelName } from '../../harness/contract';
import { train } from '../../harness/worker/train';
import reference from '../index';

const MODELS: SequenceModelName[] = ['vanillaRNN', 'lstm', 'peepLSTM', 'gru', 'biLSTM'];
const BUDGET = 300;

describe('reference models train on digit palindromes of length 5', () => {
  it.each(MODELS)('%s reaches 0.99 accuracy within the step budget', async (model) => {
    const run = await train(reference, {
      model,
      spec: { vocabSize: 10, numClasses: 10, hiddenDim: 128, input: { kind: 'one-hot' } },
      dataset: 'digit-palindrome',
      length: 5,
      seed: 0,
      optimizer: 'rmsprop',
      learningRate: 1e-3,
      batchSize: 128,
      maxNorm: 10,
      steps: BUDGET,
      evalEvery: 10,
      evalSize: 500,
      target: 0.99,
    });
    const last = run.curve[run.curve.length - 1];
    if (run.status !== 'converged') throw new Error(`${model}: ${run.status} after ${run.budgetSteps} steps, last accuracy ${last?.accuracy}`);
    expect(run.stepsToTarget).toBeLessThanOrEqual(BUDGET);
    expect(last.accuracy).toBeGreaterThanOrEqual(0.99);
    console.log(`${model}: 0.99 at step ${run.stepsToTarget}, ${run.msPerStep.toFixed(1)} ms/step`);
  });
});
