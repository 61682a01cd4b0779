/**
 * Helpers for testing the graph oracles and layers: seeded inputs, and the fourth-order
 * central difference. Used by tests and the fixture generator, never by grading.
 */
import type { Graph } from '../../harness/contract';
import { randomValues } from '../graph/random';
import { type NamedTensors64, type Tensor64, tensor64 } from './graph-common';

/** Seeded parameters of the given shapes, uniform in [−scale, scale). */
export function seededParams(shapes: Record<string, number[]>, seed: number, scale = 0.5): NamedTensors64 {
  const out: NamedTensors64 = {};
  for (const [name, shape] of Object.entries(shapes)) {
    out[name] = tensor64(shape, randomValues(shape.reduce((a, b) => a * b, 1), `${seed}:${name}`, scale));
  }
  return out;
}

/** Seeded features H [N, F] and upstream gradient R [N, O]. */
export function seededInputs(graph: Graph, inFeatures: number, outWidth: number, seed: number): { H: Tensor64; R: Tensor64 } {
  return {
    H: tensor64([graph.numNodes, inFeatures], randomValues(graph.numNodes * inFeatures, `${seed}:H`)),
    R: tensor64([graph.numNodes, outWidth], randomValues(graph.numNodes * outWidth, `${seed}:R`)),
  };
}

/** ∂f/∂x[index], fourth-order central difference (error O(h⁴)); x is restored. */
export function centralDifference4(f: () => number, x: Float64Array, index: number, h: number): number {
  const at = (delta: number) => { const saved = x[index]; x[index] = saved + delta; const v = f(); x[index] = saved; return v; };
  return (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
}

/**
 * |a − n| / max(1e-4, |a| + |n|). The floor: a difference quotient carries round-off
 * ≈ ε·|L|/h ≈ 1e-12 (h = 1e-4), so a true zero gradient (a dead ReLU) is compared
 * absolutely instead of producing a meaningless relative error of 1e-12 / 1e-12.
 */
export const relError = (a: number, n: number) => Math.abs(a - n) / Math.max(1e-4, Math.abs(a) + Math.abs(n));
