/**
 * Central-difference gradient checking. For each checked parameter entry θ_j, with
 * L_k = L(θ + k·h·e_j):
 *   order 2:  n = (L_1 − L_−1) / 2h                                            error O(h²)
 *   order 4:  n = (−L_2 + 8L_1 − 8L_−1 + L_−2) / 12h                            error O(h⁴)
 *   order 6:  n = (L_3 − 9L_2 + 45L_1 − 45L_−1 + 9L_−2 − L_−3) / 60h            error O(h⁶)
 * and compares it with the analytic gradient a by |a − n| / max(1e-8, |a| + |n|).
 * Why order 6 by default: float64 round-off in n is about ε·|L|/h, so the plain
 * two-point formula (h ≈ 1e-5) leaves ~1e-11 absolute error — a relative error above
 * 1e-7 on the many gradient entries of size 1e-5…1e-6 that recurrent models have. The
 * higher-order stencil allows h = 1e-2, where both round-off and truncation are ~1e-14.
 */
import seedrandom from 'seedrandom';
import type { SequenceModelName } from '../../harness/contract';
import { softmaxCrossEntropy } from './loss';
import { resolveModel } from './models';
import type { OracleModel, OracleParams, OracleSpec } from './types';

export interface GradCheckOptions {
  /** step size (default 1e-2, 1e-3, 1e-5 for order 6, 4, 2) */
  h?: number;
  /** stencil order (default 6) */
  order?: 2 | 4 | 6;
  /** check at most this many entries per parameter, drawn with `seed` (default: all) */
  maxEntries?: number;
  seed?: number;
}

export interface GradCheckEntry { name: string; index: number; analytic: number; numeric: number; relError: number }

export interface GradCheckReport {
  /** the largest relative error over the checked entries */
  maxRelError: number;
  worst: GradCheckEntry | null;
  /** number of entries checked */
  checked: number;
  /** largest relative error per parameter */
  perParam: Record<string, number>;
}

/** |a − n| / max(1e-8, |a| + |n|) */
export function symmetricRelativeError(analytic: number, numeric: number): number {
  return Math.abs(analytic - numeric) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numeric));
}

/** ∂f/∂x[index] by central differences; x is perturbed in place and restored. */
export function centralDifference(f: () => number, x: Float64Array, index: number, h: number, order: 2 | 4 | 6 = 6): number {
  const at = (delta: number) => {
    const saved = x[index];
    x[index] = saved + delta;
    const v = f();
    x[index] = saved;
    return v;
  };
  if (order === 2) return (at(h) - at(-h)) / (2 * h);
  if (order === 4) return (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
  return (at(3 * h) - 9 * at(2 * h) + 45 * at(h) - 45 * at(-h) + 9 * at(-2 * h) - at(-3 * h)) / (60 * h);
}

/** Compares `model.lossAndGradients` with central differences of its loss. */
export function gradCheck(
  model: OracleModel | SequenceModelName, params: OracleParams, tokens: number[][], targets: number[],
  spec: OracleSpec, options: GradCheckOptions = {},
): GradCheckReport {
  const m = resolveModel(model);
  const order = options.order ?? 6;
  const h = options.h ?? { 2: 1e-5, 4: 1e-3, 6: 1e-2 }[order];
  const rng = seedrandom(`grad-check:${options.seed ?? 0}`);
  const { grads } = m.lossAndGradients(params, tokens, targets, spec);
  const loss = () => softmaxCrossEntropy(m.forward(params, tokens, spec).logits, targets).loss;

  const report: GradCheckReport = { maxRelError: 0, worst: null, checked: 0, perParam: {} };
  for (const [name, p] of Object.entries(params)) {
    let indices = [...p.data.keys()];
    if (options.maxEntries !== undefined && indices.length > options.maxEntries) {
      indices = indices.map((i) => [rng(), i]).sort((a, b) => a[0] - b[0]).slice(0, options.maxEntries).map(([, i]) => i);
    }
    report.perParam[name] = 0;
    for (const index of indices) {
      const analytic = grads[name].data[index];
      const numeric = centralDifference(loss, p.data, index, h, order);
      const relError = symmetricRelativeError(analytic, numeric);
      report.checked++;
      report.perParam[name] = Math.max(report.perParam[name], relError);
      if (relError >= report.maxRelError) {
        report.maxRelError = relError;
        report.worst = { name, index, analytic, numeric, relError };
      }
    }
  }
  return report;
}
