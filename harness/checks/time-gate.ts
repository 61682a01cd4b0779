/**
 * The 2018 time gate k(t) (PDF eq. 12) against the oracle for t = 1 … T, with phase shifts
 * s > 1 so that t < s occurs (where JavaScript's truncating `%` goes wrong).
 */
import { timeGate } from '../../reference/oracle';
import { relativeError } from '../../reference/oracle/compare';
import type { TimeGateParams } from '../contract';
import { diagnoseTimeGate } from '../diagnosis';
import type { TimeGateCase } from '../diagnosis';
import type { TimeGateResult } from '../worker/ops/recurrent';
import { call, notSubmitted } from './op-failure';
import type { Check } from './types';

import { TIME_GATE_TOLERANCE } from './tolerances';

export { TIME_GATE_TOLERANCE };
export const TIME_GATE_T = 24;

/** Gates probed: t < s in the first two, an open ratio of 1, and the Phased-LSTM leak. */
export const TIME_GATE_PROBES: readonly TimeGateParams[] = [
  { tau: 6, s: 2.5, rOn: 0.5 },
  { tau: 10, s: 4, rOn: 0.3 },
  { tau: 5, s: 0, rOn: 1 },
  { tau: 8, s: 1, rOn: 0.25, alpha: 0.001 },
];

export const timeGateCheck: Check = {
  id: 'timeGate.values',
  title: 'timeGate: k(t) equals the reference for t = 1 … T, including t < s',
  part: 'part1',
  subject: 'timeGate',
  timeoutMs: 10_000,
  hidden: false,
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'timeGate');
    if (missing) return missing;
    const ts = Array.from({ length: TIME_GATE_T }, (_, k) => k + 1);
    const cases: TimeGateCase[] = [];
    let worst = { error: 0, at: '' };
    for (const params of TIME_GATE_PROBES) {
      const res = await call(ctx, 'timeGate.values', { params, ts }, 'timeGate');
      if ('outcome' in res) return res.outcome;
      const expected = ts.map((t) => timeGate(t, params));
      const actual = res.value.values;
      cases.push({ params, ts, actual });
      const error = relativeError(actual, expected, { floor: 1 });   // k ∈ [0, 1]: an absolute error
      if (!(error <= worst.error)) {
        const t = ts.find((_, k) => !(Math.abs(actual[k] - expected[k]) <= TIME_GATE_TOLERANCE)) ?? 1;
        worst = { error, at: `τ=${params.tau}, s=${params.s}, r_on=${params.rOn}${params.alpha ? `, α=${params.alpha}` : ''}: k(${t}) = ${actual[t - 1]}, expected ${expected[t - 1]}` };
      }
    }
    if (worst.error <= TIME_GATE_TOLERANCE) return { status: 'passed' };
    const diagnosis = diagnoseTimeGate(cases);
    return {
      status: 'failed',
      expected: `k(t) within ${TIME_GATE_TOLERANCE} of PDF eq. 12 for t = 1 … ${TIME_GATE_T}`,
      actual: worst.at,
      hint: diagnosis ? diagnosis.fix : 'φ(t) = ((t − s) mod τ)/τ; k = 2φ/r_on while φ < r_on/2, 2 − 2φ/r_on while φ < r_on, α·φ otherwise (α = 0 unless given)',
      ...(diagnosis ? { diagnosis: { id: diagnosis.id, message: diagnosis.message, error: diagnosis.error } } : {}),
    };
  },
};
