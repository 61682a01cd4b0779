/**
 * Micro-benchmarks of one model with tinybench — runs INSIDE the submission's process.
 * Two tasks: `forward` (tokens → [B, K]) and `forward+backward` (the last-step
 * cross-entropy's gradients with respect to every parameter). Initialisation, input
 * creation and one untimed call of each task (kernel compilation) happen before timing;
 * tinybench then warms up and samples. Outputs are read back (dataSync) inside the timed
 * part, so an asynchronous backend is timed to completion.
 */
import * as tf from '@tensorflow/tfjs';
import { Bench } from 'tinybench';
import type { Params, RecurrentSpec, SequenceClassifier, SequenceModelName, Submission } from '../contract';
import { selectBackend } from '../backend';
import { makeBatch, type DatasetName } from '../../reference/data';
import { lastStepCrossEntropy } from './loss';

export interface MicroArgs {
  model: SequenceModelName;
  spec: RecurrentSpec;
  dataset: DatasetName;
  length: number;
  batchSize: number;
  seed: number;
  /** minimum sampling time per task (ms); default 1000 */
  timeMs?: number;
  /** minimum samples per task; default 10 */
  iterations?: number;
}

export interface MicroTaskResult { task: 'forward' | 'forward+backward'; meanMs: number; p99Ms: number; rme: number; samples: number }
export interface MicroOutcome { backend: string; T: number; results: MicroTaskResult[] }

export async function microBenchmark(submission: Submission, args: MicroArgs): Promise<MicroOutcome> {
  const backend = (await selectBackend()).name;
  const m = submission.models?.[args.model] as SequenceClassifier | undefined;
  if (!m || typeof m.forward !== 'function' || typeof m.init !== 'function') {
    throw new Error(`models.${args.model} is not submitted (the micro-benchmark needs its init and forward)`, { cause: 'not-submitted' });
  }
  const batch = makeBatch(args.dataset, args.length, args.batchSize, args.seed);
  const tokens = tf.tensor2d(batch.tokens, [batch.batchSize, batch.T], 'int32');   // [B, T]
  const targets = tf.tensor1d(batch.targets, 'int32');                              // [B]
  const initial = m.init(args.spec, args.seed);
  const variables: Record<string, tf.Variable> = {};
  for (const [name, t] of Object.entries(initial)) variables[name] = tf.variable(t, true);
  for (const t of Object.values(initial)) if (!t.isDisposed) t.dispose();
  const params = variables as Params;
  const varList = Object.values(variables);

  const forward = () => {
    const out = m.forward(params, tokens, args.spec);
    out.dataSync();
    out.dispose();
  };
  const forwardBackward = () => {
    const { value, grads } = tf.variableGrads(() => lastStepCrossEntropy(m.forward(params, tokens, args.spec), targets), varList);
    for (const g of Object.values(grads)) g.dataSync();
    value.dispose();
    tf.dispose(grads);
  };
  try {
    forward();
    forwardBackward();
    const bench = new Bench({ time: args.timeMs ?? 1000, iterations: args.iterations ?? 10, warmupIterations: 3, warmupTime: 0 });
    bench.add('forward', forward).add('forward+backward', forwardBackward);
    await bench.run();
    const results: MicroTaskResult[] = bench.tasks.map((task) => {
      const r = task.result;
      if (r.state !== 'completed') {
        const why = r.state === 'errored' ? (r as { error?: Error }).error?.message : r.state;
        throw new Error(`micro-benchmark ${args.model} ${task.name} did not complete: ${why}`);
      }
      return { task: task.name as MicroTaskResult['task'], meanMs: r.latency.mean, p99Ms: r.latency.p99, rme: r.latency.rme, samples: r.latency.samplesCount };
    });
    return { backend, T: batch.T, results };
  } finally {
    tf.dispose([tokens, targets, ...varList]);
  }
}
