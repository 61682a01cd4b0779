/**
 * The 2018 "modified LSTM cell" (PDF eqs. 13–16): an LSTM whose state moves only while
 * the time gate k(t) is open (time-gate.ts); h(0) = c(0) = 0, t = 1 … T:
 *   c̃(t) = g ⊙ i + c(t−1) ⊙ f                  (g, i, f, o as in the LSTM)
 *   c(t) = k ⊙ c̃(t) + (1 − k) ⊙ c(t−1)
 *   h̃(t) = tanh(c(t)) ⊙ o                       (the gated c(t), as the PDF writes it)
 *   h(t) = k ⊙ h̃(t) + (1 − k) ⊙ h(t−1)
 * k(t) is a number per step that depends on τ, s, r_on (spec.timeGate), not on the
 * parameters, so the backward pass just scales by k and 1 − k.
 */
import type { CellDef, State } from './cell';
import { sequenceClassifier } from './classifier';
import { lstmGates, lstmGatesBack, lstmShapes, type Gates } from './lstm';
import { add, dTanh, mul, scale, tanh } from './mat';
import { checkTimeGate, timeGate } from './time-gate';

interface Cache { x: Float64Array; prev: State; gates: Gates; k: number; tanhC: Float64Array }

export const timeGatedLstmCell: CellDef = {
  shapes: lstmShapes,
  make(P, G, B, spec, prefix = '') {
    checkTimeGate('oracle.timeGatedLSTM (spec.timeGate)', spec.timeGate);
    const gate = spec.timeGate;
    return {
      step(x, prev, t) {
        const k = timeGate(t, gate);
        const gates = lstmGates(P, B, prefix, x, prev.h);
        const { g, i, f, o } = gates;
        const cTilde = add(mul(g, i), mul(prev.c, f));                   // [B, H]
        const c = add(scale(cTilde, k), scale(prev.c, 1 - k));
        const tanhC = tanh(c);
        const hTilde = mul(tanhC, o);
        const h = add(scale(hTilde, k), scale(prev.h, 1 - k));
        return { next: { h, c }, cache: { x, prev, gates, k, tanhC } satisfies Cache };
      },
      back(cache, dNext, dx): State {
        const { x, prev, gates, k, tanhC } = cache as Cache;
        const { g, i, f, o } = gates;
        const dhTilde = scale(dNext.h, k);
        const dc = add(dNext.c, mul(mul(dhTilde, o), dTanh(tanhC)));   // through h̃ = tanh(c) ⊙ o
        const dcTilde = scale(dc, k);
        const dGates = { g: mul(dcTilde, i), i: mul(dcTilde, g), f: mul(dcTilde, prev.c), o: mul(dhTilde, tanhC) };
        const dhPrev = scale(dNext.h, 1 - k);
        lstmGatesBack(P, G, B, prefix, x, prev.h, gates, dGates, dx, dhPrev);
        return { h: dhPrev, c: add(scale(dc, 1 - k), mul(dcTilde, f)) };
      },
    };
  },
};

export const timeGatedLSTM = sequenceClassifier('timeGatedLSTM', timeGatedLstmCell);
