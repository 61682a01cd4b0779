/**
 * The peephole LSTM (2020 PDF eqs. 35–41) as two fused kernels for the WebAssembly backend,
 * forward and BPTT, each over the whole sequence — the LSTM's kernels (`lstm-wasm-kernels.ts`)
 * with the recurrence through the cell state. The plumbing is shared (`wasm-kernels.ts`).
 *
 * Equations (blocks f, i, o, u of the projected inputs; c(0) = 0):
 *   a(t) = a_x(t) + [c(t−1)·W_cᵀ ‖ 0]     f, i, o, u = σ(a)   (u = σ(W_cx x + b_c), no recurrent term)
 *   c(t) = u ⊙ i + c(t−1) ⊙ f               h(T) = tanh(c(T)) ⊙ o(T)
 * One product c(t−1)·W_cᵀ ([B, H]·[H, 3H]) and one Sigmoid over all four blocks per step;
 * tanh c = 2σ(2c) − 1 is one more Sigmoid call. h(t) is not fed back, so only h(T) is made.
 * Backward, for t = T … 1, with ∂h = ∂h(T) at T and 0 before, and ∂c(T+1)-terms = 0:
 *   ∂c = ∂h ⊙ o ⊙ (1 − tanh²c) + ∂c(t+1) ⊙ f(t+1) + ∂a_fio(t+1)·W_c
 *   ∂a_f = ∂c ⊙ c(t−1) ⊙ f(1 − f)   ∂a_i = ∂c ⊙ u ⊙ i(1 − i)
 *   ∂a_o = ∂h ⊙ tanh c ⊙ o(1 − o)    ∂a_u = ∂c ⊙ i ⊙ u(1 − u)
 *   ∂W_c = Σ_{t ≥ 2} ∂a_fio(t)ᵀ · c(t−1)  (one product)
 */
import * as tf from '@tensorflow/tfjs';
import { columnsBuffer, f32, free, intoColumns, matMul, registerKernelPair, rowsOf, runFused, sigmoid, transpose, weightGradient, zeros, type FusedOp, type KernelFunc, type TensorInfo, type WasmBackend } from './wasm-kernels';

export const PEEP_LSTM_FORWARD_KERNEL = 'NetgradePeepLstmForward';
export const PEEP_LSTM_BACKWARD_KERNEL = 'NetgradePeepLstmBackward';

/** p = a_x(t) + m in the f, i, o blocks (a_x(t) of row b is table row rows[tB + b]; m [B, 3H] = c(t−1)·W_cᵀ, null at t = 1). */
function preActivations(p: Float32Array, table: Float32Array, rows: Int32Array, m: Float32Array | null, t: number, B: number, H: number): void {
  const G = 4 * H, F = 3 * H;
  for (let b = 0; b < B; b++) {
    const at = rows[t * B + b] * G, r = b * G;
    if (m) for (let j = 0; j < F; j++) p[r + j] = table[at + j] + m[b * F + j];
    else for (let j = 0; j < F; j++) p[r + j] = table[at + j];
    for (let j = F; j < G; j++) p[r + j] = table[at + j];
  }
}

/** From s = σ(a): f, i, o, u into row t of acts; c(t) = u ⊙ i + c(t−1) ⊙ f into row t of cs and into c; q = 2c. */
function cellState(s: Float32Array, acts: Float32Array, cs: Float32Array, c: Float32Array, q: Float32Array, t: number, B: number, H: number): void {
  const G = 4 * H, BG = B * G, BH = B * H;
  acts.set(s.subarray(0, BG), t * BG);
  for (let b = 0; b < B; b++) {
    const r = b * G, rowC = t * BH + b * H;
    for (let j = 0; j < H; j++) {
      const f = s[r + j], i = s[r + H + j], u = s[r + 3 * H + j];
      const cj = t > 0 ? u * i + cs[rowC - BH + j] * f : u * i;
      cs[rowC + j] = cj;
      c[b * H + j] = cj;
      q[b * H + j] = 2 * cj;
    }
  }
}

