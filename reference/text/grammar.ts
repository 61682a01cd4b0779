/**
 * The generated default corpus: text from a small stochastic grammar written for netgrade,
 * whose per-character conditional entropy and best achievable accuracy are computed
 * exactly — so a report can say how close a model gets to the best possible.
 *
 * The grammar is a word automaton: in state S a word w is drawn with probability p(w|S)
 * and the automaton moves to next(S, w). Every word carries its own separator (`"king "`,
 * `"castle. "`) and the words of one state are prefix-free, so the character history
 * determines the state: the character-level source is *unifilar*, its states are pairs
 * (S, prefix of the word being spelt), and
 *
 *   P(c | S, u) = mass(S, u·c) / mass(S, u),   mass(S, u) = Σ_{w starts with u} p(w|S)
 *   ν(S, u)     = π(S) · mass(S, u) / Σ_S' π(S') E[len w | S']        (stationary, per character)
 *   H           = Σ ν(S, u) · H(P(· | S, u))                           (entropy rate, bits/char)
 *   best acc.   = Σ ν(S, u) · max_c P(c | S, u)
 *
 * with π the stationary distribution of the word-level chain. A model that sees only a
 * window of T characters does not know S at the window's start; `windowCeiling` gives the
 * Bayes-optimal accuracy for that case (a forward filter over the character states).
 */
import { makeRng } from '../data/rng';
import type { Corpus } from './corpus';

export interface GrammarRule { word: string; p: number; next: string }
export type Grammar = { name: string; start: string; states: Record<string, GrammarRule[]> };

/** Fairy-tale sentences over a 27-character alphabet. */
export const FAIRY_GRAMMAR: Grammar = {
  name: 'fairy-v1',
  start: 'sentence',
  states: {
    sentence: [
      { word: 'once upon a time ', p: 0.15, next: 'subject' },
      { word: 'the ', p: 0.4, next: 'noun' },
      { word: 'a ', p: 0.25, next: 'noun' },
      { word: 'then ', p: 0.2, next: 'subject' },
    ],
    subject: [
      { word: 'the ', p: 0.6, next: 'noun' },
      { word: 'a ', p: 0.4, next: 'noun' },
    ],
    noun: [
      { word: 'king ', p: 0.2, next: 'verb' },
      { word: 'queen ', p: 0.15, next: 'verb' },
      { word: 'wolf ', p: 0.15, next: 'verb' },
      { word: 'girl ', p: 0.1, next: 'verb' },
      { word: 'witch ', p: 0.1, next: 'verb' },
      { word: 'little ', p: 0.15, next: 'plainNoun' },
      { word: 'old ', p: 0.15, next: 'plainNoun' },
    ],
    plainNoun: [
      { word: 'king ', p: 0.2, next: 'verb' },
      { word: 'queen ', p: 0.2, next: 'verb' },
      { word: 'wolf ', p: 0.2, next: 'verb' },
      { word: 'girl ', p: 0.2, next: 'verb' },
      { word: 'witch ', p: 0.2, next: 'verb' },
    ],
    verb: [
      { word: 'saw ', p: 0.25, next: 'object' },
      { word: 'found ', p: 0.2, next: 'object' },
      { word: 'went ', p: 0.2, next: 'place' },
      { word: 'said ', p: 0.2, next: 'speech' },
      { word: 'slept. ', p: 0.15, next: 'sentence' },
    ],
    object: [
      { word: 'the ', p: 0.5, next: 'thing' },
      { word: 'a ', p: 0.3, next: 'thing' },
      { word: 'her ', p: 0.2, next: 'thing' },
    ],
    thing: [
      { word: 'king. ', p: 0.15, next: 'sentence' },
      { word: 'wolf. ', p: 0.15, next: 'sentence' },
      { word: 'golden ball. ', p: 0.2, next: 'sentence' },
      { word: 'castle. ', p: 0.15, next: 'sentence' },
      { word: 'king and ', p: 0.1, next: 'object' },
      { word: 'wolf and ', p: 0.1, next: 'object' },
      { word: 'forest, and ', p: 0.15, next: 'verb' },
    ],
    place: [
      { word: 'into the forest. ', p: 0.4, next: 'sentence' },
      { word: 'to the castle. ', p: 0.3, next: 'sentence' },
      { word: 'home. ', p: 0.2, next: 'sentence' },
      { word: 'into the woods and ', p: 0.1, next: 'verb' },
    ],
    speech: [
      { word: "'good day.' ", p: 0.4, next: 'sentence' },
      { word: "'i will go.' ", p: 0.35, next: 'sentence' },
      { word: "'who are you?' ", p: 0.25, next: 'sentence' },
    ],
  },
};

