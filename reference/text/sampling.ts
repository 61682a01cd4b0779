/**
 * Generation from any TextGenerator: greedy (argmax), temperature sampling, beam search
 * (the 2019 bonus) and completion of a given prefix ("Sleeping beauty is …"). The hidden
 * state is carried between steps, so samples can be longer than the training length.
 *
 * Temperature is a named convention (harness/contract.ts `TemperatureConvention`):
 *   multiply (the course, 2019 final / 2020 PDFs):  p = softmax(τ · x)   — τ is an inverse temperature
 *   divide   (the usual "temperature"):             p = softmax(x / τ)
 * so multiply at τ equals divide at 1/τ. Sampling draws u from a seeded JavaScript
 * generator and inverts the cumulative distribution, the same on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params, TemperatureConvention, TextGenerator, TextGeneratorSpec } from '../../harness/contract';
import { makeRng, type Rng } from '../data/rng';

export const DEFAULT_TEMPERATURE: TemperatureConvention = 'multiply';
export const COURSE_TAUS = [0.5, 1, 2] as const;

/** softmax(τ·x) or softmax(x/τ), in float64. */
export function temperatureProbabilities(logits: ArrayLike<number>, tau: number, convention: TemperatureConvention = DEFAULT_TEMPERATURE): number[] {
  if (!(tau > 0) || !Number.isFinite(tau)) throw new Error(`temperature sampling requires τ > 0, got ${tau}`);
  if (convention !== 'multiply' && convention !== 'divide') throw new Error(`temperature sampling requires convention "multiply" or "divide", got ${JSON.stringify(convention)}`);
  const scaled = Array.from(logits, (x) => (convention === 'multiply' ? tau * x : x / tau));
  const max = Math.max(...scaled);
  const e = scaled.map((x) => Math.exp(x - max));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/** Inverse-CDF draw of one category. */
export function drawCategory(probs: ArrayLike<number>, rng: Rng): number {
  let u = rng.random();
  for (let k = 0; k < probs.length; k++) { u -= probs[k]; if (u < 0) return k; }
  return probs.length - 1;
}

/** The reference's `sample(logits [B, V], τ, seed) → tokens [B]` (see TextGenerator.sample in the contract). */
export function sampleTokens(logits: tf.Tensor2D, tau: number, seed: number, convention: TemperatureConvention = DEFAULT_TEMPERATURE): tf.Tensor1D {
  const [B, V] = logits.shape;
  const values = logits.dataSync();
  const rng = makeRng(`text/sample/${seed}`);
  const out = new Int32Array(B);
  for (let b = 0; b < B; b++) out[b] = drawCategory(temperatureProbabilities(values.subarray(b * V, (b + 1) * V), tau, convention), rng);
  return tf.tensor1d(out, 'int32');
}

export type Strategy =
  | { kind: 'greedy' }
  | { kind: 'temperature'; tau: number; convention?: TemperatureConvention; seed: number };

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}

/**
 * Feed `prefix` (≥ 1 id) through `step`, then produce `length` more ids with `strategy`.
 * Returns only the new ids. Batch of one; every tensor is released.
 */
export function continueText(model: TextGenerator, params: Params, spec: TextGeneratorSpec, prefix: number[], length: number, strategy: Strategy): number[] {
  if (prefix.length < 1) throw new Error('continueText requires a prefix of at least one character, got an empty one');
  const rng = strategy.kind === 'temperature' ? makeRng(`text/generate/${strategy.seed}`) : null;
  return tf.tidy(() => {
    let state: unknown | null = null;
    let logits: tf.Tensor2D | null = null;
    for (const id of prefix) ({ logits, state } = model.step(params, state, tf.tensor1d([id], 'int32'), spec));
    const out: number[] = [];
    for (let k = 0; k < length; k++) {
      const values = logits!.dataSync();                                                   // [1, V] → V
      const next = strategy.kind === 'greedy' ? argmax(values) : drawCategory(temperatureProbabilities(values, strategy.tau, strategy.convention), rng!);
      out.push(next);
      if (k < length - 1) ({ logits, state } = model.step(params, state, tf.tensor1d([next], 'int32'), spec));
    }
    return out;
  });
}

/**
 * `continueText` for several prompts at once: one `step` call per character for all rows
 * (a batch of B rows costs about what one row does on the small models the checks train, so
 * the report's 20 samples take one pass instead of 20). Row b follows `strategies[b]` with
 * the generator `continueText` would give it, so each row's ids are those `continueText`
 * returns for it whenever the model's rows are independent (a check of their own). Prompts
 * of different lengths are continued one by one, and so are all of them when the model's
 * `step` throws on a batch or does not answer [B, V] (one written for a single sequence still
 * gets its samples, as before).
 */
