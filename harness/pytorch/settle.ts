/**
 * Settle a mapping numerically: run every candidate (./mapping.ts) on canonical random
 * parameters and compare its output with the float64 oracle's on the same parameters —
 * two independent draws, batch ≠ hidden. A mapping is accepted only when exactly one
 * candidate reproduces the oracle on both draws; none → the model is graded as wrong (the
 * candidate closest to the oracle still answers the ops, so the forward checks apply the
 * diagnosis catalogue to what the model computes); several → ambiguous (no mapping is
 * chosen, and the ops say so). Loading and mapping never repair a model: the input layout and the output
 * element are the only things chosen, and both are what the template's train.py could feed
 * and read.
 */
import { makeRng } from '../../reference/data/rng';
import type { Mat, OracleParams } from '../../reference/oracle/types';
export { probeParams as drawParams } from '../checks/recurrent/support';
import { logProbError } from '../diagnosis';
import type { Candidate } from './mapping';
import type { Layout } from './templates';

export interface Tried { candidate: Candidate; layout: Layout; error: number }

export type Settled =
  | { status: 'accepted'; candidate: Candidate; layout: Layout; error: number; tried: number }
  | { status: 'ambiguous'; candidate: Candidate; layout: Layout; error: number; tried: number; matching: string[] }
  | { status: 'none'; candidate?: Candidate; layout?: Layout; error: number; tried: number; problem: string };

/** Float64 runs agree with the oracle to ~1e-12; a wrong orientation is off by 0.1–1.3. */
export const MATCH_TOLERANCE = { float64: 1e-6, float32: 1e-4 } as const;

export function drawTokens(B: number, T: number, V: number, label: string): number[][] {
  const rng = makeRng(`netgrade/pytorch/settle-tokens/${label}`);
  return Array.from({ length: B }, () => Array.from({ length: T }, () => rng.randint(0, V)));
}

export interface SettleInput {
  candidates: Candidate[];
  layouts: Layout[];
  draws: Array<{ params: OracleParams; tokens: number[][]; expected: Mat }>;
  tolerance: number;
  /** the model's [B, K] output for a candidate, layout and draw; a string says why it has none */
  run(candidate: Candidate, layout: Layout, draw: number): Promise<Mat | string>;
}

/** The first layout on which some candidate reproduces the oracle decides; the candidates on it are counted. */
export async function settle(input: SettleInput): Promise<Settled> {
  let tried = 0;
  let best: Tried | undefined;
  let lastProblem = 'no candidate ran';
  for (const layout of input.layouts) {
    const matching: Tried[] = [];
    for (const candidate of input.candidates) {
      let worst = 0;
      for (let d = 0; d < input.draws.length; d++) {
        tried += 1;
        const out = await input.run(candidate, layout, d);
        if (typeof out === 'string') { worst = Infinity; lastProblem = out; break; }
        const e = logProbError(out, input.draws[d].expected);
        worst = Math.max(worst, Number.isNaN(e) ? Infinity : e);
        if (worst > input.tolerance) break;
      }
      if (!best || worst < best.error) best = { candidate, layout, error: worst };
      if (worst <= input.tolerance) matching.push({ candidate, layout, error: worst });
    }
    if (matching.length === 1) return { status: 'accepted', ...matching[0], tried };
    if (matching.length > 1) return { status: 'ambiguous', ...matching[0], tried, matching: matching.map((m) => m.candidate.label) };
  }
  return best && Number.isFinite(best.error)
    ? { status: 'none', candidate: best.candidate, layout: best.layout, error: best.error, tried, problem: `no candidate reproduces the reference (closest: ${best.candidate.label || 'as named'} on input ${best.layout}, error ${best.error.toExponential(2)})` }
    : { status: 'none', error: Infinity, tried, problem: `no candidate ran on any input layout: ${lastProblem}` };
}
