/**
 * The three splits of a word-level corpus: Penn-Treebank-format files given by path
 * (`ptb.train.txt`, `ptb.valid.txt`, `ptb.test.txt` in one folder; the PTB is not
 * redistributable, a user supplies it), or by default sentences of the generated grammar
 * (reference/text/grammar.ts), one per line, punctuation split off, three seeds.
 */
import { join } from 'node:path';
import { readCorpus } from '../text/corpus';
import { generateCorpus } from '../text/grammar';
import { tokenize, WordVocabulary } from './tokenizer';

export const SPLITS = ['train', 'valid', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export interface WordCorpus {
  source: string;
  vocab: WordVocabulary;
  /** token ids of each split, `<eos>` after every sentence */
  ids: Record<Split, Int32Array>;
}

/** Grammar text → PTB-like lines: one sentence per line, punctuation as its own token, no final period. */
export function grammarSentences(text: string): string {
  return text
    .replace(/([,?'])/g, ' $1 ')
    .split('.')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0)
    .join('\n');
}

/** Sizes in words (approximate: whole sentences). */
export function generatedWordCorpus(words: Record<Split, number> = { train: 4000, valid: 4000, test: 4000 }, seed = 0): WordCorpus {
  const texts = {} as Record<Split, string>;
  SPLITS.forEach((split, k) => {
    // ~6.2 characters per word in the grammar; generate enough and cut at a sentence end
    const lines = grammarSentences(generateCorpus(Math.ceil(words[split] * 7.5), seed * 3 + k + 100).text).split('\n');
    const kept: string[] = [];
    let n = 0;
    for (const line of lines.slice(1, -1)) { if (n >= words[split]) break; kept.push(line); n += line.split(' ').length + 1; }
    texts[split] = kept.join('\n');
  });
  return fromTexts(`generated:fairy-v1 words/${seed}`, texts);
}

/** The PTB files in `dir`; each missing/empty/binary file gets readCorpus's named error. */
export function ptbCorpus(dir: string, maxVocab = 10_000): WordCorpus {
  const texts = {} as Record<Split, string>;
  for (const split of SPLITS) texts[split] = readCorpus(join(dir, `ptb.${split}.txt`)).text;
  return fromTexts(dir, texts, maxVocab);
}

export function fromTexts(source: string, texts: Record<Split, string>, maxVocab = Infinity): WordCorpus {
  const tokens = { train: tokenize(texts.train), valid: tokenize(texts.valid), test: tokenize(texts.test) };
  const vocab = new WordVocabulary(tokens.train, maxVocab);
  return { source, vocab, ids: { train: vocab.encode(tokens.train), valid: vocab.encode(tokens.valid), test: vocab.encode(tokens.test) } };
}

/**
 * Truncated-BPTT layout: the stream cut into B contiguous columns ([B, N/B], the remainder
 * dropped); window k is columns [kT, (k+1)T) with targets shifted by one token.
 */
export function batchify(ids: Int32Array, batchSize: number): number[][] {
  const per = Math.floor(ids.length / batchSize);
  if (per < 2) throw new Error(`batchify requires at least ${2 * batchSize} tokens for batch size ${batchSize}, got ${ids.length}`);
  return Array.from({ length: batchSize }, (_, b) => Array.from(ids.subarray(b * per, (b + 1) * per)));
}

export function* bpttWindows(columns: number[][], bptt: number): Generator<{ inputs: number[][]; targets: number[][] }> {
  const len = columns[0].length;
  for (let start = 0; start < len - 1; start += bptt) {
    const T = Math.min(bptt, len - 1 - start);
    yield { inputs: columns.map((c) => c.slice(start, start + T)), targets: columns.map((c) => c.slice(start + 1, start + T + 1)) };
  }
}
