/**
 * Throughput of `--jobs 2` against `--jobs 1`: the same 8 training runs (vanilla RNN,
 * digit palindromes L = 11, 60 steps each at the course's size, no early stop in practice) in fresh stores,
 * sandboxed, process start-up included. Throughput = training steps done / wall time.
 * On a shared machine the ratio is bounded by the cores actually free; the load average
 * is printed next to it. At hidden 32 a lane is overhead-bound and V8's helper threads
 * take ~1.3 cores per lane (measured 0.99×); at the course's size it is compute-bound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from '../harness/cli/bench';
import { discoverOne, type DiscoveredSubmission } from '../harness/discover';
import { loadProfile } from '../harness/profiles';
import type { Profile } from '../harness/profiles/types';
import { PROJECT_ROOT } from '../harness/sandbox/paths';
import { runExperiments } from '../harness/bench/run-experiments';

/** the 2018/2019 course's size (hidden 128, batch 128): a lane is then compute-bound, as real training is */
const SIZE = 128;

export default async function run({ quick }: BenchOptions): Promise<void> {
  const base = loadProfile('quick');
  const profile: Profile = {
    ...base, name: 'bench-jobs', seeds: quick ? [0, 1, 2, 3] : [0, 1, 2, 3, 4, 5, 6, 7],
    experiments: [{
      model: 'vanillaRNN', dataset: 'digit-palindrome', input: { kind: 'one-hot' }, hiddenDim: SIZE, batchSize: SIZE, optimizer: 'adam',
      learningRate: 1e-3, maxNorm: 10, steps: quick ? 20 : 60, evalEvery: 50, evalSize: 128, target: 1, lengths: [11],
    }],
  };
  const submission = discoverOne(join(PROJECT_ROOT, 'harness', 'bench', 'fixtures', 'tiny-rnn.fixture-submission')) as DiscoveredSubmission;
  const throughput: Record<number, number> = {};
  for (const jobs of [1, 2]) {
    const dir = mkdtempSync(join(tmpdir(), 'netgrade-jobs-bench-'));
    try {
      const load = loadavg()[0];
      const out = await runExperiments({ submissions: [submission], profile, store: dir, jobs, progress: false, log: () => undefined, projection: false });
      const steps = out.runs.reduce((sum, r) => sum + (r.curve.at(-1)?.step ?? 0), 0);
      throughput[jobs] = steps / (out.wallMs / 1000);
      const msPerStep = out.runs.reduce((sum, r) => sum + r.msPerStep, 0) / out.runs.length;
      const training = out.runs.reduce((sum, r) => sum + r.msPerStep * (r.curve.at(-1)?.step ?? 0), 0) / 1000;
      console.log(`--jobs ${jobs}: ${out.runs.length} runs, ${steps} steps in ${(out.wallMs / 1000).toFixed(1)} s = ${throughput[jobs].toFixed(1)} steps/s; `
        + `mean ${msPerStep.toFixed(1)} ms/step inside a run, ${training.toFixed(1)} s of training in ${(out.wallMs / 1000).toFixed(1)} s of wall (load average at start ${load.toFixed(1)})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`--jobs 2 / --jobs 1 throughput: ${(throughput[2] / throughput[1]).toFixed(2)}× (target ≥ 1.8× on two free cores)`);
}
