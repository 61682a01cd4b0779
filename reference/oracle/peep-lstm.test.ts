import { mat, peepLSTM, randomParams, type OracleSpec } from './index';

const sigma = (a: number) => 1 / (1 + Math.exp(-a));

describe('oracle peepLSTM (2020 equations)', () => {
  const spec: OracleSpec = { vocabSize: 3, numClasses: 2, hiddenDim: 2, input: { kind: 'embedding', dim: 2 } };
  const params = randomParams('peepLSTM', spec, 9);

  it('has the 2020 parameter set: no W_ch, and the gates read c(t−1) [H, H]', () => {
    expect(peepLSTM.paramShapes(spec)).toEqual({
      embedding: [3, 2], W_fx: [2, 2], W_fh: [2, 2], b_f: [2], W_ix: [2, 2], W_ih: [2, 2], b_i: [2],
      W_ox: [2, 2], W_oh: [2, 2], b_o: [2], W_cx: [2, 2], b_c: [2], W_ph: [2, 2], b_p: [2],
    });
  });

  it('two steps by hand: the cell input is σ(W_cx x + b_c), gates see c(t−1)', () => {
    const tokens = [1, 0];
    const P = (n: string) => params[n].data;
    const lin = (W: string, x: number[], k: number) => x.reduce((s, v, d) => s + P(W)[k * x.length + d] * v, 0);
    let c = [0, 0];
    const hs: number[][] = [];
    for (const token of tokens) {
      const x = Array.from(P('embedding').subarray(token * 2, token * 2 + 2));
      const gate = (g: string, k: number) => sigma(lin(`W_${g}x`, x, k) + lin(`W_${g}h`, c, k) + P(`b_${g}`)[k]);
      const next = [0, 1].map((k) => sigma(lin('W_cx', x, k) + P('b_c')[k]) * gate('i', k) + c[k] * gate('f', k));
      hs.push([0, 1].map((k) => Math.tanh(next[k]) * gate('o', k)));
      c = next;
    }
    const out = peepLSTM.forward(params, [tokens], spec);
    expect(Array.from(out.hidden[1].data)).toEqual(hs[1].map((v) => expect.closeTo(v, 15)));
  });

  it('h(t−1) is not an input: W_oh acting on c means zero W_oh gradient at T = 1', () => {
    const { grads } = peepLSTM.lossAndGradients(params, [[2]], [1], spec);
    expect(Array.from(grads.W_oh.data)).toEqual([0, 0, 0, 0]);     // c(0) = 0
    expect(grads.W_cx.data.some((v) => v !== 0)).toBe(true);
    const { dHidden } = peepLSTM.lossAndGradients(params, [[2, 1, 0]], [1], spec);
    expect([0, 1].map((t) => Array.from(dHidden[t].data))).toEqual([[0, 0], [0, 0]]);  // only h(T) reaches the loss
    expect(dHidden[2].data.some((v) => v !== 0)).toBe(true);
    expect(() => peepLSTM.forward({ ...params, W_ch: mat([2, 2]) }, [[1]], spec)).toThrow('unknown params.W_ch');
  });
});
