/**
 * What the fused whole-sequence kernels of the recurrent references share (LSTM and
 * time-gated LSTM, peepLSTM, GRU: `*-wasm-kernels.ts`): calling the wasm backend's own
 * kernels on `TensorInfo`s, heap views, the column-block layout of ∂a for the ∂W product,
 * and the `tf.customGrad` op that runs a forward kernel and its BPTT kernel.
 *
 * A fused op is two kernels registered for the wasm backend. The forward kernel returns
 * the sequence's value first, then the tensors its backward kernel needs (`saved`); the
 * backward kernel receives `dy`, the saved tensors, the op's inputs and its constants (an
 * int32 index, no gradient), all by name, and returns one gradient per input, in the
 * inputs' order. Each kernel frees its temporaries, so the engine sees two ops per sequence.
 *
 * The recurrent kernels take the input projection as a table and an index
 * (`inputProjection` in `common.ts`): step t of sequence b reads row index[t, b] of the
 * table, and the backward kernel sums ∂a into those rows, so [T, B, G] is never made.
 *
 * Element-wise work runs in plain loops, which fuse a gate's whole formula into one pass;
 * a lone sum of two [B, ·] operands runs faster as the backend's own `Add` (SIMD): a step's
 * pre-activations are its table rows copied into one buffer ({@link tableRows}) plus the
 * recurrent product.
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo, WasmBackend } from './wasm-heap';

export type { TensorInfo, WasmBackend };
export type KernelFunc = tf.KernelConfig['kernelFunc'];

/** The wasm backend's own kernel `name`, looked up when called (it may have been re-registered by a fix). */
export function call(name: string, backend: WasmBackend, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown> = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`the wasm backend has no ${name} kernel`);
  return (kernel.kernelFunc as KernelFunc)({ inputs, backend: backend as never, attrs: attrs as never }) as TensorInfo;
}

/** a·b, untransposed (the fast orientation on wasm); XNNPACK packs b once per tensor, so keep b alive across steps. */
export const matMul = (backend: WasmBackend, a: TensorInfo, b: TensorInfo) => call('BatchMatMul', backend, { a, b }, { transposeA: false, transposeB: false });
export const sigmoid = (backend: WasmBackend, x: TensorInfo) => call('Sigmoid', backend, { x });
export const add = (backend: WasmBackend, a: TensorInfo, b: TensorInfo) => call('Add', backend, { a, b });
export const transpose = (backend: WasmBackend, x: TensorInfo) => call('Transpose', backend, { x }, { perm: [1, 0] });
/** A view of t on the heap; take it after the last allocation (heap growth detaches views). */
export const f32 = (backend: WasmBackend, t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
/** The table rows an index [T, B] names, copied off the heap (it is small and read every step). */
export const rowsOf = (backend: WasmBackend, index: TensorInfo) => Int32Array.from(backend.typedArrayFromHeap(index) as Int32Array);
/** Columns [from, from + width) of the table [R, G] rows step t reads into p [B, width]: row b is table row rows[tB + b]. */
export function tableRows(p: Float32Array, table: Float32Array, G: number, rows: Int32Array, t: number, B: number, from: number, width: number): void {
  for (let b = 0; b < B; b++) {
    const at = rows[t * B + b] * G + from;
    p.set(table.subarray(at, at + width), b * width);
  }
}
/** s times columns [from, from + width) of x [rows, stride], as a new [rows, width] output (s = 2: exact, for σ(2a) = (1 + tanh a)/2). */
export function scaledColumns(backend: WasmBackend, x: TensorInfo, s: number, from: number, width: number): TensorInfo {
  const [rows, stride] = x.shape;
  const out = backend.makeOutput([rows, width], 'float32');
  const o = f32(backend, out), v = f32(backend, x);
  for (let r = 0; r < rows; r++) for (let j = 0; j < width; j++) o[r * width + j] = s * v[r * stride + from + j];
  return out;
}
/** A zero-filled [rows, cols] output. */
export function zeros(backend: WasmBackend, shape: number[]): TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  f32(backend, out).fill(0);
  return out;
}
export const free = (backend: WasmBackend, ...ts: Array<TensorInfo | null>) => { for (const t of ts) if (t) backend.disposeData(t.dataId); };

