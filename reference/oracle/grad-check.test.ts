/**
 * Every hand-derived backward pass agrees with central differences of the loss (all
 * entries of every parameter, float64, relative error |a − n| / max(1e-8, |a| + |n|)).
 */
import type { SequenceModelName } from '../../harness/contract';
import { centralDifference, gradCheck, lstm, oracle, randomParams, symmetricRelativeError, type OracleModel, type OracleSpec } from './index';

const tokens = [[1, 2, 0, 1, 2], [0, 0, 1, 2, 1], [2, 1, 1, 0, 0]];  // [B = 3][T = 5]
const targets = [0, 2, 1];
const base = { vocabSize: 3, numClasses: 3, hiddenDim: 4 } as const;

// The time gate k(t) depends on t, τ, s, r_on only, so it is a constant per step for the
// parameters being differentiated: the loss is smooth in the parameters even though k is
// piecewise linear in t. The settings still keep every step away from the kinks
// (φ ∉ {0, r_on/2, r_on}) and cover the opening, closing and closed phases and t < s.
const gates = {
  'α = 0': { tau: 3, s: 0.7, rOn: 0.6 },                        // φ(1…5) ≈ 0.1, 0.43, 0.77, 0.1, 0.43
  'α > 0, t < s': { tau: 2.5, s: 4.2, rOn: 0.5, alpha: 0.05 },  // t = 1…4 precede s; φ(1…5) = 0.72, 0.12, 0.52, 0.92, 0.32
};

// Weights uniform in ±2/√fan_in (randomParams scale 2). Why not the default scale 1: a
// float64 difference quotient resolves a gradient to ~1e-14 absolute at best (round-off
// ε·L/h), so an entry of size 4e-8 — the W_fh of an LSTM whose early h(t) are nearly
// zero — cannot show a relative error below 1e-7 whatever the backward pass does. The
// larger scale keeps every entry resolvable; the seed is fixed, so the test is deterministic.
const SEED = 1, SCALE = 2;

const cases: Array<[string, SequenceModelName, OracleSpec]> = [
  ['vanillaRNN, one-hot', 'vanillaRNN', { ...base, input: { kind: 'one-hot' } }],
  ['vanillaRNN, embedding', 'vanillaRNN', { ...base, input: { kind: 'embedding', dim: 2 } }],
  ['lstm, one-hot', 'lstm', { ...base, input: { kind: 'one-hot' } }],
  ['lstm, embedding', 'lstm', { ...base, input: { kind: 'embedding', dim: 3 } }],
  ['lstm, scalar', 'lstm', { ...base, input: { kind: 'scalar' } }],
  ['peepLSTM, embedding', 'peepLSTM', { ...base, input: { kind: 'embedding', dim: 3 } }],
  ['peepLSTM, one-hot', 'peepLSTM', { ...base, input: { kind: 'one-hot' } }],
  ['gru update-takes-new, embedding', 'gru', { ...base, input: { kind: 'embedding', dim: 3 }, gru: 'update-takes-new' }],
  ['gru update-keeps-old, embedding', 'gru', { ...base, input: { kind: 'embedding', dim: 3 }, gru: 'update-keeps-old' }],
  ['gru update-keeps-old, scalar', 'gru', { ...base, input: { kind: 'scalar' }, gru: 'update-keeps-old' }],
  ['biLSTM, embedding', 'biLSTM', { ...base, input: { kind: 'embedding', dim: 2 } }],
  ['biLSTM, one-hot', 'biLSTM', { ...base, input: { kind: 'one-hot' } }],
  ['timeGatedLSTM, gate α = 0', 'timeGatedLSTM', { ...base, input: { kind: 'one-hot' }, timeGate: gates['α = 0'] }],
  ['timeGatedLSTM, gate α > 0 with t < s', 'timeGatedLSTM', { ...base, input: { kind: 'embedding', dim: 2 }, timeGate: gates['α > 0, t < s'] }],
];

describe('oracle backward passes agree with central differences', () => {
  it.each(cases)('%s', (_label, model, spec) => {
    const params = randomParams(model, spec, SEED, { scale: SCALE });
    const report = gradCheck(model, params, tokens, targets, spec);
    expect(report.checked).toBe(Object.values(params).reduce((n, p) => n + p.data.length, 0));
    expect(report.maxRelError).toBeLessThan(1e-7);
  });

  it('covers every model of the oracle', () => {
    expect(new Set(cases.map(([, m]) => m))).toEqual(new Set(Object.keys(oracle)));
  });
});

describe('gradCheck', () => {
  it('flags a backward pass that is wrong in one parameter', () => {
    const spec: OracleSpec = { ...base, input: { kind: 'one-hot' } };
    const broken: OracleModel = {
      ...lstm,
      lossAndGradients(p, x, y, s) {
        const out = lstm.lossAndGradients(p, x, y, s);
        out.grads.W_fh.data[5] *= 1.001;                                // a 0.1 % error in one entry
        return out;
      },
    };
    const report = gradCheck(broken, randomParams('lstm', spec, 3), tokens, targets, spec);
    expect(report.worst).toMatchObject({ name: 'W_fh', index: 5 });
    expect(report.maxRelError).toBeGreaterThan(1e-4);
  });

  it('differentiates a known function: d/dx sin(x)·x² at x = 0.7', () => {
    const x = new Float64Array([0.7]);
    const f = () => Math.sin(x[0]) * x[0] ** 2;
    const exact = Math.cos(0.7) * 0.49 + 2 * 0.7 * Math.sin(0.7);
    for (const order of [2, 4, 6] as const) {
      expect(symmetricRelativeError(exact, centralDifference(f, x, 0, { 2: 1e-5, 4: 1e-3, 6: 1e-2 }[order], order))).toBeLessThan(1e-9);
    }
    expect(x[0]).toBe(0.7);                                             // restored after perturbing
  });

  it('relative error uses the 1e-8 floor for two vanishing gradients', () => {
    expect(symmetricRelativeError(0, 0)).toBe(0);
    expect(symmetricRelativeError(1e-12, 0)).toBeCloseTo(1e-4, 12);
    expect(symmetricRelativeError(1, 1.5)).toBeCloseTo(0.2, 12);
  });
});
