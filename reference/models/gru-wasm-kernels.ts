/**
 * The GRU as two fused kernels for the WebAssembly backend, forward and BPTT, each over the
 * whole sequence — the LSTM's kernels (`lstm-wasm-kernels.ts`) for the GRU's two dependent
 * products per step. The plumbing is shared (`wasm-kernels.ts`).
 *
 * Equations (blocks z, r, g of the projected inputs; h(0) = 0), with tanh(x) = 2σ(2x) − 1:
 *   z, r = σ(a_zr),  a_zr = a_x,zr(t) + h(t−1)·W_zrᵀ       (W_zr = [W_zh; W_rh], [2H, H])
 *   g = tanh(a_g),   a_g = a_x,g(t) + (r ⊙ h(t−1))·W_gᵀ   (W_g = W_gh, h̃ in the 2020 PDF)
 *   h(t) = w_old ⊙ h(t−1) + w_new ⊙ g,  (w_old, w_new) = (1 − z, z) for 'update-takes-new'
 *                                                      = (z, 1 − z) for 'update-keeps-old'
 * The convention is the kernels' attribute `takesNew`, set by the caller from the model's
 * declared convention — the kernels have no default.
 * Backward, for t = T … 1:
 *   ∂a_g = ∂h ⊙ w_new ⊙ (1 − g²)        ∂a_z = ±∂h ⊙ (g − h(t−1)) ⊙ z(1 − z)  (+ for takes-new)
 *   ∂(r ⊙ h(t−1)) = ∂a_g·W_g             ∂a_r = ∂(r ⊙ h(t−1)) ⊙ h(t−1) ⊙ r(1 − r)
 *   ∂h(t−1) = ∂h ⊙ w_old + ∂(r ⊙ h(t−1)) ⊙ r + ∂a_zr·W_zr
 *   ∂W_zr = Σ_{t ≥ 2} ∂a_zr(t)ᵀ · h(t−1)   ∂W_g = Σ_{t ≥ 2} ∂a_g(t)ᵀ · (r ⊙ h(t−1))   (one product each)
 */
import * as tf from '@tensorflow/tfjs';
import type { GruConvention } from '../../harness/contract';
import { add, columnsBuffer, f32, free, matMul, registerKernelPair, rowsOf, runFused, scaledColumns, sigmoid, tableRows, transpose, weightGradient, zeros, type FusedOp, type KernelFunc, type TensorInfo, type WasmBackend } from './wasm-kernels';

export const GRU_FORWARD_KERNEL = 'NetgradeGruForward';
export const GRU_BACKWARD_KERNEL = 'NetgradeGruBackward';

/** z, r from s = σ(a_zr) into row t of acts; r ⊙ h(t−1) into rh and (t ≥ 1; it is 0 at t = 0) row t − 1 of rhs. */
function resetState(s: Float32Array, hs: Float32Array, acts: Float32Array, rh: Float32Array, rhs: Float32Array, t: number, B: number, H: number): void {
  const G = 3 * H, Z = 2 * H, BH = B * H, prev = (t - 1) * BH;
  for (let b = 0; b < B; b++) acts.set(s.subarray(b * Z, b * Z + Z), t * B * G + b * G);
  if (t === 0) { rh.fill(0); return; }
  for (let b = 0; b < B; b++) {
    const r = b * Z + H, o = b * H, at = prev + o;
    for (let j = 0; j < H; j++) rhs[at + j] = s[r + j] * hs[at + j];
  }
  rh.set(rhs.subarray(prev, prev + BH));                      // one copy, not a second store per element
}

/** w_new = a + c z and w_old = (1 − a) − c z: (z, 1 − z) for update-takes-new, (1 − z, z) for update-keeps-old, exactly. */
const weights = (takesNew: boolean) => (takesNew ? { a: 0, c: 1 } : { a: 1, c: -1 });

