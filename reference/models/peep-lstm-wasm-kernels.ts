/**
 * The peephole LSTM (2020 PDF eqs. 35–41) as two fused kernels for the WebAssembly backend,
 * forward and BPTT, each over the whole sequence — the LSTM's kernels (`lstm-wasm-kernels.ts`)
 * with the recurrence through the cell state. The plumbing is shared (`wasm-kernels.ts`).
 *
 * Equations (blocks f, i, o, u of the projected inputs; c(0) = 0):
 *   a(t) = a_x(t) + [c(t−1)·W_cᵀ ‖ 0]     f, i, o, u = σ(a)   (u = σ(W_cx x + b_c), no recurrent term)
 *   c(t) = u ⊙ i + c(t−1) ⊙ f               h(T) = tanh(c(T)) ⊙ o(T)
 * Only h(T) is read, so o(t) and tanh c(t) matter at t = T alone: a step before T is one
 * product c(t−1)·W_fiᵀ ([B, H]·[H, 2H], W_fi = [W_fh; W_ih]) and one Sigmoid over the f, i
 * blocks; the last step takes o too (c(T−1)·W_cᵀ), then tanh c(T) = 2σ(2c(T)) − 1. u has no
 * recurrent term, so σ is taken once per table row ([R, H], saved as `us`).
 * Backward, for t = T … 1, with ∂c(T+1)-terms = 0 and ∂h = ∂h(T):
 *   ∂c = [t = T] ∂h ⊙ o ⊙ (1 − tanh²c) + ∂c(t+1) ⊙ f(t+1) + ∂a_fi(t+1)·W_fi (∂a_fio(T)·W_c from T)
 *   ∂a_f = ∂c ⊙ c(t−1) ⊙ f(1 − f)   ∂a_i = ∂c ⊙ u ⊙ i(1 − i)   ∂a_u = ∂c ⊙ i ⊙ u(1 − u)
 *   ∂a_o = [t = T] ∂h ⊙ tanh c ⊙ o(1 − o)
 *   ∂W_fi = Σ_{t ≥ 2} ∂a_fi(t)ᵀ · c(t−1)  (one product)    ∂W_o = ∂a_o(T)ᵀ · c(T−1)
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

/**
 * The first `rows` rows of x [·, cols] (W_fi = the f, i rows of W_c): a view, or with `copy` a new
 * tensor — a product's right operand must be one, as XNNPACK keeps its packed weights per buffer.
 */
function firstRows(backend: WasmBackend, x: TensorInfo, rows: number, copy: boolean): TensorInfo {
  const view = { dataId: x.dataId, shape: [rows, x.shape[1]], dtype: x.dtype };
  if (!copy) return view;
  const out = backend.makeOutput(view.shape, 'float32');
  f32(backend, out).set(f32(backend, view));
  return out;
}

/**
 * From s = σ(a) [B, width] (f, i, and at the last step o): f, i into row t of acts [T, B, 2H];
 * c(t) = u ⊙ i + c(t−1) ⊙ f into row t of cs and into c. prev holds c(t−1) from prevAt (a zero row at t = 1).
 */
function cellState(s: Float32Array, width: number, us: Float32Array, rows: Int32Array, acts: Float32Array, cs: Float32Array, c: Float32Array, prev: Float32Array, prevAt: number, t: number, B: number, H: number): void {
  const Z = 2 * H, BH = B * H;
  for (let b = 0; b < B; b++) acts.set(s.subarray(b * width, b * width + Z), (t * B + b) * Z);
  for (let b = 0; b < B; b++) {
    const r = b * width, bh = b * H, rowC = t * BH + bh, at = prevAt + bh, uAt = rows[t * B + b] * H;
    for (let j = 0; j < H; j++) {
      const f = s[r + j], i = s[r + H + j], u = us[uAt + j];
      cs[rowC + j] = u * i + prev[at + j] * f;
    }
  }
  c.set(cs.subarray(t * BH, t * BH + BH));
}

/** o(T) from s [B, 3H] into o; q = 2c(T) (σ(2c) gives tanh c). */
function outputGate(s: Float32Array, c: Float32Array, o: Float32Array, q: Float32Array, B: number, H: number): void {
  const F = 3 * H;
  for (let b = 0; b < B; b++) o.set(s.subarray(b * F + 2 * H, b * F + F), b * H);
  for (let k = 0; k < B * H; k++) q[k] = 2 * c[k];
}

/** tanh c(T) = 2σ(2c) − 1 into tanhC; h(T) = tanh c(T) ⊙ o(T). */
function lastHidden(sc: Float32Array, o: Float32Array, tanhC: Float32Array, h: Float32Array, BH: number): void {
  for (let k = 0; k < BH; k++) {
    const tc = 2 * sc[k] - 1;
    tanhC[k] = tc;
    h[k] = tc * o[k];
  }
}

/**
 * At T: the ∂h-term of ∂c, ∂h ⊙ o ⊙ (1 − tanh²c), into e; ∂a_o into the table rows step T read, into the
 * o block of da [B, 3H] (c(T−1) feeds o(T) through W_oh) and, transposed, into doT [H, B] (the left operand of ∂W_o).
 */
