/**
 * The LSTM recurrence as two fused kernels for the WebAssembly backend, forward and BPTT,
 * each over the whole sequence — what cuDNN's fused RNN is to PyTorch.
 *
 * Why: in `lstm-sequence.ts` every step is ~10 tfjs ops forward and ~20 backward; each op
 * pays the engine's bookkeeping and one pass over memory. Here a forward step is one wasm
 * matMul, two wasm Sigmoid calls (XNNPACK, vectorised) and three plain loops that do the
 * gate algebra on the heap; a backward step is one loop and one matMul, and ∂W_h one
 * product at the end. The kernels call the backend's own kernels on `TensorInfo`s and free
 * their temporaries, so the engine sees two ops per sequence. Measured in
 * `npm run bench -- lstm-step`: a training step 141 ms against 162 ms for the same BPTT in
 * tfjs ops and 197 ms by the tape.
 *
 * Equations (gate order g, i, f, o; h(0) = c(0) = 0), with tanh(x) = 2σ(2x) − 1 so that
 * one Sigmoid call covers all four gates:
 *   a(t) = a_x(t) + h(t−1)·W_hᵀ     g = tanh(a_g)   i, f, o = σ(a_i), σ(a_f), σ(a_o)
 *   c(t) = g ⊙ i + c(t−1) ⊙ f       h(t) = tanh(c(t)) ⊙ o
 * Backward, for t = T … 1 (∂c(T+1)·f(T+1) = 0):
 *   ∂c = ∂h ⊙ o ⊙ (1 − tanh²c) + ∂c(t+1) ⊙ f(t+1)
 *   ∂a_g = ∂c ⊙ i ⊙ (1 − g²)    ∂a_i = ∂c ⊙ g ⊙ i(1 − i)
 *   ∂a_f = ∂c ⊙ c(t−1) ⊙ f(1 − f)    ∂a_o = ∂h ⊙ tanh c ⊙ o(1 − o)
 *   ∂h(t−1) = ∂a(t)·W_h             ∂W_h = Σ_{t ≥ 2} ∂a(t)ᵀ·h(t−1)  (one product)
 *
 * The time-gated LSTM (2018 PDF eqs. 13–16) is the same recurrence blended by a number
 * k(t) per step (attribute `ks`; without it k ≡ 1, the LSTM):
 *   c(t) = k c̃(t) + (1 − k) c(t−1)  with c̃(t) the LSTM's c(t)     h(t) = k h̃(t) + (1 − k) h(t−1)
 * and backward, with ∂h̃ = k ∂h and ∂c̃ = k ∂c in the gate formulas above:
 *   ∂c = ∂h̃ ⊙ o ⊙ (1 − tanh²c) + ∂c(t+1)·(…)    ∂c(t−1) = ∂c ⊙ (1 − k + k f)
 *   ∂h(t−1) = ∂a(t)·W_h + (1 − k) ∂h
 * A closed step (k = 0) carries the state unchanged and costs no product either way.
 */
import * as tf from '@tensorflow/tfjs';
import { columnsBuffer, f32, free, intoColumns, matMul, registerKernelPair, rowsOf, runFused, sigmoid, transpose, weightGradient, zeros, type FusedOp, type KernelFunc, type TensorInfo, type WasmBackend } from './wasm-kernels';

export const LSTM_FORWARD_KERNEL = 'NetgradeLstmForward';
export const LSTM_BACKWARD_KERNEL = 'NetgradeLstmBackward';

/* The loops below take plain Float32Arrays and numbers only, so V8 compiles each once. */

/** p = a_x(t) + m, the g block doubled (σ(2a) gives tanh a); a_x(t) of row b is table row rows[tB + b]; m = null at t = 1. */
function preActivations(p: Float32Array, table: Float32Array, rows: Int32Array, m: Float32Array | null, t: number, B: number, G: number, H: number): void {
  for (let b = 0; b < B; b++) {
    const at = rows[t * B + b] * G, r = b * G;
    if (m) {
      for (let j = 0; j < H; j++) p[r + j] = 2 * (table[at + j] + m[r + j]);
      for (let j = H; j < G; j++) p[r + j] = table[at + j] + m[r + j];
    } else {
      for (let j = 0; j < H; j++) p[r + j] = 2 * table[at + j];
      for (let j = H; j < G; j++) p[r + j] = table[at + j];
    }
  }
}