/** g = 2σ(2a_g) − 1 into row t of acts; h(t) = w_old ⊙ h(t−1) + w_new ⊙ g into h and row t of hs (h(0) = 0: prev is a zero row). */
function update(s: Float32Array, acts: Float32Array, h: Float32Array, hs: Float32Array, prev: Float32Array, prevAt: number, t: number, a: number, c: number, B: number, H: number): void {
  const G = 3 * H, BH = B * H;
  for (let b = 0; b < B; b++) {
    const rowAct = t * B * G + b * G, o = b * H, rowH = t * BH + o, at = prevAt + o;
    for (let j = 0; j < H; j++) {
      const g = 2 * s[o + j] - 1, z = acts[rowAct + j];
      const v = (1 - a - c * z) * prev[at + j] + (a + c * z) * g;
      acts[rowAct + 2 * H + j] = g;
      hs[rowH + j] = v;
    }
  }
  h.set(hs.subarray(t * BH, t * BH + BH));
}

/**
 * ∂h(t) = ∂h + m (m [B, H] = ∂a_zr(t+1)·W_zr, zeros at T), and ∂h(t) ⊙ w_old into dh; ∂a_g into daG, ∂a_z into daZR,
 * both summed into the table rows step t read and, from step 2 on, written into column block t − 1
 * of daTg, daTzr [·, N] (`intoColumns`' layout; ∂a_r follows in resetGradients). prev holds h(t−1) from prevAt.
 */
function candidateGradients(dh: Float32Array, m: Float32Array, acts: Float32Array, prev: Float32Array, prevAt: number, daG: Float32Array, daZR: Float32Array, daTg: Float32Array, daTzr: Float32Array, N: number, dTable: Float32Array, rows: Int32Array, t: number, a: number, c: number, B: number, H: number): void {
  const G = 3 * H;
  for (let b = 0; b < B; b++) {
    const rowAct = t * B * G + b * G, o = b * H, at = rows[t * B + b] * G, hAt = prevAt + o, zr = 2 * o, col = (t - 1) * B + b;
    for (let j = 0; j < H; j++) {
      const z = acts[rowAct + j], g = acts[rowAct + 2 * H + j];
      const d = dh[o + j] + m[o + j];
      const dG = d * (a + c * z) * (1 - g * g);
      const dZ = d * (c * (g - prev[hAt + j])) * z * (1 - z);
      dh[o + j] = d * (1 - a - c * z);                         // ∂h ⊙ w_old, the first term of ∂h(t−1)
      daG[o + j] = dG; dTable[at + 2 * H + j] += dG;
      daZR[zr + j] = dZ; dTable[at + j] += dZ;
      if (t > 0) { daTg[j * N + col] = dG; daTzr[j * N + col] = dZ; }   // strided: row b + 1 writes the next float of the same cache lines
    }
  }
}

/** From drh = ∂(r ⊙ h(t−1)), t ≥ 2: ∂a_r into daZR, daTzr and the table rows; dh += drh ⊙ r (the ∂a_zr·W_zr term is added with the next step's). */
function resetGradients(drh: Float32Array, dh: Float32Array, acts: Float32Array, hs: Float32Array, daZR: Float32Array, daTzr: Float32Array, N: number, dTable: Float32Array, rows: Int32Array, t: number, B: number, H: number): void {
  const G = 3 * H, BH = B * H;
  for (let b = 0; b < B; b++) {
    const rowAct = t * B * G + b * G, o = b * H, hAt = (t - 1) * BH + o, at = rows[t * B + b] * G + H, zr = 2 * o + H, col = (t - 1) * B + b;
    for (let j = 0; j < H; j++) {
      const r = acts[rowAct + H + j];
      const d = drh[o + j];
      const dR = d * hs[hAt + j] * r * (1 - r);
      daZR[zr + j] = dR; dTable[at + j] += dR;
      daTzr[(H + j) * N + col] = dR;
      dh[o + j] += d * r;
    }
  }
}

const takesNewOf = (attrs: unknown): boolean => {
  const { takesNew } = attrs as { takesNew?: unknown };
  if (typeof takesNew !== 'boolean') throw new Error(`the GRU kernels require the attribute takesNew (true for 'update-takes-new', false for 'update-keeps-old'), got ${JSON.stringify(takesNew)}.`);
  return takesNew;
};

