/**
 * What a student's parameter name says, normalised: the gate letter (g/i/f/o/c/z/r, or the
 * vanilla RNN's h), the source (x or h), and the direction of a biLSTM. Names say nothing
 * for some schemes (`U/W/V`, `w_in/w_h/w_out`); shapes and the numerical settle decide those.
 *
 * Example: `W_gx`, `Wgx`, `w_gx`, `W.gx`, `W_xg`, `gates.g.hx.W`, `modulation_x` → gate g,
 * source x (for `hx` the source is the second letter: h→x reads "to h from x" in neither
 * order, so a two-letter code is read as gate + source when its first letter is a gate).
 */
import type { SequenceModelName } from '../contract';

export interface NameReading { gate?: string; source?: 'x' | 'h'; dir?: 'fwd' | 'bwd'; bias?: boolean }

/** The gate letters of each model, in canonical order. */
export const GATES: Record<SequenceModelName, string[]> = {
  vanillaRNN: ['h'],
  lstm: ['g', 'i', 'f', 'o'],
  timeGatedLSTM: ['g', 'i', 'f', 'o'],
  peepLSTM: ['f', 'i', 'o', 'c'],
  gru: ['z', 'r', 'g'],
  biLSTM: ['g', 'i', 'f', 'o'],
};

const WORDS: Record<string, Partial<Record<SequenceModelName | '*', string>>> = {
  forget: { '*': 'f' }, input: { '*': 'i', vanillaRNN: 'x' }, output: { '*': 'o' },
  modulation: { '*': 'g' }, mod: { '*': 'g' }, candidate: { '*': 'g', peepLSTM: 'c' }, cand: { '*': 'g', peepLSTM: 'c' },
  cell: { peepLSTM: 'c' }, update: { '*': 'z' }, reset: { '*': 'r' }, new: { gru: 'g' },
};
const FILLER = new Set(['w', 'weight', 'weights', 'param', 'params', 'parameter', 'gates', 'gate', 'layer', 'lstm', 'rnn', 'gru', 'mat', 'matrix', 'self', 'linear', 'lin', 'dict']);
const BIAS_WORDS = new Set(['b', 'bias', 'biases']);
const FWD = new Set(['fwd', 'forward', 'fw', 'l2r', 'front']);
const BWD = new Set(['bwd', 'backward', 'bw', 'back', 'reverse', 'rev', 'r2l']);

/** `gates.g.hx.W` → ['gates', 'g', 'hx', 'w']; camelCase split too. */
export function tokens(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** The gate, source and direction a name states (each undefined when it does not). */
export function readName(name: string, model: SequenceModelName): NameReading {
  const gates = GATES[model];
  const out: NameReading = {};
  for (let t of tokens(name)) {
    if (FWD.has(t)) { out.dir = 'fwd'; continue; }
    if (BWD.has(t)) { out.dir = 'bwd'; continue; }
    if (BIAS_WORDS.has(t)) { out.bias = true; continue; }
    if (FILLER.has(t)) continue;
    const word = WORDS[t];
    if (word) {
      const g = word[model] ?? word['*'];
      if (g === 'x') out.source = 'x';
      else if (g && gates.includes(g) && !out.gate) out.gate = g;
      continue;
    }
    if (t === 'x' || t === 'in') { out.source = 'x'; continue; }
    if (t === 'hidden' || t === 'rec' || t === 'recurrent') { out.source = 'h'; continue; }
    // one-token codes: wgx, bg, gx, xg, hx, hh, g
    if (t.length === 3 && (t[0] === 'w' || t[0] === 'b')) { if (t[0] === 'b') out.bias = true; t = t.slice(1); }
    else if (t.length === 2 && t[0] === 'b' && gates.includes(t[1])) { out.bias = true; t = t.slice(1); }
    if (t.length > 2 || !/^[a-z]+$/.test(t)) continue;
    const [a, b] = [t[0], t[1]];
    if (b === undefined) { if (gates.includes(a) && !out.gate) out.gate = a; else if (a === 'x' || a === 'h') out.source = a; continue; }
    if (!gates.includes('h') && (t === 'hx' || t === 'xh' || t === 'hh')) { out.source = t === 'hh' ? 'h' : 'x'; continue; }
    const isSource = (c: string) => c === 'x' || c === 'h' || (model === 'peepLSTM' && c === 'c');
    if (gates.includes(a) && isSource(b) && !(model === 'vanillaRNN' && a === 'h' && b === 'h' && out.gate)) {
      out.gate ??= a; out.source = b === 'x' ? 'x' : 'h';
    } else if (isSource(a) && gates.includes(b)) {
      out.gate ??= b; out.source = a === 'x' ? 'x' : 'h';
    } else if (gates.includes(a) && b === 'b') {
      out.gate ??= a; out.bias = true;
    }
  }
  return out;
}
