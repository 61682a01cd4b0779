/**
 * The relative error every comparison of an answer with the oracle uses (checks, diagnoses,
 * reference tests): the largest absolute difference, relative to the expected values'
 * scale, so a float32 answer is judged against the size of the float64 one and a whole
 * tensor gives one number. `floor` keeps a tiny or all-zero expected tensor from turning
 * noise into a huge error: with floor 1 the error is absolute for values in [−1, 1].
 *
 * Formula: max_k |actual_k − expected_k| / max(floor, max_k |expected_k|); Infinity when the
 * lengths differ or any difference is NaN or infinite (so a broken answer never passes a
 * `<` or `<=` test).
 * Example: `relativeError([10.5, 1], [10, 1], { floor: 1 })` → 0.05;
 * `relativeError([0.5], [0.25], { floor: 1 })` → 0.25 (the floor, not 0.25, is the scale).
 * Throws: when `floor` is not a positive finite number.
 *
 * Not the same thing as grad-check.ts's `symmetricRelativeError`, which compares two
 * scalars (an analytic and a central-difference gradient) that may both be near zero.
 */

export interface RelativeErrorOptions {
  /** the smallest scale the difference is divided by; say which one you mean at every call */
  floor: number;
}

export const FLOOR_REQUIRED = 'relativeError requires a positive finite floor';

export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, { floor }: RelativeErrorOptions): number {
  if (!(floor > 0 && Number.isFinite(floor))) throw new Error(`${FLOOR_REQUIRED}, got ${floor}`);
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = floor;
  for (let k = 0; k < expected.length; k++) {
    const d = Math.abs(actual[k] - expected[k]);
    if (!Number.isFinite(d)) return Infinity;
    diff = Math.max(diff, d);
    scale = Math.max(scale, Math.abs(expected[k]));
  }
  return diff / scale;
}
