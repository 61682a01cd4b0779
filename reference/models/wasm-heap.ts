/**
 * The part of the wasm backend's interface that netgrade's own wasm kernels use (the fused
 * recurrent kernels here, the kernel fixes of `harness/backend/`): allocate an output, view
 * a tensor's bytes on the wasm heap, free a temporary. Views taken before an allocation may
 * be detached by heap growth, so take them after `makeOutput`.
 *
 * It lives in `reference/` because the reference's kernels need it and `reference/` never
 * imports from `harness/`; the harness imports it from here.
 */
import type * as tf from '@tensorflow/tfjs';

export type TensorInfo = tf.TensorInfo;
export type TypedArray = Float32Array | Int32Array | Uint8Array;

export interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): TypedArray;
  disposeData(dataId: object): void;
}
