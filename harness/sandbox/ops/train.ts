/**
 * The training op: one seeded training run of a submission's sequence classifier
 * (harness/bench/train.ts), inside the submission's process.
 *
 * | op      | args (TrainArgs)                                                        | returns |
 * |---------|-------------------------------------------------------------------------|---------|
 * | `train` | { model, spec, dataset, length, seed, optimizer, learningRate, batchSize,| TrainOutcome: a TrainingRun without key, |
 * |         |   maxNorm, steps, evalEvery, evalSize, target, stopAtTarget?, measureSteps? } | submission, submissionHash, profile |
 *
 * The sanity-training check and the experiment runner both call it. Give it a timeout that
 * fits the budget (`projectedTrainMs` in harness/bench helps).
 */
import { train, type TrainArgs } from '../../bench/train';
import type { OpRegistry } from './types';

export const trainOps: OpRegistry = {
  train: (submission, args: TrainArgs) => train(submission, args),
};
export type { TrainArgs, TrainOutcome } from '../../bench/train';