/** One character-level state (S, u) with its exact next-character distribution. */
export interface CharState {
  state: string;
  prefix: string;
  /** stationary probability ν(S, u) of being in this state before a character */
  nu: number;
  /** next character → probability */
  next: Map<string, number>;
  /** next character → index of the following CharState */
  to: Map<string, number>;
}

export interface GrammarStats {
  /** entropy rate in bits per character */
  entropyBits: number;
  /** the same in nats: the lowest achievable mean cross-entropy */
  entropyNats: number;
  /** the best achievable per-character accuracy when the state is known (long context) */
  bestAccuracy: number;
  /** e^{entropyNats}: the lowest achievable character perplexity */
  perplexity: number;
  /** mean characters per word */
  meanWordLength: number;
  alphabet: string[];
}

/** Checks the grammar and builds the character-level automaton with exact stationary weights. */
export function compileGrammar(g: Grammar): { states: CharState[]; index: Map<string, number>; stats: GrammarStats; wordStationary: Record<string, number> } {
  const names = Object.keys(g.states);
  for (const [name, rules] of Object.entries(g.states)) {
    const total = rules.reduce((s, r) => s + r.p, 0);
    if (Math.abs(total - 1) > 1e-12) throw new Error(`grammar "${g.name}" requires the probabilities of state ${name} to sum to 1, got ${total}`);
    for (const r of rules) {
      if (!(r.next in g.states)) throw new Error(`grammar "${g.name}" requires rule "${r.word}" of ${name} to lead to a known state, got "${r.next}"`);
      for (const o of rules) if (o !== r && o.word.startsWith(r.word)) throw new Error(`grammar "${g.name}" requires the words of ${name} to be prefix-free, got "${r.word}" and "${o.word}"`);
    }
  }
  // word-level stationary distribution π by power iteration on the lazy chain (same π, aperiodic)
  let pi: Record<string, number> = Object.fromEntries(names.map((n) => [n, 1 / names.length]));
  for (let it = 0; it < 20000; it++) {
    const nextPi: Record<string, number> = Object.fromEntries(names.map((n) => [n, pi[n] / 2]));
    for (const n of names) for (const r of g.states[n]) nextPi[r.next] += (pi[n] * r.p) / 2;
    const delta = names.reduce((s, n) => s + Math.abs(nextPi[n] - pi[n]), 0);
    pi = nextPi;
    if (delta < 1e-16) break;
  }
  const meanLen = (n: string) => g.states[n].reduce((s, r) => s + r.p * r.word.length, 0);
  const meanWordLength = names.reduce((s, n) => s + pi[n] * meanLen(n), 0);

  const states: CharState[] = [];
  const index = new Map<string, number>();
  const key = (s: string, u: string) => `${s}\u0000${u}`;
  const mass = (s: string, u: string) => g.states[s].reduce((m, r) => m + (r.word.startsWith(u) ? r.p : 0), 0);
  for (const s of names) {
    const prefixes = new Set<string>();
    for (const r of g.states[s]) for (let k = 0; k < r.word.length; k++) prefixes.add(r.word.slice(0, k));
    for (const u of [...prefixes].sort()) {
      const mu = mass(s, u);
      const next = new Map<string, number>();
      for (const r of g.states[s]) if (r.word.startsWith(u)) next.set(r.word[u.length], (next.get(r.word[u.length]) ?? 0) + r.p / mu);
      index.set(key(s, u), states.length);
      states.push({ state: s, prefix: u, nu: (pi[s] * mu) / meanWordLength, next, to: new Map() });
    }
  }
  for (const cs of states) {
    for (const c of cs.next.keys()) {
      const u = cs.prefix + c;
      const done = g.states[cs.state].find((r) => r.word === u);
      cs.to.set(c, index.get(done ? key(done.next, '') : key(cs.state, u))!);
    }
  }
  let entropyNats = 0;
  let bestAccuracy = 0;
  const alphabet = new Set<string>();
  for (const cs of states) {
    let h = 0;
    let best = 0;
    for (const [c, p] of cs.next) { h -= p * Math.log(p); best = Math.max(best, p); alphabet.add(c); }
    entropyNats += cs.nu * h;
    bestAccuracy += cs.nu * best;
  }
  const stats: GrammarStats = {
    entropyBits: entropyNats / Math.LN2, entropyNats, bestAccuracy, perplexity: Math.exp(entropyNats), meanWordLength,
    alphabet: [...alphabet].sort(),
  };
  return { states, index: new Map([...index].map(([k, v]) => [k, v])), stats, wordStationary: pi };
}

