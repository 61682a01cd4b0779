/**
 * The 2018 time gate (PDF eq. 12), with the Phased-LSTM leak α as an option:
 *   φ(t) = ((t − s) mod τ) / τ                       (floored mod: φ ∈ [0, 1) also for t < s)
 *   k(t) = 2φ / r_on        if φ < r_on / 2          (opening)
 *          2 − 2φ / r_on    if r_on / 2 ≤ φ < r_on   (closing)
 *          α φ              otherwise                (closed; α = 0 in the 2018 assignment)
 */
import type { TimeGateParams } from '../../harness/contract';

/** Throws "<where> requires …, got …" for gate parameters that do not define a gate. */
export function checkTimeGate(where: string, p: TimeGateParams | undefined): asserts p is TimeGateParams {
  if (!p || typeof p !== 'object') throw new Error(`${where} requires time-gate parameters { tau, s, rOn, alpha? }, got ${JSON.stringify(p)}`);
  if (!(typeof p.tau === 'number' && p.tau > 0 && Number.isFinite(p.tau))) throw new Error(`${where} requires tau (the period) to be a positive number, got ${p.tau}`);
  if (!(typeof p.s === 'number' && Number.isFinite(p.s))) throw new Error(`${where} requires s (the phase shift) to be a finite number, got ${p.s}`);
  if (!(typeof p.rOn === 'number' && p.rOn > 0 && p.rOn <= 1)) throw new Error(`${where} requires rOn (the open ratio) in (0, 1], got ${p.rOn}`);
  const alpha = p.alpha ?? 0;
  if (!(typeof alpha === 'number' && alpha >= 0 && Number.isFinite(alpha))) throw new Error(`${where} requires alpha (the leak) to be a non-negative number, got ${p.alpha}`);
}

/**
 * How the phase's modulo is taken: `floor`, the course's (φ ∈ [0, 1) also for t < s), or
 * `truncate`, JavaScript's bare `%` — a known mistake (φ < 0, so k < 0, for t < s), which
 * harness/diagnosis evaluates through this same formula to recognise it.
 */
export type TimeGateModulo = 'floor' | 'truncate';

/**
 * φ(t) ∈ [0, 1]: the phase of t in the gate's cycle. JS `%` truncates toward zero, so a
 * negative remainder (t < s) is moved up by τ — the floored mod, computed as Python's
 * float `%` does (exact fmod, then + τ only when negative). `mod: 'truncate'` skips the move.
 */
export function timeGatePhase(t: number, p: TimeGateParams, mod: TimeGateModulo = 'floor'): number {
  const m = (t - p.s) % p.tau;
  if (mod === 'truncate') return m / p.tau;
  return (m < 0 ? m + p.tau : Math.abs(m)) / p.tau;                    // abs: −0 → 0
}

/** k as a function of the phase φ: opening, closing, then closed (leak α). */
export function timeGateOfPhase(phi: number, p: TimeGateParams): number {
  if (phi < p.rOn / 2) return (2 * phi) / p.rOn;
  if (phi < p.rOn) return 2 - (2 * phi) / p.rOn;
  return (p.alpha ?? 0) * phi;
}

/** k(t) for one time step t (t = 1 … T); `options.mod` as in {@link TimeGateModulo} (default the course's floored mod). */
export function timeGate(t: number, p: TimeGateParams, options: { mod?: TimeGateModulo } = {}): number {
  checkTimeGate('timeGate', p);
  if (!Number.isFinite(t)) throw new Error(`timeGate requires a finite time step t, got ${t}`);
  return timeGateOfPhase(timeGatePhase(t, p, options.mod), p);
}