/** From s = σ of the pre-activations: g = 2s_g − 1, i, f, o; c(t) = k(g ⊙ i + c(t−1) ⊙ f) + (1 − k) c(t−1); q = 2c. */
function cellState(s: Float32Array, acts: Float32Array, cs: Float32Array, q: Float32Array, t: number, k: number, B: number, H: number): void {
  const G = 4 * H, BG = B * G, BH = B * H;
  for (let b = 0; b < B; b++) {
    const r = b * G, rowAct = t * BG + r, rowC = t * BH + b * H, rowPrev = rowC - BH;
    for (let j = 0; j < H; j++) {
      const g = 2 * s[r + j] - 1, i = s[r + H + j], f = s[r + 2 * H + j], o = s[r + 3 * H + j];
      const cPrev = t > 0 ? cs[rowPrev + j] : 0;
      const c = k === 1 ? g * i + cPrev * f : k * (g * i + cPrev * f) + (1 - k) * cPrev;
      acts[rowAct + j] = g; acts[rowAct + H + j] = i; acts[rowAct + 2 * H + j] = f; acts[rowAct + 3 * H + j] = o;
      cs[rowC + j] = c;
      q[b * H + j] = 2 * c;
    }
  }
}

/** tanh c = 2σ(2c) − 1; h(t) = k tanh c ⊙ o + (1 − k) h(t−1), into h and into row t of hs. */
function hidden(sc: Float32Array, acts: Float32Array, tanhCs: Float32Array, h: Float32Array, hs: Float32Array, t: number, k: number, B: number, H: number): void {
  const G = 4 * H, BG = B * G, BH = B * H;
  for (let b = 0; b < B; b++) {
    const rowC = t * BH + b * H, oAt = t * BG + b * G + 3 * H;
    for (let j = 0; j < H; j++) {
      const tc = 2 * sc[b * H + j] - 1;
      const hh = k === 1 ? tc * acts[oAt + j] : k * tc * acts[oAt + j] + (1 - k) * (t > 0 ? hs[rowC - BH + j] : 0);
      tanhCs[rowC + j] = tc;
      h[b * H + j] = hh;
      hs[rowC + j] = hh;
    }
  }
}

/** A closed step (k = 0): c(t), tanh c(t), h(t) are those of t − 1 (zeros at t = 1), the activations zeros. */
function carry(acts: Float32Array, cs: Float32Array, tanhCs: Float32Array, hs: Float32Array, t: number, B: number, H: number): void {
  const BG = 4 * B * H, BH = B * H;
  acts.fill(0, t * BG, (t + 1) * BG);
  for (const a of [cs, tanhCs, hs]) {
    if (t > 0) a.copyWithin(t * BH, (t - 1) * BH, t * BH);
    else a.fill(0, 0, BH);
  }
}

/** ∂a(t) from ∂h(t) and ∂c(t+1)·(…) (updated in place to that of t), into da and summed into the table rows step t read. */
function gateGradients(dh: Float32Array, acts: Float32Array, cs: Float32Array, tanhCs: Float32Array, dcNext: Float32Array, dTable: Float32Array, rows: Int32Array, da: Float32Array, t: number, k: number, B: number, H: number): void {
  const G = 4 * H, BG = B * G, BH = B * H;
  for (let b = 0; b < B; b++) {
    const rowAct = t * BG + b * G, rowC = t * BH + b * H, r = b * G, at = rows[t * B + b] * G;
    for (let j = 0; j < H; j++) {
      const g = acts[rowAct + j], i = acts[rowAct + H + j], f = acts[rowAct + 2 * H + j], o = acts[rowAct + 3 * H + j];
      const tc = tanhCs[rowC + j];
      const cPrev = t > 0 ? cs[rowC - BH + j] : 0;
      const dhj = k * dh[b * H + j];                                   // ∂h̃
      const dc = dhj * o * (1 - tc * tc) + dcNext[b * H + j];
      const dct = k * dc;                                              // ∂c̃
      const dG = dct * i * (1 - g * g), dI = dct * g * i * (1 - i), dF = dct * cPrev * f * (1 - f), dO = dhj * tc * o * (1 - o);
      da[r + j] = dG; da[r + H + j] = dI; da[r + 2 * H + j] = dF; da[r + 3 * H + j] = dO;
      dTable[at + j] += dG; dTable[at + H + j] += dI; dTable[at + 2 * H + j] += dF; dTable[at + 3 * H + j] += dO;
      dcNext[b * H + j] = k === 1 ? dc * f : dc * (1 - k + k * f);
    }
  }
}

