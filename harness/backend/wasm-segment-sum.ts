/**
 * The wasm backend has no `UnsortedSegmentSum` kernel, and the gradient of `tf.gather` is
 * an unsorted segment sum. Without it, an embedding looked up with `tf.gather` — the
 * natural translation of the 2020 course's "use nn.Embedding" — cannot be trained on the
 * default backend, nor can edge-list message passing. This registers the kernel for wasm:
 * one pass over the rows, reading and writing the wasm heap directly.
 *
 * Semantics are TensorFlow's: out[s, …] = Σ_{i : ids[i] = s} x[i, …]; ids outside
 * [0, numSegments) are dropped; `segmentIds` may have any rank that prefixes x's shape.
 */
import * as tf from '@tensorflow/tfjs';

import type { TensorInfo, WasmBackend } from '../../reference/models/wasm-heap';

const PATCHED = Symbol.for('netgrade.wasmSegmentSumRegistered');

const unsortedSegmentSum: tf.KernelConfig['kernelFunc'] = ({ inputs, backend, attrs }) => {
  const x = inputs.x as TensorInfo;
  const ids = inputs.segmentIds as TensorInfo;
  const { numSegments } = attrs as unknown as { numSegments: number };
  const wasm = backend as unknown as WasmBackend;
  const idCount = tf.util.sizeFromShape(ids.shape);
  const rowShape = x.shape.slice(ids.shape.length);             // x: [...ids.shape, ...row]
  const rowSize = tf.util.sizeFromShape(rowShape);
  const out = wasm.makeOutput([numSegments, ...rowShape], x.dtype);   // [numSegments, ...row]
  // views after makeOutput: allocating may grow the heap and detach earlier views
  const to = wasm.typedArrayFromHeap(out);
  const from = wasm.typedArrayFromHeap(x);
  const segment = wasm.typedArrayFromHeap(ids);
  to.fill(0);
  for (let i = 0; i < idCount; i++) {
    const s = segment[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * rowSize;
    const dst = s * rowSize;
    for (let k = 0; k < rowSize; k++) to[dst + k] += from[src + k];
  }
  return out;
};

/** Register the kernel once per process; false when the wasm backend is not loaded. */
export function registerWasmSegmentSum(): boolean {
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (registry[PATCHED]) return true;
  if (!tf.getKernel('Transpose', 'wasm')) return false;
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum });
  }
  registry[PATCHED] = true;
  return true;
}
