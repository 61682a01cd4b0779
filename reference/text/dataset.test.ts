import { TextDataset, textRng } from './dataset';

const corpus = (text: string) => ({ source: 'test', text, bomStripped: false });
const TEXT = 'the quick brown fox jumps over the lazy dog. The Quick Brown Fox!\nZebra? 42';

describe('TextDataset', () => {
  const data = new TextDataset(corpus(TEXT), 10);

  it('has a sorted vocabulary holding every character exactly once (2020 behaviour)', () => {
    const expected = Array.from(new Set(TEXT)).sort();
    expect(data.vocab).toEqual(expected);
    expect(data.vocab[0]).toBe('\n');
    expect(data.decode(data.ids)).toBe(TEXT);
  });

  it('shifts targets by one: targets[b][t] = inputs[b][t + 1] and the next character of the text', () => {
    const batch = data.batch(16, textRng(3));
    batch.inputs.forEach((input, b) => {
      const off = batch.offsets[b];
      expect(data.decode(input)).toBe(TEXT.slice(off, off + 10));
      expect(data.decode(batch.targets[b])).toBe(TEXT.slice(off + 1, off + 11));
      expect(batch.targets[b].slice(0, 9)).toEqual(input.slice(1));
    });
  });

  it('draws offsets over every valid window and nowhere else', () => {
    const seen = new Set<number>();
    const rng = textRng(0);
    for (let k = 0; k < 200; k++) for (const o of data.batch(8, rng).offsets) seen.add(o);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(TEXT.length - 10 - 1);
    expect(seen.size).toBe(TEXT.length - 10);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(data.batch(8, textRng(7))).toEqual(new TextDataset(corpus(TEXT), 10).batch(8, textRng(7)));
    expect(data.batch(8, textRng(7)).offsets).not.toEqual(data.batch(8, textRng(8)).offsets);
  });

  it('encodes and decodes, and names an unknown character with the fix', () => {
    expect(data.decode(data.encode('fox'))).toBe('fox');
    expect(() => data.encode('fox€')).toThrow('TextDataset.encode requires characters of the corpus vocabulary, got "€" (U+20AC)');
  });
});
