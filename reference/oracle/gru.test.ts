/**
 * The two GRU conventions are mirror images: 1 − σ(a) = σ(−a), so 'update-keeps-old'
 * with z-parameters θ_z equals 'update-takes-new' with −θ_z — in values and gradients.
 */
import { gru, lstm, mat, randomParams, type OracleParams, type OracleSpec } from './index';

const spec: OracleSpec = { vocabSize: 4, numClasses: 3, hiddenDim: 5, input: { kind: 'embedding', dim: 3 } };
const tokens = [[0, 3, 1, 2, 2, 1, 0], [3, 3, 0, 1, 2, 0, 1]];
const targets = [2, 0];
const zNames = ['W_zx', 'W_zh', 'b_z'];
const negateZ = (p: OracleParams): OracleParams =>
  Object.fromEntries(Object.entries(p).map(([n, m]) => [n, zNames.includes(n) ? mat(m.shape, m.data.map((v) => -v)) : m]));

describe('oracle gru', () => {
  const params = randomParams('gru', spec, 21);
  const takesNew = gru.lossAndGradients(params, tokens, targets, { ...spec, gru: 'update-takes-new' });
  const keepsOld = gru.lossAndGradients(negateZ(params), tokens, targets, { ...spec, gru: 'update-keeps-old' });

  it('update-keeps-old(θ_z) = update-takes-new(−θ_z)', () => {
    expect(keepsOld.loss).toBeCloseTo(takesNew.loss, 14);
    Array.from(keepsOld.logits.data).forEach((v, k) => expect(v).toBeCloseTo(takesNew.logits.data[k], 14));
    for (const [name, g] of Object.entries(takesNew.grads)) {
      const sign = zNames.includes(name) ? -1 : 1;
      g.data.forEach((v, k) => expect(keepsOld.grads[name].data[k]).toBeCloseTo(sign * v, 14));
    }
  });

  it('the conventions differ on the same parameters, and the default is update-takes-new', () => {
    const other = gru.forward(params, tokens, { ...spec, gru: 'update-keeps-old' });
    expect(Math.abs(other.logits.data[0] - takesNew.logits.data[0])).toBeGreaterThan(1e-3);
    expect(gru.forward(params, tokens, spec).logits.data).toEqual(takesNew.logits.data);
  });

  it('first step from h(0) = 0: h = z ⊙ g (takes-new) or (1 − z) ⊙ g (keeps-old)', () => {
    const sigma = (a: number) => 1 / (1 + Math.exp(-a));
    const P = (n: string) => params[n].data;
    const x = Array.from(P('embedding').subarray(3, 6));                // token 1
    const pre = (W: string, b: string, k: number) => x.reduce((s, v, d) => s + P(W)[k * 3 + d] * v, P(b)[k]);
    for (let k = 0; k < 5; k++) {
      const z = sigma(pre('W_zx', 'b_z', k)), g = Math.tanh(pre('W_gx', 'b_g', k));
      expect(gru.forward(params, [[1]], spec).hidden[0].data[k]).toBeCloseTo(z * g, 15);
      expect(gru.forward(params, [[1]], { ...spec, gru: 'update-keeps-old' }).hidden[0].data[k]).toBeCloseTo((1 - z) * g, 15);
    }
  });

  it('without gate biases (the 2020 PDF, eqs. 29–34) it is the GRU with b_z, b_r, b_g held at 0, in values and gradients', () => {
    const bare: OracleSpec = { ...spec, gateBiases: false };
    expect(Object.keys(gru.paramShapes(bare)).filter((n) => n.startsWith('b_'))).toEqual(['b_p']);
    const zeroed = { ...params, b_z: mat([5], new Float64Array(5)), b_r: mat([5], new Float64Array(5)), b_g: mat([5], new Float64Array(5)) };
    const withoutBiases = Object.fromEntries(Object.entries(params).filter(([n]) => !['b_z', 'b_r', 'b_g'].includes(n)));
    const expected = gru.lossAndGradients(zeroed, tokens, targets, spec);
    const got = gru.lossAndGradients(withoutBiases, tokens, targets, bare);
    expect(got.loss).toBeCloseTo(expected.loss, 14);
    expect(Object.keys(got.grads).sort()).toEqual(Object.keys(withoutBiases).sort());
    for (const [name, g] of Object.entries(got.grads)) g.data.forEach((v, k) => expect(v).toBeCloseTo(expected.grads[name].data[k], 14));
  });

  it('only the GRU runs without gate biases', () => {
    expect(() => lstm.paramShapes({ ...spec, gateBiases: false })).toThrow(
      'oracle.lstm.paramShapes requires spec.gateBiases unset or true (only the GRU runs without gate biases), got false');
  });

  it('rejects an unknown convention', () => {
    expect(() => gru.forward(params, tokens, { ...spec, gru: 'reset-after' as never })).toThrow(
      `oracle.gru.forward requires spec.gru to be 'update-takes-new' or 'update-keeps-old', got "reset-after"`);
  });
});
