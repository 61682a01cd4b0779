/** Time-gate mistakes, planted as independent k(t) functions, are named; the correct gate matches none. */
import { timeGate } from '../../reference/oracle';
import type { TimeGateParams } from '../contract';
import { diagnoseTimeGate, TIME_GATE_CATALOGUE } from './time-gate';

const probes: TimeGateParams[] = [{ tau: 6, s: 2.5, rOn: 0.5 }, { tau: 10, s: 4, rOn: 0.3 }];
const ts = Array.from({ length: 20 }, (_, k) => k + 1);

/** The gate as a student writes it, with one switch per mistake. */
function studentGate(t: number, p: TimeGateParams, o: { trunc?: boolean; noShift?: boolean; noDivide?: boolean; zeroBased?: boolean }): number {
  const time = o.zeroBased ? t - 1 : t;
  const shifted = time - (o.noShift ? 0 : p.s);
  const m = o.trunc ? shifted % p.tau : shifted - p.tau * Math.floor(shifted / p.tau);
  const phi = o.noDivide ? m : m / p.tau;
  if (phi < p.rOn / 2) return (2 * phi) / p.rOn;
  if (phi < p.rOn) return 2 - (2 * phi) / p.rOn;
  return 0;
}

const cases = (o: Parameters<typeof studentGate>[2]) => probes.map((params) => ({ params, ts, actual: ts.map((t) => studentGate(t, params, o)) }));

test.each([
  ['time-gate-truncating-mod', { trunc: true }],
  ['time-gate-ignores-shift', { noShift: true }],
  ['time-gate-phase-not-divided', { noDivide: true }],
  ['time-gate-zero-based', { zeroBased: true }],
] as const)('planted %s is diagnosed', (id, o) => {
  expect(diagnoseTimeGate(cases(o))?.id).toBe(id);
});

test('the correct gate (and the oracle) match no mistake', () => {
  expect(diagnoseTimeGate(cases({}))).toBeUndefined();
  expect(diagnoseTimeGate(probes.map((params) => ({ params, ts, actual: ts.map((t) => timeGate(t, params)) })))).toBeUndefined();
});

test('a truncating % differs from the oracle exactly where t < s', () => {
  const p = probes[1];
  const trunc = TIME_GATE_CATALOGUE.find((e) => e.id === 'time-gate-truncating-mod')!;
  const differs = ts.filter((t) => Math.abs(trunc.k(t, p) - timeGate(t, p)) > 1e-12);
  expect(differs).toEqual([1, 2, 3]);
});
