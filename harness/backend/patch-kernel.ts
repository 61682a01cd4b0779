/**
 * How each wasm kernel fix installs itself: the wasm backend's kernel `name` is replaced by
 * `wrap(original)` once per process, marked by a global symbol so that a second copy of
 * this module (a bundled worker, a test) does not wrap the fix again.
 */
import * as tf from '@tensorflow/tfjs';

type KernelFunc = tf.KernelConfig['kernelFunc'];

/** Returns false when the wasm backend's kernels are not registered (wasm not imported), true when installed or already installed. */
export function patchWasmKernel(mark: symbol, name: string, wrap: (original: KernelFunc) => KernelFunc): boolean {
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (registry[mark]) return true;
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) return false;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...kernel, kernelFunc: wrap(kernel.kernelFunc) });
  registry[mark] = true;
  return true;
}
