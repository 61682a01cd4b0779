/** k(t) against values worked out by hand from the 2018 PDF's eq. 12 (plus the α leak). */
import { timeGate, timeGateOfPhase, timeGatePhase } from './index';

describe('timeGate', () => {
  const p = { tau: 4, s: 0, rOn: 0.5 };                     // open for φ < 0.5, peak at φ = 0.25

  it.each([
    [0.5, 0.5],    // φ = 0.125 < r_on/2: 2φ/r_on = 0.5
    [1, 1],        // φ = 0.25 = r_on/2: closing branch 2 − 2φ/r_on = 1 (the peak)
    [1.5, 0.5],    // φ = 0.375: 2 − 1.5
    [2, 0],        // φ = 0.5 = r_on: closed
    [3.9, 0],      // φ = 0.975: closed
    [4, 0],        // φ = 0: start of the opening phase
    [4.5, 0.5],    // one period later than t = 0.5
  ])('τ = 4, s = 0, r_on = 0.5: k(%p) = %p', (t, k) => {
    expect(timeGate(t, p)).toBeCloseTo(k, 14);
  });

  it('uses the floored mod for t < s (JS % would give a negative phase)', () => {
    const q = { tau: 4, s: 3, rOn: 0.5 };
    expect(timeGatePhase(2, q)).toBeCloseTo(0.75, 14);       // (2 − 3) mod 4 = 3, not −1
    expect(timeGate(2, q)).toBe(0);                          // closed, not 2·(−0.25)/0.5 = −1
    expect(timeGatePhase(1, q)).toBeCloseTo(0.5, 14);        // (1 − 3) mod 4 = 2
    expect(timeGate(3.5, q)).toBeCloseTo(0.5, 14);           // φ = 0.125
    expect(timeGate(-1, q)).toBe(0);                         // φ = 0
  });

  it("mod: 'truncate' reproduces JavaScript's bare % (the known mistake diagnosis looks for)", () => {
    const q = { tau: 4, s: 3, rOn: 0.5 };
    expect(timeGatePhase(2, q, 'truncate')).toBeCloseTo(-0.25, 14);    // (2 − 3) % 4 = −1 in JS
    expect(timeGate(2, q, { mod: 'truncate' })).toBeCloseTo(-1, 14);   // 2·(−0.25)/0.5
    expect(timeGate(1, q, { mod: 'truncate' })).toBeCloseTo(-2, 14);   // (1 − 3) % 4 = −2: φ = −0.5, 2·(−0.5)/0.5
    expect(timeGate(3.5, q, { mod: 'truncate' })).toBeCloseTo(0.5, 14); // t > s: the same as the floored mod
  });

  it('timeGateOfPhase is k as a function of φ', () => {
    const q = { tau: 4, s: 0, rOn: 0.5, alpha: 0.1 };
    expect(timeGateOfPhase(0.125, q)).toBeCloseTo(0.5, 14);   // opening: 2·0.125/0.5
    expect(timeGateOfPhase(0.375, q)).toBeCloseTo(0.5, 14);   // closing: 2 − 2·0.375/0.5
    expect(timeGateOfPhase(0.75, q)).toBeCloseTo(0.075, 14);  // closed: α·φ
  });

  it('leaks α·φ in the closed phase when α > 0, and is exactly 0 there by default', () => {
    const q = { tau: 4, s: 3, rOn: 0.5, alpha: 0.1 };
    expect(timeGate(1, q)).toBeCloseTo(0.1 * 0.5, 15);
    expect(timeGate(2.5, q)).toBeCloseTo(0.1 * 0.875, 15);   // (2.5 − 3) mod 4 = 3.5
    expect(timeGate(3.5, q)).toBeCloseTo(0.5, 14);           // the open phase is unchanged
    expect(timeGate(1, { tau: 4, s: 3, rOn: 0.5 })).toBe(0);
  });

  it('is periodic in t with period τ and stays in [0, 1]', () => {
    const q = { tau: 2.5, s: 4.2, rOn: 0.5, alpha: 0.05 };
    for (let t = -5; t <= 10; t += 0.37) {
      expect(timeGate(t + q.tau, q)).toBeCloseTo(timeGate(t, q), 12);
      expect(timeGate(t, q)).toBeGreaterThanOrEqual(0);
      expect(timeGate(t, q)).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    [{ tau: 0, s: 0, rOn: 0.5 }, 'timeGate requires tau (the period) to be a positive number, got 0'],
    [{ tau: 4, s: 0, rOn: 1.5 }, 'timeGate requires rOn (the open ratio) in (0, 1], got 1.5'],
    [{ tau: 4, s: 0, rOn: 0.5, alpha: -1 }, 'timeGate requires alpha (the leak) to be a non-negative number, got -1'],
    [{ tau: 4, s: Number.NaN, rOn: 0.5 }, 'timeGate requires s (the phase shift) to be a finite number, got NaN'],
  ])('rejects %j', (q, message) => {
    expect(() => timeGate(1, q)).toThrow(message);
  });
});
