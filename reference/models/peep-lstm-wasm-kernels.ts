/**
 * The peephole LSTM (2020 PDF eqs. 35–41) as two fused kernels for the WebAssembly backend,
 * forward and BPTT, each over the whole sequence — the LSTM's kernels (`lstm-wasm-kernels.ts`)
 * with the recurrence through the cell state. The plumbing is shared (`wasm-kernels.ts`).
 *
 * Equations (blocks f, i, o, u of the projected inputs; c(0) = 0):
 *   a(t) = a_x(t) + [c(t−1)·W_cᵀ ‖ 0]     f, i, o, u = σ(a)   (u = σ(W_cx x + b_c), no recurrent term)
 *   c(t) = u ⊙ i + c(t−1) ⊙ f               h(T) = tanh(c(T)) ⊙ o(T)
 * u has no recurrent term, so σ is taken once per table row ([R, H], saved as `us`); a step is
 * one product c(t−1)·W_cᵀ ([B, H]·[H, 3H]) and one Sigmoid over the f, i, o blocks, and
 * tanh c = 2σ(2c) − 1 one more Sigmoid call. h(t) is not fed back, so only h(T) is made.
 * Backward, for t = T … 1, with ∂h = ∂h(T) at T and 0 before, and ∂c(T+1)-terms = 0:
 *   ∂c = ∂h ⊙ o ⊙ (1 − tanh²c) + ∂c(t+1) ⊙ f(t+1) + ∂a_fio(t+1)·W_c
 *   ∂a_f = ∂c ⊙ c(t−1) ⊙ f(1 − f)   ∂a_i = ∂c ⊙ u ⊙ i(1 − i)
 *   ∂a_o = ∂h ⊙ tanh c ⊙ o(1 − o)    ∂a_u = ∂c ⊙ i ⊙ u(1 − u)
 *   ∂W_c = Σ_{t ≥ 2} ∂a_fio(t)ᵀ · c(t−1)  (one product)
 */
import * as tf from '@tensorflow/tfjs';
import { add, columnsBuffer, f32, free, matMul, registerKernelPair, rowsOf, runFused, sigmoid, tableRows, transpose, weightGradient, zeros, type FusedOp, type KernelFunc, type TensorInfo, type WasmBackend } from './wasm-kernels';

export const PEEP_LSTM_FORWARD_KERNEL = 'NetgradePeepLstmForward';
export const PEEP_LSTM_BACKWARD_KERNEL = 'NetgradePeepLstmBackward';

/** The u blocks of the table's rows [R, H] (u has no recurrent term: σ of them is u for every step that reads the row). */
function inputBlocks(table: Float32Array, out: Float32Array, R: number, H: number): void {
  const G = 4 * H;
  for (let r = 0; r < R; r++) out.set(table.subarray(r * G + 3 * H, r * G + G), r * H);
}

/** From s = σ(a_fio): f, i, o into row t of acts; c(t) = u ⊙ i + c(t−1) ⊙ f into row t of cs and into c; q = 2c. prev holds c(t−1) from prevAt (a zero row at t = 1). */
function cellState(s: Float32Array, us: Float32Array, rows: Int32Array, acts: Float32Array, cs: Float32Array, c: Float32Array, q: Float32Array, prev: Float32Array, prevAt: number, t: number, B: number, H: number): void {
  const F = 3 * H, BF = B * F, BH = B * H;
  acts.set(s.subarray(0, BF), t * BF);
  for (let b = 0; b < B; b++) {
    const r = b * F, bh = b * H, rowC = t * BH + bh, at = prevAt + bh, uAt = rows[t * B + b] * H;
    for (let j = 0; j < H; j++) {
      const f = s[r + j], i = s[r + H + j], u = us[uAt + j];
      const cj = u * i + prev[at + j] * f;
      cs[rowC + j] = cj;
      c[bh + j] = cj;
      q[bh + j] = 2 * cj;
    }
  }
}

/** tanh c(t) = 2σ(2c) − 1 into row t of tanhCs. */
function cellOutput(sc: Float32Array, tanhCs: Float32Array, t: number, BH: number): void {
  const row = t * BH;
  for (let k = 0; k < BH; k++) tanhCs[row + k] = 2 * sc[k] - 1;
}

