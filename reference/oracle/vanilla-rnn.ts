/**
 * Vanilla RNN (all years): h(t) = tanh(W_hx x(t) + W_hh h(t−1) + b_h), h(0) = 0.
 */
import type { CellDef, State } from './cell';
import { sequenceClassifier } from './classifier';
import { affine, affineBack, dTanh, mul, tanh, type Term } from './mat';

interface Cache { terms: Term[]; h: Float64Array; c: Float64Array }

export const rnnCell: CellDef = {
  shapes: (D, H) => ({ W_hx: [H, D], W_hh: [H, H], b_h: [H] }),
  make(P, G, B, _spec, prefix = '') {
    const n = (s: string) => prefix + s;
    return {
      step(x, prev) {
        const terms: Term[] = [[n('W_hx'), x], [n('W_hh'), prev.h]];
        const h = tanh(affine(P, B, terms, n('b_h')));                  // [B, H]
        return { next: { h, c: prev.c }, cache: { terms, h, c: prev.c } satisfies Cache };
      },
      back(cache, dNext, dx): State {
        const { terms, h, c } = cache as Cache;
        const dA = mul(dNext.h, dTanh(h));                              // ∂L/∂(pre-activation)
        const dhPrev = new Float64Array(h.length);
        affineBack(P, G, B, dA, terms, n('b_h'), [dx, dhPrev]);
        return { h: dhPrev, c: new Float64Array(c.length) };
      },
    };
  },
};

export const vanillaRNN = sequenceClassifier('vanillaRNN', rnnCell);
