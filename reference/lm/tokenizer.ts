/**
 * Word tokenizer of the word-level language model (the sibling course, Penn Treebank
 * format): whitespace-separated words, one sentence per line, `<eos>` at every line end,
 * `<unk>` for a word outside the training vocabulary (PTB's own files already contain
 * `<unk>` for rare words).
 */
export const EOS = '<eos>';
export const UNK = '<unk>';

/** The words of a text, line by line, each line closed by `<eos>`; empty lines are skipped. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/).filter((w) => w.length > 0);
    if (words.length === 0) continue;
    out.push(...words, EOS);
  }
  return out;
}

export class WordVocabulary {
  /** id → word: `<eos>`, `<unk>`, then the training words by descending count (ties alphabetical) */
  readonly words: string[];
  private readonly index: Map<string, number>;

  /** Built from the training tokens only; `maxSize` keeps the most frequent words. */
  constructor(trainTokens: string[], maxSize = Infinity) {
    const counts = new Map<string, number>();
    for (const w of trainTokens) if (w !== EOS && w !== UNK) counts.set(w, (counts.get(w) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
    this.words = [EOS, UNK, ...ranked.slice(0, Math.max(0, maxSize - 2))];
    this.index = new Map(this.words.map((w, i) => [w, i]));
  }

  get size(): number { return this.words.length; }
  get eos(): number { return 0; }
  get unk(): number { return 1; }

  /** ids; a word outside the vocabulary becomes `<unk>` */
  encode(tokens: string[]): Int32Array {
    return Int32Array.from(tokens, (w) => this.index.get(w) ?? this.unk);
  }

  decode(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (id) => this.words[id] ?? UNK);
  }
}
