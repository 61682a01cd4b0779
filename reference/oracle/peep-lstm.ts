/**
 * Peephole LSTM, 2020 PDF eqs. 35–41: the gates read the previous cell state c(t−1)
 * instead of h(t−1), and the cell input is a sigmoid (not tanh) without a recurrent term:
 *   f = σ(W_fx x + W_fh c(t−1) + b_f)     i = σ(W_ix x + W_ih c(t−1) + b_i)
 *   o = σ(W_ox x + W_oh c(t−1) + b_o)     u = σ(W_cx x + b_c)
 *   c = u ⊙ i + c(t−1) ⊙ f                 h = tanh(c) ⊙ o
 * h(t−1) is not an input of step t, so only c carries gradient back in time.
 */
import type { CellDef, State } from './cell';
import { sequenceClassifier } from './classifier';
import { add, affine, affineBack, dSigmoid, dTanh, mul, sigmoid, tanh, type Term } from './mat';

interface Cache { x: Float64Array; cPrev: Float64Array; f: Float64Array; i: Float64Array; o: Float64Array; u: Float64Array; tanhC: Float64Array }

export const peepLstmCell: CellDef = {
  shapes: (D, H) => ({
    W_fx: [H, D], W_fh: [H, H], b_f: [H],
    W_ix: [H, D], W_ih: [H, H], b_i: [H],
    W_ox: [H, D], W_oh: [H, H], b_o: [H],
    W_cx: [H, D], b_c: [H],
  }),
  make(P, G, B, _spec, prefix = '') {
    const n = (s: string) => prefix + s;
    const terms = (gate: 'f' | 'i' | 'o', x: Float64Array, cPrev: Float64Array): Term[] =>
      [[n(`W_${gate}x`), x], [n(`W_${gate}h`), cPrev]];
    return {
      step(x, prev) {
        const cPrev = prev.c;
        const f = sigmoid(affine(P, B, terms('f', x, cPrev), n('b_f')));  // [B, H]
        const i = sigmoid(affine(P, B, terms('i', x, cPrev), n('b_i')));
        const o = sigmoid(affine(P, B, terms('o', x, cPrev), n('b_o')));
        const u = sigmoid(affine(P, B, [[n('W_cx'), x]], n('b_c')));
        const c = add(mul(u, i), mul(cPrev, f));
        const tanhC = tanh(c);
        const h = mul(tanhC, o);
        return { next: { h, c }, cache: { x, cPrev, f, i, o, u, tanhC } satisfies Cache };
      },
      back(cache, dNext, dx): State {
        const { x, cPrev, f, i, o, u, tanhC } = cache as Cache;
        const dc = add(dNext.c, mul(mul(dNext.h, o), dTanh(tanhC)));   // through h = tanh(c) ⊙ o
        const dcPrev = mul(dc, f);                                      // through c(t−1) ⊙ f
        const back = (gate: 'f' | 'i' | 'o', dPre: Float64Array) =>
          affineBack(P, G, B, dPre, terms(gate, x, cPrev), n(`b_${gate}`), [dx, dcPrev]);
        back('f', mul(mul(dc, cPrev), dSigmoid(f)));
        back('i', mul(mul(dc, u), dSigmoid(i)));
        back('o', mul(mul(dNext.h, tanhC), dSigmoid(o)));
        affineBack(P, G, B, mul(mul(dc, i), dSigmoid(u)), [[n('W_cx'), x]], n('b_c'), [dx]);
        return { h: new Float64Array(cPrev.length), c: dcPrev };
      },
    };
  },
};

export const peepLSTM = sequenceClassifier('peepLSTM', peepLstmCell);
