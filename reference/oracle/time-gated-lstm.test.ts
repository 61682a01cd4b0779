import { lstm, randomParams, timeGatedLSTM, type OracleSpec } from './index';

const spec: OracleSpec = { vocabSize: 3, numClasses: 2, hiddenDim: 4, input: { kind: 'one-hot' } };
const tokens = [[0, 2, 1, 1, 2], [2, 0, 0, 1, 1]];
const targets = [1, 0];

describe('oracle timeGatedLSTM', () => {
  const params = randomParams('lstm', spec, 13);

  it('with k(t) = 1 at every step (τ = 1, s = ½, r_on = 1 → φ = ½ → k = 1) it is the LSTM', () => {
    const open = { ...spec, timeGate: { tau: 1, s: 0.5, rOn: 1 } };
    const a = timeGatedLSTM.lossAndGradients(params, tokens, targets, open);
    const b = lstm.lossAndGradients(params, tokens, targets, spec);
    expect(a.loss).toBe(b.loss);
    for (const name of Object.keys(b.grads)) expect(a.grads[name].data).toEqual(b.grads[name].data);
  });

  it('with the gate always closed (α = 0) the state never moves: h = 0, logits = b_p, no gradient into the cell', () => {
    const closed = { ...spec, timeGate: { tau: 10, s: 0, rOn: 0.05 } };  // φ(t) = t/10 ≥ r_on for t ≥ 1
    const { logits, grads } = timeGatedLSTM.lossAndGradients(params, tokens, targets, closed);
    expect(Array.from(logits.data)).toEqual([...params.b_p.data, ...params.b_p.data]);
    expect(timeGatedLSTM.forward(params, tokens, closed).hidden.every((h) => h.data.every((v) => v === 0))).toBe(true);
    expect(grads.W_gx.data.every((v) => v === 0)).toBe(true);
    expect(grads.b_p.data.some((v) => v !== 0)).toBe(true);
  });

  it('a closed step keeps h and c: with k(2) = 0, h(2) = h(1)', () => {
    const gate = { tau: 2, s: 0, rOn: 0.5 };                          // φ(1) = ½ (closed), φ(2) = 0 → k = 0 … open at t = 1.5
    const shifted = { tau: 2, s: 0.5, rOn: 0.5 };                     // φ(1) = ¼ → k(1) = 1; φ(2) = ¾ → k(2) = 0
    expect(timeGatedLSTM.forward(params, tokens, { ...spec, timeGate: gate }).hidden[0].data.every((v) => v === 0)).toBe(true);
    const h = timeGatedLSTM.forward(params, tokens, { ...spec, timeGate: shifted }).hidden;
    expect(h[1].data).toEqual(h[0].data);
    expect(h[0].data).toEqual(lstm.forward(params, [[0], [2]], spec).hidden[0].data);
  });

  it('requires the gate', () => {
    expect(() => timeGatedLSTM.forward(params, tokens, spec)).toThrow('oracle.timeGatedLSTM (spec.timeGate) requires time-gate parameters { tau, s, rOn, alpha? }, got undefined');
  });
});
