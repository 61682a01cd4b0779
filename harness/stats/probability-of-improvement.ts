/**
 * The probability of improvement P(X < Y) (rliable): the chance that a run of A, drawn at
 * random, reaches the target in fewer steps than a run of B — readable with a handful of
 * seeds, where a mean or a t-test says little. 0.5 is a coin toss; 1 means every run of A
 * beat every run of B. With its stratified-bootstrap 95% interval (A and B resampled
 * separately, as rliable does).
 *
 * Formula: P(X < Y) = U_y / (n_x n_y) = (#{x < y} + ½ #{x = y}) / (n_x n_y), U from
 * `mannWhitneyU(y, x)`; censored runs enter as +∞, so two censored runs tie.
 * Example: `probabilityOfImprovement([400, 500], [450, Infinity])` → { p: 0.75, … }
 * (400 beats both, 500 beats only the censored run: 3 of 4 pairs).
 * Throws: on an empty sample or NaN.
 */
import { mannWhitneyU } from './mann-whitney-u';
import { stratifiedBootstrap } from './stratified-bootstrap';

export interface ProbabilityOfImprovement { p: number; ci95: [number, number]; resamples: number; seed: number }

const estimate = (x: readonly number[], y: readonly number[]) => mannWhitneyU(y, x) / (x.length * y.length);

export function probabilityOfImprovement(
  x: readonly number[],
  y: readonly number[],
  options: { seed?: number; resamples?: number } = {},
): ProbabilityOfImprovement {
  const p = estimate(x, y);
  return { p, ...stratifiedBootstrap([x, y], ([xs, ys]) => estimate(xs, ys), options) };
}
