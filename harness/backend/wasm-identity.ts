/**
 * Kernel-level fix for a measured WebAssembly slowness: the wasm `Identity` kernel copies
 * its input into a new buffer. The engine clones with `Identity` every tensor a gradient
 * keeps (the inputs and outputs each op saves for its backward pass, and what
 * `tf.customGrad` saves), so on wasm every recorded op copies what it saves in full — the
 * fused recurrent kernels' saved activations are 5–7 MB per sequence at batch 128,
 * hidden 128, T = 20.
 *
 * The fix re-registers `Identity` for the wasm backend as the cpu and WebGL backends
 * implement it (and as the wasm `Reshape` already does): the output shares the input's
 * buffer and the backend counts one more reference to it, so the buffer is freed when the
 * last tensor that holds it is disposed. This is safe because tfjs never writes into a
 * tensor's buffer after its kernel returns (variables take a new buffer on `assign`).
 * Strings keep the original kernel. The gradient is registered per kernel name, so
 * autodiff is unchanged.
 */
import * as tf from '@tensorflow/tfjs';

import { patchWasmKernel } from './patch-kernel';
import type { TensorInfo } from '../../reference/models/wasm-heap';

const PATCHED = Symbol.for('netgrade.wasmIdentityPatched');

const identityKernel = (original: tf.KernelConfig['kernelFunc']): tf.KernelConfig['kernelFunc'] => (args) => {
  const x = args.inputs.x as TensorInfo;
  if (x.dtype === 'string') return original(args);
  (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/**
 * Install the fix once per process. Returns false when the wasm backend's kernels are not
 * registered (wasm backend not imported), true when installed or already installed.
 */
export function patchWasmIdentity(): boolean {
  return patchWasmKernel(PATCHED, 'Identity', identityKernel);
}
