/**
 * The wasm backend has no `UnsortedSegmentSum` kernel, and tfjs's gradient of `tf.gather`
 * is an unsorted segment sum, so on wasm both `tf.unsortedSegmentSum` and backprop through
 * `tf.gather` throw "Kernel 'UnsortedSegmentSum' not registered". A student's edge-list
 * GCN written the textbook way (gather + segment sum) would fail for a reason that is
 * not theirs. This registers a plain-JS kernel on the wasm heap (one pass over the rows).
 * The reference itself does not need it (see message-passing.ts); call it once after the
 * wasm backend is active, e.g. in backend selection.
 */
import * as tf from '@tensorflow/tfjs';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array;
}

/** out[s] = Σ_{k: ids[k] = s} x[k] over the first axis; ids outside 0 … numSegments−1 are dropped (as in TensorFlow). */
function unsortedSegmentSum({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const x = inputs.x as tf.TensorInfo;
  const ids = inputs.segmentIds as tf.TensorInfo;
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const heap = backend as unknown as WasmHeapBackend;
  const inner = x.shape.slice(1).reduce((a, b) => a * b, 1);
  const out = heap.makeOutput([numSegments, ...x.shape.slice(1)], x.dtype);
  // views are taken after makeOutput: allocating may grow the wasm memory and detach older views
  const xs = heap.typedArrayFromHeap(x), segment = heap.typedArrayFromHeap(ids), ys = heap.typedArrayFromHeap(out);
  ys.fill(0);
  for (let k = 0; k < segment.length; k++) {
    const s = segment[k];
    if (s < 0 || s >= numSegments) continue;
    for (let c = 0; c < inner; c++) ys[s * inner + c] += xs[k * inner + c];
  }
  return out;
}

/** Registers the kernel for 'wasm'; false when the wasm backend is not loaded, true when registered (now or before). */
export function registerWasmUnsortedSegmentSum(): boolean {
  if (!tf.getKernel('Transpose', 'wasm')) return false;
  if (tf.getKernel('UnsortedSegmentSum', 'wasm')) return true;
  tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as tf.KernelFunc });
  return true;
}
