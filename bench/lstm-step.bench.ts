/**
 * `npm run bench -- lstm-step`: the time of one training step (forward, backward, RMSProp
 * update) of the reference LSTM — batch 128, hidden 128, T = 20, one-hot inputs of 10
 * digits — next to a straightforward tfjs LSTM measured in the same process: one matMul
 * per gate and input per step, [out, in] weights applied with matMul's transpose flag, no
 * hoisting, autodiff by the tape, `optimizer.minimize`. Printed as a ratio.
 *
 * Three reference variants: the tape, the hand-written BPTT in tfjs ops, and the default
 * (on wasm, the fused whole-sequence kernels of `reference/models/lstm-wasm-kernels.ts`).
 *
 * Next to them, the floor: the matrix products no LSTM step can avoid (T − 1 products
 * h·W_hᵀ forward, T − 1 products ∂a·W_h backward, one ∂W_h product), timed alone on the
 * same backend. straightforward / floor is the best ratio any implementation can reach here.
 *
 * Then the same steps in fresh processes with the wasm kernel fixes of `harness/backend`
 * switched off, the matmul fix only, and all fixes, to show where the time goes.
 */
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Params, RecurrentSpec, SequenceClassifier } from '../harness/contract';
import type { BenchOptions } from '../harness/cli/bench';
import { makeBatch } from '../reference/data';
import { lstm, makeLstm } from '../reference/models/lstm';

export const SPEC: RecurrentSpec = { vocabSize: 10, numClasses: 10, hiddenDim: 128, input: { kind: 'one-hot' } };
export const BATCH = 128;
export const L = 21;                                          // digit palindromes of length 21: T = 20 inputs

/** The LSTM as a student writes it first: per step, per gate, one matMul for x and one for h. */
export const straightforwardLSTM: SequenceClassifier = {
  init: (spec, seed) => lstm.init(spec, seed),
  forward(p: Params, tokens, spec) {
    return tf.tidy(() => {
      const [B, T] = tokens.shape;
      const H = spec.hiddenDim;
      let h: tf.Tensor2D = tf.zeros([B, H]);
      let c: tf.Tensor2D = tf.zeros([B, H]);
      const gate = (x: tf.Tensor2D, name: string) =>
        tf.add(tf.add(tf.matMul(x, p[`W_${name}x`] as tf.Tensor2D, false, true), tf.matMul(h, p[`W_${name}h`] as tf.Tensor2D, false, true)), p[`b_${name}`]);
      for (let t = 0; t < T; t++) {
        const x = tf.oneHot(tf.reshape(tf.slice(tokens, [0, t], [B, 1]), [B]), spec.vocabSize).toFloat() as tf.Tensor2D;
        const g = tf.tanh(gate(x, 'g'));
        const i = tf.sigmoid(gate(x, 'i'));
        const f = tf.sigmoid(gate(x, 'f'));
        const o = tf.sigmoid(gate(x, 'o'));
        c = tf.add(tf.mul(g, i), tf.mul(c, f));
        h = tf.mul(tf.tanh(c), o);
      }
      return tf.add(tf.matMul(h, p.W_ph as tf.Tensor2D, false, true), p.b_p) as tf.Tensor2D;
    });
  },
};

type Variant = 'straightforward' | 'reference (tape)' | 'reference (tfjs-op BPTT)' | 'reference';

/**
 * Median ms of one training step of `model` over `steps` steps after one warm-up step.
 * Measured as this process's CPU time (user + system): the wasm backend runs on one
 * thread, so CPU time is the work done, and unlike wall time it does not grow while other
 * processes hold the cores.
 */
export function timeTrainingStep(model: SequenceClassifier, steps: number, spec: RecurrentSpec = SPEC): number {
  const params: Params = {};
  const initial = model.init(spec, 1);
  for (const [name, value] of Object.entries(initial)) params[name] = tf.variable(value);
  tf.dispose(initial);
  const optimizer = tf.train.rmsprop(1e-3, 0.99, 0, 1e-8);
  const times: number[] = [];
  for (let step = 0; step <= steps; step++) {
    const batch = makeBatch('digit-palindrome', L, BATCH, step);
    const tokens = tf.tensor2d(batch.tokens, [BATCH, batch.T], 'int32');
    const targets = tf.oneHot(tf.tensor1d(batch.targets, 'int32'), spec.numClasses);
    const started = process.cpuUsage();
    const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targets, model.forward(params, tokens, spec)) as tf.Scalar, true, Object.values(params) as tf.Variable[]);
    loss?.dataSync();
    const used = process.cpuUsage(started);
    if (step > 0) times.push((used.user + used.system) / 1000);
    tf.dispose([loss as tf.Tensor, tokens, targets]);
  }
  optimizer.dispose();
  tf.dispose(Object.values(params));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const byTape = makeLstm({ backward: 'tape' });
const byTfjsOps = makeLstm({ backward: 'hand-written' });