/** h(T) = tanh c(T) ⊙ o(T). */
function lastHidden(acts: Float32Array, tanhCs: Float32Array, h: Float32Array, T: number, B: number, H: number): void {
  const F = 3 * H, BH = B * H;
  for (let b = 0; b < B; b++) {
    const oAt = (T - 1) * B * F + b * F + 2 * H, rowC = (T - 1) * BH + b * H;
    for (let j = 0; j < H; j++) h[b * H + j] = tanhCs[rowC + j] * acts[oAt + j];
  }
}

/**
 * ∂a(t), summed into the table rows step t read, and its f, i, o blocks into da [B, 3H] and, from step 2 on, into
 * column block t − 1 of daT [3H, N] (`intoColumns`' layout). dh is ∂h(T) at T and zeros before;
 * dc holds ∂c(t+1) ⊙ f(t+1) on entry and m = ∂a_fio(t+1)·W_c (zeros at T), ∂c(t) ⊙ f(t) on exit; prev holds c(t−1) from prevAt.
 */
function gateGradients(dh: Float32Array, m: Float32Array, acts: Float32Array, us: Float32Array, prev: Float32Array, prevAt: number, tanhCs: Float32Array, dc: Float32Array, dTable: Float32Array, rows: Int32Array, da: Float32Array, daT: Float32Array, N: number, t: number, B: number, H: number): void {
  const G = 4 * H, F = 3 * H, BF = B * F, BH = B * H;
  for (let b = 0; b < B; b++) {
    const rowAct = t * BF + b * F, bh = b * H, rowC = t * BH + bh, at = prevAt + bh, r = b * F, row = rows[t * B + b] * G, uAt = rows[t * B + b] * H, col = (t - 1) * B + b;
    for (let j = 0; j < H; j++) {
      const f = acts[rowAct + j], i = acts[rowAct + H + j], o = acts[rowAct + 2 * H + j], u = us[uAt + j];
      const tc = tanhCs[rowC + j];
      const dhj = dh[bh + j];
      const dcj = dhj * o * (1 - tc * tc) + (dc[bh + j] + m[bh + j]);
      const dF = dcj * prev[at + j] * f * (1 - f), dI = dcj * u * i * (1 - i), dO = dhj * tc * o * (1 - o);
      dTable[row + j] += dF; dTable[row + H + j] += dI; dTable[row + 2 * H + j] += dO;
      dTable[row + 3 * H + j] += dcj * i * u * (1 - u);
      da[r + j] = dF; da[r + H + j] = dI; da[r + 2 * H + j] = dO;
      if (t > 0) { daT[j * N + col] = dF; daT[(H + j) * N + col] = dI; daT[(2 * H + j) * N + col] = dO; }   // strided: row b + 1 writes the next float of the same cache lines
      dc[bh + j] = dcj * f;
    }
  }
}

/**
 * Inputs table [R, 4H] and index [T, B] (the projected inputs, blocks f, i, o, u; `wasm-kernels.ts`)
 * and W_c [3H, H] (W_fh, W_ih, W_oh stacked).
 * Outputs h(T) [B, H] and, for the backward kernel, the activations f, i, o [T, B, 3H], c and tanh c
 * [T, B, H], and u of each table row [R, H].
 */