function outputGradients(dh: Float32Array, o: Float32Array, tanhC: Float32Array, e: Float32Array, da: Float32Array, doT: Float32Array, dTable: Float32Array, rows: Int32Array, t: number, B: number, H: number): void {
  const G = 4 * H, F = 3 * H;
  for (let b = 0; b < B; b++) {
    const bh = b * H, row = rows[t * B + b] * G + 2 * H, r = b * F + 2 * H;
    for (let j = 0; j < H; j++) {
      const d = dh[bh + j], oj = o[bh + j], tc = tanhC[bh + j];
      const dO = d * tc * oj * (1 - oj);
      e[bh + j] = d * oj * (1 - tc * tc);
      dTable[row + j] += dO;
      da[r + j] = dO;
      doT[j * B + b] = dO;
    }
  }
}

/**
 * ∂a_f, ∂a_i, ∂a_u of step t, summed into the table rows step t read, ∂a_f, ∂a_i into da [B, width] and, from
 * step 2 on, into column block t − 1 of daT [2H, N] (`intoColumns`' layout). ∂c = e + dc + m, with e the
 * ∂h-term (zeros before T), dc = ∂c(t+1) ⊙ f(t+1) (∂c(t) ⊙ f(t) on exit) and m = ∂a_fi(t+1)·W_fi (zeros at T);
 * prev holds c(t−1) from prevAt.
 */
function gateGradients(e: Float32Array, m: Float32Array, acts: Float32Array, us: Float32Array, prev: Float32Array, prevAt: number, dc: Float32Array, dTable: Float32Array, rows: Int32Array, da: Float32Array, width: number, daT: Float32Array, N: number, t: number, B: number, H: number): void {
  const G = 4 * H, Z = 2 * H;
  for (let b = 0; b < B; b++) {
    const rowAct = (t * B + b) * Z, bh = b * H, at = prevAt + bh, r = b * width, row = rows[t * B + b] * G, uAt = rows[t * B + b] * H, col = (t - 1) * B + b;
    for (let j = 0; j < H; j++) {
      const f = acts[rowAct + j], i = acts[rowAct + H + j], u = us[uAt + j];
      const dcj = e[bh + j] + (dc[bh + j] + m[bh + j]);
      const dF = dcj * prev[at + j] * f * (1 - f), dI = dcj * u * i * (1 - i);
      dTable[row + j] += dF; dTable[row + H + j] += dI;
      dTable[row + 3 * H + j] += dcj * i * u * (1 - u);
      da[r + j] = dF; da[r + H + j] = dI;
      if (t > 0) { daT[j * N + col] = dF; daT[(H + j) * N + col] = dI; }   // strided: row b + 1 writes the next float of the same cache lines
      dc[bh + j] = dcj * f;
    }
  }
}

/**
 * Inputs table [R, 4H] and index [T, B] (the projected inputs, blocks f, i, o, u; `wasm-kernels.ts`)
 * and W_c [3H, H] (W_fh, W_ih, W_oh stacked).
 * Outputs h(T) [B, H] and, for the backward kernel, the activations f, i [T, B, 2H], c [T, B, H],
 * tanh c(T) and o(T) [B, H], and u of each table row [R, H].
 */
const forward: KernelFunc = ({ inputs, backend: raw }) => {
  const backend = raw as unknown as WasmBackend;
  const { table, index, Wc } = inputs as { table: TensorInfo; index: TensorInfo; Wc: TensorInfo };
  const [T, B] = index.shape, [R, G] = table.shape;
  const H = G / 4, Z = 2 * H, F = 3 * H, BH = B * H;
  const rows = rowsOf(backend, index);
  const WfiT = transpose(backend, firstRows(backend, Wc, Z, false));           // [H, 2H], once
  const WcT = transpose(backend, Wc);                          // [H, 3H], for the last step
  const aU = backend.makeOutput([R, H], 'float32');
  inputBlocks(f32(backend, table), f32(backend, aU), R, H);
  const us = sigmoid(backend, aU);                             // u of each table row, [R, H]
  const acts = backend.makeOutput([T, B, Z], 'float32');
  const cs = backend.makeOutput([T, B, H], 'float32');
  const o = backend.makeOutput([B, H], 'float32');             // o(T)
  const tanhC = backend.makeOutput([B, H], 'float32');         // tanh c(T)
  const h = backend.makeOutput([B, H], 'float32');
  const xFI = backend.makeOutput([B, Z], 'float32');           // a_x,fi(t)
  const xFIO = backend.makeOutput([B, F], 'float32');          // a_x,fio(T)
  const c = backend.makeOutput([B, H], 'float32');             // c(t), the next product's input
  const twoC = backend.makeOutput([B, H], 'float32');
  const zeroRow = new Float32Array(BH);                        // c(0)
  for (let t = 0; t < T; t++) {
    const last = t === T - 1, width = last ? F : Z, x = last ? xFIO : xFI;
    tableRows(f32(backend, x), f32(backend, table), G, rows, t, B, 0, width);
    const m = t > 0 ? matMul(backend, c, last ? WcT : WfiT) : null;   // c(t−1)·W_fiᵀ, [B, 2H] (W_cᵀ, [B, 3H], at T)
    const a = m ? add(backend, x, m) : x;
    const s = sigmoid(backend, a);                             // f, i (and o at T)
    free(backend, m, m ? a : null);
    cellState(f32(backend, s), width, f32(backend, us), rows, f32(backend, acts), f32(backend, cs), f32(backend, c), t > 0 ? f32(backend, cs) : zeroRow, t > 0 ? (t - 1) * BH : 0, t, B, H);
    if (last) outputGate(f32(backend, s), f32(backend, c), f32(backend, o), f32(backend, twoC), B, H);
    free(backend, s);
  }
  const sc = sigmoid(backend, twoC);                           // σ(2c(T))
  lastHidden(f32(backend, sc), f32(backend, o), f32(backend, tanhC), f32(backend, h), BH);
  free(backend, sc, WfiT, WcT, aU, xFI, xFIO, c, twoC);
  return [h, acts, cs, tanhC, o, us];
};

