/**
 * Seeded initialisation of the graph layers' parameters: Glorot-uniform weights drawn in
 * plain JS (seedrandom), so a seed gives the same parameters on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { GraphLayerSpec } from '../../harness/contract';
import { randomValues } from '../graph/random';

/** U(−√(6/(fanIn+fanOut)), +…) of `shape`, stream `seed:name`. */
export function glorot(shape: number[], fanIn: number, fanOut: number, seed: number, name: string): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from(randomValues(size, `${seed}:${name}`, Math.sqrt(6 / (fanIn + fanOut)))), shape);
}

export function checkLayerSpec(where: string, spec: GraphLayerSpec): void {
  for (const key of ['inFeatures', 'outFeatures'] as const) {
    const v = spec?.[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new Error(`${where} requires spec.${key} to be a positive integer, got ${JSON.stringify(v)}.`);
  }
  const act = spec.activation ?? 'relu';
  if (act !== 'relu' && act !== 'identity') throw new Error(`${where} requires spec.activation 'relu' or 'identity', got ${JSON.stringify(act)}.`);
}

export function checkFeatures(where: string, features: tf.Tensor, numNodes: number, inFeatures: number): void {
  if (features.rank !== 2 || features.shape[0] !== numNodes || features.shape[1] !== inFeatures) {
    throw new Error(`${where} requires features of shape [numNodes, inFeatures] = [${numNodes}, ${inFeatures}], got [${features.shape}].`);
  }
}

export function checkParamShape(where: string, params: Record<string, tf.Tensor>, name: string, shape: number[]): tf.Tensor {
  const p = params[name];
  if (!p || p.shape.length !== shape.length || p.shape.some((d, k) => d !== shape[k])) {
    throw new Error(`${where} requires parameter ${name} of shape [${shape}], got ${p ? `[${p.shape}]` : 'none'}.`);
  }
  return p;
}

/** σ: ReLU (default) or identity. */
export const sigma = (x: tf.Tensor, spec: GraphLayerSpec): tf.Tensor => ((spec.activation ?? 'relu') === 'relu' ? tf.relu(x) : x);
