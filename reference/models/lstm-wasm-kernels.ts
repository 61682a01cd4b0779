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
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo, WasmBackend } from './wasm-heap';

export const LSTM_FORWARD_KERNEL = 'NetgradeLstmForward';
export const LSTM_BACKWARD_KERNEL = 'NetgradeLstmBackward';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type Backend = WasmBackend & { disposeData(dataId: object): void };

/** The wasm backend's own kernels, looked up when called (they may have been re-registered by a fix). */
function call(name: string, backend: Backend, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown> = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`the wasm backend has no ${name} kernel`);
  return (kernel.kernelFunc as KernelFunc)({ inputs, backend: backend as never, attrs: attrs as never }) as TensorInfo;
}

const matMul = (backend: Backend, a: TensorInfo, b: TensorInfo) => call('BatchMatMul', backend, { a, b }, { transposeA: false, transposeB: false });
const sigmoid = (backend: Backend, x: TensorInfo) => call('Sigmoid', backend, { x });
const f32 = (backend: Backend, t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;

/* The loops below take plain Float32Arrays and integers only, so V8 compiles each once. */

/** p = a_x(t) + m, the g block doubled (σ(2a) gives tanh a); m = null at t = 1. */
function preActivations(p: Float32Array, x: Float32Array, xAt: number, m: Float32Array | null, B: number, G: number, H: number): void {
  const n = B * G;
  if (m) for (let k = 0; k < n; k++) p[k] = x[xAt + k] + m[k];
  else p.set(x.subarray(xAt, xAt + n));
  for (let r = 0; r < n; r += G) for (let j = r; j < r + H; j++) p[j] *= 2;
}

/** From s = σ of the pre-activations: g = 2s_g − 1, i, f, o; c(t) = g ⊙ i + c(t−1) ⊙ f; q = 2c. */
function cellState(s: Float32Array, acts: Float32Array, cs: Float32Array, q: Float32Array, t: number, B: number, H: number): void {
  const G = 4 * H, BG = B * G, BH = B * H;
  for (let b = 0; b < B; b++) {
    const r = b * G, rowAct = t * BG + r, rowC = t * BH + b * H, rowPrev = rowC - BH;
    for (let j = 0; j < H; j++) {
      const g = 2 * s[r + j] - 1, i = s[r + H + j], f = s[r + 2 * H + j], o = s[r + 3 * H + j];
      const c = t > 0 ? g * i + cs[rowPrev + j] * f : g * i;
      acts[rowAct + j] = g; acts[rowAct + H + j] = i; acts[rowAct + 2 * H + j] = f; acts[rowAct + 3 * H + j] = o;
      cs[rowC + j] = c;
      q[b * H + j] = 2 * c;
    }
  }
}

/** tanh c = 2σ(2c) − 1; h(t) = tanh c ⊙ o, into h and into row t of hs. */
function hidden(sc: Float32Array, acts: Float32Array, tanhCs: Float32Array, h: Float32Array, hs: Float32Array, t: number, B: number, H: number): void {
  const G = 4 * H, BG = B * G, BH = B * H;
  for (let b = 0; b < B; b++) {
    const rowC = t * BH + b * H, oAt = t * BG + b * G + 3 * H;
    for (let j = 0; j < H; j++) {
      const tc = 2 * sc[b * H + j] - 1;
      const hh = tc * acts[oAt + j];
      tanhCs[rowC + j] = tc;
      h[b * H + j] = hh;
      hs[rowC + j] = hh;
    }
  }
}

/** ∂a(t) from ∂h(t) and ∂c(t+1) ⊙ f(t+1) (updated in place to ∂c(t) ⊙ f(t)), into row t of dax, into da and (t ≥ 2) into column block t − 1 of daT. */
function gateGradients(dh: Float32Array, acts: Float32Array, cs: Float32Array, tanhCs: Float32Array, dcNext: Float32Array, dax: Float32Array, da: Float32Array, daT: Float32Array, t: number, B: number, H: number, N: number): void {
  const G = 4 * H, BG = B * G, BH = B * H;
  for (let b = 0; b < B; b++) {
    const rowAct = t * BG + b * G, rowC = t * BH + b * H, r = b * G;
    for (let j = 0; j < H; j++) {
      const g = acts[rowAct + j], i = acts[rowAct + H + j], f = acts[rowAct + 2 * H + j], o = acts[rowAct + 3 * H + j];
      const tc = tanhCs[rowC + j];
      const cPrev = t > 0 ? cs[rowC - BH + j] : 0;
      const dhj = dh[b * H + j];
      const dc = dhj * o * (1 - tc * tc) + dcNext[b * H + j];
      const dg = dc * i * (1 - g * g);
      const di = dc * g * i * (1 - i);
      const df = dc * cPrev * f * (1 - f);
      const dO = dhj * tc * o * (1 - o);
      da[r + j] = dg; da[r + H + j] = di; da[r + 2 * H + j] = df; da[r + 3 * H + j] = dO;
      dcNext[b * H + j] = dc * f;
    }
  }
  dax.set(da.subarray(0, BG), t * BG);
  if (t === 0) return;
  const column = (t - 1) * B;                                           // daT[k, (t−1)B + b] = da[b, k]
  for (let b = 0; b < B; b++) for (let k = 0; k < G; k++) daT[k * N + column + b] = da[b * G + k];
}

/**
 * Inputs ax [T, B, 4H] (projected inputs, gates g, i, f, o) and W_h [4H, H] (the four W_·h stacked).
 * Outputs h(T) [B, H] and, for the backward kernel, the activations [T, B, 4H]
 * (g, i, f, o), c [T, B, H], tanh c [T, B, H] and h [T, B, H].
 */
const forward: KernelFunc = ({ inputs, backend: raw }) => {
  const backend = raw as unknown as Backend;
  const { ax, Wh } = inputs as { ax: TensorInfo; Wh: TensorInfo };
  const [T, B, G] = ax.shape;
  const H = G / 4, BG = B * G;
  const WhT = call('Transpose', backend, { x: Wh }, { perm: [1, 0] });   // [H, 4H], once: untransposed products are the fast ones
  const acts = backend.makeOutput([T, B, G], 'float32');
  const cs = backend.makeOutput([T, B, H], 'float32');
  const tanhCs = backend.makeOutput([T, B, H], 'float32');
  const hs = backend.makeOutput([T, B, H], 'float32');
  const pre = backend.makeOutput([B, G], 'float32');          // a(t), the g block doubled
  const twoC = backend.makeOutput([B, H], 'float32');         // 2c(t)
  let hPrev: TensorInfo | null = null;
  for (let t = 0; t < T; t++) {
    const m = hPrev ? matMul(backend, hPrev, WhT) : null;     // h(t−1)·W_hᵀ, [B, G]
    // views after every allocation: heap growth detaches the old ones
    preActivations(f32(backend, pre), f32(backend, ax), t * BG, m ? f32(backend, m) : null, B, G, H);
    if (m) backend.disposeData(m.dataId);
    const s = sigmoid(backend, pre);                           // σ(2a_g), σ(a_i), σ(a_f), σ(a_o)
    cellState(f32(backend, s), f32(backend, acts), f32(backend, cs), f32(backend, twoC), t, B, H);
    backend.disposeData(s.dataId);
    const sc = sigmoid(backend, twoC);                         // σ(2c)
    const h = backend.makeOutput([B, H], 'float32');
    hidden(f32(backend, sc), f32(backend, acts), f32(backend, tanhCs), f32(backend, h), f32(backend, hs), t, B, H);
    backend.disposeData(sc.dataId);
    if (hPrev) backend.disposeData(hPrev.dataId);
    hPrev = h;
  }
  for (const t of [pre, twoC, WhT]) backend.disposeData(t.dataId);
  return [hPrev as TensorInfo, acts, cs, tanhCs, hs];
};

/**
 * Inputs dh [B, H] (∂loss/∂h(T)), the forward kernel's acts, cs, tanhCs, hs, and W_h [4H, H].
 * Outputs ∂ax [T, B, 4H] and ∂W_h [4H, H].
 */
const backward: KernelFunc = ({ inputs, backend: raw }) => {
  const backend = raw as unknown as Backend;
  const { dh: dhT, acts, cs, tanhCs, hs, Wh } = inputs as Record<string, TensorInfo>;
  const [T, B, G] = acts.shape;
  const H = G / 4, BH = B * H, N = (T - 1) * B;
  const dax = backend.makeOutput([T, B, G], 'float32');
  const da = backend.makeOutput([B, G], 'float32');                      // ∂a(t), the next product's input
  const daT = backend.makeOutput([G, Math.max(N, 1)], 'float32');        // [∂a(2) … ∂a(T)]ᵀ, for ∂W_h
  const dcNext = new Float32Array(BH);                                  // ∂c(t+1) ⊙ f(t+1)
  let dh: TensorInfo = dhT;
  for (let t = T - 1; t >= 0; t--) {
    gateGradients(f32(backend, dh), f32(backend, acts), f32(backend, cs), f32(backend, tanhCs), dcNext, f32(backend, dax), f32(backend, da), f32(backend, daT), t, B, H, N);
    if (t > 0) {
      const next = matMul(backend, da, Wh);                               // ∂h(t−1), [B, H]
      if (dh !== dhT) backend.disposeData(dh.dataId);
      dh = next;
    }
  }
  if (dh !== dhT) backend.disposeData(dh.dataId);
  backend.disposeData(da.dataId);
  let dWh: TensorInfo;
  if (T > 1) {
    // ∂W_h = [∂a(2) … ∂a(T)]ᵀ · [h(1) … h(T−1)]: one [4H, (T−1)B]·[(T−1)B, H] product. This
    // orientation packs the small operand as XNNPACK's weights: 25 ms against 41 ms for ∂W_hᵀ.
    const hPrev = backend.makeOutput([N, H], 'float32');
    f32(backend, hPrev).set(f32(backend, hs).subarray(0, N * H));
    dWh = matMul(backend, daT, hPrev);
    backend.disposeData(hPrev.dataId);
  } else {
    dWh = backend.makeOutput([G, H], 'float32');
    f32(backend, dWh).fill(0);
  }
  backend.disposeData(daT.dataId);
  return [dax, dWh];
};

/** Register both kernels for the wasm backend (once per process); false when wasm is not loaded. */
export function registerLstmWasmKernels(): boolean {
  if (tf.getKernel(LSTM_FORWARD_KERNEL, 'wasm')) return true;
  if (!tf.getKernel('BatchMatMul', 'wasm')) return false;
  tf.registerKernel({ kernelName: LSTM_FORWARD_KERNEL, backendName: 'wasm', kernelFunc: forward });
  tf.registerKernel({ kernelName: LSTM_BACKWARD_KERNEL, backendName: 'wasm', kernelFunc: backward });
  return true;
}

/** The fused kernels run here: the active backend is wasm and they are registered. */
export function lstmWasmKernelsActive(): boolean {
  return tf.getBackend() === 'wasm' && registerLstmWasmKernels();
}

const fusedWasm = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [ax, Wh, save] = args as [tf.Tensor3D, tf.Tensor2D, tf.GradSaveFunc];
  const [hT, acts, cs, tanhCs, hs] = tf.engine().runKernel(LSTM_FORWARD_KERNEL, { ax, Wh }, {}) as tf.Tensor[];
  save([acts, cs, tanhCs, hs, Wh]);
  return {
    value: hT,
    gradFunc: (dh: tf.Tensor, saved: tf.Tensor[]) => {
      const [a, c, tc, h, w] = saved;
      return tf.engine().runKernel(LSTM_BACKWARD_KERNEL, { dh, acts: a, cs: c, tanhCs: tc, hs: h, Wh: w }, {}) as tf.Tensor[];
    },
  };
});

/** h(T) [B, H] of the LSTM on the fused wasm kernels; ax [T, B, 4H], Wh = [W_gh; W_ih; W_fh; W_oh] [4H, H]. */
export function lstmSequenceWasm(ax: tf.Tensor3D, Wh: tf.Tensor2D): tf.Tensor2D {
  if (!lstmWasmKernelsActive()) throw new Error(`lstmSequenceWasm requires the wasm backend, got "${tf.getBackend()}".`);
  if (ax.shape[0] < 1) throw new Error(`lstmSequenceWasm requires at least one time step, got ax of shape [${ax.shape.join(', ')}].`);
  return fusedWasm(ax, Wh) as tf.Tensor2D;
}
