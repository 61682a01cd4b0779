/**
 * Tensors ↔ plain data for IPC. Runs on both sides (it only needs tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import type { WireParams, WireTensor } from './types';

/** A tensor as plain data (values copied). */
export function toWire(t: tf.Tensor): WireTensor {
  const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
  const values = dtype === 'int32' ? Int32Array.from(t.dataSync() as Int32Array) : Float32Array.from(t.dataSync());
  return { shape: [...t.shape], dtype, values };
}

export function fromWire(w: WireTensor): tf.Tensor {
  return tf.tensor(w.values, w.shape, w.dtype);
}

export function toWireParams(params: Record<string, tf.Tensor>): WireParams {
  return Object.fromEntries(Object.entries(params).map(([name, t]) => [name, toWire(t)]));
}

export function fromWireParams(params: WireParams): Record<string, tf.Tensor> {
  return Object.fromEntries(Object.entries(params).map(([name, w]) => [name, fromWire(w)]));
}
