/**
 * When a training run has reached its target, one rule for the tfjs worker's loop
 * (./train.ts) and the PyTorch adapter's (../pytorch/adapter.ts): the target counts when two
 * consecutive evaluations are at or above it, and the run converged at the first of them;
 * with `confirm: false` (the sanity check, whose pass the grader decides on its own set) one
 * evaluation suffices.
 * Example: curve accuracies [0.5, 0.99, 0.995], target 0.99 → the point at index 1;
 * with confirm false and only [0.5, 0.99] → also index 1.
 */
import type { CurvePoint } from '../../reference/data/types';

/** The point the run converged at, once the curve's last evaluation completes the rule; else undefined. */
export function targetReachedAt(curve: readonly CurvePoint[], target: number, confirm = true): CurvePoint | undefined {
  const last = curve[curve.length - 1];
  const first = confirm ? curve[curve.length - 2] : last;
  return first && last && first.accuracy >= target && last.accuracy >= target ? first : undefined;
}
