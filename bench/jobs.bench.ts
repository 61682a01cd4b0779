/**
 * Throughput of `--jobs 2` against `--jobs 1`: the same 8 training runs (vanilla RNN,
 * digit palindromes L = 11, 200 steps each at the course's size, evaluated only at the
 * end so none stops early and the lanes stay balanced) in fresh stores, sandboxed,
 * process start-up included. Throughput = training steps done / wall time. At 60 steps a
 * run, a lane's start-up (~2 s: Node, tfjs, wasm) was a tenth of the wall time and capped
 * the ratio near 1.7×; real grading runs last minutes, so 200 steps is the closer model.
 * Lanes run V8 single-threaded when there are several (`oneCore`): with its GC and
 * compiler helper threads a lane took ~1.3 cores.
 *
 * The machine's own ceiling is measured in the same command: the wasm matMul that
 * dominates a training step ([128, 128]·[128, 512]), looped for a few seconds in one
 * process and then in two processes started together. Two vCPUs do not give two
 * single-core speeds to SIMD code (shared turbo budget, host neighbours), so the jobs ratio
 * is printed next to that ceiling, and the rounds alternate their order so slow spells of
 * the host hit both alike.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../harness/backend';
import type { BenchOptions } from '../harness/cli/bench';
import { discoverOne, type DiscoveredSubmission } from '../harness/discover';
import { loadProfile } from '../harness/profiles';
import type { Profile } from '../harness/profiles/types';
import { PROJECT_ROOT } from '../harness/sandbox/paths';
import { runExperiments } from '../harness/experiments/run-experiments';
import { countTogether, startTogether } from './support/together';

/** the 2018/2019 course's size (hidden 128, batch 128): a lane is then compute-bound, as real training is */
const SIZE = 128;

export default async function run({ quick }: BenchOptions): Promise<void> {
  const base = loadProfile('quick');
  const profile: Profile = {
    ...base, name: 'bench-jobs', seeds: quick ? [0, 1, 2, 3] : [0, 1, 2, 3, 4, 5, 6, 7],
    experiments: [{
      model: 'vanillaRNN', dataset: 'digit-palindrome', input: { kind: 'one-hot' }, hiddenDim: SIZE, batchSize: SIZE, optimizer: 'adam',
      learningRate: 1e-3, maxNorm: 10, steps: quick ? 20 : 200, evalEvery: quick ? 20 : 200, evalSize: 128, target: 1, lengths: [11],
    }],
  };
  const submission = discoverOne(join(PROJECT_ROOT, 'harness', 'experiments', 'fixtures', 'tiny-rnn.fixture-submission')) as DiscoveredSubmission;
  const rounds = quick ? 1 : 3;
  const throughput: Record<number, number[]> = { 1: [], 2: [] };
  const ceiling: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const alone = await matMulsPerSecond(1);
    const together = await matMulsPerSecond(2);
    ceiling.push(together / alone);
    console.log(`round ${round + 1}, machine: wasm matMul [128,128]·[128,512] ${alone.toFixed(0)}/s in one process, ${together.toFixed(0)}/s in two together = ${(together / alone).toFixed(2)}×`);
    // alternate the order (1, 2 / 2, 1 / …) so a slow spell of the host hits both alike
    for (const jobs of round % 2 === 0 ? [1, 2] : [2, 1]) {
      const dir = mkdtempSync(join(tmpdir(), 'netgrade-jobs-bench-'));
      try {
        const load = loadavg()[0];
        const out = await runExperiments({ submissions: [submission], profile, store: dir, jobs, progress: false, log: () => undefined, projection: false });
        const steps = out.runs.reduce((sum, r) => sum + (r.curve.at(-1)?.step ?? 0), 0);
        const perSecond = steps / (out.wallMs / 1000);
        throughput[jobs].push(perSecond);
        const msPerStep = out.runs.reduce((sum, r) => sum + r.msPerStep, 0) / out.runs.length;
        const training = out.runs.reduce((sum, r) => sum + r.msPerStep * (r.curve.at(-1)?.step ?? 0), 0) / 1000;
        console.log(`round ${round + 1}, --jobs ${jobs}: ${out.runs.length} runs, ${steps} steps in ${(out.wallMs / 1000).toFixed(1)} s = ${perSecond.toFixed(1)} steps/s; `
          + `mean ${msPerStep.toFixed(1)} ms/step inside a run, ${training.toFixed(1)} s of training in ${(out.wallMs / 1000).toFixed(1)} s of wall (load average at start ${load.toFixed(1)})`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const perRound = throughput[1].map((one, r) => (throughput[2][r] / one).toFixed(2));
  console.log(`--jobs 2 / --jobs 1 per round: ${perRound.join(', ')}; machine ceiling per round: ${ceiling.map((c) => c.toFixed(2)).join(', ')}`);
  const ratio = median(throughput[2]) / median(throughput[1]);
  const machine = median(ceiling);
  console.log(`--jobs 2 / --jobs 1 throughput (medians of ${rounds} round(s)): ${ratio.toFixed(2)}× (target ≥ 1.8× on two free cores); `
    + `two processes of pure wasm matMul on this machine: ${machine.toFixed(2)}× → parallel efficiency ${(100 * ratio / machine).toFixed(0)} %`);
}

const CEILING_SECONDS = 4;

/** Total wasm matMuls per second of `processes` processes looping together for a few seconds. */
async function matMulsPerSecond(processes: number): Promise<number> {
  // after every process has loaded tfjs and warmed up
  return (await countTogether(__filename, processes, 5000)) / CEILING_SECONDS;
}

async function ceilingChild(startAt: number): Promise<void> {
  await selectBackend();
  const a = tf.randomNormal([128, 128]) as tf.Tensor2D;
  const b = tf.randomNormal([128, 512]) as tf.Tensor2D;
  for (let i = 0; i < 200; i++) tf.matMul(a, b).dispose();
  startTogether(startAt);
  let n = 0;
  const until = performance.now() + CEILING_SECONDS * 1000;
  while (performance.now() < until) { tf.matMul(a, b).dispose(); n++; }
  process.stdout.write(`${n}\n`);
}

if (require.main === module && process.argv[2] === '--ceiling') {
  ceilingChild(Number(process.argv[3])).catch((e) => { console.error(e); process.exit(1); });
}
