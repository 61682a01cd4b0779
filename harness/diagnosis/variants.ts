/**
 * Float64 forward passes of every sequence classifier with the knobs that known
 * conventions and known mistakes turn. With the default knobs ({@link correctVariant})
 * this is the course's model and agrees with the oracle (tested); each diagnosis in the
 * catalogue turns one knob and asks whether the submission's output matches.
 *
 * Activations are flat row-major [B, n] Float64Arrays; weights are [out, in], applied as W·x.
 */
import { timeGate, type TimeGateModulo } from '../../reference/oracle/time-gate';
import type { GruConvention, RecurrentSpec, SequenceModelName } from '../contract';

export interface F64 { shape: number[]; data: Float64Array }
export type F64Params = Record<string, F64>;

/** Every knob a diagnosis can turn. The defaults are the course's model. */
export interface Variant {
  /** the GRU update rule */
  gru: GruConvention;
  /** the GRU candidate: r applied before W_gh (course) or after it (tfjs/cuDNN "reset-after") */
  gruReset: 'before' | 'after';
  /** peepLSTM cell input activation (2020: sigmoid) */
  peepCellInput: 'sigmoid' | 'tanh';
  /** what the peepLSTM gates read besides x: c(t−1) (course) or h(t−1) */
  peepGatesRead: 'c' | 'h';
  /** gate nonlinearity: σ, or tfjs-layers' default hard sigmoid clip(0.2a + 0.5, 0, 1) */
  gate: 'sigmoid' | 'hard-sigmoid';
  /** LSTM output h = tanh(c)⊙o (course) or c⊙o */
  cellOutput: 'tanh' | 'identity';
  /** time steps read: all T, or the loop stops one early (x(T) never read) */
  steps: 'all' | 'one-early';
  /** the state the prediction reads: h(T) (course) or h(1) */
  readout: 'last' | 'first';
  /** recurrent (hidden-to-hidden) matrices applied as W·h (course) or Wᵀ·h ([in, out] use) */
  recurrentLayout: 'out-in' | 'in-out';
  /** LSTM forget and input gate parameters used the wrong way round */
  swapForgetInput: boolean;
  /** the recurrence's biases are ignored */
  recurrentBias: boolean;
  /** the output layer's bias b_p is ignored */
  outputBias: boolean;
  /** biLSTM: the backward cell runs T…1 (course) or 1…T like the forward one */
  backwardOrder: 'reversed' | 'not-reversed';
  /** biLSTM: the backward state used, after all T steps (course) or after its first step only */
  backwardState: 'final' | 'first-step';
  /** biLSTM: concatenation order of the two states */
  concat: 'fwd-bwd' | 'bwd-fwd';
  /** time gate φ: floored modulo (course; φ ∈ [0, 1)) or JavaScript's truncating `%` (reference/oracle/time-gate.ts) */
  timeGateMod: TimeGateModulo;
  /** the time index the gate sees for the first input: 1 (contract) or 0 */
  timeOrigin: 1 | 0;
  /** what forward returns: logits (or log-probabilities), probabilities, or log-softmax over the batch axis */
  output: 'logits' | 'softmax' | 'log-softmax-batch';
}

export const correctVariant: Variant = {
  gru: 'update-takes-new', gruReset: 'before', peepCellInput: 'sigmoid', peepGatesRead: 'c',
  gate: 'sigmoid', cellOutput: 'tanh', steps: 'all', readout: 'last', recurrentLayout: 'out-in',
  swapForgetInput: false, recurrentBias: true, outputBias: true, backwardOrder: 'reversed',
  backwardState: 'final', concat: 'fwd-bwd', timeGateMod: 'floor', timeOrigin: 1, output: 'logits',
};

// ---- small float64 algebra -----------------------------------------------------------

function param(P: F64Params, name: string): F64 {
  const p = P[name];
  if (!p) throw new Error(`variant forward requires parameter "${name}", got only ${Object.keys(P).join(', ')}`);
  return p;
}

