import { selectBackend } from '../../harness/backend';
import { textGenerator } from '../models/text-generator';
import { generateCorpus } from './grammar';
import { TextDataset } from './dataset';
import { completePrefix, pickStarts, trainWithSamples } from './samples';

beforeAll(async () => { await selectBackend(); });

test('trainWithSamples yields the report\'s TextSamples: greedy at 1/3, 2/3, 3/3 from five starts, temperature at τ ∈ {0.5, 1, 2}', () => {
  const data = new TextDataset(generateCorpus(5000, 2), 8);
  const spec = { vocabSize: data.vocabSize, embeddingDim: 4, hiddenDim: 8, numLayers: 2 };
  const starts = pickStarts(data, 5, 0);
  expect(new Set(starts).size).toBe(5);
  expect(starts.every((c) => /\p{L}/u.test(c) && data.vocab.includes(c))).toBe(true);
  const steps: number[] = [];
  const { result, samples } = trainWithSamples(textGenerator, spec, data, { steps: 6, batchSize: 4, learningRate: 1e-2, maxNorm: 5, evalEvery: 1, seed: 0 }, { starts, onPoint: (p) => steps.push(p.step) });
  expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
  expect(samples.greedy.map((g) => g.at)).toEqual(['1/3', '2/3', '3/3']);
  for (const g of samples.greedy) {
    expect(g.samples.map((s) => s.start)).toEqual(starts);
    for (const s of g.samples) { expect(s.text).toHaveLength(30); expect(s.text[0]).toBe(s.start); }
  }
  expect(samples.temperature.map((t) => t.tau)).toEqual([0.5, 1, 2]);
  expect(samples.temperature.every((t) => t.samples.length === 5 && t.samples.every((s) => s.length === 30))).toBe(true);
  expect(completePrefix(textGenerator, result.params, spec, data, 'the ', 10)).toMatch(/^the .{10}$/s);
});
