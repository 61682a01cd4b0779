/**
 * LSTM (all years' eqs. 4–11), h(0) = c(0) = 0:
 *   g = tanh(W_gx x + W_gh h(t−1) + b_g)      i = σ(W_ix x + W_ih h(t−1) + b_i)
 *   f = σ(W_fx x + W_fh h(t−1) + b_f)         o = σ(W_ox x + W_oh h(t−1) + b_o)
 *   c = g ⊙ i + c(t−1) ⊙ f                     h = tanh(c) ⊙ o
 * The gate helpers are shared with the biLSTM and the time-gated LSTM.
 */
import type { CellDef, State } from './cell';
import { sequenceClassifier } from './classifier';
import { add, affine, affineBack, dSigmoid, dTanh, mul, sigmoid, tanh, type Term } from './mat';
import type { OracleParams } from './types';

export const lstmShapes = (D: number, H: number): Record<string, number[]> => ({
  W_gx: [H, D], W_gh: [H, H], b_g: [H],
  W_ix: [H, D], W_ih: [H, H], b_i: [H],
  W_fx: [H, D], W_fh: [H, H], b_f: [H],
  W_ox: [H, D], W_oh: [H, H], b_o: [H],
});

export interface Gates { g: Float64Array; i: Float64Array; f: Float64Array; o: Float64Array }
type Gate = keyof Gates;
const terms = (prefix: string, gate: Gate, x: Float64Array, hPrev: Float64Array): Term[] =>
  [[`${prefix}W_${gate}x`, x], [`${prefix}W_${gate}h`, hPrev]];

/** g, i, f, o from x(t) [B, D] and h(t−1) [B, H]; each [B, H]. */
export function lstmGates(P: OracleParams, B: number, prefix: string, x: Float64Array, hPrev: Float64Array): Gates {
  const a = (gate: Gate) => affine(P, B, terms(prefix, gate, x, hPrev), `${prefix}b_${gate}`);
  return { g: tanh(a('g')), i: sigmoid(a('i')), f: sigmoid(a('f')), o: sigmoid(a('o')) };
}

/** Backward of {@link lstmGates}: from ∂L/∂g, ∂L/∂i, ∂L/∂f, ∂L/∂o, adds into dx, dhPrev and G. */
export function lstmGatesBack(
  P: OracleParams, G: OracleParams, B: number, prefix: string, x: Float64Array, hPrev: Float64Array,
  gates: Gates, dGates: Gates, dx: Float64Array, dhPrev: Float64Array,
): void {
  const back = (gate: Gate, dPre: Float64Array) =>
    affineBack(P, G, B, dPre, terms(prefix, gate, x, hPrev), `${prefix}b_${gate}`, [dx, dhPrev]);
  back('g', mul(dGates.g, dTanh(gates.g)));
  back('i', mul(dGates.i, dSigmoid(gates.i)));
  back('f', mul(dGates.f, dSigmoid(gates.f)));
  back('o', mul(dGates.o, dSigmoid(gates.o)));
}

interface Cache { x: Float64Array; prev: State; gates: Gates; tanhC: Float64Array }

export const lstmCell: CellDef = {
  shapes: lstmShapes,
  make(P, G, B, _spec, prefix = '') {
    return {
      step(x, prev) {
        const gates = lstmGates(P, B, prefix, x, prev.h);
        const { g, i, f, o } = gates;
        const c = add(mul(g, i), mul(prev.c, f));                        // [B, H]
        const tanhC = tanh(c);
        const h = mul(tanhC, o);
        return { next: { h, c }, cache: { x, prev, gates, tanhC } satisfies Cache };
      },
      back(cache, dNext, dx): State {
        const { x, prev, gates, tanhC } = cache as Cache;
        const { g, i, f, o } = gates;
        const dc = add(dNext.c, mul(mul(dNext.h, o), dTanh(tanhC)));   // through h = tanh(c) ⊙ o
        const dGates: Gates = { g: mul(dc, i), i: mul(dc, g), f: mul(dc, prev.c), o: mul(dNext.h, tanhC) };
        const dhPrev = new Float64Array(prev.h.length);
        lstmGatesBack(P, G, B, prefix, x, prev.h, gates, dGates, dx, dhPrev);
        return { h: dhPrev, c: mul(dc, f) };
      },
    };
  },
};

export const lstm = sequenceClassifier('lstm', lstmCell);
