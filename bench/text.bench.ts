/**
 * Part 2 benchmark: the reference text generator trained with the course defaults
 * (seq_length 30, two LSTM layers of 128, batch 64, Adam lr 2e-3, max_norm 5).
 *
 * --quick: the generated corpus, a small model, 300 steps (checks the pipeline and the
 *          distance to the grammar's exact best accuracy).
 * full:    Grimm's fairy tales (../shared/data/books, or NETGRADE_TEXT_CORPUS), steps from
 *          NETGRADE_TEXT_STEPS (default 5000; the course reports ≈ 0.65 by ~5000 steps), or
 *          NETGRADE_TEXT_MINUTES: train until that much time has passed (a shared machine);
 *          the greedy samples are then taken at 1/3, 2/3 and 3/3 of the time budget.
 * Writes reports/text-bench.json (curve, samples as TextSamples, ms per step) as it goes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchOptions } from '../harness/cli/bench';
import type { TextSamples } from '../harness/results/types';
import { COURSE_TEXT_SPEC, textGenerator } from '../reference/models/text-generator';
import { readCorpus } from '../reference/text/corpus';
import { TextDataset } from '../reference/text/dataset';
import { generateCorpus, windowCeiling } from '../reference/text/grammar';
import { completePrefix, greedySamples, pickStarts, SAMPLE_FRACTIONS, temperatureSamples } from '../reference/text/samples';
import { COURSE_TRAIN_CONFIG, trainTextGenerator } from '../reference/text/train';

export const GRIMM = resolve(__dirname, '..', '..', 'shared', 'data', 'books', 'book_EN_grimms_fairy_tails.txt');

export default async function run({ quick }: BenchOptions): Promise<void> {
  const generated = quick ? generateCorpus(100_000, 1) : null;
  const corpus = generated ?? readCorpus(process.env.NETGRADE_TEXT_CORPUS ?? GRIMM);
  const data = new TextDataset(corpus);
  const spec = quick ? { vocabSize: data.vocabSize, embeddingDim: 16, hiddenDim: 64, numLayers: 2 } : { vocabSize: data.vocabSize, ...COURSE_TEXT_SPEC };
  const minutes = quick ? undefined : process.env.NETGRADE_TEXT_MINUTES ? Number(process.env.NETGRADE_TEXT_MINUTES) : undefined;
  const steps = quick ? 300 : minutes ? 1_000_000 : Number(process.env.NETGRADE_TEXT_STEPS ?? 5000);
  const config = { ...COURSE_TRAIN_CONFIG, steps, seed: 0, evalEvery: quick ? 25 : 50 };
  console.log(`corpus ${corpus.source}: ${data.length} characters, vocabulary ${data.vocabSize}${corpus.bomStripped ? ' (a leading BOM was stripped)' : ''}`);
  console.log(`spec ${JSON.stringify(spec)}; ${steps} steps, batch ${config.batchSize}, Adam lr ${config.learningRate}, max_norm ${config.maxNorm}, seq_length ${data.seqLength}`);
  const starts = pickStarts(data, 5, 0);
  const samples: TextSamples = { greedy: [], temperature: [] };
  const out = join(__dirname, '..', 'reports', quick ? 'text-bench-quick.json' : 'text-bench.json');
  mkdirSync(join(__dirname, '..', 'reports'), { recursive: true });
  const curve: unknown[] = [];
  const save = (extra: object = {}) => writeFileSync(out, JSON.stringify({ corpus: corpus.source, spec, config, curve, samples, ...extra }, null, 1));
  const sampleAt = (label: string, params: Parameters<typeof greedySamples>[1], step: number) => {
    const greedy = greedySamples(textGenerator, params, spec, data, starts);
    samples.greedy.push({ at: label, samples: greedy });
    console.log(`greedy samples at ${label} of training (step ${step}):`);
    for (const s of greedy) console.log(`  ${JSON.stringify(s.text)}`);
    save();
  };
  let timedSamples = 0;
  const result = trainTextGenerator(textGenerator, spec, data, config, {
    onPoint(p, params) {
      curve.push(p);
      console.log(`step ${p.step}: loss ${p.loss.toFixed(3)} accuracy ${p.accuracy.toFixed(3)} (${(1000 * p.seconds / p.step).toFixed(0)} ms/step)`);
      save();
      // time-budget mode: 1/3 and 2/3 by the clock; 3/3 after the loop
      if (minutes && timedSamples < 2 && p.seconds >= ((timedSamples + 1) / 3) * minutes * 60) sampleAt(SAMPLE_FRACTIONS[timedSamples++].label, params, p.step);
    },
    shouldStop: (p) => minutes !== undefined && p.seconds >= minutes * 60,
    fractions: minutes ? [] : SAMPLE_FRACTIONS.map((f) => f.fraction),
    onFraction(fraction, params, step) { sampleAt(SAMPLE_FRACTIONS.find((f) => f.fraction === fraction)!.label, params, step); },
  });
  if (minutes) sampleAt('3/3', result.params, result.curve.at(-1)?.step ?? 0);
  samples.temperature = temperatureSamples(textGenerator, result.params, spec, data, starts, { seed: 0 });
  for (const t of samples.temperature) { console.log(`τ = ${t.tau} (multiply: softmax(τ·x)):`); for (const s of t.samples) console.log(`  ${JSON.stringify(s)}`); }
  const prompt = quick ? 'the king ' : 'Sleeping beauty is ';
  const completion = data.vocab.includes(prompt[0]) ? completePrefix(textGenerator, result.params, spec, data, prompt, 60) : '';
  console.log(`completion: ${JSON.stringify(completion)}`);
  const last = result.curve.slice(-5);
  const finalAccuracy = last.reduce((s, p) => s + p.accuracy, 0) / last.length;
  const summary: Record<string, number> = { msPerStep: result.msPerStep, finalAccuracy, finalLoss: last.reduce((s, p) => s + p.loss, 0) / last.length };
  if (generated) {
    const ceiling = windowCeiling(generated, data.seqLength, 2000);
    Object.assign(summary, { bestAccuracy: generated.stats.bestAccuracy, windowCeiling: ceiling.accuracy, entropyNats: generated.stats.entropyNats });
    console.log(`grammar: best achievable accuracy ${generated.stats.bestAccuracy.toFixed(4)} (known state), ${ceiling.accuracy.toFixed(4)} within a ${data.seqLength}-character window; entropy ${generated.stats.entropyNats.toFixed(4)} nats/char`);
  }
  console.log(`final (mean of last ${last.length} points): accuracy ${finalAccuracy.toFixed(3)}, loss ${summary.finalLoss.toFixed(3)}; ${result.msPerStep.toFixed(0)} ms per training step`);
  save({ summary, completion });
  for (const t of Object.values(result.params)) t.dispose();
}