/** tanh c(t) = 2σ(2c) − 1 into row t of tanhCs; at the last step also h(T) = tanh c ⊙ o. */
function cellOutput(sc: Float32Array, acts: Float32Array, tanhCs: Float32Array, h: Float32Array | null, t: number, B: number, H: number): void {
  const G = 4 * H, BH = B * H;
  for (let b = 0; b < B; b++) {
    const oAt = t * B * G + b * G + 2 * H;
    for (let j = 0; j < H; j++) {
      const tc = 2 * sc[b * H + j] - 1;
      tanhCs[t * BH + b * H + j] = tc;
      if (h) h[b * H + j] = tc * acts[oAt + j];
    }
  }
}

/**
 * ∂a(t), summed into the table rows step t read, and its f, i, o blocks into da [B, 3H]; dc holds ∂c(t+1) ⊙ f(t+1) + ∂a_fio(t+1)·W_c
 * on entry and ∂c(t) ⊙ f(t) on exit (the product is added by the caller). dh = null before T.
 */
function gateGradients(dh: Float32Array | null, acts: Float32Array, cs: Float32Array, tanhCs: Float32Array, dc: Float32Array, dTable: Float32Array, rows: Int32Array, da: Float32Array, t: number, B: number, H: number): void {
  const G = 4 * H, F = 3 * H, BG = B * G, BH = B * H;
  for (let b = 0; b < B; b++) {
    const rowAct = t * BG + b * G, rowC = t * BH + b * H, r = b * F, at = rows[t * B + b] * G;
    for (let j = 0; j < H; j++) {
      const f = acts[rowAct + j], i = acts[rowAct + H + j], o = acts[rowAct + 2 * H + j], u = acts[rowAct + 3 * H + j];
      const tc = tanhCs[rowC + j];
      const cPrev = t > 0 ? cs[rowC - BH + j] : 0;
      const dhj = dh ? dh[b * H + j] : 0;
      const dcj = dhj * o * (1 - tc * tc) + dc[b * H + j];
      const dF = dcj * cPrev * f * (1 - f), dI = dcj * u * i * (1 - i), dO = dhj * tc * o * (1 - o);
      dTable[at + j] += dF; dTable[at + H + j] += dI; dTable[at + 2 * H + j] += dO;
      dTable[at + 3 * H + j] += dcj * i * u * (1 - u);
      da[r + j] = dF; da[r + H + j] = dI; da[r + 2 * H + j] = dO;
      dc[b * H + j] = dcj * f;
    }
  }
}

/**
 * Inputs table [R, 4H] and index [T, B] (the projected inputs, blocks f, i, o, u; `wasm-kernels.ts`)
 * and W_c [3H, H] (W_fh, W_ih, W_oh stacked).
 * Outputs h(T) [B, H] and, for the backward kernel, the activations [T, B, 4H], c and tanh c [T, B, H].
 */
const forward: KernelFunc = ({ inputs, backend: raw }) => {
  const backend = raw as unknown as WasmBackend;
  const { table, index, Wc } = inputs as { table: TensorInfo; index: TensorInfo; Wc: TensorInfo };
  const [T, B] = index.shape, G = table.shape[1];
  const H = G / 4;
  const rows = rowsOf(backend, index);
  const WcT = transpose(backend, Wc);                          // [H, 3H], once
  const acts = backend.makeOutput([T, B, G], 'float32');
  const cs = backend.makeOutput([T, B, H], 'float32');
  const tanhCs = backend.makeOutput([T, B, H], 'float32');
  const h = backend.makeOutput([B, H], 'float32');
  const pre = backend.makeOutput([B, G], 'float32');
  const c = backend.makeOutput([B, H], 'float32');              // c(t), the next product's input
  const twoC = backend.makeOutput([B, H], 'float32');
  for (let t = 0; t < T; t++) {
    const m = t > 0 ? matMul(backend, c, WcT) : null;          // c(t−1)·W_cᵀ, [B, 3H]
    preActivations(f32(backend, pre), f32(backend, table), rows, m ? f32(backend, m) : null, t, B, H);
    free(backend, m);
    const s = sigmoid(backend, pre);
    cellState(f32(backend, s), f32(backend, acts), f32(backend, cs), f32(backend, c), f32(backend, twoC), t, B, H);
    free(backend, s);
    const sc = sigmoid(backend, twoC);                          // σ(2c)
    cellOutput(f32(backend, sc), f32(backend, acts), f32(backend, tanhCs), t === T - 1 ? f32(backend, h) : null, t, B, H);
    free(backend, sc);
  }
  free(backend, WcT, pre, c, twoC);
  return [h, acts, cs, tanhCs];
};