/** ∂h(t−1) = ∂a(t)·W_h (already in m) + (1 − k) ∂h(t). */
function addCarried(m: Float32Array, dh: Float32Array, k: number, n: number): void {
  for (let j = 0; j < n; j++) m[j] += (1 - k) * dh[j];
}

const gateOf = (attrs: unknown, t: number): number => {
  const ks = (attrs as { ks?: number[] }).ks;
  return ks ? ks[t] : 1;
};

/**
 * Inputs table [R, 4H] and index [T, B] (the projected inputs, gates g, i, f, o; `wasm-kernels.ts`)
 * and W_h [4H, H] (the four W_·h stacked).
 * Outputs h(T) [B, H] and, for the backward kernel, the activations [T, B, 4H]
 * (g, i, f, o), c [T, B, H], tanh c [T, B, H] and h [T, B, H].
 */
const forward: KernelFunc = ({ inputs, backend: raw, attrs }) => {
  const backend = raw as unknown as WasmBackend;
  const { table, index, Wh } = inputs as { table: TensorInfo; index: TensorInfo; Wh: TensorInfo };
  const [T, B] = index.shape, G = table.shape[1];
  const H = G / 4;
  const rows = rowsOf(backend, index);
  const WhT = transpose(backend, Wh);                         // [H, 4H], once: untransposed products are the fast ones
  const acts = backend.makeOutput([T, B, G], 'float32');
  const cs = backend.makeOutput([T, B, H], 'float32');
  const tanhCs = backend.makeOutput([T, B, H], 'float32');
  const hs = backend.makeOutput([T, B, H], 'float32');
  const pre = backend.makeOutput([B, G], 'float32');          // a(t), the g block doubled
  const twoC = backend.makeOutput([B, H], 'float32');         // 2c(t)
  let hPrev: TensorInfo | null = null;
  for (let t = 0; t < T; t++) {
    const k = gateOf(attrs, t);
    const h = backend.makeOutput([B, H], 'float32');
    if (k === 0) {
      carry(f32(backend, acts), f32(backend, cs), f32(backend, tanhCs), f32(backend, hs), t, B, H);
      f32(backend, h).set(f32(backend, hs).subarray(t * B * H, (t + 1) * B * H));
    } else {
      const m = hPrev ? matMul(backend, hPrev, WhT) : null;     // h(t−1)·W_hᵀ, [B, G]
      // views after every allocation: heap growth detaches the old ones
      preActivations(f32(backend, pre), f32(backend, table), rows, m ? f32(backend, m) : null, t, B, G, H);
      free(backend, m);
      const s = sigmoid(backend, pre);                           // σ(2a_g), σ(a_i), σ(a_f), σ(a_o)
      cellState(f32(backend, s), f32(backend, acts), f32(backend, cs), f32(backend, twoC), t, k, B, H);
      free(backend, s);
      const sc = sigmoid(backend, twoC);                         // σ(2c)
      hidden(f32(backend, sc), f32(backend, acts), f32(backend, tanhCs), f32(backend, h), f32(backend, hs), t, k, B, H);
      free(backend, sc);
    }
    free(backend, hPrev);
    hPrev = h;
  }
  free(backend, pre, twoC, WhT);
  return [hPrev as TensorInfo, acts, cs, tanhCs, hs];
};