/** ms per training step of each variant, measured alternately (round robin) so load changes hit all alike. */
function measureAll(steps: number, rounds: number): Record<Variant, number> {
  const runs: Record<Variant, number[]> = { straightforward: [], 'reference (tape)': [], 'reference (tfjs-op BPTT)': [], reference: [] };
  for (let r = 0; r < rounds; r++) {
    runs.straightforward.push(timeTrainingStep(straightforwardLSTM, steps));
    runs['reference (tape)'].push(timeTrainingStep(byTape, steps));
    runs['reference (tfjs-op BPTT)'].push(timeTrainingStep(byTfjsOps, steps));
    runs.reference.push(timeTrainingStep(lstm, steps));
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)])) as Record<Variant, number>;
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** CPU ms of the products an LSTM training step cannot avoid, at the benchmark's sizes (median of rounds). */
export function matMulFloor(rounds: number): number {
  const H = SPEC.hiddenDim, T = L - 1, G = 4 * H;
  const h = tf.randomNormal([BATCH, H]) as tf.Tensor2D, WhT = tf.randomNormal([H, G]) as tf.Tensor2D;
  const da = tf.randomNormal([BATCH, G]) as tf.Tensor2D, Wh = tf.randomNormal([G, H]) as tf.Tensor2D;
  const daT = tf.randomNormal([G, (T - 1) * BATCH]) as tf.Tensor2D, hs = tf.randomNormal([(T - 1) * BATCH, H]) as tf.Tensor2D;
  const once = () => {
    for (let t = 1; t < T; t++) tf.matMul(h, WhT).dispose();
    for (let t = 1; t < T; t++) tf.matMul(da, Wh).dispose();
    const fresh = tf.clone(hs);                                  // the ∂W_h product packs a new operand every step
    tf.matMul(daT, fresh).dataSync();
    fresh.dispose();
  };
  once();
  const times: number[] = [];
  for (let r = 0; r < 3 * rounds; r++) {
    const started = process.cpuUsage();
    once();
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  tf.dispose([h, WhT, da, Wh, daT, hs]);
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function printRow(label: string, m: Record<Variant, number>): void {
  const vs = (v: Variant) => `${fmt(m[v]).padStart(9)} (${(m.straightforward / m[v]).toFixed(1)}×)`;
  console.log(`${label.padEnd(26)} straightforward ${fmt(m.straightforward).padStart(9)} | reference: tape ${vs('reference (tape)')}, BPTT in tfjs ops ${vs('reference (tfjs-op BPTT)')}, default ${vs('reference')}`);
}

type Fixes = 'none' | 'matmul' | 'matmul+slice+gather';

/** The same measurement in a fresh process whose wasm backend has only the given fixes. */
function inChild(fixes: Fixes, steps: number, rounds: number): Record<Variant, number> {
  const out = execFileSync(join(__dirname, '..', 'node_modules', '.bin', 'tsx'), [__filename, '--child', fixes, String(steps), String(rounds)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

export default async function run({ quick }: BenchOptions): Promise<void> {
  const steps = quick ? 3 : 8;
  const rounds = quick ? 1 : 3;
  console.log(`one training step (CPU ms): LSTM, batch ${BATCH}, hidden ${SPEC.hiddenDim}, T = ${L - 1}, one-hot of 10 digits, RMSProp; median of ${steps} steps × ${rounds} rounds`);
  const here = measureAll(steps, rounds);
  printRow(`backend: ${tf.getBackend()} (this process)`, here);
  console.log(`→ the reference is ${(here.straightforward / here.reference).toFixed(1)}× faster than the straightforward LSTM (target ≥ 5×)`);
  const floor = matMulFloor(rounds);
  console.log(`→ floor: the unavoidable matrix products alone take ${fmt(floor)} here, so no implementation on this backend can be more than ${(here.straightforward / floor).toFixed(1)}× faster than the straightforward LSTM; the reference's default spends ${fmt(here.reference - floor)} beyond them`);
  if (tf.getBackend() !== 'wasm') return;
  console.log('\nwasm kernel fixes off / on (fresh processes):');
  const byFixes = {} as Record<Fixes, Record<Variant, number>>;
  for (const fixes of ['none', 'matmul', 'matmul+slice+gather'] as Fixes[]) {
    byFixes[fixes] = inChild(fixes, steps, rounds);
    printRow(`fixes: ${fixes}`, byFixes[fixes]);
  }
  const stock = byFixes.none.straightforward, fixed = byFixes['matmul+slice+gather'].reference;
  console.log(`→ straightforward LSTM on the stock wasm backend ${fmt(stock)} vs the reference on netgrade's backend ${fmt(fixed)}: ${(stock / fixed).toFixed(1)}×`);
}

async function child(fixes: Fixes, steps: number, rounds: number): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  await tf.ready();
  const backend = await import('../harness/backend');
  backend.registerWasmSegmentSum();             // a missing kernel (tf.gather's gradient), not a speed fix
  if (fixes !== 'none') backend.patchWasmMatMul();
  if (fixes === 'matmul+slice+gather') {
    backend.patchWasmSlice();
    backend.patchWasmGather();
  }
  process.stdout.write(`${JSON.stringify(measureAll(steps, rounds))}\n`);
}

if (require.main === module && process.argv[2] === '--child') {
  child(process.argv[3] as Fixes, Number(process.argv[4]), Number(process.argv[5])).catch((e) => { console.error(e); process.exit(1); });
}
