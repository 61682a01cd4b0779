/**
 * Known mistakes in the 2018 time gate k(t) (PDF eq. 12), evaluated in float64 with the
 * oracle's formula (reference/oracle/time-gate.ts) and matched against the values a
 * submission's `timeGate` returned for the same t and parameters.
 */
import type { TimeGateParams } from '../contract';
import { relativeError } from '../../reference/oracle/compare';
import { timeGate, timeGateOfPhase, timeGatePhase } from '../../reference/oracle/time-gate';
import type { Diagnosed } from './diagnose';
import { MATCH_TOLERANCE } from './diagnose';

export interface TimeGateEntry {
  id: string;
  message: string;
  fix: string;
  k(t: number, p: TimeGateParams): number;
}

export const TIME_GATE_CATALOGUE: readonly TimeGateEntry[] = [
  {
    id: 'time-gate-truncating-mod',
    message: "matches a time gate that uses JavaScript's truncating % (φ < 0, so k < 0, for t < s)",
    fix: 'use a floored modulo so φ ∈ [0, 1): ((t − s) % τ + τ) % τ',
    k: (t, p) => timeGate(t, p, { mod: 'truncate' }),
  },
  {
    id: 'time-gate-ignores-shift',
    message: 'matches a time gate that ignores the phase shift s (φ = (t mod τ) / τ)',
    fix: 'φ(t) = ((t − s) mod τ) / τ',
    k: (t, p) => timeGate(t, { ...p, s: 0 }),
  },
  {
    id: 'time-gate-phase-not-divided',
    message: 'matches a time gate whose phase is not divided by τ (φ = (t − s) mod τ)',
    fix: 'φ(t) = ((t − s) mod τ) / τ, a fraction of the period in [0, 1)',
    k: (t, p) => timeGateOfPhase(timeGatePhase(t, p) * p.tau, p),   // (t − s) mod τ in place of φ
  },
  {
    id: 'time-gate-zero-based',
    message: 'matches a time gate evaluated at t − 1 (time counted from 0)',
    fix: 'the first input is x(1): k is evaluated at t = 1 … T',
    k: (t, p) => timeGate(t - 1, p),
  },
];

export interface TimeGateCase { params: TimeGateParams; ts: number[]; actual: number[] }

export function diagnoseTimeGate(cases: TimeGateCase[]): Diagnosed | undefined {
  let best: Diagnosed | undefined;
  for (const entry of TIME_GATE_CATALOGUE) {
    const error = Math.max(...cases.map((c) => relativeError(c.actual, c.ts.map((t) => entry.k(t, c.params)), { floor: 1 })));
    if (error <= MATCH_TOLERANCE && (!best || error < best.error)) best = { id: entry.id, message: entry.message, error, fix: entry.fix };
  }
  return best;
}
