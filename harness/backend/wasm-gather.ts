/**
 * Kernel-level fix for a measured WebAssembly slowness: the wasm `GatherV2` kernel
 * (`tf.gather`, the embedding lookup) computes every output element's source index one
 * by one; gathering 2,560 rows of 512 floats took 78 ms (`npm run bench -- lstm-step`), where copying
 * the rows takes well under a millisecond.
 *
 * The fix re-registers the kernel for the wasm backend with the same results and the same
 * bounds check: for each outer index and each gathered index, one contiguous row copy on
 * the wasm heap. `batchDims` > 0 and strings keep the original kernel. The gradient is
 * registered per kernel name (an unsorted segment sum), so autodiff is unchanged.
 */
import * as tf from '@tensorflow/tfjs';

import { patchWasmKernel } from './patch-kernel';
import type { TensorInfo, WasmBackend } from '../../reference/models/wasm-heap';

const PATCHED = Symbol.for('netgrade.wasmGatherPatched');

const gatherKernel = (original: tf.KernelConfig['kernelFunc']): tf.KernelConfig['kernelFunc'] => (args) => {
  const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
  const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims: number };
  if (x.dtype === 'string' || batchDims) return original(args);
  const backend = args.backend as unknown as WasmBackend;
  const a = tf.util.parseAxisParam(axis, x.shape)[0];
  const outer = tf.util.sizeFromShape(x.shape.slice(0, a));
  const dim = x.shape[a];
  const row = tf.util.sizeFromShape(x.shape.slice(a + 1));
  const count = tf.util.sizeFromShape(indices.shape);
  const checked = backend.typedArrayFromHeap(indices);
  for (let i = 0; i < count; i++) {
    if (!(checked[i] >= 0 && checked[i] < dim)) throw new Error(`GatherV2: the index value ${checked[i]} is not in [0, ${dim - 1}]`);
  }
  const out = backend.makeOutput([...x.shape.slice(0, a), ...indices.shape, ...x.shape.slice(a + 1)], x.dtype);
  // views after makeOutput: allocating may grow the heap and detach earlier views
  const ids = backend.typedArrayFromHeap(indices);
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < count; i++) {
      const src = (o * dim + ids[i]) * row;
      to.set(from.subarray(src, src + row), (o * count + i) * row);
    }
  }
  return out;
};

/**
 * Install the fix once per process. Returns false when the wasm backend's kernels are not
 * registered (wasm backend not imported), true when installed or already installed.
 */
export function patchWasmGather(): boolean {
  return patchWasmKernel(PATCHED, 'GatherV2', gatherKernel);
}
