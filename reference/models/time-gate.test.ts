import { timeGate as oracleTimeGate } from '../oracle';
import { timeGate } from './time-gate';

describe('timeGate k(t)', () => {
  it('matches the oracle for t = 1 … 40 over periods, shifts (also negative), open ratios and leaks', () => {
    for (const p of [{ tau: 5, s: 0, rOn: 0.4 }, { tau: 7, s: 1.5, rOn: 0.6 }, { tau: 4, s: -2.5, rOn: 0.5, alpha: 0.1 }, { tau: 10, s: 3, rOn: 1 }]) {
      for (let t = 1; t <= 40; t++) expect(timeGate(t, p)).toBeCloseTo(oracleTimeGate(t, p), 12);
    }
  });

  it('opens linearly, closes linearly and stays shut (2018 eq. 12): τ = 10, s = 0, r_on = 0.4', () => {
    const p = { tau: 10, s: 0, rOn: 0.4 };
    // φ = t mod 10 / 10: t = 1 → 0.1 < 0.2 opening, k = 0.5; t = 2 → φ = r_on/2, k = 1; t = 3 closing, 0.5; t = 4..9 shut; t = 10 → φ = 0
    const expected = [0.5, 1, 0.5, 0, 0, 0, 0.5];
    [1, 2, 3, 4, 9, 10, 11].forEach((t, k) => expect(timeGate(t, p)).toBeCloseTo(expected[k], 12));
  });

  it('rejects parameters that do not define a gate', () => {
    expect(() => timeGate(1, { tau: 0, s: 0, rOn: 0.5 })).toThrow('timeGate requires tau (the period) to be a positive number, got 0.');
    expect(() => timeGate(1, { tau: 5, s: 0, rOn: 1.5 })).toThrow('timeGate requires rOn (the open ratio) in (0, 1], got 1.5.');
  });
});
