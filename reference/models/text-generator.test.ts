import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../harness/backend';
import { forward64, numericGradient, step64, type Params64, type State64 } from '../text/float64';
import { disposeState, sequenceLoss, textGenerator, textGeneratorShapes } from './text-generator';

const spec = { vocabSize: 7, embeddingDim: 5, hiddenDim: 6, numLayers: 2 };
const tokens = [[0, 3, 6, 2, 2, 5], [1, 1, 4, 0, 6, 3], [5, 4, 3, 2, 1, 0]];
const targets = tokens.map((row) => [...row.slice(1), 2]);

function to64(params: Record<string, tf.Tensor>): Params64 {
  return Object.fromEntries(Object.entries(params).map(([k, t]) => [k, { shape: t.shape, values: Float64Array.from(t.dataSync()) }]));
}
const relErr = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let num = 0, den = 0;
  for (let k = 0; k < a.length; k++) { num = Math.max(num, Math.abs(a[k] - b[k])); den = Math.max(den, Math.abs(b[k])); }
  return num / Math.max(den, 1e-12);
};

beforeAll(async () => { await selectBackend(); });

describe('reference text generator', () => {
  it('has the contract names and shapes, and a seed gives the same parameters', () => {
    const p = textGenerator.init(spec, 3);
    expect(Object.fromEntries(Object.entries(p).map(([k, t]) => [k, t.shape]))).toEqual(textGeneratorShapes(spec));
    expect(Object.keys(p)).toContain('l1.W_oh');
    expect(p['l1.W_gx'].shape).toEqual([6, 6]);
    expect(p['l0.W_gx'].shape).toEqual([6, 5]);
    const q = textGenerator.init(spec, 3);
    for (const k of Object.keys(p)) expect(Array.from(q[k].dataSync())).toEqual(Array.from(p[k].dataSync()));
    expect(Array.from(textGenerator.init(spec, 4).W_ph.dataSync())).not.toEqual(Array.from(p.W_ph.dataSync()));
  });

  it('forward equals the float64 oracle (relative error < 1e-4)', () => {
    const p = textGenerator.init(spec, 1);
    const out = tf.tidy(() => textGenerator.forward(p, tf.tensor2d(tokens, undefined, 'int32'), spec).arraySync()) as number[][][];
    const expected = forward64(to64(p), 2, tokens);
    expect(relErr(out.flat(2), expected.flatMap((r) => r.flatMap((z) => Array.from(z))))).toBeLessThan(1e-4);
  });

  it('step repeated T times equals forward, state carried between calls, nothing leaked', () => {
    const p = textGenerator.init(spec, 2);
    const x = tf.tensor2d(tokens, undefined, 'int32');
    const full = textGenerator.forward(p, x, spec);
    const before = tf.memory().numTensors;
    let state: unknown = null;
    const stepped: number[][] = [];
    for (let t = 0; t < tokens[0].length; t++) {
      const col = tf.tensor1d(tokens.map((r) => r[t]), 'int32');
      const r = textGenerator.step(p, state, col, spec);
      disposeState(state);
      stepped.push(Array.from(r.logits.dataSync()));
      r.logits.dispose(); col.dispose();
      state = r.state;
    }
    disposeState(state);
    expect(tf.memory().numTensors).toBe(before);
    const f = full.arraySync() as number[][][];
    for (let t = 0; t < tokens[0].length; t++) expect(relErr(stepped[t], f.map((row) => row[t]).flat())).toBeLessThan(1e-5);
    // and the float64 step agrees too
    let s64: State64 | null = null;
    for (const tok of tokens[0]) s64 = step64(to64(p), 2, s64, tok).state;
    expect(s64!.h[1].length).toBe(6);
  });

  it('gradients of the mean per-step cross-entropy equal central differences of the float64 oracle (< 1e-3)', () => {
    const p = textGenerator.init(spec, 5);
    const names = Object.keys(p);
    const x = tf.tensor2d(tokens, undefined, 'int32');
    const y = tf.tensor2d(targets, undefined, 'int32');
    const grads = tf.grads((...ts: tf.Tensor[]) => {
      const record = Object.fromEntries(names.map((n, i) => [n, ts[i]]));
      return sequenceLoss(textGenerator.forward(record, x, spec), y);
    })(names.map((n) => p[n]));
    const p64 = to64(p);
    for (const name of ['embedding', 'l0.W_gx', 'l0.W_fh', 'l1.W_ih', 'l1.b_o', 'W_ph', 'b_p']) {
      const g = grads[names.indexOf(name)].dataSync();
      const entries = [0, Math.min(7, g.length - 2), g.length - 1];
      const numeric = numericGradient(p64, 2, tokens, targets, name, entries);
      expect(relErr(entries.map((k) => g[k]), numeric)).toBeLessThan(1e-3);
    }
  });

  it('refuses a malformed spec with the field that is wrong', () => {
    expect(() => textGenerator.init({ ...spec, hiddenDim: 0 }, 0)).toThrow('textGenerator.init requires spec.hiddenDim to be a positive integer, got 0');
  });
});
