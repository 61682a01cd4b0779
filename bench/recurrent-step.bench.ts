/**
 * `npm run bench -- recurrent-step`: the time of one training step (forward, backward,
 * RMSProp update) of each reference recurrent classifier at the LSTM benchmark's sizes —
 * batch 128, hidden 128, T = 20, one-hot inputs of 10 digits — next to the LSTM's
 * matrix-product floor (`lstm-step.bench.ts`: the products no LSTM step can avoid, timed
 * alone), all in this process and measured round robin, so load changes hit all alike; each
 * ratio is the median over rounds of that round's own ratio.
 *
 * The time-gated LSTM runs with a leaky gate (α > 0), so no step is skipped and it does an
 * LSTM's work plus the gate's blend. The targets (issue 17): the peepLSTM and the GRU
 * within 1.3× of the LSTM and within 1.5× of the floor.
 */
import * as tf from '@tensorflow/tfjs';
import type { RecurrentSpec, SequenceClassifier } from '../harness/contract';
import type { BenchOptions } from '../harness/cli/bench';
import { gru } from '../reference/models/gru';
import { lstm } from '../reference/models/lstm';
import { peepLSTM } from '../reference/models/peep-lstm';
import { timeGatedLSTM } from '../reference/models/time-gated-lstm';
import { BATCH, L, SPEC, fmt, matMulFloor, timeTrainingStep } from './lstm-step.bench';

const GATE = { tau: 10, s: 0, rOn: 0.5, alpha: 0.001 };

const MODELS: Array<{ name: string; model: SequenceClassifier; spec: RecurrentSpec }> = [
  { name: 'LSTM', model: lstm, spec: SPEC },
  { name: 'peepLSTM', model: peepLSTM, spec: SPEC },
  { name: 'GRU', model: gru, spec: SPEC },
  { name: 'time-gated LSTM', model: timeGatedLSTM, spec: { ...SPEC, timeGate: GATE } },
];

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function run({ quick }: BenchOptions): Promise<void> {
  const steps = quick ? 3 : 8;
  const rounds = quick ? 1 : 5;
  console.log(`one training step (CPU ms) of each reference, batch ${BATCH}, hidden ${SPEC.hiddenDim}, T = ${L - 1}, one-hot of 10 digits, RMSProp; median of ${steps} steps × ${rounds} rounds; backend ${tf.getBackend()}`);
  const runs = MODELS.map(() => [] as number[]);
  const floors: number[] = [];
  for (let r = 0; r < rounds; r++) {
    MODELS.forEach((m, k) => runs[k].push(timeTrainingStep(m.model, steps, m.spec)));
    floors.push(matMulFloor(1));
  }
  const ms = runs.map(median);
  const floor = median(floors);
  // the ratios: the median over rounds of each round's own ratio, so a slow spell of the host (which hits a whole
  // round) cancels instead of landing on whichever model it happened to hit
  const perRound = (k: number, over: (r: number) => number) => median(runs[k].map((v, r) => v / over(r)));
  const toLstm = MODELS.map((_, k) => perRound(k, (r) => runs[0][r]));
  const toFloor = MODELS.map((_, k) => perRound(k, (r) => floors[r]));
  console.log(`${'matrix-product floor (LSTM)'.padEnd(28)} ${fmt(floor).padStart(9)}`);
  MODELS.forEach((m, k) => {
    console.log(`${m.name.padEnd(28)} ${fmt(ms[k]).padStart(9)}   ${toLstm[k].toFixed(2)}× the LSTM   ${toFloor[k].toFixed(2)}× the floor   (per round: ${runs[k].map((v, r) => (v / floors[r]).toFixed(2)).join(', ')})`);
  });
  console.log(`→ peepLSTM and GRU: at most ${Math.max(toLstm[1], toLstm[2]).toFixed(2)}× the LSTM (target ≤ 1.3×) and ${Math.max(toFloor[1], toFloor[2]).toFixed(2)}× the floor (target ≤ 1.5×); medians of the per-round ratios`);
}
