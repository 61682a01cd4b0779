import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../harness/backend';
import { CorpusMissingError } from '../text/corpus';
import { batchify, bpttWindows, EOS, forwardWordLM, fromTexts, generatedWordCorpus, initWordLM, learningRateAt, perplexity, ptbCorpus, tokenize, UNK, WordVocabulary, type WordLMSpec } from './index';

beforeAll(async () => { await selectBackend(); });

describe('tokenizer and vocabulary', () => {
  it('closes every non-empty line with <eos>', () => {
    expect(tokenize(' the cat  sat\n\n a dog \n')).toEqual(['the', 'cat', 'sat', EOS, 'a', 'dog', EOS]);
  });
  it('puts <eos>, <unk> first, then words by count (ties alphabetical); unknown words become <unk>', () => {
    const v = new WordVocabulary(tokenize('b a b\nc a b'));
    expect(v.words).toEqual([EOS, UNK, 'b', 'a', 'c']);
    expect(Array.from(v.encode(['a', 'zebra', EOS, UNK]))).toEqual([3, 1, 0, 1]);
    expect(new WordVocabulary(tokenize('b a b\nc a b'), 3).words).toEqual([EOS, UNK, 'b']);
  });
});

describe('truncated BPTT layout', () => {
  const ids = Int32Array.from({ length: 23 }, (_, k) => k);
  it('cuts the stream into B contiguous columns, dropping the remainder', () => {
    expect(batchify(ids, 3)).toEqual([[0, 1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12, 13], [14, 15, 16, 17, 18, 19, 20]]);
    expect(() => batchify(ids, 12)).toThrow('batchify requires at least 24 tokens for batch size 12, got 23');
  });
  it('windows cover each column once, targets shifted by one token', () => {
    const windows = [...bpttWindows(batchify(ids, 3), 4)];
    expect(windows.map((w) => w.inputs[0])).toEqual([[0, 1, 2, 3], [4, 5]]);
    expect(windows.map((w) => w.targets[1])).toEqual([[8, 9, 10, 11], [12, 13]]);
  });
  it('the learning rate decays by the factor every epoch from startEpoch on', () => {
    const c = { learningRate: 1, lrDecay: { factor: 0.5, startEpoch: 3 } } as Parameters<typeof learningRateAt>[0];
    expect([1, 2, 3, 4, 5].map((e) => learningRateAt(c, e))).toEqual([1, 1, 0.5, 0.25, 0.125]);
  });
});

describe('corpora', () => {
  it('reads Penn-Treebank-format files by path; a missing split gets the named error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netgrade-ptb-'));
    writeFileSync(join(dir, 'ptb.train.txt'), ' the cat sat \n the <unk> ran \n');
    writeFileSync(join(dir, 'ptb.valid.txt'), ' the dog sat \n');
    expect(() => ptbCorpus(dir)).toThrow(CorpusMissingError);
    writeFileSync(join(dir, 'ptb.test.txt'), ' a cat \n');
    const c = ptbCorpus(dir);
    expect(c.vocab.decode(c.ids.valid)).toEqual(['the', UNK, 'sat', EOS]);
    expect(c.vocab.decode(c.ids.train)).toEqual(['the', 'cat', 'sat', EOS, 'the', UNK, 'ran', EOS]);
  });
  it('the generated corpus has three different splits of about the asked size, sentences closed by <eos>', () => {
    const c = generatedWordCorpus({ train: 500, valid: 300, test: 300 }, 0);
    expect(Math.abs(c.ids.train.length - 500)).toBeLessThan(30);
    expect(c.vocab.decode(c.ids.train.slice(0, 40))).toContain(EOS);
    expect(Array.from(c.ids.valid.slice(0, 50))).not.toEqual(Array.from(c.ids.test.slice(0, 50)));
  });
});

describe('model', () => {
  const base = { vocabSize: 9, embeddingDim: 4, hiddenDim: 5, numLayers: 2, dropout: 0 };
  const tokens = [[1, 4, 2, 8, 0, 3], [5, 5, 7, 1, 2, 6]];
  it.each(['lstm', 'gru'] as const)('%s: two windows with the state carried equal one long window', (cell) => {
    const spec: WordLMSpec = { ...base, cell };
    const p = initWordLM(spec, 1, 0.5);
    tf.tidy(() => {
      const whole = forwardWordLM(p, spec, tf.tensor2d(tokens, undefined, 'int32'), null).logits;
      const a = forwardWordLM(p, spec, tf.tensor2d(tokens.map((r) => r.slice(0, 4)), undefined, 'int32'), null);
      const b = forwardWordLM(p, spec, tf.tensor2d(tokens.map((r) => r.slice(4)), undefined, 'int32'), a.state);
      const joined = tf.concat([a.logits, b.logits], 1);
      expect(tf.max(tf.abs(tf.sub(joined, whole))).dataSync()[0]).toBeLessThan(1e-5);
    });
  });
  it('GRU conventions: one step from h = 0 is (1 − z)⊙g (keeps-old) or z⊙g (takes-new), computed by hand in float64', () => {
    const spec: WordLMSpec = { ...base, numLayers: 1, cell: 'gru' };
    const p = initWordLM(spec, 2, 0.7);
    const v = (n: string) => Array.from(p[n].dataSync());
    const x = v('embedding').slice(3 * 4, 4 * 4);                     // token 3
    const affine = (W: number[], b: number[]) => b.map((bj, j) => bj + x.reduce((s, xk, k) => s + W[j * 4 + k] * xk, 0));
    const z = affine(v('l0.W_zx'), v('l0.b_z')).map((a) => 1 / (1 + Math.exp(-a)));
    const g = affine(v('l0.W_gx'), v('l0.b_g')).map(Math.tanh);      // r ⊙ h = 0 at h = 0
    const W = v('W_ph');
    const logits = (h: number[]) => v('b_p').map((b, o) => b + h.reduce((s, hj, j) => s + W[o * 5 + j] * hj, 0));
    for (const [gru, h] of [['update-keeps-old', g.map((gj, j) => (1 - z[j]) * gj)], ['update-takes-new', g.map((gj, j) => z[j] * gj)]] as const) {
      const got = tf.tidy(() => Array.from(forwardWordLM(p, { ...spec, gru }, tf.tensor2d([[3]], undefined, 'int32'), null).logits.dataSync()));
      logits(h).forEach((e, k) => expect(got[k]).toBeCloseTo(e, 5));
    }
  });
  it('a model whose output weights and biases are zero has perplexity exactly V (uniform)', () => {
    const spec: WordLMSpec = { ...base, cell: 'lstm' };
    const p = initWordLM(spec, 3);
    p.W_ph = tf.zerosLike(p.W_ph);
    p.b_p = tf.zerosLike(p.b_p);
    const c = fromTexts('t', { train: 'a b c d e f g\n'.repeat(5), valid: 'a b\n'.repeat(10), test: 'c\n' });
    expect(c.vocab.size).toBe(9); // <eos>, <unk>, a … g
    expect(perplexity(p, spec, c.ids.valid, 2, 4)).toBeCloseTo(9, 4);
  });
});
