import { lstm, lstmGates, mat, randomParams, type OracleSpec } from './index';

const sigma = (a: number) => 1 / (1 + Math.exp(-a));

describe('oracle lstm', () => {
  const spec: OracleSpec = { vocabSize: 3, numClasses: 2, hiddenDim: 3, input: { kind: 'one-hot' } };
  const params = randomParams('lstm', spec, 5);

  it('first step from zeros: c = g ⊙ i, h = tanh(c) ⊙ o, read off the weights column of the one-hot token', () => {
    const token = 2, out = lstm.forward(params, [[token]], spec);
    for (let k = 0; k < 3; k++) {
      const pre = (gate: string) => params[`W_${gate}x`].data[k * 3 + token] + params[`b_${gate}`].data[k];
      const c = Math.tanh(pre('g')) * sigma(pre('i'));
      expect(out.hidden[0].data[k]).toBeCloseTo(Math.tanh(c) * sigma(pre('o')), 15);
    }
  });

  it('an embedding equal to the identity matrix gives the one-hot model', () => {
    const emb: OracleSpec = { ...spec, input: { kind: 'embedding', dim: 3 } };
    const withEmbedding = { ...params, embedding: mat([3, 3], Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1)) };
    const tokens = [[0, 2, 1, 1], [2, 2, 0, 1]];
    const a = lstm.lossAndGradients(params, tokens, [1, 0], spec);
    const b = lstm.lossAndGradients(withEmbedding, tokens, [1, 0], emb);
    expect(b.loss).toBeCloseTo(a.loss, 15);
    for (const name of ['W_gx', 'W_fh', 'b_o', 'W_ph']) expect(b.grads[name].data).toEqual(a.grads[name].data);
    expect(b.grads.embedding.data.some((v) => v !== 0)).toBe(true);  // the gradient reaches the embedding
  });

  it('dHidden: ∂L/∂h(T) = W_phᵀ ∂L/∂p (the earlier steps are compared with torch in fixtures/torch)', () => {
    const tokens = [[0, 2, 1], [2, 2, 0]], targets = [1, 0];
    const { logits, dHidden } = lstm.lossAndGradients(params, tokens, targets, spec);
    expect(dHidden).toHaveLength(3);
    const K = 2, H = 3;
    for (let b = 0; b < 2; b++) {
      const z = Math.exp(logits.data[b * K]) + Math.exp(logits.data[b * K + 1]);
      const dp = [0, 1].map((k) => (Math.exp(logits.data[b * K + k]) / z - (k === targets[b] ? 1 : 0)) / 2);
      for (let j = 0; j < H; j++) {
        expect(dHidden[2].data[b * H + j]).toBeCloseTo(dp[0] * params.W_ph.data[j] + dp[1] * params.W_ph.data[H + j], 15);
      }
    }
  });

  it('gate helper uses the [out, in] layout: W_gx is [H, D]', () => {
    expect(lstm.paramShapes(spec).W_gx).toEqual([3, 3]);
    expect(lstm.paramShapes({ ...spec, vocabSize: 5 }).W_gx).toEqual([3, 5]);
    const x = new Float64Array(3), hPrev = new Float64Array(3);
    const gates = lstmGates(params, 1, '', x, hPrev);                 // zero inputs: gates = act(b)
    expect(gates.i[1]).toBeCloseTo(sigma(params.b_i.data[1]), 15);
    expect(gates.g[2]).toBeCloseTo(Math.tanh(params.b_g.data[2]), 15);
  });
});
