/**
 * A recurrent cell as one step forward and its backward, and the loop that runs it over
 * time (BPTT). Every state carries h and c, each [B, H]; cells without a cell state
 * pass c through untouched (zeros).
 */
import type { OracleParams, OracleSpec } from './types';

export interface State { h: Float64Array; c: Float64Array }

export interface Cell<C = unknown> {
  /** x(t) [B, D] and the state at t−1 → the state at t; t = 1 … T is the true time index */
  step(x: Float64Array, prev: State, t: number): { next: State; cache: C };
  /** ∂L/∂state(t) → ∂L/∂state(t−1); adds ∂L/∂x(t) into dx and ∂L/∂θ into the cell's gradients */
  back(cache: C, dNext: State, dx: Float64Array): State;
}

export interface CellDef {
  /** parameter shapes of the cell (names without prefix) for input size D and hidden size H (the GRU reads spec.gateBiases) */
  shapes(D: number, H: number, spec?: OracleSpec): Record<string, number[]>;
  /** a cell reading parameters `prefix + name` from P and adding gradients into G */
  make(P: OracleParams, G: OracleParams, B: number, spec: OracleSpec, prefix?: string): Cell;
}

const zeroState = (B: number, H: number): State => ({ h: new Float64Array(B * H), c: new Float64Array(B * H) });

/** Runs the cell over t = 1 … T (or T … 1 when `reverse`); states[t−1] is the state at t. */
export function runCell(cell: Cell, xs: Float64Array[], B: number, H: number, reverse = false) {
  const T = xs.length;
  const states: State[] = new Array(T), caches: unknown[] = new Array(T);
  let state = zeroState(B, H);
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - k : k + 1;
    const { next, cache } = cell.step(xs[t - 1], state, t);
    states[t - 1] = next;
    caches[t - 1] = cache;
    state = next;
  }
  return { states, caches };
}

/**
 * BPTT through {@link runCell}: `dLastH` is ∂L/∂h at the last step processed (t = T, or
 * t = 1 when `reverse`); adds ∂L/∂x(t) into dxs[t−1] and returns ∂L/∂h(t), t = 1 … T.
 */
export function backCell(cell: Cell, caches: unknown[], dLastH: Float64Array, dxs: Float64Array[], reverse = false): Float64Array[] {
  const T = caches.length;
  const dH: Float64Array[] = new Array(T);
  let d: State = { h: dLastH, c: new Float64Array(dLastH.length) };
  for (let k = 0; k < T; k++) {
    const t = reverse ? k + 1 : T - k;
    dH[t - 1] = d.h;
    d = cell.back(caches[t - 1], d, dxs[t - 1]);
  }
  return dH;
}