const forward: KernelFunc = ({ inputs, backend: raw }) => {
  const backend = raw as unknown as WasmBackend;
  const { table, index, Wc } = inputs as { table: TensorInfo; index: TensorInfo; Wc: TensorInfo };
  const [T, B] = index.shape, [R, G] = table.shape;
  const H = G / 4, F = 3 * H;
  const rows = rowsOf(backend, index);
  const WcT = transpose(backend, Wc);                          // [H, 3H], once
  const aU = backend.makeOutput([R, H], 'float32');
  inputBlocks(f32(backend, table), f32(backend, aU), R, H);
  const us = sigmoid(backend, aU);                             // u of each table row, [R, H]
  const acts = backend.makeOutput([T, B, F], 'float32');
  const cs = backend.makeOutput([T, B, H], 'float32');
  const tanhCs = backend.makeOutput([T, B, H], 'float32');
  const h = backend.makeOutput([B, H], 'float32');
  const x = backend.makeOutput([B, F], 'float32');              // a_x,fio(t)
  const c = backend.makeOutput([B, H], 'float32');              // c(t), the next product's input
  const twoC = backend.makeOutput([B, H], 'float32');
  const zeroRow = new Float32Array(B * H);                     // c(0)
  for (let t = 0; t < T; t++) {
    tableRows(f32(backend, x), f32(backend, table), G, rows, t, B, 0, F);
    const m = t > 0 ? matMul(backend, c, WcT) : null;          // c(t−1)·W_cᵀ, [B, 3H]
    const a = m ? add(backend, x, m) : x;
    const s = sigmoid(backend, a);                             // f, i, o
    free(backend, m, m ? a : null);
    cellState(f32(backend, s), f32(backend, us), rows, f32(backend, acts), f32(backend, cs), f32(backend, c), f32(backend, twoC), t > 0 ? f32(backend, cs) : zeroRow, t > 0 ? (t - 1) * B * H : 0, t, B, H);
    free(backend, s);
    const sc = sigmoid(backend, twoC);                          // σ(2c)
    cellOutput(f32(backend, sc), f32(backend, tanhCs), t, B * H);
    free(backend, sc);
  }
  lastHidden(f32(backend, acts), f32(backend, tanhCs), f32(backend, h), T, B, H);
  free(backend, WcT, aU, x, c, twoC);
  return [h, acts, cs, tanhCs, us];
};

/** Inputs dy [B, H] (∂loss/∂h(T)), acts, cs, tanhCs, us, and table, index, W_c. Outputs ∂table [R, 4H] and ∂W_c [3H, H]. */
const backward: KernelFunc = ({ inputs, backend: raw }) => {
  const backend = raw as unknown as WasmBackend;
  const { dy, acts, cs, tanhCs, us, table, index, Wc } = inputs as Record<string, TensorInfo>;
  const [T, B, F] = acts.shape;
  const H = F / 3, BH = B * H, N = (T - 1) * B;
  const rows = rowsOf(backend, index);
  const dTable = zeros(backend, table.shape);
  const da = backend.makeOutput([B, F], 'float32');            // ∂a_fio(t), the product's input
  const daT = columnsBuffer(backend, F, N);                    // [∂a_fio(2) … ∂a_fio(T)]ᵀ, for ∂W_c
  const dc = new Float32Array(BH);
  const zeroRow = new Float32Array(BH);                        // c(0), ∂h(t < T), ∂a_fio(T+1)·W_c
  let m: TensorInfo | null = null;                             // ∂a_fio(t+1)·W_c, [B, H]
  for (let t = T - 1; t >= 0; t--) {
    gateGradients(t === T - 1 ? f32(backend, dy) : zeroRow, m ? f32(backend, m) : zeroRow, f32(backend, acts), f32(backend, us), t > 0 ? f32(backend, cs) : zeroRow, t > 0 ? (t - 1) * BH : 0, f32(backend, tanhCs), dc, f32(backend, dTable), rows, f32(backend, da), f32(backend, daT), N, t, B, H);
    free(backend, m);
    m = null;
    if (t === 0) break;
    m = matMul(backend, da, Wc);                               // ∂a_fio(t)·W_c, [B, H]
  }
  free(backend, da);
  const dWc = weightGradient(backend, T > 1 ? daT : null, cs, N, F, H);   // [∂a(2) … ∂a(T)]ᵀ · [c(1) … c(T−1)]
  free(backend, daT);
  return [dTable, dWc];
};

const PEEP_LSTM_OP: FusedOp = { forward: PEEP_LSTM_FORWARD_KERNEL, backward: PEEP_LSTM_BACKWARD_KERNEL, inputs: ['table', 'Wc'], constants: ['index'], saved: ['acts', 'cs', 'tanhCs', 'us'] };

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