/**
 * Inputs table [R, 3H] and index [T, B] (the projected inputs, blocks z, r, g; `wasm-kernels.ts`),
 * W_zr [2H, H], W_g [H, H].
 * Outputs h(T) [B, H] and, for the backward kernel, the activations [T, B, 3H] (z, r, g),
 * r ⊙ h(t−1) of steps 2 … T [T − 1, B, H] and h [T, B, H].
 */
const forward: KernelFunc = ({ inputs, backend: raw, attrs }) => {
  const backend = raw as unknown as WasmBackend;
  const takesNew = takesNewOf(attrs);
  const { table, index, Wzr, Wg } = inputs as { table: TensorInfo; index: TensorInfo; Wzr: TensorInfo; Wg: TensorInfo };
  const [T, B] = index.shape, G = table.shape[1];
  const H = G / 3;
  const rows = rowsOf(backend, index);
  const WzrT = transpose(backend, Wzr);                        // [H, 2H], once
  const WgT = transpose(backend, Wg);                          // [H, H], once
  const WgT2 = scaledColumns(backend, WgT, 2, 0, H);           // 2W_gᵀ and 2a_x,g: the candidate's σ sees 2a_g (exact doubling)
  const tableG2 = scaledColumns(backend, table, 2, 2 * H, H);  // [R, H]
  free(backend, WgT);
  const acts = backend.makeOutput([T, B, G], 'float32');
  const rhs = backend.makeOutput([Math.max(T - 1, 1), B, H], 'float32');   // r ⊙ h(t−1) of steps 2 … T, the operand of ∂W_g
  const hs = backend.makeOutput([T, B, H], 'float32');
  const h = backend.makeOutput([B, H], 'float32');             // h(t), the next product's input and finally the value
  const rh = backend.makeOutput([B, H], 'float32');            // r ⊙ h(t−1), the candidate's product input
  const xZR = backend.makeOutput([B, 2 * H], 'float32');       // a_x,zr(t)
  const xG = backend.makeOutput([B, H], 'float32');            // 2a_x,g(t)
  const { a, c } = weights(takesNew);
  const zeroRow = new Float32Array(B * H);                     // h(0)
  for (let t = 0; t < T; t++) {
    tableRows(f32(backend, xZR), f32(backend, table), G, rows, t, B, 0, 2 * H);
    const mZR = t > 0 ? matMul(backend, h, WzrT) : null;       // h(t−1)·W_zrᵀ, [B, 2H]
    const aZR = mZR ? add(backend, xZR, mZR) : xZR;
    const s = sigmoid(backend, aZR);                           // z, r
    free(backend, mZR, mZR ? aZR : null);
    resetState(f32(backend, s), f32(backend, hs), f32(backend, acts), f32(backend, rh), f32(backend, rhs), t, B, H);
    free(backend, s);
    tableRows(f32(backend, xG), f32(backend, tableG2), H, rows, t, B, 0, H);
    const mG = t > 0 ? matMul(backend, rh, WgT2) : null;       // 2(r ⊙ h(t−1))·W_gᵀ, [B, H]
    const aG = mG ? add(backend, xG, mG) : xG;
    const sg = sigmoid(backend, aG);                           // σ(2a_g)
    free(backend, mG, mG ? aG : null);
    update(f32(backend, sg), f32(backend, acts), f32(backend, h), f32(backend, hs), t > 0 ? f32(backend, hs) : zeroRow, t > 0 ? (t - 1) * B * H : 0, t, a, c, B, H);
    free(backend, sg);
  }
  free(backend, WzrT, WgT2, tableG2, rh, xZR, xG);
  return [h, acts, rhs, hs];
};

