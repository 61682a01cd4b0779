import { checkParams, countParams, lstmParamCount, lstmShapes, oracle, randomParams, type OracleSpec } from './index';

describe('parameter counts', () => {
  it('one LSTM cell with input 200 and state 200 has 320,800 parameters', () => {
    expect(lstmParamCount(200, 200)).toBe(320_800);
    expect(countParams(lstmShapes(200, 200))).toBe(320_800);       // by counting the oracle's shapes
  });

  it.each([[1, 1, 2], [10, 128, 10], [3, 256, 2], [200, 200, 10000]])('4(nd + n² + n) + nK + K for d = %i, n = %i, K = %i', (d, n, K) => {
    const spec: OracleSpec = { vocabSize: d, numClasses: K, hiddenDim: n, input: { kind: 'one-hot' } };
    expect(lstmParamCount(d, n, K)).toBe(countParams(oracle.lstm.paramShapes(spec)));
    expect(lstmParamCount(d, n, K)).toBe(lstmParamCount(d, n) + n * K + K);
  });

  it('rejects a negative or fractional size', () => {
    expect(() => lstmParamCount(-1, 4)).toThrow('lstmParamCount requires d to be a non-negative integer, got -1');
    expect(() => lstmParamCount(3, 2.5)).toThrow('lstmParamCount requires n to be a non-negative integer, got 2.5');
  });
});

describe('randomParams', () => {
  const spec: OracleSpec = { vocabSize: 3, numClasses: 2, hiddenDim: 4, input: { kind: 'embedding', dim: 5 } };

  it('gives every canonical parameter, the same values for the same seed, others for another', () => {
    const a = randomParams('gru', spec, 7), b = randomParams('gru', spec, 7), c = randomParams('gru', spec, 8);
    expect(Object.keys(a)).toEqual(['embedding', 'W_zx', 'W_zh', 'b_z', 'W_rx', 'W_rh', 'b_r', 'W_gx', 'W_gh', 'b_g', 'W_ph', 'b_p']);
    expect(a.W_zx.shape).toEqual([4, 5]);
    expect(a).toEqual(b);
    expect(a.W_zx.data).not.toEqual(c.W_zx.data);
  });

  it('draws within ±scale/√fan_in', () => {
    const p = randomParams('lstm', { ...spec, hiddenDim: 16 }, 1, { scale: 2 });
    const max = Math.max(...Array.from(p.W_gh.data, Math.abs));
    expect(max).toBeLessThanOrEqual(2 / 4);
    expect(max).toBeGreaterThan(0.4);
  });
});

describe('checkParams', () => {
  const shapes = { W: [2, 3], b: [2] };
  const ok = () => ({ W: { shape: [2, 3], data: new Float64Array(6) }, b: { shape: [2], data: new Float64Array(2) } });

  it('names a misshapen, missing or unknown parameter', () => {
    expect(() => checkParams('here', ok(), shapes)).not.toThrow();
    expect(() => checkParams('here', { ...ok(), W: { shape: [3, 2], data: new Float64Array(6) } }, shapes)).toThrow('here requires params.W of shape [2, 3], got [3, 2]');
    const { b: _b, ...noBias } = ok();
    expect(() => checkParams('here', noBias, shapes)).toThrow('here requires params.b of shape [2], got nothing');
    expect(() => checkParams('here', { ...ok(), W_xh: ok().W }, shapes)).toThrow('got an unknown params.W_xh (check its spelling)');
    expect(() => checkParams('here', { ...ok(), b: { shape: [2], data: new Float32Array(2) as never } }, shapes)).toThrow('here requires params.b.data as a Float64Array of 2 values, got Float32Array of length 2');
    const otherRealm = require('node:vm').runInNewContext('new Float64Array(2)');
    expect(() => checkParams('here', { ...ok(), b: { shape: [2], data: otherRealm } }, shapes)).not.toThrow();
  });
});
