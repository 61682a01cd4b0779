/**
 * The text-generator checks on in-memory submissions (objectHandle: the real op registry,
 * no process): the reference passes; planted mistakes fail with the right message.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../backend';
import type { Submission, TemperatureConvention, TextGenerator } from '../../contract';
import { loadProfile } from '../../profiles';
import { textGenerator } from '../../../reference/models/text-generator';
import { sampleTokens, temperatureProbabilities } from '../../../reference/text/sampling';
import { objectHandle } from '../testing/handle';
import { chiSquareFit, contractCheck, forwardCheck, gradientsCheck, greedyCheck, stepCheck, TEMPERATURE_LOGITS, temperatureCheck, textChecks, trainingCheck } from './index';
import type { TextSamples } from '../../results/types';

const quick = loadProfile('quick');
beforeAll(async () => { await selectBackend(); });

const submission = (model: TextGenerator, temperature?: TemperatureConvention): Submission => ({ models: { textGenerator: model }, conventions: temperature ? { temperature } : {} });
const run = (check: (typeof textChecks)[number], s: Submission, profile = quick) => check.run({ handle: objectHandle(s), profile, seed: 1 });

describe('the reference passes', () => {
  const s = submission(textGenerator, 'multiply');
  test.each([contractCheck, forwardCheck, stepCheck, gradientsCheck, greedyCheck, temperatureCheck].map((c) => [c.id, c]))('%s', async (_id, check) => {
    expect(await run(check, s)).toMatchObject({ status: 'passed' });
  });
  test('ids are priced by the profiles\' textGenerator.* rubric entry', () => {
    expect(textChecks.map((c) => c.id)).toEqual(['textGenerator.contract', 'textGenerator.forward', 'textGenerator.step', 'textGenerator.gradients', 'textGenerator.greedy', 'textGenerator.temperature', 'textGenerator.training']);
    expect(textChecks.every((c) => c.part === 'part2' && c.subject === 'textGenerator')).toBe(true);
  });
});

describe('the chi-square test', () => {
  const draw = (tau: number, c: TemperatureConvention, n = 4000, seed = 3) => tf.tidy(() => {
    const counts = new Array(TEMPERATURE_LOGITS.length).fill(0);
    for (const id of sampleTokens(tf.tile(tf.tensor2d([TEMPERATURE_LOGITS]), [n, 1]) as tf.Tensor2D, tau, seed, c).dataSync()) counts[id]++;
    return counts;
  });
  test.each([0.5, 2])('accepts the right convention and rejects the other at τ = %s', (tau) => {
    for (const c of ['multiply', 'divide'] as const) {
      const counts = draw(tau, c);
      expect(chiSquareFit(counts, temperatureProbabilities(TEMPERATURE_LOGITS, tau, c)).rejected).toBe(false);
      expect(chiSquareFit(counts, temperatureProbabilities(TEMPERATURE_LOGITS, tau, c === 'multiply' ? 'divide' : 'multiply')).rejected).toBe(true);
    }
  });
  test('statistic, merging and critical value by hand', () => {
    // 2 bins of 50/50 expected, observed 60/40: χ² = 100/50 + 100/50 = 4, df 1, critical(0.005) = 7.88
    expect(chiSquareFit([60, 40], [0.5, 0.5])).toEqual({ statistic: 4, df: 1, critical: 7.88, rejected: false });
    // the 0.01 bin expects 1 of 100 draws → merged into the 0.09 bin
    expect(chiSquareFit([50, 40, 9, 1], [0.5, 0.4, 0.09, 0.01])).toMatchObject({ statistic: 0, df: 2 });
  });
});

describe('planted mistakes', () => {
  test('declaring divide while sampling softmax(τ·x) fails and names the multiply convention', async () => {
    const out = await run(temperatureCheck, submission(textGenerator, 'divide'));
    expect(out).toMatchObject({ status: 'failed', diagnosis: { id: 'temperature.multiply' } });
    expect((out as { hint: string }).hint).toMatch("your samples follow softmax(τ·x): declare conventions: { temperature: 'multiply' }");
  });
  test('a divide sampler declared as divide passes; undeclared falls back to the profile (multiply) and fails', async () => {
    const divider: TextGenerator = { ...textGenerator, sample: (l, tau, seed) => sampleTokens(l, tau, seed, 'divide') };
    expect(await run(temperatureCheck, submission(divider, 'divide'))).toMatchObject({ status: 'passed' });
    expect(await run(temperatureCheck, submission(divider))).toMatchObject({ status: 'failed', diagnosis: { id: 'temperature.divide' } });
  });
  test('a sampler that ignores τ matches neither convention', async () => {
    const deaf: TextGenerator = { ...textGenerator, sample: (l, _tau, seed) => sampleTokens(l, 1, seed) };
    const out = await run(temperatureCheck, submission(deaf, 'multiply'));
    expect(out).toMatchObject({ status: 'failed' });
    expect(out).not.toHaveProperty('diagnosis');
  });
  test('no sample function → not submitted', async () => {
    const { sample: _omit, ...noSample } = textGenerator;
    expect(await run(temperatureCheck, submission(noSample as TextGenerator, 'multiply'))).toMatchObject({ status: 'errored', cause: 'not-submitted' });
  });
  test('a step that forgets its state fails step ≡ forward and greedy, with the state hint', async () => {
    const amnesic: TextGenerator = { ...textGenerator, step: (p, _state, tokens, spec) => textGenerator.step(p, null, tokens, spec) };
    const step = await run(stepCheck, submission(amnesic));
    expect(step).toMatchObject({ status: 'failed', actual: expect.stringContaining('first differs at t = 2') });
    expect((step as { hint: string }).hint).toMatch(/return the \(h, c\) of every layer/);
    expect(await run(greedyCheck, submission(amnesic))).toMatchObject({ status: 'failed' });
    expect(await run(forwardCheck, submission(amnesic))).toMatchObject({ status: 'passed' });
  });
  test('input and forget gates swapped: forward, step-independent, gradients all fail', async () => {
    const swap = (p: Record<string, tf.Tensor>) => {
      const q = { ...p };
      for (const l of [0, 1]) for (const s of ['x', 'h']) { q[`l${l}.W_i${s}`] = p[`l${l}.W_f${s}`]; q[`l${l}.W_f${s}`] = p[`l${l}.W_i${s}`]; }
      return q;
    };
    const swapped: TextGenerator = { ...textGenerator, forward: (p, x, spec) => textGenerator.forward(swap(p), x, spec), step: (p, s, x, spec) => textGenerator.step(swap(p), s, x, spec) };
    expect(await run(forwardCheck, submission(swapped))).toMatchObject({ status: 'failed' });
    expect(await run(gradientsCheck, submission(swapped))).toMatchObject({ status: 'failed' });
    expect(await run(stepCheck, submission(swapped))).toMatchObject({ status: 'passed' }); // consistent with its own forward
  });
  test('a missing bias fails the contract with the name', async () => {
    const noBias: TextGenerator = { ...textGenerator, init: (spec, seed) => { const p = textGenerator.init(spec, seed); p.b_p.dispose(); delete p.b_p; return p; } };
    expect(await run(contractCheck, submission(noBias))).toMatchObject({ status: 'failed', actual: expect.stringContaining('b_p missing') });
  });
  test('no text generator → not submitted, for every check', async () => {
    for (const check of textChecks) expect(await run(check, { models: {} })).toMatchObject({ status: 'errored', cause: 'not-submitted' });
  });
});

describe('training on the generated corpus', () => {
  // a small budget keeps the test in seconds: short windows, small model
  const profile = { ...quick, text: { seqLength: 10, batchSize: 16, hiddenDim: 16, embeddingDim: 8, steps: 40, evalEvery: 10, target: 0.27, learningRate: 0.02 } };
  test('the reference reaches the target; a model that ignores its input (unigram at best) does not', async () => {
    const handle = objectHandle(submission(textGenerator, 'multiply'));
    const ref = await trainingCheck.run({ handle, profile: profile as typeof quick, seed: 1 });
    expect(ref).toMatchObject({ status: 'passed' });
    // the run's samples travel with the outcome, for the report
    const samples = (ref as { artifacts?: { text?: TextSamples } }).artifacts?.text as TextSamples;
    // training may stop before its budget (curve ≥ target + 0.03): the last samples are then those it ended with
    const labels = samples.greedy.map((g) => g.at);
    expect(labels[0]).toBe('1/3');
    expect(labels.at(-1)).toBe('3/3');
    expect(['1/3', '2/3', '3/3'].filter((l) => labels.includes(l))).toEqual(labels);
    expect(samples.temperature.map((t) => t.tau)).toEqual([0.5, 1, 2]);
    expect((ref as { note: string }).note).toMatch(/^accuracy 0\.\d{3} on held-out text the grader drew itself, after \d+ steps/);
    const blind: TextGenerator = { ...textGenerator, forward: (p, x, spec) => tf.tidy(() => textGenerator.forward(p, tf.zerosLike(x), spec)) };
    const out = await run(trainingCheck, submission(blind), profile as typeof quick);
    expect(out).toMatchObject({ status: 'failed', expected: 'per-character accuracy ≥ 0.27 on held-out text within 40 steps' });
  });

  test('a curve that does not come from the parameters earns nothing: the grader scores the trained parameters itself', async () => {
    // the cheat: forward predicts from a bigram table it fills from the inputs it is shown, and keeps the parameters
    // on the tape only through a zero term, so training reports a rising curve while the parameters stay the init
    const counts = new Map<number, number[]>();
    const cheat: TextGenerator = {
      ...textGenerator,
      forward: (p, x, spec) => tf.tidy(() => {
        const rows = x.arraySync() as number[][];
        for (const row of rows) for (let t = 0; t + 1 < row.length; t++) {
          const c = counts.get(row[t]) ?? new Array<number>(spec.vocabSize).fill(0);
          c[row[t + 1]] += 1;
          counts.set(row[t], c);
        }
        const logits = rows.map((row) => row.map((id) => (counts.get(id) ?? new Array<number>(spec.vocabSize).fill(0)).map((n) => 5 * Math.log1p(n))));
        return tf.add(tf.tensor3d(logits), tf.mul(0, tf.sum(p.b_p))) as tf.Tensor3D;
      }),
    };
    const out = await run(trainingCheck, submission(cheat), profile as typeof quick);
    expect(out).toMatchObject({ status: 'failed', expected: 'per-character accuracy ≥ 0.27 on held-out text within 40 steps', hint: expect.stringContaining('the outputs must come from the parameters forward is given') });
    // its own curve said it passed
    expect((out as { actual: string }).actual).toMatch(/training curve 0\.(3|4|5|6|7|8|9)/);
  });

  test('trained parameters that are not the contract\'s shapes cannot be scored and earn nothing', async () => {
    // b_p as [1, V] broadcasts in forward, so training runs; the contract's b_p is [V]
    const reshaped: TextGenerator = { ...textGenerator, init: (spec, seed) => { const p = textGenerator.init(spec, seed); const b = p.b_p; p.b_p = b.reshape([1, spec.vocabSize]); b.dispose(); return p; } };
    const out = await run(trainingCheck, submission(reshaped), profile as typeof quick);
    expect(out).toMatchObject({ status: 'failed', expected: expect.stringContaining('the trained parameters under the contract\'s names and shapes') });
  });
});
