/**
 * The character-level text dataset (2020 `TextDataset`): a sorted vocabulary, batches of
 * windows at seeded random offsets, targets the inputs shifted by one character.
 *
 * Offsets are uniform over every valid window 0 … N−T−1 (the course draws from
 * 0 … N−T−3, leaving out the last two windows; immaterial for a book of 540k characters).
 */
import { makeRng, type Rng } from '../data/rng';
import { CorpusTooShortError, type Corpus } from './corpus';

export const DEFAULT_SEQ_LENGTH = 30;

/** One batch, batch-major: inputs[b][t] = ids[offset_b + t], targets[b][t] = ids[offset_b + t + 1]. */
export interface TextBatch {
  inputs: number[][];   // [B, T]
  targets: number[][];  // [B, T]
  offsets: number[];    // [B]
}

export class TextDataset {
  /** sorted(set(text)) — the 2020 behaviour; index order is reproducible */
  readonly vocab: string[];
  readonly ids: Int32Array;
  private readonly index: Map<string, number>;

  constructor(readonly corpus: Corpus, readonly seqLength = DEFAULT_SEQ_LENGTH) {
    const needed = seqLength + 1;
    if (corpus.text.length < needed) throw new CorpusTooShortError(corpus.source, corpus.text.length, needed, seqLength);
    // code-unit order, as Python sorts the BMP characters the books contain
    this.vocab = [...new Set(corpus.text)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.index = new Map(this.vocab.map((ch, i) => [ch, i]));
    this.ids = Int32Array.from(corpus.text, (ch) => this.index.get(ch)!);
  }

  get vocabSize(): number { return this.vocab.length; }
  get length(): number { return this.ids.length; }
  /** number of distinct windows of seqLength + 1 characters */
  get windows(): number { return this.ids.length - this.seqLength; }

  /** Character ids of `text`; throws on a character outside the vocabulary. */
  encode(text: string): number[] {
    return Array.from(text, (ch) => {
      const id = this.index.get(ch);
      if (id === undefined) throw new Error(`TextDataset.encode requires characters of the corpus vocabulary, got ${JSON.stringify(ch)} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}). Fix: start from one of ${JSON.stringify(this.vocab.join('').slice(0, 60))}…`);
      return id;
    });
  }

  decode(ids: ArrayLike<number>): string {
    return Array.from(ids, (id) => this.vocab[id] ?? '�').join('');
  }

  /** The window starting at `offset`. */
  window(offset: number): { input: number[]; target: number[] } {
    const T = this.seqLength;
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.windows) throw new Error(`TextDataset.window requires an offset in 0…${this.windows - 1}, got ${offset}`);
    return { input: Array.from(this.ids.subarray(offset, offset + T)), target: Array.from(this.ids.subarray(offset + 1, offset + T + 1)) };
  }

  /** B windows at offsets drawn from `rng` (seeded; see textRng). */
  batch(batchSize: number, rng: Rng): TextBatch {
    const inputs: number[][] = [];
    const targets: number[][] = [];
    const offsets: number[] = [];
    for (let b = 0; b < batchSize; b++) {
      const offset = rng.randint(0, this.windows);
      const w = this.window(offset);
      inputs.push(w.input);
      targets.push(w.target);
      offsets.push(offset);
    }
    return { inputs, targets, offsets };
  }
}

/** The seeded stream of batch offsets for one training run. */
export function textRng(seed: number, stream = 'train'): Rng {
  return makeRng(`text/${stream}/${seed}`);
}
