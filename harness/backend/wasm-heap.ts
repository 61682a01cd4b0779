/**
 * The part of the wasm backend's interface the kernel fixes use: allocate an output and
 * view a tensor's bytes on the wasm heap. Views taken before an allocation may be
 * detached by heap growth, so take them after `makeOutput`.
 */
import type * as tf from '@tensorflow/tfjs';

export type TensorInfo = tf.TensorInfo;
export type TypedArray = Float32Array | Int32Array | Uint8Array;

export interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): TypedArray;
}
