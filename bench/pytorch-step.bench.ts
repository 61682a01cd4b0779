/**
 * `npm run bench -- pytorch-step`: the harness's overhead on a PyTorch training step (issue 14:
 * at most 10 %). The same model — submissions/pytorch-2020's peepLSTM on binary palindromes
 * L = 6 (T = 25), Adam, max-norm 10, one torch thread — at two sizes: the 2020-DE experiments'
 * (batch 256, hidden 256: the long runs, where overhead costs time) and the sanity check's
 * (batch 64, hidden 64) — trained for the same number of steps two ways, side by side:
 *
 * - through the harness: the grader's `train` op with `measureSteps` (batches made by
 *   reference/data and sent as JSON, the worker's loop, its validation), timed on the grader
 *   from the call to the answer, the worker's start-up and the mapping settled beforehand;
 * - a plain PyTorch loop (bench/support/pytorch-plain-loop.py) in its own interpreter, on
 *   batches torch makes itself.
 *
 * Printed: ms per step each way and harness ÷ plain. Without torch it says so and returns.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchOptions } from '../harness/cli/bench';
import { datasetInfo } from '../reference/data';
import { loadProfile } from '../harness/profiles';
import { PROJECT_ROOT } from '../harness/sandbox/paths';
import { openPython } from '../harness/sandbox/python-handle';
import { NO_RUNTIME, pythonRuntime } from '../harness/pytorch/runtime';

const EXAMPLE = join(PROJECT_ROOT, 'submissions', 'pytorch-2020');

export default async function run({ quick }: BenchOptions): Promise<void> {
  const runtime = pythonRuntime();
  if (!runtime) { console.log(`skipped: ${NO_RUNTIME}`); return; }
  const profile = loadProfile('2020-DE');
  const sanity = profile.sanity.peepLSTM;
  const experiment = profile.experiments.find((x) => x.model === 'peepLSTM')!;
  const info = datasetInfo(sanity.dataset, sanity.length);

  const opened = await openPython({ name: 'pytorch-2020', dir: EXAMPLE, entry: EXAMPLE, hash: '' }, profile, { opTimeoutMs: 600_000 });
  if (opened.status !== 'loaded') throw new Error(`pytorch-step.bench requires ${EXAMPLE} to load, got ${opened.error.message}`);
  const handle = opened.handle;
  try {
    // the small size runs more steps: a run's fixed cost (building the model and its optimizer, the evaluation batch)
    // is part of what the harness call times, and 40 steps of 7 ms would make it look like a per-step cost
    for (const task of [{ ...sanity, hiddenDim: experiment.hiddenDim, batchSize: experiment.batchSize, learningRate: experiment.learningRate, label: 'the experiments\' size', steps: quick ? 5 : 40 }, { ...sanity, label: 'the sanity check\'s size', steps: quick ? 5 : 250 }]) {
      const steps = task.steps;
      const spec = { vocabSize: info.vocabSize, numClasses: info.numClasses, hiddenDim: task.hiddenDim, input: task.input };
      // the mapping is settled once per model before any training; not part of a step
      await handle.call('recurrent.init', { model: 'peepLSTM', spec, seed: 0 });
      const args = { model: 'peepLSTM' as const, spec, dataset: task.dataset, length: task.length, seed: 0, optimizer: task.optimizer, learningRate: task.learningRate, batchSize: task.batchSize, maxNorm: task.maxNorm, steps, evalEvery: task.evalEvery, evalSize: task.evalSize, target: task.target };
      const harnessMs: number[] = [];
      const plainMs: number[] = [];
      for (let round = 0; round < (quick ? 1 : 3); round++) {
        const started = performance.now();
        const out = await handle.call('train', { ...args, measureSteps: steps }, { timeoutMs: 600_000 });
        if (out.status !== 'ok') throw new Error(`pytorch-step.bench requires the train op to run, got ${JSON.stringify(out).slice(0, 300)}`);
        harnessMs.push((performance.now() - started) / steps);
        const plain = execFileSync(runtime.python, [join(__dirname, 'support', 'pytorch-plain-loop.py'), EXAMPLE, 'peep_lstm', 'peepLSTM',
          String(task.batchSize), String(info.T), String(task.hiddenDim), String(info.numClasses), String(info.vocabSize), String(steps), '1'], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
        plainMs.push((JSON.parse(plain) as { msPerStep: number }).msPerStep);
      }
      const best = (xs: number[]) => Math.min(...xs);
      console.log(`peepLSTM B=${task.batchSize} H=${task.hiddenDim} T=${info.T} (${task.label}), ${steps} steps, PyTorch ${runtime.torch}, 1 thread; best of ${harnessMs.length} rounds each, interleaved`);
      console.log(`  harness train op: ${best(harnessMs).toFixed(1)} ms/step (rounds ${harnessMs.map((m) => m.toFixed(1)).join(', ')})`);
      console.log(`  plain PyTorch loop: ${best(plainMs).toFixed(1)} ms/step (rounds ${plainMs.map((m) => m.toFixed(1)).join(', ')})`);
      console.log(`  harness ÷ plain: ${(best(harnessMs) / best(plainMs)).toFixed(3)} (issue 14 asks ≤ 1.10)`);
    }
  } finally {
    await handle.close();
  }
}
