/**
 * Kernel-level fix for a measured WebAssembly slowness: the wasm `BatchMatMul` and
 * `_FusedMatMul` kernels are 10–25× slower when `transposeA`/`transposeB` is set than an
 * untransposed product of the same size. Autodiff of `matMul` sets those flags, so every
 * backward pass (the reference's and every submission's) pays for it.
 *
 * The fix re-registers both kernels for the wasm backend: a transposed operand is first
 * materialised with the (fast) wasm `Transpose` kernel, then the original kernel runs with
 * the flag cleared. Results are identical up to float32 summation order; gradients are
 * registered per kernel name, so they keep working and now hit the fast path too.
 */
import * as tf from '@tensorflow/tfjs';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type TensorInfo = tf.TensorInfo;

const PATCHED = Symbol.for('netgrade.wasmMatMulPatched');

/** Swap the last two axes of `x` with the backend's own Transpose kernel. */
function transposeLastTwo(x: TensorInfo, backend: unknown, transpose: KernelFunc): TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return transpose({ inputs: { x }, backend: backend as never, attrs: { perm } }) as TensorInfo;
}

function untransposing(original: KernelFunc, transpose: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend } = args;
    const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
    const made: TensorInfo[] = [];
    const a = attrs.transposeA ? transposeLastTwo(inputs.a as TensorInfo, backend, transpose) : inputs.a;
    const b = attrs.transposeB ? transposeLastTwo(inputs.b as TensorInfo, backend, transpose) : inputs.b;
    if (a !== inputs.a) made.push(a as TensorInfo);
    if (b !== inputs.b) made.push(b as TensorInfo);
    try {
      return original({ ...args, inputs: { ...inputs, a, b }, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      const owner = backend as unknown as { disposeData(id: object): void };
      for (const t of made) owner.disposeData(t.dataId);
    }
  };
}

/**
 * Install the fix once per process. Returns false when the wasm backend's kernels are not
 * registered (wasm backend not imported), true when installed or already installed.
 */
export function patchWasmMatMul(): boolean {
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (registry[PATCHED]) return true;
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) return false;
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const kernel = tf.getKernel(name, 'wasm');
    if (!kernel) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...kernel, kernelFunc: untransposing(kernel.kernelFunc, transpose.kernelFunc) });
  }
  registry[PATCHED] = true;
  return true;
}