/**
 * Inputs dy [B, H] (∂loss/∂h(T)), the forward kernel's acts, cs, tanhCs, hs, and table, index, W_h.
 * Outputs ∂table [R, 4H] and ∂W_h [4H, H].
 */
const backward: KernelFunc = ({ inputs, backend: raw, attrs }) => {
  const backend = raw as unknown as WasmBackend;
  const { dy, acts, cs, tanhCs, hs, table, index, Wh } = inputs as Record<string, TensorInfo>;
  const [T, B, G] = acts.shape;
  const H = G / 4, BH = B * H, N = (T - 1) * B;
  const rows = rowsOf(backend, index);
  const dTable = zeros(backend, table.shape);
  const da = backend.makeOutput([B, G], 'float32');                      // ∂a(t), the next product's input
  const daT = columnsBuffer(backend, G, N);                              // [∂a(2) … ∂a(T)]ᵀ, for ∂W_h
  const dcNext = new Float32Array(BH);                                   // ∂c(t+1)·(…)
  let dh: TensorInfo = dy;
  for (let t = T - 1; t >= 0; t--) {
    const k = gateOf(attrs, t);
    if (k === 0) {                                                       // closed: ∂a = 0; ∂h, ∂c pass unchanged
      if (t > 0) { const d = f32(backend, daT); for (let r = 0; r < G; r++) d.fill(0, r * N + (t - 1) * B, r * N + t * B); }
      continue;
    }
    gateGradients(f32(backend, dh), f32(backend, acts), f32(backend, cs), f32(backend, tanhCs), dcNext, f32(backend, dTable), rows, f32(backend, da), t, k, B, H);
    if (t > 0) {
      intoColumns(f32(backend, da), G, 0, G, f32(backend, daT), 0, N, (t - 1) * B, B);
      const next = matMul(backend, da, Wh);                               // ∂h(t−1), [B, H]
      if (k !== 1) addCarried(f32(backend, next), f32(backend, dh), k, BH);
      if (dh !== dy) free(backend, dh);
      dh = next;
    }
  }
  if (dh !== dy) free(backend, dh);
  free(backend, da);
  const dWh = weightGradient(backend, T > 1 ? daT : null, hs, N, G, H);   // [∂a(2) … ∂a(T)]ᵀ · [h(1) … h(T−1)]
  free(backend, daT);
  return [dTable, dWh];
};

const LSTM_OP: FusedOp = { forward: LSTM_FORWARD_KERNEL, backward: LSTM_BACKWARD_KERNEL, inputs: ['table', 'Wh'], constants: ['index'], saved: ['acts', 'cs', 'tanhCs', 'hs'] };

/** Register both kernels for the wasm backend (once per process); false when wasm is not loaded. */
export function registerLstmWasmKernels(): boolean {
  return registerKernelPair(LSTM_FORWARD_KERNEL, forward, LSTM_BACKWARD_KERNEL, backward);
}

/** The fused kernels run here: the active backend is wasm and they are registered. */
export function lstmWasmKernelsActive(): boolean {
  return tf.getBackend() === 'wasm' && registerLstmWasmKernels();
}

/**
 * h(T) [B, H] of the LSTM on the fused wasm kernels; the projected inputs as table [R, 4H]
 * and index [T, B] (`inputProjection`), Wh = [W_gh; W_ih; W_fh; W_oh] [4H, H].
 * `ks`, one k(t) per step, makes it the time-gated LSTM.
 */
export function lstmSequenceWasm(table: tf.Tensor2D, index: tf.Tensor2D, Wh: tf.Tensor2D, ks?: number[]): tf.Tensor2D {
  if (!lstmWasmKernelsActive()) throw new Error(`lstmSequenceWasm requires the wasm backend, got "${tf.getBackend()}".`);
  if (index.shape[0] < 1) throw new Error(`lstmSequenceWasm requires at least one time step, got an index of shape [${index.shape.join(', ')}].`);
  if (ks && ks.length !== index.shape[0]) throw new Error(`lstmSequenceWasm requires one gate value k(t) per step (${index.shape[0]}), got ${ks.length}.`);
  return runFused(LSTM_OP, [table, Wh], [index], ks ? { ks } : {}) as tf.Tensor2D;
}