/** Inputs dy [B, H], acts, rhs, hs, and table, index, W_zr, W_g. Outputs ∂table [R, 3H], ∂W_zr [2H, H], ∂W_g [H, H]. */
const backward: KernelFunc = ({ inputs, backend: raw, attrs }) => {
  const backend = raw as unknown as WasmBackend;
  const takesNew = takesNewOf(attrs);
  const { dy, acts, rhs, hs, table, index, Wzr, Wg } = inputs as Record<string, TensorInfo>;
  const [T, B, G] = acts.shape;
  const H = G / 3, BH = B * H, N = (T - 1) * B;
  const rows = rowsOf(backend, index);
  const dTable = zeros(backend, table.shape);
  const daG = backend.makeOutput([B, H], 'float32');
  const daZR = backend.makeOutput([B, 2 * H], 'float32');
  const daTg = columnsBuffer(backend, H, N);                   // [∂a_g(2) … ∂a_g(T)]ᵀ
  const daTzr = columnsBuffer(backend, 2 * H, N);              // [∂a_zr(2) … ∂a_zr(T)]ᵀ
  const dh = Float32Array.from(f32(backend, dy));              // ∂h(t), updated in place to ∂h(t−1)
  const { a, c } = weights(takesNew);
  const zeroRow = new Float32Array(BH);                        // h(0)
  let m: TensorInfo | null = null;                             // ∂a_zr(t+1)·W_zr, [B, H]
  for (let t = T - 1; t >= 0; t--) {
    candidateGradients(dh, m ? f32(backend, m) : zeroRow, f32(backend, acts), t > 0 ? f32(backend, hs) : zeroRow, t > 0 ? (t - 1) * BH : 0, f32(backend, daG), f32(backend, daZR), f32(backend, daTg), f32(backend, daTzr), N, f32(backend, dTable), rows, t, a, c, B, H);
    free(backend, m);
    m = null;
    if (t === 0) break;                                        // h(0) = 0: no ∂a_r, no products
    const drh = matMul(backend, daG, Wg);                       // ∂(r ⊙ h(t−1)), [B, H]
    resetGradients(f32(backend, drh), dh, f32(backend, acts), f32(backend, hs), f32(backend, daZR), f32(backend, daTzr), N, f32(backend, dTable), rows, t, B, H);
    free(backend, drh);
    m = matMul(backend, daZR, Wzr);                             // ∂a_zr·W_zr, [B, H]
  }
  free(backend, daG, daZR);
  const dWzr = weightGradient(backend, T > 1 ? daTzr : null, hs, N, 2 * H, H);    // · [h(1) … h(T−1)]
  const dWg = weightGradient(backend, T > 1 ? daTg : null, rhs, N, H, H);            // · [r ⊙ h(1) … r ⊙ h(T−1)], read at steps 2 … T
  free(backend, daTg, daTzr);
  return [dTable, dWzr, dWg];
};

const GRU_OP: FusedOp = { forward: GRU_FORWARD_KERNEL, backward: GRU_BACKWARD_KERNEL, inputs: ['table', 'Wzr', 'Wg'], constants: ['index'], saved: ['acts', 'rhs', 'hs'] };

/** The fused kernels run here: the active backend is wasm and they are registered. */
export function gruWasmKernelsActive(): boolean {
  return tf.getBackend() === 'wasm' && registerKernelPair(GRU_FORWARD_KERNEL, forward, GRU_BACKWARD_KERNEL, backward);
}

/**
 * h(T) [B, H] of the GRU on the fused wasm kernels; the projected inputs (z, r, g) as table
 * [R, 3H] and index [T, B] (`inputProjection`), Wzr = [W_zh; W_rh] [2H, H], Wg = W_gh [H, H].
 */
export function gruSequenceWasm(table: tf.Tensor2D, index: tf.Tensor2D, Wzr: tf.Tensor2D, Wg: tf.Tensor2D, convention: GruConvention): tf.Tensor2D {
  if (!gruWasmKernelsActive()) throw new Error(`gruSequenceWasm requires the wasm backend, got "${tf.getBackend()}".`);
  if (index.shape[0] < 1) throw new Error(`gruSequenceWasm requires at least one time step, got an index of shape [${index.shape.join(', ')}].`);
  return runFused(GRU_OP, [table, Wzr, Wg], [index], { takesNew: convention === 'update-takes-new' }) as tf.Tensor2D;
}
