import { compileGrammar, FAIRY_GRAMMAR, generateCorpus, windowCeiling, type Grammar } from './grammar';

describe('the generated corpus grammar', () => {
  const { stats, wordStationary } = compileGrammar(FAIRY_GRAMMAR);

  it('entropy rate = word-choice entropy per word / mean word length (an independent derivation)', () => {
    // chain rule: spelling out a word letter by letter carries exactly the entropy of choosing it
    let wordEntropy = 0;
    for (const [s, rules] of Object.entries(FAIRY_GRAMMAR.states)) for (const r of rules) wordEntropy -= wordStationary[s] * r.p * Math.log(r.p);
    expect(stats.entropyNats).toBeCloseTo(wordEntropy / stats.meanWordLength, 12);
    expect(stats.entropyBits).toBeCloseTo(stats.entropyNats / Math.LN2, 12);
  });

  it('stationary distribution solves π = πP', () => {
    const next: Record<string, number> = Object.fromEntries(Object.keys(wordStationary).map((k) => [k, 0]));
    for (const [s, rules] of Object.entries(FAIRY_GRAMMAR.states)) for (const r of rules) next[r.next] += wordStationary[s] * r.p;
    for (const k of Object.keys(next)) expect(next[k]).toBeCloseTo(wordStationary[k], 12);
  });

  it('a long sample agrees with the exact entropy and best accuracy (Monte Carlo)', () => {
    const g = generateCorpus(200_000, 5);
    const { states } = compileGrammar(FAIRY_GRAMMAR);
    let nll = 0;
    let hits = 0;
    for (let i = 0; i < g.text.length; i++) {
      const s = states[g.emittedBy[i]];
      nll -= Math.log(s.next.get(g.text[i])!);
      const best = [...s.next].sort((a, b) => b[1] - a[1])[0][0];
      if (best === g.text[i]) hits++;
    }
    expect(Math.abs(nll / g.text.length - stats.entropyNats)).toBeLessThan(0.01);
    expect(Math.abs(hits / g.text.length - stats.bestAccuracy)).toBeLessThan(0.01);
    expect(new Set(g.text).size).toBe(stats.alphabet.length);
  });

  it('is seeded: the same seed gives the same text, another seed another text', () => {
    expect(generateCorpus(500, 1).text).toBe(generateCorpus(500, 1).text);
    expect(generateCorpus(500, 1).text).not.toBe(generateCorpus(500, 2).text);
  });

  it('a window model cannot beat the known-state ceiling, and position 0 has only the unigram to go on', () => {
    const g = generateCorpus(50_000, 1);
    const c = windowCeiling(g, 30, 300);
    expect(c.accuracy).toBeLessThan(stats.bestAccuracy);
    const counts = new Map<string, number>();
    for (const ch of g.text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const unigramBest = Math.max(...counts.values()) / g.text.length; // the space
    expect(Math.abs(c.byPosition[0] - unigramBest)).toBeLessThan(0.05);
    expect(c.byPosition[29]).toBeGreaterThan(0.8);
  });

  it('refuses a grammar that is not prefix-free or does not sum to one', () => {
    const bad: Grammar = { name: 'bad', start: 'a', states: { a: [{ word: 'x ', p: 0.5, next: 'a' }, { word: 'x y ', p: 0.5, next: 'a' }] } };
    expect(() => compileGrammar(bad)).toThrow('grammar "bad" requires the words of a to be prefix-free, got "x " and "x y "');
    const sum: Grammar = { name: 'sum', start: 'a', states: { a: [{ word: 'x ', p: 0.5, next: 'a' }] } };
    expect(() => compileGrammar(sum)).toThrow('requires the probabilities of state a to sum to 1, got 0.5');
  });
});
