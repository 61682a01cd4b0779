/**
 * The 2018 time gate (PDF eq. 12), with the Phased-LSTM leak α as an option:
 *   φ(t) = ((t − s) mod τ) / τ                   (floored mod, so φ ∈ [0, 1) also for t < s)
 *   k(t) = 2φ / r_on        if φ < r_on / 2       (opening)
 *          2 − 2φ / r_on    if r_on / 2 ≤ φ < r_on  (closing)
 *          α φ              otherwise             (closed; α = 0 in the 2018 assignment)
 * t counts from 1: the first input is x(1).
 */
import type { TimeGateParams } from '../../harness/contract';

/** Throws "<where> requires …, got …" for parameters that do not define a gate. */
export function checkTimeGate(where: string, p: TimeGateParams | undefined): asserts p is TimeGateParams {
  if (!p || typeof p !== 'object') throw new Error(`${where} requires time-gate parameters { tau, s, rOn, alpha? } (spec.timeGate for the time-gated LSTM), got ${JSON.stringify(p)}.`);
  if (!(typeof p.tau === 'number' && Number.isFinite(p.tau) && p.tau > 0)) throw new Error(`${where} requires tau (the period) to be a positive number, got ${p.tau}.`);
  if (!(typeof p.s === 'number' && Number.isFinite(p.s))) throw new Error(`${where} requires s (the phase shift) to be a finite number, got ${p.s}.`);
  if (!(typeof p.rOn === 'number' && p.rOn > 0 && p.rOn <= 1)) throw new Error(`${where} requires rOn (the open ratio) in (0, 1], got ${p.rOn}.`);
  const alpha = p.alpha ?? 0;
  if (!(typeof alpha === 'number' && Number.isFinite(alpha) && alpha >= 0)) throw new Error(`${where} requires alpha (the leak) to be a non-negative number, got ${p.alpha}.`);
}

/** k(t) for one time step t (t = 1 … T). */
export function timeGate(t: number, p: TimeGateParams): number {
  checkTimeGate('timeGate', p);
  if (!Number.isFinite(t)) throw new Error(`timeGate requires a finite time step t, got ${t}.`);
  const phi = ((((t - p.s) % p.tau) + p.tau) % p.tau) / p.tau;     // JS % truncates; wrap to the floored mod
  if (phi < p.rOn / 2) return (2 * phi) / p.rOn;
  if (phi < p.rOn) return 2 - (2 * phi) / p.rOn;
  return (p.alpha ?? 0) * phi;
}
