/**
 * GRU, h(0) = 0, with both update conventions (spec.gru, default 'update-takes-new'):
 *   z = σ(W_zx x + W_zh h(t−1) + b_z)       r = σ(W_rx x + W_rh h(t−1) + b_r)
 *   g = tanh(W_gx x + W_gh (r ⊙ h(t−1)) + b_g)                    (h̃ in the 2020 PDF)
 *   'update-takes-new' (2020 eqs. 29–34):  h = (1 − z) ⊙ h(t−1) + z ⊙ g
 *   'update-keeps-old' (sibling course):   h = z ⊙ h(t−1) + (1 − z) ⊙ g
 * spec.gateBiases false drops b_z, b_r, b_g: the 2020 PDF writes its GRU without them.
 */
import type { CellDef, State } from './cell';
import { sequenceClassifier } from './classifier';
import { add, addInto, affine, affineBack, dSigmoid, dTanh, mul, oneMinus, sigmoid, sub, tanh, type Term } from './mat';

interface Cache { x: Float64Array; hPrev: Float64Array; c: Float64Array; z: Float64Array; r: Float64Array; rh: Float64Array; g: Float64Array }

export const gruCell: CellDef = {
  shapes: (D, H, spec) => ({
    W_zx: [H, D], W_zh: [H, H], ...(spec?.gateBiases === false ? {} : { b_z: [H] }),
    W_rx: [H, D], W_rh: [H, H], ...(spec?.gateBiases === false ? {} : { b_r: [H] }),
    W_gx: [H, D], W_gh: [H, H], ...(spec?.gateBiases === false ? {} : { b_g: [H] }),
  }),
  make(P, G, B, spec, prefix = '') {
    const n = (s: string) => prefix + s;
    const bias = (gate: 'z' | 'r' | 'g') => (spec.gateBiases === false ? null : n(`b_${gate}`));
    const takesNew = (spec.gru ?? 'update-takes-new') === 'update-takes-new';
    const terms = (gate: 'z' | 'r' | 'g', x: Float64Array, hIn: Float64Array): Term[] =>
      [[n(`W_${gate}x`), x], [n(`W_${gate}h`), hIn]];
    return {
      step(x, prev) {
        const hPrev = prev.h;
        const z = sigmoid(affine(P, B, terms('z', x, hPrev), bias('z'))); // [B, H]
        const r = sigmoid(affine(P, B, terms('r', x, hPrev), bias('r')));
        const rh = mul(r, hPrev);
        const g = tanh(affine(P, B, terms('g', x, rh), bias('g')));
        const h = takesNew ? add(mul(oneMinus(z), hPrev), mul(z, g)) : add(mul(z, hPrev), mul(oneMinus(z), g));
        return { next: { h, c: prev.c }, cache: { x, hPrev, c: prev.c, z, r, rh, g } satisfies Cache };
      },
      back(cache, dNext, dx): State {
        const { x, hPrev, c, z, r, rh, g } = cache as Cache;
        const dh = dNext.h;
        // h = w_old ⊙ h(t−1) + w_new ⊙ g, with (w_old, w_new) = (1 − z, z) or (z, 1 − z)
        const dhPrev = mul(dh, takesNew ? oneMinus(z) : z);
        const dg = mul(dh, takesNew ? z : oneMinus(z));
        const dz = mul(dh, takesNew ? sub(g, hPrev) : sub(hPrev, g));
        const drh = new Float64Array(rh.length);
        affineBack(P, G, B, mul(dg, dTanh(g)), terms('g', x, rh), bias('g'), [dx, drh]);
        addInto(dhPrev, mul(drh, r));                                   // through r ⊙ h(t−1)
        const dr = mul(drh, hPrev);
        affineBack(P, G, B, mul(dz, dSigmoid(z)), terms('z', x, hPrev), bias('z'), [dx, dhPrev]);
        affineBack(P, G, B, mul(dr, dSigmoid(r)), terms('r', x, hPrev), bias('r'), [dx, dhPrev]);
        return { h: dhPrev, c: new Float64Array(c.length) };
      },
    };
  },
};

export const gru = sequenceClassifier('gru', gruCell);
