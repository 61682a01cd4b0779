/**
 * `npm run text -- [options]` — train the reference text generator and print its curve,
 * greedy samples at 1/3, 2/3, 3/3, temperature samples and a prefix completion (greedy and
 * beam search). Without --corpus it uses the generated corpus and reports the grammar's
 * exact best accuracy. Writes the curve and the report's TextSamples to --out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { describeBackend, selectBackend } from '../backend';
import type { TemperatureConvention } from '../contract';
import { textGenerator } from '../../reference/models/text-generator';
import { beamSearch, completePrefix, generateCorpus, readCorpus, TextDataset, trainWithSamples, windowCeiling } from '../../reference/text';

const num = (v: string) => Number(v);

async function main(): Promise<void> {
  const program = new Command('text')
    .description('train the reference character-level LSTM and sample from it')
    .option('--corpus <path>', 'a UTF-8 .txt file (e.g. ../shared/data/books/book_EN_grimms_fairy_tails.txt); default: the generated corpus')
    .option('--generated-length <n>', 'characters of the generated corpus', num, 200_000)
    .option('--steps <n>', 'training steps', num, 5000)
    .option('--minutes <m>', 'train for this long instead of --steps', num)
    .option('--seed <n>', 'seed of parameters, batches and samples', num, 0)
    .option('--seq-length <n>', 'seq_length', num, 30)
    .option('--batch <n>', 'batch size', num, 64)
    .option('--embedding <n>', 'embedding size (not prescribed by the course)', num, 64)
    .option('--hidden <n>', 'LSTM units per layer', num, 128)
    .option('--layers <n>', 'LSTM layers', num, 2)
    .option('--lr <x>', 'Adam learning rate', num, 2e-3)
    .option('--max-norm <x>', 'gradient clipping (global norm)', num, 5)
    .option('--temperature <convention>', 'multiply: softmax(τ·x) (the course) or divide: softmax(x/τ)', 'multiply')
    .option('--prompt <text>', 'a prefix to complete (bonus question)')
    .option('--beam <n>', 'beam width for the completion', num, 5)
    .option('--out <file>', 'write curve and samples as JSON', 'reports/text.json')
    .option('--backend <name>', 'force a tfjs backend')
    .parse();
  const o = program.opts();
  if (o.temperature !== 'multiply' && o.temperature !== 'divide') throw new Error(`--temperature requires multiply or divide, got "${o.temperature}"`);
  console.log(describeBackend(await selectBackend(o.backend)));
  const generated = o.corpus ? null : generateCorpus(o.generatedLength, o.seed);
  const corpus = generated ?? readCorpus(o.corpus);
  const data = new TextDataset(corpus, o.seqLength);
  console.log(`corpus ${corpus.source}: ${data.length} characters, vocabulary ${data.vocabSize}${corpus.bomStripped ? ' (a leading BOM was stripped)' : ''}`);
  const spec = { vocabSize: data.vocabSize, embeddingDim: o.embedding, hiddenDim: o.hidden, numLayers: o.layers };
  const config = { steps: o.steps, batchSize: o.batch, learningRate: o.lr, maxNorm: o.maxNorm, evalEvery: 50, seed: o.seed };
  const { result, samples } = trainWithSamples(textGenerator, spec, data, config, {
    minutes: o.minutes, convention: o.temperature as TemperatureConvention,
    onPoint: (p) => console.log(`step ${p.step}: loss ${p.loss.toFixed(3)} accuracy ${p.accuracy.toFixed(3)} (${p.seconds.toFixed(0)} s)`),
  });
  for (const g of samples.greedy) console.log(`greedy at ${g.at}:\n${g.samples.map((s) => `  ${JSON.stringify(s.text)}`).join('\n')}`);
  for (const t of samples.temperature) console.log(`τ = ${t.tau} (${o.temperature}):\n${t.samples.map((s) => `  ${JSON.stringify(s)}`).join('\n')}`);
  let completion: { greedy: string; beam: string } | undefined;
  if (o.prompt) {
    const beam = beamSearch(textGenerator, result.params, spec, data.encode(o.prompt), 60, o.beam);
    completion = { greedy: completePrefix(textGenerator, result.params, spec, data, o.prompt, 60), beam: o.prompt + data.decode(beam.ids) };
    console.log(`completion (greedy): ${JSON.stringify(completion.greedy)}\ncompletion (beam ${o.beam}): ${JSON.stringify(completion.beam)}`);
  }
  const ceiling = generated ? { bestAccuracy: generated.stats.bestAccuracy, windowCeiling: windowCeiling(generated, data.seqLength, 2000).accuracy } : undefined;
  if (ceiling) console.log(`grammar: best achievable accuracy ${ceiling.bestAccuracy.toFixed(4)} with the state known, ${ceiling.windowCeiling.toFixed(4)} within a ${data.seqLength}-character window`);
  console.log(`${result.msPerStep.toFixed(0)} ms per training step`);
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, JSON.stringify({ corpus: corpus.source, spec, config, curve: result.curve, msPerStep: result.msPerStep, samples, completion, ceiling }, null, 1));
  console.log(`wrote ${o.out}`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
