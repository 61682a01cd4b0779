import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DATASETS, datasetInfo, makeBatch, toEmbeddingIds, toOneHot, toScalar } from './index';
import type { DatasetName } from './types';

const NAMES = Object.keys(DATASETS) as DatasetName[];

describe('makeBatch', () => {
  it.each(NAMES)('%s: the same seed gives the same batch, another seed another batch', (name) => {
    const a = makeBatch(name, 6, 64, 7);
    const b = makeBatch(name, 6, 64, 7);
    const c = makeBatch(name, 6, 64, 8);
    expect(b.tokens).toEqual(a.tokens);
    expect(b.targets).toEqual(a.targets);
    expect(Buffer.from(c.tokens.buffer).equals(Buffer.from(a.tokens.buffer))).toBe(false);
    expect(datasetInfo(name, 6)).toEqual({ T: a.T, vocabSize: a.vocabSize, numClasses: a.numClasses });
    expect(a.tokens).toHaveLength(64 * a.T);
    expect(Math.max(...a.tokens)).toBeLessThan(a.vocabSize);
    expect(Math.max(...a.targets)).toBeLessThan(a.numClasses);
  });

  it('gives the same batch in a fresh process (no hidden global state)', () => {
    const script = `const d = require(${JSON.stringify(join(__dirname, 'index.ts'))});
      const out = ${JSON.stringify(NAMES)}.map((n) => { const b = d.makeBatch(n, 5, 16, 42); return [Array.from(b.tokens), Array.from(b.targets)]; });
      process.stdout.write(JSON.stringify(out));`;
    const child = JSON.parse(execFileSync(join(__dirname, '../../node_modules/.bin/tsx'), ['-e', script], { encoding: 'utf8' }));
    const here = NAMES.map((n) => { const b = makeBatch(n, 5, 16, 42); return [Array.from(b.tokens), Array.from(b.targets)]; });
    expect(child).toEqual(here);
  });

  it('encodes inputs as one-hot, embedding ids and raw scalars', () => {
    const batch = makeBatch('digit-palindrome', 5, 3, 1);
    const oneHot = toOneHot(batch);
    expect(oneHot).toHaveLength(3 * 4 * 10);
    batch.tokens.forEach((token, i) => {
      const slot = Array.from(oneHot.subarray(i * 10, i * 10 + 10));
      expect(slot).toEqual(Array.from({ length: 10 }, (_, k) => (k === token ? 1 : 0)));
    });
    expect(Array.from(toEmbeddingIds(batch))).toEqual(Array.from(batch.tokens));
    expect(Array.from(toScalar(batch))).toEqual(Array.from(batch.tokens));
  });

  it('rejects bad arguments with the fix in the message', () => {
    expect(() => makeBatch('palindromes' as DatasetName, 5, 4, 0)).toThrow('makeBatch requires a dataset among digit-palindrome, binary-palindrome, random-combinations, baum-sweet, got "palindromes".');
    expect(() => makeBatch('digit-palindrome', 1, 4, 0)).toThrow('digit-palindrome requires an integer length L ≥ 2, got 1.');
    expect(() => makeBatch('baum-sweet', 2.5, 4, 0)).toThrow('baum-sweet requires an integer length L ≥ 1, got 2.5.');
    expect(() => makeBatch('digit-palindrome', 5, 0, 0)).toThrow('makeBatch requires a positive integer batchSize, got 0.');
    expect(() => makeBatch('digit-palindrome', 5, 4, NaN)).toThrow('makeBatch requires an integer seed, got NaN.');
  });
});
