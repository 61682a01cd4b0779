import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../harness/backend';
import { textGenerator } from '../models/text-generator';
import { makeRng } from '../data/rng';
import { step64, type Params64, type State64 } from './float64';
import { beamSearch, continueText, continueTexts, drawCategory, greedy, sampleTokens, temperatureProbabilities } from './sampling';

const spec = { vocabSize: 4, embeddingDim: 3, hiddenDim: 5, numLayers: 2 };
beforeAll(async () => { await selectBackend(); });

/** Larger weights so the logits are far from uniform and argmax has clear margins. */
function sharpParams(seed: number) {
  const p = textGenerator.init(spec, seed);
  for (const k of Object.keys(p)) { const old = p[k]; p[k] = tf.mul(old, 3); old.dispose(); }
  return p;
}
const to64 = (p: Record<string, tf.Tensor>): Params64 => Object.fromEntries(Object.entries(p).map(([k, t]) => [k, { shape: t.shape, values: Float64Array.from(t.dataSync()) }]));

describe('temperature conventions', () => {
  const x = [1, -0.5, 2, 0];
  it('multiply is softmax(τx), divide is softmax(x/τ); multiply at τ = divide at 1/τ', () => {
    const soft = (v: number[]) => { const e = v.map(Math.exp); const z = e.reduce((a, b) => a + b); return e.map((q) => q / z); };
    expect(temperatureProbabilities(x, 2, 'multiply')).toEqual(soft(x.map((v) => 2 * v)).map((q) => expect.closeTo(q, 12)));
    expect(temperatureProbabilities(x, 2, 'divide')).toEqual(soft(x.map((v) => v / 2)).map((q) => expect.closeTo(q, 12)));
    expect(temperatureProbabilities(x, 0.5, 'multiply')).toEqual(temperatureProbabilities(x, 2, 'divide').map((q) => expect.closeTo(q, 12)));
    expect(temperatureProbabilities(x, 1, 'multiply')).toEqual(temperatureProbabilities(x, 1, 'divide'));
  });
  it('refuses τ ≤ 0 and unknown conventions', () => {
    expect(() => temperatureProbabilities(x, 0)).toThrow('temperature sampling requires τ > 0, got 0');
    expect(() => temperatureProbabilities(x, 1, 'times' as never)).toThrow('requires convention "multiply" or "divide", got "times"');
  });
  it('drawCategory follows the probabilities, sampleTokens is seeded', () => {
    const rng = makeRng('t');
    const counts = [0, 0, 0];
    for (let k = 0; k < 30000; k++) counts[drawCategory([0.2, 0.5, 0.3], rng)]++;
    expect(counts.map((c) => c / 30000)).toEqual([expect.closeTo(0.2, 1), expect.closeTo(0.5, 1), expect.closeTo(0.3, 1)]);
    const logits = tf.tensor2d([[0, 1, 2], [2, 1, 0]]);
    expect(Array.from(sampleTokens(logits, 1, 9).dataSync())).toEqual(Array.from(sampleTokens(logits, 1, 9).dataSync()));
  });
});

