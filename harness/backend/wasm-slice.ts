/**
 * Kernel-level fix for a measured WebAssembly slowness: the wasm `Slice` kernel reads its
 * input with `readSync`, which copies the WHOLE input out of the wasm heap before taking
 * the slice; `Unpack` (tf.unstack) and `SplitV` (tf.split) call it once per piece. Taking
 * the T per-step rows of a [T·B, G] tensor therefore copies T times the whole tensor
 * (at B = 128, 4H = 512, T = 20: 20 × 5 MB; measured 100–300 ms where the rows are 5 MB in all).
 *
 * The fix re-registers the three kernels for the wasm backend with the same results: the
 * slice is copied straight from a view of the heap (one contiguous block, or one block per
 * innermost row). Strings keep the original kernels. Gradients are registered per kernel
 * name, so autodiff is unchanged.
 */
import * as tf from '@tensorflow/tfjs';

import type { TensorInfo, WasmBackend } from '../../reference/models/wasm-heap';

const PATCHED = Symbol.for('netgrade.wasmSlicePatched');

/** x[begin : begin+size] copied from heap views; `begin`, `size` already resolved to x's rank. */
function copySlice(x: TensorInfo, begin: number[], size: number[], backend: WasmBackend): TensorInfo {
  const out = backend.makeOutput(size, x.dtype);          // may grow the heap: take the views after
  const count = size.reduce((a, b) => a * b, 1);
  if (count === 0) return out;
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);        // [rank − 1]
  if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = tf.slice_util.computeFlatOffset(begin, strides);
    to.set(from.subarray(offset, offset + count));
    return out;
  }
  // one copy per innermost row: walk the outer indices like an odometer
  const row = size[rank - 1];
  const index = new Array(Math.max(rank - 1, 0)).fill(0);
  for (let written = 0; written < count; written += row) {
    let offset = begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) offset += (begin[d] + index[d]) * strides[d];
    to.set(from.subarray(offset, offset + row), written);
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d] < size[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

const sliceKernel = (original: tf.KernelConfig['kernelFunc']): tf.KernelConfig['kernelFunc'] => (args) => {
  const x = args.inputs.x as TensorInfo;
  if (x.dtype === 'string') return original(args);
  const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
  const [b, s] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, begin, size);
  return copySlice(x, b, s, args.backend as unknown as WasmBackend);
};

const unpackKernel = (original: tf.KernelConfig['kernelFunc']): tf.KernelConfig['kernelFunc'] => (args) => {
  const x = args.inputs.value as TensorInfo;
  if (x.dtype === 'string') return original(args);
  const rank = x.shape.length;
  let axis = (args.attrs as unknown as { axis: number }).axis;
  if (axis < 0) axis += rank;
  const outShape = x.shape.filter((_, d) => d !== axis);
  const size = x.shape.slice();
  size[axis] = 1;
  return Array.from({ length: x.shape[axis] }, (_, i) => {
    const begin = new Array(rank).fill(0);
    begin[axis] = i;
    const piece = copySlice(x, begin, size, args.backend as unknown as WasmBackend);
    return { dataId: piece.dataId, dtype: piece.dtype, shape: outShape };
  });
};

const splitVKernel = (original: tf.KernelConfig['kernelFunc']): tf.KernelConfig['kernelFunc'] => (args) => {
  const x = args.inputs.x as TensorInfo;
  if (x.dtype === 'string') return original(args);
  const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
  const $axis = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, numOrSizeSplits, $axis);
  const begin = new Array(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[$axis] = s;
    const piece = copySlice(x, begin.slice(), size, args.backend as unknown as WasmBackend);
    begin[$axis] += s;
    return piece;
  });
};

/**
 * Install the fix once per process. Returns false when the wasm backend's kernels are not
 * registered (wasm backend not imported), true when installed or already installed.
 */
export function patchWasmSlice(): boolean {
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (registry[PATCHED]) return true;
  const patches: Record<string, (k: tf.KernelConfig['kernelFunc']) => tf.KernelConfig['kernelFunc']> = {
    Slice: sliceKernel, Unpack: unpackKernel, SplitV: splitVKernel,
  };
  if (!tf.getKernel('Slice', 'wasm')) return false;
  for (const [name, patch] of Object.entries(patches)) {
    const kernel = tf.getKernel(name, 'wasm');
    if (!kernel) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...kernel, kernelFunc: patch(kernel.kernelFunc) });
  }
  registry[PATCHED] = true;
  return true;
}
