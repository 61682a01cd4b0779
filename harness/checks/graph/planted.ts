/**
 * Throw-away tfjs graph layers for the checks' own tests: dense, written from the
 * equations, with one known mistake switched on at a time. Not used by grading.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph, GraphLayer, GraphLayerSpec, Params, Submission } from '../../contract';
import { normalisedAdjacency, selfConnected, toDenseAdjacency } from '../../../reference/graph';
import type { AdjacencyVariant } from '../../../reference/graph';
import { gat as referenceGat } from '../../../reference/models/gat';
import { gcn as referenceGcn } from '../../../reference/models/gcn';

export interface GraphMistakes {
  /** GCN: which propagation matrix */
  adjacency?: AdjacencyVariant;
  /** ignore spec.activation: always ReLU */
  alwaysRelu?: boolean;
  /** GAT: attend over N(i) only */
  noSelfAttention?: boolean;
  /** GAT: softmax over all nodes */
  noMask?: boolean;
  /** GAT: LeakyReLU slope */
  slope?: number;
  /** GAT: aᵀ[W h_j ‖ W h_i] */
  swapA?: boolean;
  /** GAT: exp(e) without dividing by the sum */
  notNormalised?: boolean;
  /** W stored as [out, in] */
  transposedW?: boolean;
  /** init ignores the seed */
  unseeded?: boolean;
  /** forward right, gradient of W blocked */
  stopGradientW?: boolean;
  /** refuses graphs above 5,000 nodes, as a dense-only layer would */
  denseOnly?: boolean;
}

const dense = (graph: Graph, variant: AdjacencyVariant) => tf.tensor2d(Float32Array.from(normalisedAdjacency(graph, variant).data), [graph.numNodes, graph.numNodes]);

function init(spec: GraphLayerSpec, seed: number, m: GraphMistakes, withA: boolean): Params {
  const s = m.unseeded ? Math.floor(Math.random() * 1e9) : seed;
  const shape: [number, number] = m.transposedW ? [spec.outFeatures, spec.inFeatures] : [spec.inFeatures, spec.outFeatures];
  return { W: tf.randomUniform(shape, -0.5, 0.5, 'float32', s), ...(withA ? { a: tf.randomUniform([2 * spec.outFeatures], -0.5, 0.5, 'float32', s + 1) } : {}) };
}

function sigma(x: tf.Tensor, spec: GraphLayerSpec, m: GraphMistakes): tf.Tensor {
  return m.alwaysRelu || (spec.activation ?? 'relu') === 'relu' ? tf.relu(x) : x;
}

/** The identity with a zero gradient (tfjs has no stopGradient). */
const blockGradient = (x: tf.Tensor): tf.Tensor =>
  tf.customGrad((v: tf.Tensor | ((t: tf.Tensor[]) => void)) => ({ value: (v as tf.Tensor).clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }))(x);

function guard(graph: Graph, m: GraphMistakes): void {
  if (m.denseOnly && graph.numNodes > 5000) throw new Error(`dense adjacency of ${graph.numNodes}² entries does not fit in memory`);
}

export function plantedGcn(m: GraphMistakes = {}): GraphLayer {
  return {
    init: (spec, seed) => init(spec, seed, m, false),
    forward: (params, H, graph, spec) => tf.tidy(() => {
      guard(graph, m);
      const W = (m.stopGradientW ? blockGradient(params.W) : params.W) as tf.Tensor2D;
      return sigma(tf.matMul(dense(graph, m.adjacency ?? 'symmetric'), tf.matMul(H, W)), spec, m) as tf.Tensor2D;
    }),
  };
}

export function plantedGat(m: GraphMistakes = {}): GraphLayer {
  return {
    init: (spec, seed) => init(spec, seed, m, true),
    forward: (params, H, graph, spec) => tf.tidy(() => {
      guard(graph, m);
      const n = graph.numNodes, o = spec.outFeatures;
      const W = (m.stopGradientW ? blockGradient(params.W) : params.W) as tf.Tensor2D;
      const P = tf.matMul(H, W);                                                    // [N, out]
      const [first, second] = m.swapA ? [o, 0] : [0, o];
      const s = tf.matMul(P, params.a.slice([first], [o]).reshape([o, 1]));         // [N, 1]
      const t = tf.matMul(P, params.a.slice([second], [o]).reshape([o, 1]));        // [N, 1]
      const e = tf.leakyRelu(tf.add(s, t.reshape([1, n])), m.slope ?? 0.2);        // [N, N]
      const A = toDenseAdjacency(graph);
      const allowed = m.noMask ? tf.ones([n, n]) : tf.tensor2d(Float32Array.from((m.noSelfAttention ? A : selfConnected(A)).data), [n, n]);
      const ex = tf.mul(tf.exp(tf.sub(e, tf.max(e, 1, true))), allowed);
      const alpha = m.notNormalised ? tf.mul(tf.exp(e), allowed) : tf.div(ex, tf.sum(ex, 1, true));
      return sigma(tf.matMul(alpha, P), spec, m) as tf.Tensor2D;
    }),
  };
}

export const referenceSubmission: Submission = { author: 'reference', models: { gcn: referenceGcn, gat: referenceGat } };
export const denseOnlyReference: Submission = {
  author: 'dense-only reference',
  models: {
    gcn: { init: referenceGcn.init, forward: (p, H, g, s) => referenceGcn.forward(p, H, g, { ...s, execution: { path: 'dense' } } as GraphLayerSpec) },
    gat: { init: referenceGat.init, forward: (p, H, g, s) => referenceGat.forward(p, H, g, { ...s, execution: { path: 'dense' } } as GraphLayerSpec) },
  },
};