describe('generation', () => {
  let p: Record<string, tf.Tensor>;
  let p64: Params64;
  beforeAll(() => { p = sharpParams(11); p64 = to64(p); });

  it('greedy continuation equals the argmax chain of the float64 oracle', () => {
    let s: State64 | null = null;
    let logits: Float64Array = new Float64Array();
    for (const tok of [1, 2]) ({ logits, state: s } = step64(p64, 2, s, tok));
    const expected: number[] = [];
    for (let k = 0; k < 12; k++) {
      const next = logits.indexOf(Math.max(...logits));
      expected.push(next);
      ({ logits, state: s } = step64(p64, 2, s, next));
    }
    const before = tf.memory().numTensors;
    expect(greedy(textGenerator, p, spec, [1, 2], 12)).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('beam search finds the most probable continuation (exhaustive check over all 4^3 sequences)', () => {
    // score every sequence of 3 after prefix [0] with the float64 oracle
    let best = { ids: [] as number[], lp: -Infinity };
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) for (let c = 0; c < 4; c++) {
      let s: State64 | null = null;
      let lp = 0;
      let r = step64(p64, 2, s, 0);
      for (const tok of [a, b, c]) {
        const z = r.logits; const m = Math.max(...z); const lse = m + Math.log(z.reduce((q, v) => q + Math.exp(v - m), 0));
        lp += z[tok] - lse;
        s = r.state; r = step64(p64, 2, s, tok);
      }
      if (lp > best.lp) best = { ids: [a, b, c], lp };
    }
    const found = beamSearch(textGenerator, p, spec, [0], 3, 16);
    expect(found.ids).toEqual(best.ids);
    expect(found.logProb).toBeCloseTo(best.lp, 4);
    expect(beamSearch(textGenerator, p, spec, [0], 5, 1).ids).toEqual(greedy(textGenerator, p, spec, [0], 5));
  });

  it('continueTexts gives every row what continueText gives it alone: greedy rows the float64 argmax chain, temperature rows their own seeded draws', () => {
    const oracleGreedy = (prefix: number[], n: number) => {
      let s: State64 | null = null;
      let logits: Float64Array = new Float64Array();
      for (const tok of prefix) ({ logits, state: s } = step64(p64, 2, s, tok));
      const out: number[] = [];
      for (let k = 0; k < n; k++) { out.push(logits.indexOf(Math.max(...logits))); if (k < n - 1) ({ logits, state: s } = step64(p64, 2, s, out[k])); }
      return out;
    };
    const temperature = (seed: number, tau: number) => ({ kind: 'temperature' as const, tau, seed });
    const before = tf.memory().numTensors;
    const rows = continueTexts(textGenerator, p, spec, [[1, 2], [3, 0], [0, 1], [2, 2]], 12, [{ kind: 'greedy' }, temperature(4, 1), { kind: 'greedy' }, temperature(5, 0.5)]);
    expect(tf.memory().numTensors).toBe(before);
    expect(rows[0]).toEqual(oracleGreedy([1, 2], 12));
    expect(rows[2]).toEqual(oracleGreedy([0, 1], 12));
    expect(rows[1]).toEqual(continueText(textGenerator, p, spec, [3, 0], 12, temperature(4, 1)));
    expect(rows[3]).toEqual(continueText(textGenerator, p, spec, [2, 2], 12, temperature(5, 0.5)));
    // prompts of different lengths are continued one by one
    expect(continueTexts(textGenerator, p, spec, [[1], [3, 0]], 5, [{ kind: 'greedy' }, { kind: 'greedy' }])).toEqual([oracleGreedy([1], 5), oracleGreedy([3, 0], 5)]);
    expect(() => continueTexts(textGenerator, p, spec, [[1]], 5, [])).toThrow('continueTexts requires one strategy per prompt, got 0 for 1 prompts');
  });

  it('a step written for one sequence at a time still gets its samples: one that answers [1, V] to a batch, or throws on it, is continued row by row', () => {
    const firstRowOnly = { ...textGenerator, step: (q: typeof p, state: unknown, tokens: tf.Tensor1D, s: typeof spec) => {
      const r = textGenerator.step(q, state, tokens, s);
      return { ...r, logits: tf.slice(r.logits, [0, 0], [1, -1]) as tf.Tensor2D };
    } };
    const throwsOnBatch = { ...textGenerator, step: (q: typeof p, state: unknown, tokens: tf.Tensor1D, s: typeof spec) => {
      if (tokens.shape[0] !== 1) throw new Error('batch of one only');
      return textGenerator.step(q, state, tokens, s);
    } };
    const strategies = [{ kind: 'greedy' as const }, { kind: 'temperature' as const, tau: 1, seed: 2 }];
    const alone = [continueText(textGenerator, p, spec, [1], 8, strategies[0]), continueText(textGenerator, p, spec, [3], 8, strategies[1])];
    for (const model of [firstRowOnly, throwsOnBatch]) {
      const before = tf.memory().numTensors;
      expect(continueTexts(model, p, spec, [[1], [3]], 8, strategies)).toEqual(alone);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('temperature sampling is seeded and a high multiplier approaches greedy', () => {
    const a = continueText(textGenerator, p, spec, [3], 20, { kind: 'temperature', tau: 1, seed: 4 });
    expect(continueText(textGenerator, p, spec, [3], 20, { kind: 'temperature', tau: 1, seed: 4 })).toEqual(a);
    expect(continueText(textGenerator, p, spec, [3], 20, { kind: 'temperature', tau: 1000, seed: 4 })).toEqual(greedy(textGenerator, p, spec, [3], 20));
    expect(continueText(textGenerator, p, spec, [3], 20, { kind: 'temperature', tau: 0.001, convention: 'divide', seed: 4 })).toEqual(greedy(textGenerator, p, spec, [3], 20));
  });
});