/** y = Σ W·x (+ b), [B, out]; W [out, in], x [B, in]. */
function affine(P: F64Params, B: number, terms: Array<[string, Float64Array]>, bias: string | null, v: Variant): Float64Array {
  const out = param(P, terms[0][0]).shape[0];
  const y = new Float64Array(B * out);
  for (const [name, x] of terms) {
    const W = param(P, name);
    const inDim = W.shape[1];
    const transposed = v.recurrentLayout === 'in-out' && isRecurrentMatrix(name) && W.shape[0] === W.shape[1];
    for (let b = 0; b < B; b++) {
      for (let o = 0; o < out; o++) {
        let s = 0;
        for (let i = 0; i < inDim; i++) s += (transposed ? W.data[i * inDim + o] : W.data[o * inDim + i]) * x[b * inDim + i];
        y[b * out + o] += s;
      }
    }
  }
  if (bias && (bias === 'b_p' ? v.outputBias : v.recurrentBias)) {
    const bv = param(P, bias).data;
    for (let b = 0; b < B; b++) for (let o = 0; o < out; o++) y[b * out + o] += bv[o];
  }
  return y;
}

/** hidden-to-hidden (or cell-to-gate) matrices: W_hh, W_gh, W_zh, … (W_ph is the output layer) */
function isRecurrentMatrix(name: string): boolean {
  return /W_[a-z]h$/.test(name) && !name.endsWith('W_ph');
}

const map = (a: Float64Array, f: (x: number, k: number) => number) => a.map(f);
const sigmoid = (a: Float64Array) => map(a, (x) => 1 / (1 + Math.exp(-x)));
const hardSigmoid = (a: Float64Array) => map(a, (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)));
const tanh = (a: Float64Array) => map(a, Math.tanh);
const mul = (a: Float64Array, b: Float64Array) => map(a, (x, k) => x * b[k]);
const add = (a: Float64Array, b: Float64Array) => map(a, (x, k) => x + b[k]);
/** (1 − a)⊙b + a⊙c */
const mix = (a: Float64Array, b: Float64Array, c: Float64Array) => map(a, (x, k) => (1 - x) * b[k] + x * c[k]);

// ---- inputs and the time gate ----------------------------------------------------------

/** x(t) for every sequence, [B, D] per the spec's input encoding. */
function inputAt(P: F64Params, tokens: number[][], t: number, spec: RecurrentSpec): Float64Array {
  const B = tokens.length;
  const enc = spec.input;
  if (enc.kind === 'scalar') return Float64Array.from(tokens, (row) => row[t]);
  if (enc.kind === 'one-hot') {
    const x = new Float64Array(B * spec.vocabSize);
    tokens.forEach((row, b) => { x[b * spec.vocabSize + row[t]] = 1; });
    return x;
  }
  const E = param(P, 'embedding');
  const dim = E.shape[1];
  const x = new Float64Array(B * dim);
  tokens.forEach((row, b) => x.set(E.data.subarray(row[t] * dim, (row[t] + 1) * dim), b * dim));
  return x;
}

// ---- cells -----------------------------------------------------------------------------

interface State { h: Float64Array; c: Float64Array }
type Cell = (x: Float64Array, prev: State, t: number) => State;

function gateFn(v: Variant) { return v.gate === 'sigmoid' ? sigmoid : hardSigmoid; }

interface Gates { g: Float64Array; i: Float64Array; f: Float64Array; o: Float64Array }

function lstmGates(P: F64Params, B: number, v: Variant, prefix: string): (x: Float64Array, h: Float64Array) => Gates {
  const n = (s: string) => prefix + s;
  const [fg, ig] = v.swapForgetInput ? ['i', 'f'] : ['f', 'i'];
  const σ = gateFn(v);
  return (x, h) => ({
    g: tanh(affine(P, B, [[n('W_gx'), x], [n('W_gh'), h]], n('b_g'), v)),
    i: σ(affine(P, B, [[n(`W_${ig}x`), x], [n(`W_${ig}h`), h]], n(`b_${ig}`), v)),
    f: σ(affine(P, B, [[n(`W_${fg}x`), x], [n(`W_${fg}h`), h]], n(`b_${fg}`), v)),
    o: σ(affine(P, B, [[n('W_ox'), x], [n('W_oh'), h]], n('b_o'), v)),
  });
}

