/** The biLSTM is two LSTMs: fwd.* over the tokens, bwd.* over the reversed tokens. */
import { biLSTM, lstm, mat, randomParams, type OracleParams, type OracleSpec } from './index';

const spec: OracleSpec = { vocabSize: 4, numClasses: 3, hiddenDim: 3, input: { kind: 'one-hot' } };
const tokens = [[0, 3, 1, 2, 2], [3, 1, 0, 0, 2]];
const H = 3, T = 5, B = 2;

/** The LSTM parameters under `prefix`, with the given output layer. */
const direction = (p: OracleParams, prefix: string, W_ph: Float64Array, b_p: Float64Array): OracleParams => ({
  ...Object.fromEntries(Object.entries(p).filter(([n]) => n.startsWith(prefix)).map(([n, m]) => [n.slice(prefix.length), m])),
  W_ph: mat([3, H], W_ph), b_p: mat([3], b_p),
});

describe('oracle biLSTM', () => {
  const params = randomParams('biLSTM', spec, 4);
  const out = biLSTM.forward(params, tokens, spec);
  const fwd = lstm.forward(direction(params, 'fwd.', new Float64Array(9), new Float64Array(3)), tokens, spec);
  const bwd = lstm.forward(direction(params, 'bwd.', new Float64Array(9), new Float64Array(3)), tokens.map((r) => [...r].reverse()), spec);

  it('hidden(t) = h_fwd(t) ‖ h_bwd(t), where h_bwd(t) is the LSTM on the reversed sequence at step T − t + 1', () => {
    expect(out.hidden).toHaveLength(T);
    for (let t = 0; t < T; t++) {
      expect(out.hidden[t].shape).toEqual([B, 2 * H]);
      for (let b = 0; b < B; b++) {
        for (let k = 0; k < H; k++) {
          expect(out.hidden[t].data[b * 2 * H + k]).toBe(fwd.hidden[t].data[b * H + k]);
          expect(out.hidden[t].data[b * 2 * H + H + k]).toBe(bwd.hidden[T - 1 - t].data[b * H + k]);
        }
      }
    }
  });

  it('p = W_ph [h_fwd(T) ; h_bwd(1)] + b_p with W_ph [K, 2H]', () => {
    expect(biLSTM.paramShapes(spec).W_ph).toEqual([3, 2 * H]);
    for (let b = 0; b < B; b++) {
      const features = [...fwd.hidden[T - 1].data.subarray(b * H, (b + 1) * H), ...bwd.hidden[T - 1].data.subarray(b * H, (b + 1) * H)];
      for (let k = 0; k < 3; k++) {
        const p = features.reduce((s, v, j) => s + params.W_ph.data[k * 2 * H + j] * v, params.b_p.data[k]);
        expect(out.logits.data[b * 3 + k]).toBeCloseTo(p, 14);
      }
    }
  });

  it('the forward cell gets the gradient its half of W_ph sends it', () => {
    // For one sequence the backward half W_ph[:, H:] h_bwd(1) does not depend on fwd.*, so it
    // acts as a bias: an LSTM with W_ph = W_ph[:, :H] and b_p = logits − W_ph[:, :H] h_fwd(T)
    // has the same loss and must get the same fwd.* gradients.
    const half = Float64Array.from({ length: 9 }, (_, j) => params.W_ph.data[Math.floor(j / H) * 2 * H + (j % H)]);
    const hF = fwd.hidden[T - 1].data.subarray(0, H);
    const bias = Float64Array.from({ length: 3 }, (_, k) => out.logits.data[k] - hF.reduce((s, v, j) => s + half[k * H + j] * v, 0));
    const bi = biLSTM.lossAndGradients(params, [tokens[0]], [1], spec);
    const uni = lstm.lossAndGradients(direction(params, 'fwd.', half, bias), [tokens[0]], [1], spec);
    expect(bi.loss).toBeCloseTo(uni.loss, 14);
    for (const name of ['W_gx', 'W_ih', 'b_f', 'W_oh']) {
      bi.grads[`fwd.${name}`].data.forEach((v, k) => expect(v).toBeCloseTo(uni.grads[name].data[k], 14));
    }
    expect(bi.grads['bwd.W_gx'].data.some((v) => v !== 0)).toBe(true);
  });
});