/** Inputs dy [B, H] (∂loss/∂h(T)), acts, cs, tanhCs, and table, index, W_c. Outputs ∂table [R, 4H] and ∂W_c [3H, H]. */
const backward: KernelFunc = ({ inputs, backend: raw }) => {
  const backend = raw as unknown as WasmBackend;
  const { dy, acts, cs, tanhCs, table, index, Wc } = inputs as Record<string, TensorInfo>;
  const [T, B, G] = acts.shape;
  const H = G / 4, F = 3 * H, BH = B * H, N = (T - 1) * B;
  const rows = rowsOf(backend, index);
  const dTable = zeros(backend, table.shape);
  const da = backend.makeOutput([B, F], 'float32');            // ∂a_fio(t), the product's input
  const daT = columnsBuffer(backend, F, N);                    // [∂a_fio(2) … ∂a_fio(T)]ᵀ, for ∂W_c
  const dc = new Float32Array(BH);
  for (let t = T - 1; t >= 0; t--) {
    gateGradients(t === T - 1 ? f32(backend, dy) : null, f32(backend, acts), f32(backend, cs), f32(backend, tanhCs), dc, f32(backend, dTable), rows, f32(backend, da), t, B, H);
    if (t > 0) {
      intoColumns(f32(backend, da), F, 0, F, f32(backend, daT), 0, N, (t - 1) * B, B);
      const m = matMul(backend, da, Wc);                         // ∂a_fio(t)·W_c, [B, H]
      const mv = f32(backend, m);
      for (let j = 0; j < BH; j++) dc[j] += mv[j];               // ∂c(t−1) = ∂c ⊙ f + ∂a_fio·W_c
      free(backend, m);
    }
  }
  free(backend, da);
  const dWc = weightGradient(backend, T > 1 ? daT : null, cs, N, F, H);   // [∂a(2) … ∂a(T)]ᵀ · [c(1) … c(T−1)]
  free(backend, daT);
  return [dTable, dWc];
};

const PEEP_LSTM_OP: FusedOp = { forward: PEEP_LSTM_FORWARD_KERNEL, backward: PEEP_LSTM_BACKWARD_KERNEL, inputs: ['table', 'Wc'], constants: ['index'], saved: ['acts', 'cs', 'tanhCs'] };

/** The fused kernels run here: the active backend is wasm and they are registered. */
export function peepLstmWasmKernelsActive(): boolean {
  return tf.getBackend() === 'wasm' && registerKernelPair(PEEP_LSTM_FORWARD_KERNEL, forward, PEEP_LSTM_BACKWARD_KERNEL, backward);
}

/**
 * h(T) [B, H] of the peephole LSTM on the fused wasm kernels; the projected inputs (f, i, o, u)
 * as table [R, 4H] and index [T, B] (`inputProjection`), Wc = [W_fh; W_ih; W_oh] [3H, H].
 */
export function peepLstmSequenceWasm(table: tf.Tensor2D, index: tf.Tensor2D, Wc: tf.Tensor2D): tf.Tensor2D {
  if (!peepLstmWasmKernelsActive()) throw new Error(`peepLstmSequenceWasm requires the wasm backend, got "${tf.getBackend()}".`);
  if (index.shape[0] < 1) throw new Error(`peepLstmSequenceWasm requires at least one time step, got an index of shape [${index.shape.join(', ')}].`);
  return runFused(PEEP_LSTM_OP, [table, Wc], [index]) as tf.Tensor2D;
}