function lstmCell(P: F64Params, B: number, v: Variant, prefix = ''): Cell {
  const gates = lstmGates(P, B, v, prefix);
  return (x, { h, c }) => {
    const { g, i, f, o } = gates(x, h);
    const cNew = add(mul(g, i), mul(c, f));
    const hNew = mul(v.cellOutput === 'tanh' ? tanh(cNew) : cNew, o);
    return { h: hNew, c: cNew };
  };
}

/** 2018 PDF eqs. 13–16: c = k⊙c̃ + (1−k)⊙c(t−1); h̃ = tanh(c)⊙o; h = k⊙h̃ + (1−k)⊙h(t−1). */
function timeGatedCell(P: F64Params, B: number, v: Variant, spec: RecurrentSpec): Cell {
  if (!spec.timeGate) throw new Error('timeGatedLSTM requires spec.timeGate { tau, s, rOn }, got none');
  const gate = spec.timeGate;
  const gates = lstmGates(P, B, v, '');
  return (x, prev, t) => {
    const k = new Float64Array(prev.c.length).fill(timeGate(t - 1 + v.timeOrigin, gate, { mod: v.timeGateMod }));
    const { g, i, f, o } = gates(x, prev.h);
    const c = mix(k, prev.c, add(mul(g, i), mul(prev.c, f)));
    const hTilde = mul(v.cellOutput === 'tanh' ? tanh(c) : c, o);
    return { c, h: mix(k, prev.h, hTilde) };
  };
}

function peepCell(P: F64Params, B: number, v: Variant): Cell {
  const σ = gateFn(v);
  const cellIn = v.peepCellInput === 'sigmoid' ? σ : tanh;
  const [fg, ig] = v.swapForgetInput ? ['i', 'f'] : ['f', 'i'];
  return (x, { h, c }) => {
    const r = v.peepGatesRead === 'c' ? c : h;
    const f = σ(affine(P, B, [[`W_${fg}x`, x], [`W_${fg}h`, r]], `b_${fg}`, v));
    const i = σ(affine(P, B, [[`W_${ig}x`, x], [`W_${ig}h`, r]], `b_${ig}`, v));
    const o = σ(affine(P, B, [['W_ox', x], ['W_oh', r]], 'b_o', v));
    const cNew = add(mul(cellIn(affine(P, B, [['W_cx', x]], 'b_c', v)), i), mul(c, f));
    return { h: mul(v.cellOutput === 'tanh' ? tanh(cNew) : cNew, o), c: cNew };
  };
}

function gruCell(P: F64Params, B: number, v: Variant): Cell {
  const σ = gateFn(v);
  const bias = (name: string) => (P[name] ? name : null);          // the 2020 GRU may have none (spec.gateBiases false)
  return (x, { h, c }) => {
    const z = σ(affine(P, B, [['W_zx', x], ['W_zh', h]], bias('b_z'), v));
    const r = σ(affine(P, B, [['W_rx', x], ['W_rh', h]], bias('b_r'), v));
    const g = v.gruReset === 'before'
      ? tanh(affine(P, B, [['W_gx', x], ['W_gh', mul(r, h)]], bias('b_g'), v))
      : tanh(add(affine(P, B, [['W_gx', x]], bias('b_g'), v), mul(r, affine(P, B, [['W_gh', h]], null, v))));
    // update-takes-new: h = (1−z)⊙h(t−1) + z⊙h̃;  update-keeps-old: h = z⊙h(t−1) + (1−z)⊙g
    return { h: v.gru === 'update-takes-new' ? mix(z, h, g) : mix(z, g, h), c };
  };
}

