/**
 * The curve readings on hand-made curves; every expected value is worked out by hand in
 * the comment beside it.
 */
import { accuracyAt, firstReach, maxOfMeanUntil, meanSpread } from './curves';

const curve = (points: Array<[number, number]>) => points.map(([step, accuracy]) => ({ step, accuracy }));

describe('firstReach: the first of two consecutive evaluations at or above the threshold', () => {
  const c = curve([[0, 0.5], [50, 0.99], [100, 0.98], [150, 0.995], [200, 1]]);
  it('skips a single evaluation above it (step 50 is followed by 0.98)', () => {
    expect(firstReach(c, 0.99)).toBe(150);
  });
  it('counts at-or-above (0.99 ≥ 0.99 and 0.98 ≥ 0.98)', () => {
    expect(firstReach(c, 0.98)).toBe(50);
  });
  it('is undefined when only the last evaluation is above it', () => {
    expect(firstReach(curve([[0, 0.5], [50, 0.6], [100, 1]]), 0.99)).toBeUndefined();
  });
});

describe('accuracyAt: the last evaluation at or before the step', () => {
  const c = curve([[0, 0.1], [100, 0.4], [200, 0.9]]);
  it('between evaluations it reads the earlier one', () => {
    expect(accuracyAt(c, 150)).toBe(0.4);
  });
  it('on an evaluation it reads that one', () => {
    expect(accuracyAt(c, 200)).toBe(0.9);
  });
  it('is undefined past the end of the curve', () => {
    expect(accuracyAt(c, 201)).toBeUndefined();
  });
});

describe('maxOfMeanUntil: the highest mean over seeds up to a step', () => {
  const a = curve([[0, 0.5], [50, 0.7], [100, 0.9]]);
  const b = curve([[0, 0.7], [50, 0.5], [100, 1]]);
  it('means 0.6 and 0.6 up to step 50', () => {
    expect(maxOfMeanUntil([a, b], 50)).toBeCloseTo(0.6, 12);
  });
  it('means 0.6, 0.6, 0.95 up to step 100', () => {
    expect(maxOfMeanUntil([a, b], 100)).toBeCloseTo(0.95, 12);
  });
});

describe('meanSpread: the std across seeds, averaged over the steps', () => {
  it('std(0.5, 1) = √0.125 = 0.353553 at step 0 and 0 at step 50: mean 0.176777', () => {
    expect(meanSpread([curve([[0, 0.5], [50, 0.5]]), curve([[0, 1], [50, 0.5]])])).toBeCloseTo(0.1767767, 6);
  });
  it('uses only the steps every seed evaluated (step 100 of one seed is left out)', () => {
    expect(meanSpread([curve([[0, 0.5], [50, 0.5], [100, 0]]), curve([[0, 1], [50, 0.5]])])).toBeCloseTo(0.1767767, 6);
  });
  it('is undefined for one seed', () => {
    expect(meanSpread([curve([[0, 0.5]])])).toBeUndefined();
  });
});