/** Inputs dy [B, H] (∂loss/∂h(T)), acts, cs, tanhC, o, us, and table, index, W_c. Outputs ∂table [R, 4H] and ∂W_c [3H, H]. */
const backward: KernelFunc = ({ inputs, backend: raw }) => {
  const backend = raw as unknown as WasmBackend;
  const { dy, acts, cs, tanhC, o, us, table, index, Wc } = inputs as Record<string, TensorInfo>;
  const [T, B, Z] = acts.shape;
  const H = Z / 2, BH = B * H, N = (T - 1) * B;
  const rows = rowsOf(backend, index);
  const Wfi = firstRows(backend, Wc, Z, true);                 // [2H, H]; W_c itself is the operand at T
  const dTable = zeros(backend, table.shape);
  const doT = backend.makeOutput([H, B], 'float32');           // ∂a_o(T)ᵀ
  const da = backend.makeOutput([B, Z], 'float32');            // ∂a_fi(t), the product's input
  const daLast = backend.makeOutput([B, 3 * H], 'float32');    // ∂a_fio(T)
  const daT = columnsBuffer(backend, Z, N);                    // [∂a_fi(2) … ∂a_fi(T)]ᵀ, for ∂W_fi
  const e = new Float32Array(BH);                              // the ∂h-term of ∂c(T); zeros before T
  const dc = new Float32Array(BH);
  const zeroRow = new Float32Array(BH);                        // c(0), ∂a_fi(T+1)·W_fi
  outputGradients(f32(backend, dy), f32(backend, o), f32(backend, tanhC), e, f32(backend, daLast), f32(backend, doT), f32(backend, dTable), rows, T - 1, B, H);
  let m: TensorInfo | null = null;                             // ∂a_fi(t+1)·W_fi, [B, H]
  for (let t = T - 1; t >= 0; t--) {
    const last = t === T - 1, d = last ? daLast : da;
    gateGradients(last ? e : zeroRow, m ? f32(backend, m) : zeroRow, f32(backend, acts), f32(backend, us), t > 0 ? f32(backend, cs) : zeroRow, t > 0 ? (t - 1) * BH : 0, dc, f32(backend, dTable), rows, f32(backend, d), d.shape[1], f32(backend, daT), N, t, B, H);
    free(backend, m);
    m = null;
    if (t === 0) break;
    m = matMul(backend, d, last ? Wc : Wfi);                   // ∂a_fi(t)·W_fi, [B, H] (∂a_fio(T)·W_c at T)
  }
  free(backend, da, daLast, Wfi);
  const dWfi = weightGradient(backend, T > 1 ? daT : null, cs, N, Z, H);   // [∂a_fi(2) … ∂a_fi(T)]ᵀ · [c(1) … c(T−1)]
  const dWc = backend.makeOutput([3 * H, H], 'float32');
  if (T > 1) {
    const cPrev = backend.makeOutput([B, H], 'float32');       // c(T−1)
    f32(backend, cPrev).set(f32(backend, cs).subarray((T - 2) * BH, (T - 1) * BH));
    const dWo = matMul(backend, doT, cPrev);                   // ∂a_o(T)ᵀ · c(T−1), [H, H]
    f32(backend, dWc).set(f32(backend, dWo), Z * H);
    free(backend, cPrev, dWo);
  } else f32(backend, dWc).fill(0, Z * H);
  f32(backend, dWc).set(f32(backend, dWfi));
  free(backend, daT, doT, dWfi);
  return [dTable, dWc];
};

const PEEP_LSTM_OP: FusedOp = { forward: PEEP_LSTM_FORWARD_KERNEL, backward: PEEP_LSTM_BACKWARD_KERNEL, inputs: ['table', 'Wc'], constants: ['index'], saved: ['acts', 'cs', 'tanhC', 'o', 'us'] };

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