function rnnCell(P: F64Params, B: number, v: Variant): Cell {
  return (x, { h, c }) => ({ h: tanh(affine(P, B, [['W_hx', x], ['W_hh', h]], 'b_h', v)), c });
}

/** Runs `cell` over the steps `order` (0-based) and returns the readout state's h. */
function run(cell: Cell, P: F64Params, tokens: number[][], spec: RecurrentSpec, H: number, order: number[], readAfter: 'last' | 'first'): Float64Array {
  const B = tokens.length;
  let state: State = { h: new Float64Array(B * H), c: new Float64Array(B * H) };
  let first: Float64Array | null = null;
  for (const t of order) {
    state = cell(inputAt(P, tokens, t, spec), state, t + 1);
    first ??= state.h;
  }
  return readAfter === 'first' && first ? first : state.h;
}

/** Last-step logits (or the variant's output) of `model`, [B, K]. */
export function variantForward(model: SequenceModelName, P: F64Params, tokens: number[][], spec: RecurrentSpec, v: Variant = correctVariant): F64 {
  const B = tokens.length;
  const T = tokens[0]?.length ?? 0;
  const H = spec.hiddenDim;
  const steps = v.steps === 'all' ? T : Math.max(0, T - 1);
  const forwardOrder = Array.from({ length: steps }, (_, t) => t);
  let h: Float64Array;
  if (model === 'biLSTM') {
    const hf = run(lstmCell(P, B, v, 'fwd.'), P, tokens, spec, H, forwardOrder, v.readout);
    const backOrder = v.backwardOrder === 'reversed' ? [...forwardOrder].reverse() : forwardOrder;
    const hb = run(lstmCell(P, B, v, 'bwd.'), P, tokens, spec, H, backOrder, v.backwardState === 'final' ? v.readout : 'first');
    const [a, b] = v.concat === 'fwd-bwd' ? [hf, hb] : [hb, hf];
    h = new Float64Array(B * 2 * H);
    for (let r = 0; r < B; r++) {
      h.set(a.subarray(r * H, (r + 1) * H), r * 2 * H);
      h.set(b.subarray(r * H, (r + 1) * H), r * 2 * H + H);
    }
  } else {
    const cell: Record<Exclude<SequenceModelName, 'biLSTM'>, () => Cell> = {
      vanillaRNN: () => rnnCell(P, B, v),
      lstm: () => lstmCell(P, B, v),
      timeGatedLSTM: () => timeGatedCell(P, B, v, spec),
      peepLSTM: () => peepCell(P, B, v),
      gru: () => gruCell(P, B, v),
    };
    h = run(cell[model](), P, tokens, spec, H, forwardOrder, v.readout);
  }
  const K = param(P, 'W_ph').shape[0];
  const p = affine(P, B, [['W_ph', h]], 'b_p', v);            // [B, K]
  return { shape: [B, K], data: outputTransform(p, B, K, v.output) };
}

function outputTransform(p: Float64Array, B: number, K: number, output: Variant['output']): Float64Array {
  if (output === 'logits') return p;
  if (output === 'softmax') return Float64Array.from(logSoftmaxRows(p, B, K), Math.exp);
  // log-softmax over the batch axis: each column normalised over the B sequences
  const out = new Float64Array(B * K);
  for (let k = 0; k < K; k++) {
    let m = -Infinity;
    for (let b = 0; b < B; b++) m = Math.max(m, p[b * K + k]);
    let s = 0;
    for (let b = 0; b < B; b++) s += Math.exp(p[b * K + k] - m);
    for (let b = 0; b < B; b++) out[b * K + k] = p[b * K + k] - m - Math.log(s);
  }
  return out;
}

/** log softmax over each row of a [B, K] array. */
export function logSoftmaxRows(p: ArrayLike<number>, B: number, K: number): Float64Array {
  const out = new Float64Array(B * K);
  for (let b = 0; b < B; b++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, p[b * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(p[b * K + k] - m);
    for (let k = 0; k < K; k++) out[b * K + k] = p[b * K + k] - m - Math.log(s);
  }
  return out;
}
