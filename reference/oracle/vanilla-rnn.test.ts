/** The vanilla RNN against the equations evaluated by hand, scalar by scalar. */
import { mat, vanillaRNN, type OracleSpec } from './index';

const spec: OracleSpec = { vocabSize: 10, numClasses: 2, hiddenDim: 2, input: { kind: 'scalar' } };
const params = {
  W_hx: mat([2, 1], Float64Array.of(0.5, -0.25)),
  W_hh: mat([2, 2], Float64Array.of(0.1, 0.2, -0.3, 0.4)),
  b_h: mat([2], Float64Array.of(0.05, -0.1)),
  W_ph: mat([2, 2], Float64Array.of(1, -1, 0.5, 2)),
  b_p: mat([2], Float64Array.of(0, 0.3)),
};

describe('oracle vanillaRNN', () => {
  it('h(t) = tanh(W_hx x(t) + W_hh h(t−1) + b_h), p = W_ph h(T) + b_p, with x(t) the raw token value', () => {
    const x = [3, 7];
    const h1 = [Math.tanh(0.5 * 3 + 0.05), Math.tanh(-0.25 * 3 - 0.1)];
    const h2 = [Math.tanh(0.5 * 7 + 0.1 * h1[0] + 0.2 * h1[1] + 0.05), Math.tanh(-0.25 * 7 - 0.3 * h1[0] + 0.4 * h1[1] - 0.1)];
    const p = [h2[0] - h2[1], 0.5 * h2[0] + 2 * h2[1] + 0.3];
    const out = vanillaRNN.forward(params, [x], spec);
    expect(Array.from(out.hidden[0].data)).toEqual(h1.map((v) => expect.closeTo(v, 15)));
    expect(Array.from(out.hidden[1].data)).toEqual(h2.map((v) => expect.closeTo(v, 15)));
    expect(Array.from(out.logits.data)).toEqual(p.map((v) => expect.closeTo(v, 15)));

    const { loss } = vanillaRNN.lossAndGradients(params, [x], [1], spec);
    expect(loss).toBeCloseTo(Math.log(Math.exp(p[0]) + Math.exp(p[1])) - p[1], 14);
  });

  it('∂L/∂W_ph = (ŷ − y) h(T)ᵀ, the pen-and-paper answer', () => {
    const out = vanillaRNN.lossAndGradients(params, [[3, 7]], [0], spec);
    const hT = vanillaRNN.forward(params, [[3, 7]], spec).hidden[1].data;
    const p = out.logits.data, z = Math.exp(p[0]) + Math.exp(p[1]);
    const dp = [Math.exp(p[0]) / z - 1, Math.exp(p[1]) / z];
    expect(Array.from(out.grads.W_ph.data)).toEqual([dp[0] * hT[0], dp[0] * hT[1], dp[1] * hT[0], dp[1] * hT[1]].map((v) => expect.closeTo(v, 15)));
  });

  it('∂L/∂h(t−1) = W_hhᵀ (∂L/∂h(t) ⊙ (1 − h(t)²)), the recursion behind vanishing gradients', () => {
    const tokens = [[3, 7, 1, 4, 9, 0]];
    const { hidden } = vanillaRNN.forward(params, tokens, spec);
    const { dHidden } = vanillaRNN.lossAndGradients(params, tokens, [1], spec);
    const W = params.W_hh.data;
    for (let t = 5; t >= 1; t--) {
      const d = [0, 1].map((k) => dHidden[t].data[k] * (1 - hidden[t].data[k] ** 2));
      expect(dHidden[t - 1].data[0]).toBeCloseTo(W[0] * d[0] + W[2] * d[1], 15);
      expect(dHidden[t - 1].data[1]).toBeCloseTo(W[1] * d[0] + W[3] * d[1], 15);
    }
  });

  it('names the problem with bad tokens', () => {
    expect(() => vanillaRNN.forward(params, [[3, 10]], spec)).toThrow('oracle.vanillaRNN.forward requires tokens[0][1] to be a token id in 0…9, got 10');
    expect(() => vanillaRNN.forward(params, [[3, 1], [2]], spec)).toThrow('requires every sequence to have length T = 2, got tokens[1] of length 1');
    expect(() => vanillaRNN.forward(params, [[3]], { ...spec, hiddenDim: 3 })).toThrow('oracle.vanillaRNN.forward requires params.W_hx of shape [3, 1], got [2, 1]');
  });
});
