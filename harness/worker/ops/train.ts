/**
 * The benchmark ops, inside the submission's process: `train`, one seeded training run of
 * a sequence classifier (../train.ts), and `bench.micro`, tinybench timings of
 * its forward and forward+backward (../micro.ts).
 *
 * | op      | args (TrainArgs)                                                        | returns |
 * |---------|-------------------------------------------------------------------------|---------|
 * | `train` | { model, spec, dataset, length, seed, optimizer, learningRate, batchSize,| TrainOutcome: a TrainingRun without key, |
 * |         |   maxNorm, steps, evalEvery, evalSize, target, stopAtTarget?, measureSteps? } | submission, submissionHash, profile |
 *
 * | `bench.micro` | { model, spec, dataset, length, batchSize, seed, timeMs?, iterations? } | { backend, T, results: [{ task, meanMs, p99Ms, rme, samples }] } |
 *
 * The sanity-training check and the experiment runner call `train`; give it a timeout that
 * fits its step budget (3000 steps at the 2020 sizes take many minutes on wasm).
 */
import { microBenchmark } from '../micro';
import { train } from '../train';
import type { OpFamily } from './types';

export const trainOps: OpFamily<'train' | 'bench.micro'> = {
  train: (submission, args) => train(submission, args),
  'bench.micro': (submission, args) => microBenchmark(submission, args),
};