export function continueTexts(model: TextGenerator, params: Params, spec: TextGeneratorSpec, prefixes: number[][], length: number, strategies: Strategy[]): number[][] {
  if (strategies.length !== prefixes.length) throw new Error(`continueTexts requires one strategy per prompt, got ${strategies.length} for ${prefixes.length} prompts`);
  if (prefixes.length === 0) return [];
  if (prefixes.some((p) => p.length !== prefixes[0].length)) return prefixes.map((p, b) => continueText(model, params, spec, p, length, strategies[b]));
  if (prefixes[0].length < 1) throw new Error('continueTexts requires prompts of at least one character, got empty ones');
  const B = prefixes.length;
  const oneByOne = () => prefixes.map((p, b) => continueText(model, params, spec, p, length, strategies[b]));
  if (B === 1) return oneByOne();
  try {
    return continueBatch(model, params, spec, prefixes, length, strategies);
  } catch {
    return oneByOne();
  }
}

function continueBatch(model: TextGenerator, params: Params, spec: TextGeneratorSpec, prefixes: number[][], length: number, strategies: Strategy[]): number[][] {
  const rngs = strategies.map((s) => (s.kind === 'temperature' ? makeRng(`text/generate/${s.seed}`) : null));
  const B = prefixes.length;
  return tf.tidy(() => {
    let state: unknown | null = null;
    let logits: tf.Tensor2D | null = null;
    for (let t = 0; t < prefixes[0].length; t++) ({ logits, state } = model.step(params, state, tf.tensor1d(prefixes.map((p) => p[t]), 'int32'), spec));
    const out: number[][] = prefixes.map(() => []);
    for (let k = 0; k < length; k++) {
      if (logits?.shape.length !== 2 || logits.shape[0] !== B || logits.shape[1] < 1) throw new Error(`step answered [${logits?.shape}] for a batch of ${B}`);
      const values = logits.dataSync();                                                    // [B, V]
      const V = logits.shape[1];
      const next = strategies.map((s, b) => {
        const row = values.subarray(b * V, (b + 1) * V);
        return s.kind === 'greedy' ? argmax(row) : drawCategory(temperatureProbabilities(row, s.tau, s.convention), rngs[b]!);
      });
      next.forEach((id, b) => out[b].push(id));
      if (k < length - 1) ({ logits, state } = model.step(params, state, tf.tensor1d(next, 'int32'), spec));
    }
    return out;
  });
}

/** Greedy continuation: `length` ids after `prefix`. */
export function greedy(model: TextGenerator, params: Params, spec: TextGeneratorSpec, prefix: number[], length: number): number[] {
  return continueText(model, params, spec, prefix, length, { kind: 'greedy' });
}

/**
 * Beam search: keeps the `width` continuations of highest total log-probability; returns
 * the best one of `length` new ids and its log-probability (natural log).
 */
export function beamSearch(model: TextGenerator, params: Params, spec: TextGeneratorSpec, prefix: number[], length: number, width: number): { ids: number[]; logProb: number } {
  if (!Number.isInteger(width) || width < 1) throw new Error(`beamSearch requires an integer beam width ≥ 1, got ${width}`);
  if (prefix.length < 1) throw new Error('beamSearch requires a prefix of at least one character, got an empty one');
  return tf.tidy(() => {
    let state: unknown | null = null;
    let logits: tf.Tensor2D | null = null;
    for (const id of prefix) ({ logits, state } = model.step(params, state, tf.tensor1d([id], 'int32'), spec));
    type Beam = { ids: number[]; logProb: number; logits: tf.Tensor2D; state: unknown };
    let beams: Beam[] = [{ ids: [], logProb: 0, logits: logits!, state }];
    for (let k = 0; k < length; k++) {
      const candidates: Array<{ parent: Beam; id: number; logProb: number }> = [];
      for (const beam of beams) {
        const logp = tf.logSoftmax(beam.logits, 1).dataSync();                              // [1, V] → V
        for (let id = 0; id < logp.length; id++) candidates.push({ parent: beam, id, logProb: beam.logProb + logp[id] });
      }
      candidates.sort((a, b) => b.logProb - a.logProb);
      const kept = candidates.slice(0, width);
      if (k === length - 1) return { ids: [...kept[0].parent.ids, kept[0].id], logProb: kept[0].logProb };
      beams = kept.map((c) => {
        const next = model.step(params, c.parent.state, tf.tensor1d([c.id], 'int32'), spec);
        return { ids: [...c.parent.ids, c.id], logProb: c.logProb, logits: next.logits, state: next.state };
      });
    }
    return { ids: [], logProb: 0 };
  });
}