/**
 * Writes columns [from, from + width) of the B rows of `src` (row length `stride`) into
 * column block `column` … `column` + B − 1 of `dst` [·, N], starting at dst row `row`:
 * dst[row + k, column + b] = src[b, from + k]. This is how ∂a(t) [B, G] joins
 * [∂a(2) … ∂a(T)]ᵀ [G, (T−1)B], the left operand of the ∂W product.
 */
export function intoColumns(src: Float32Array, stride: number, from: number, width: number, dst: Float32Array, row: number, N: number, column: number, B: number): void {
  for (let k = 0; k < width; k++) {                              // row by row of dst: contiguous writes, strided reads of the small src
    const to = (row + k) * N + column, at = from + k;
    for (let b = 0; b < B; b++) dst[to + b] = src[b * stride + at];
  }
}

/**
 * ∂W = [∂a(2) … ∂a(T)]ᵀ · [s(1) … s(T−1)]: one [G, N]·[N, S] product, N = (T−1)B, where
 * s are the first N rows of `states` [·, S] (the operand each step's recurrent product
 * read, step by step: row (t−1)B + b is the one step t + 1 read for batch row b). The
 * operand is a view of those rows, not a copy: the same buffer under the shape [N, S].
 * This orientation packs the small operand as XNNPACK's weights (25 ms against 41 ms for
 * ∂Wᵀ at the LSTM benchmark's sizes). T = 1 gives zeros.
 */
export function weightGradient(backend: WasmBackend, daT: TensorInfo | null, states: TensorInfo, N: number, G: number, S: number): TensorInfo {
  if (!daT || N === 0) return zeros(backend, [G, S]);
  return matMul(backend, daT, { dataId: states.dataId, shape: [N, S], dtype: 'float32' });
}

/** A [rows, max(N, 1)] buffer for {@link intoColumns} (never zero-sized). */
export const columnsBuffer = (backend: WasmBackend, rows: number, N: number) => backend.makeOutput([rows, Math.max(N, 1)], 'float32');

/** Registers a forward/backward kernel pair for the wasm backend (once per process); false when wasm is not loaded. */
export function registerKernelPair(forwardName: string, forward: KernelFunc, backwardName: string, backward: KernelFunc): boolean {
  if (tf.getKernel(forwardName, 'wasm')) return true;
  if (!tf.getKernel('BatchMatMul', 'wasm')) return false;
  tf.registerKernel({ kernelName: forwardName, backendName: 'wasm', kernelFunc: forward });
  tf.registerKernel({ kernelName: backwardName, backendName: 'wasm', kernelFunc: backward });
  return true;
}

export interface FusedOp {
  forward: string;
  backward: string;
  /** the op's inputs, in the order of the gradients the backward kernel returns */
  inputs: readonly string[];
  /** inputs without a gradient (the int32 index), passed to both kernels */
  constants: readonly string[];
  /** the forward kernel's outputs after the value, passed to the backward kernel by these names */
  saved: readonly string[];
}

/** Runs `op` on `inputs` (in `op.inputs` order) and `constants` as one differentiable op; `attrs` go to both kernels. */
export function runFused(op: FusedOp, inputs: tf.Tensor[], constants: tf.Tensor[], attrs: Record<string, unknown> = {}): tf.Tensor {
  const fused = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xs = args.slice(0, op.inputs.length) as tf.Tensor[];
    const save = args[op.inputs.length] as tf.GradSaveFunc;
    const named: Record<string, tf.Tensor> = {};
    op.inputs.forEach((n, k) => { named[n] = xs[k]; });
    op.constants.forEach((n, k) => { named[n] = constants[k]; });
    const [value, ...saved] = tf.engine().runKernel(op.forward, named, attrs as tf.NamedAttrMap) as tf.Tensor[];
    save([...saved, ...xs, ...constants]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, kept: tf.Tensor[]) => {
        const byName: Record<string, tf.Tensor> = { dy };
        [...op.saved, ...op.inputs, ...op.constants].forEach((n, k) => { byName[n] = kept[k]; });
        return tf.engine().runKernel(op.backward, byName, attrs as tf.NamedAttrMap) as tf.Tensor[];
      },
    };
  });
  return fused(...inputs);
}