/** A generated corpus plus, for every character, the index of the CharState that emitted it. */
export interface GeneratedCorpus extends Corpus { grammar: Grammar; emittedBy: Int32Array; stats: GrammarStats }

/** `length` characters from the grammar, seeded; starts at the grammar's start state. */
export function generateCorpus(length: number, seed: number, grammar: Grammar = FAIRY_GRAMMAR): GeneratedCorpus {
  if (!Number.isInteger(length) || length < 1) throw new Error(`generateCorpus requires a positive integer length, got ${length}`);
  const { states, index, stats } = compileGrammar(grammar);
  const rng = makeRng(`text/grammar/${grammar.name}/${seed}`);
  const chars: string[] = [];
  const emittedBy = new Int32Array(length);
  let at = index.get(`${grammar.start}\u0000`)!;
  for (let i = 0; i < length; i++) {
    const cs = states[at];
    let u = rng.random();
    let pick = '';
    for (const [c, p] of cs.next) { pick = c; u -= p; if (u < 0) break; }
    chars.push(pick);
    emittedBy[i] = at;
    at = cs.to.get(pick)!;
  }
  return { source: `generated:${grammar.name}/${seed}`, text: chars.join(''), bomStripped: false, grammar, emittedBy, stats };
}

/**
 * Bayes-optimal accuracy for a model that sees only the window: for each window start,
 * filter the belief over character states from ν through the window and score the
 * argmax prediction by its exact probability under the true state. Returns the mean over
 * windows and positions, and per position t (position 0 has only ν to go on).
 */
export function windowCeiling(corpus: GeneratedCorpus, seqLength: number, windows: number, seed = 0): { accuracy: number; byPosition: number[] } {
  const { states } = compileGrammar(corpus.grammar);
  const rng = makeRng(`text/ceiling/${seed}`);
  const byPosition = new Array<number>(seqLength).fill(0);
  const text = corpus.text;
  for (let w = 0; w < windows; w++) {
    const offset = rng.randint(0, text.length - seqLength);
    let belief = new Map<number, number>(states.map((s, i) => [i, s.nu]));
    for (let t = 0; t < seqLength; t++) {
      // predictive distribution Σ_s b(s) P(c|s); the prediction is its argmax
      const predictive = new Map<string, number>();
      for (const [i, b] of belief) for (const [c, p] of states[i].next) predictive.set(c, (predictive.get(c) ?? 0) + b * p);
      let guess = '';
      let top = -1;
      for (const [c, p] of predictive) if (p > top) { top = p; guess = c; }
      byPosition[t] += states[corpus.emittedBy[offset + t]].next.get(guess) ?? 0;
      // condition on the true character and move
      const c = text[offset + t];
      const nextBelief = new Map<number, number>();
      let z = 0;
      for (const [i, b] of belief) {
        const p = states[i].next.get(c);
        if (!p) continue;
        const j = states[i].to.get(c)!;
        nextBelief.set(j, (nextBelief.get(j) ?? 0) + b * p);
        z += b * p;
      }
      for (const [j, b] of nextBelief) nextBelief.set(j, b / z);
      belief = nextBelief;
    }
  }
  const per = byPosition.map((s) => s / windows);
  return { accuracy: per.reduce((a, b) => a + b, 0) / seqLength, byPosition: per };
}
