/**
 * What the claims read off accuracy curves: pure functions of evaluation points
 * (step, accuracy), each a line or two, tested on hand-made curves (curves.test.ts).
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { CurvePoint } from '../../reference/data/types';

type Point = Pick<CurvePoint, 'step' | 'accuracy'>;

/**
 * The first step of two consecutive evaluations at or above `threshold` — the rule the
 * harness's training loop uses for "converged" (harness/worker/train.ts) — or undefined.
 */
export function firstReach(curve: readonly Point[], threshold: number): number | undefined {
  for (let k = 0; k + 1 < curve.length; k++) {
    if (curve[k].accuracy >= threshold && curve[k + 1].accuracy >= threshold) return curve[k].step;
  }
  return undefined;
}

/** The accuracy of the last evaluation at or before `step`; undefined when the curve ends before `step`. */
export function accuracyAt(curve: readonly Point[], step: number): number | undefined {
  const last = curve.at(-1);
  if (!last || last.step < step) return undefined;
  let found: number | undefined;
  for (const p of curve) if (p.step <= step) found = p.accuracy;
  return found;
}

/** The highest accuracy of the seeds' mean curve up to `step` (steps all curves evaluated). */
export function maxOfMeanUntil(curves: readonly (readonly Point[])[], step: number): number | undefined {
  const means = commonSteps(curves).filter((s) => s <= step).map((s) => mean(curves.map((c) => c.find((p) => p.step === s)!.accuracy)));
  return means.length ? Math.max(...means) : undefined;
}

/**
 * The spread of a set of seeds: the standard deviation across seeds at each step all of
 * them evaluated, averaged over those steps (the width of the course's mean ± std band).
 */
export function meanSpread(curves: readonly (readonly Point[])[]): number | undefined {
  if (curves.length < 2) return undefined;
  const stds = commonSteps(curves).map((s) => sampleStandardDeviation(curves.map((c) => c.find((p) => p.step === s)!.accuracy)));
  return stds.length ? mean(stds) : undefined;
}

function commonSteps(curves: readonly (readonly Point[])[]): number[] {
  if (!curves.length) return [];
  return curves[0].map((p) => p.step).filter((s) => curves.every((c) => c.some((p) => p.step === s && Number.isFinite(p.accuracy))));
}
