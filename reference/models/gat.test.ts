import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../harness/backend';
import { GRAPH_2019, GRAPH_2020, gatOutputWidth, randomGraph, selfConnected, toDenseAdjacency } from '../graph';
import type { GatSpec } from '../graph';
import { gatGradients, gatShapes } from '../oracle/graph';
import { seededInputs, seededParams } from '../oracle/graph-testing';
import { gat, gatAttention } from './gat';
import { relativeError } from '../oracle/compare';
import { sumProductGradients, toTensor, toTensors } from './graph-compare';
import type { Graph } from '../../harness/contract';

beforeAll(async () => { await selectBackend(); });

function tfGradients(graph: Graph, spec: GatSpec, seed: number) {
  const p64 = seededParams(gatShapes(spec), seed);
  const { H, R } = seededInputs(graph, spec.inFeatures, gatOutputWidth(spec), seed);
  const params = toTensors(p64), Ht = toTensor(H) as tf.Tensor2D, Rt = toTensor(R);
  const g = sumProductGradients(gat, params, Ht, graph, spec, Rt);
  tf.dispose([...Object.values(params), Ht, Rt]);
  return { p64, H, R, g };
}

const SPECS: Array<[string, GatSpec]> = [
  ['one head, relu', { inFeatures: 5, outFeatures: 3 }],
  ['3 heads concat, identity', { inFeatures: 4, outFeatures: 2, heads: 3, activation: 'identity' }],
  ['2 heads average, relu', { inFeatures: 4, outFeatures: 3, heads: 2, combine: 'average' }],
];

describe('GAT (tfjs)', () => {
  describe.each(['dense', 'sparse'] as const)('%s path', (path) => {
    it.each(SPECS)('matches the oracle on the 2020 and a random graph (%s): forward < 1e-4, gradients < 1e-3', (_, base) => {
      const spec = { ...base, execution: { path } };
      for (const graph of [GRAPH_2020, randomGraph(30, 70, 9)]) {
        const { p64, H, R, g } = tfGradients(graph, spec, 4);
        const o = gatGradients(p64, H, graph, spec, R);
        expect(relativeError(g.out.values, o.out.data, { floor: 1e-6 })).toBeLessThan(1e-4);
        for (const name of Object.keys(p64)) expect(relativeError(g.params[name].values, o.params[name].data, { floor: 1e-6 })).toBeLessThan(1e-3);
        expect(relativeError(g.features.values, o.features.data, { floor: 1e-6 })).toBeLessThan(1e-3);
      }
    });
    it('attention rows sum to 1 and are zero outside N(i) ∪ {i}', () => {
      for (const graph of [GRAPH_2019, randomGraph(25, 40, 2)]) {
        const spec: GatSpec = { inFeatures: 3, outFeatures: 4, heads: 2, execution: { path } };
        const params = gat.init(spec, 3);
        const H = tf.randomNormal([graph.numNodes, 3], 0, 3, 'float32', 1) as tf.Tensor2D;
        const tilde = selfConnected(toDenseAdjacency(graph)).data;
        for (const alpha of gatAttention(params, H, graph, spec)) {
          const a = alpha.arraySync();
          a.forEach((row, i) => {
            row.forEach((x, j) => (tilde[i * graph.numNodes + j] === 0 ? expect(x).toBe(0) : expect(x).toBeGreaterThan(0)));
            expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
          });
        }
      }
    });
  });
  it('dense and sparse paths agree to 1e-5 (forward and gradients)', () => {
    const graph = randomGraph(200, 800, 8);
    const base: GatSpec = { inFeatures: 6, outFeatures: 4, heads: 2, activation: 'identity' };
    const dense = tfGradients(graph, { ...base, execution: { path: 'dense' } }, 2).g;
    const sparse = tfGradients(graph, { ...base, execution: { path: 'sparse' } }, 2).g;
    expect(relativeError(sparse.out.values, dense.out.values, { floor: 1e-6 })).toBeLessThan(1e-5);
    for (const name of Object.keys(dense.params)) expect(relativeError(sparse.params[name].values, dense.params[name].values, { floor: 1e-6 })).toBeLessThan(1e-5);
    expect(relativeError(sparse.features.values, dense.features.values, { floor: 1e-6 })).toBeLessThan(1e-5);
  });
  it('the edge-list softmax survives large attention logits (exact per-node shift)', () => {
    const graph = randomGraph(50, 120, 1);
    const spec: GatSpec = { inFeatures: 3, outFeatures: 2, activation: 'identity', execution: { path: 'sparse' } };
    const params = { W: tf.tensor2d([[40, -30], [25, 60], [-50, 10]]), a: tf.tensor1d([3, -2, 4, 1]) };
    const H = tf.randomNormal([50, 3], 0, 1, 'float32', 5) as tf.Tensor2D;
    const out = gat.forward(params, H, graph, spec).dataSync();
    expect(out.every(Number.isFinite)).toBe(true);
    const dense = gat.forward(params, H, graph, { ...spec, execution: { path: 'dense' } }).dataSync();
    expect(relativeError(out, dense, { floor: 1e-6 })).toBeLessThan(1e-5);
  });
  it('init: per head W [in, out] and a [2·out]; same seed, same parameters', () => {
    const p = gat.init({ inFeatures: 4, outFeatures: 3, heads: 2 } as GatSpec, 5);
    expect(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.shape]))).toEqual({
      'head0.W': [4, 3], 'head0.a': [6], 'head1.W': [4, 3], 'head1.a': [6],
    });
    const one = gat.init({ inFeatures: 4, outFeatures: 3 }, 5);
    expect(Object.keys(one).sort()).toEqual(['W', 'a']);
    expect(Array.from(one.W.dataSync())).toEqual(Array.from(gat.init({ inFeatures: 4, outFeatures: 3 }, 5).W.dataSync()));
  });
  it('forward is pure (no tensors left behind) on both paths', () => {
    for (const path of ['dense', 'sparse'] as const) {
      const spec: GatSpec = { inFeatures: 3, outFeatures: 2, heads: 2, execution: { path } };
      const params = gat.init(spec, 0);
      const H = tf.ones([6, 3]) as tf.Tensor2D;
      const before = tf.memory().numTensors;
      gat.forward(params, H, GRAPH_2020, spec).dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
  it('the dense path refuses a graph over the budget, naming the sparse path', () => {
    const spec: GatSpec = { inFeatures: 2, outFeatures: 2, execution: { path: 'dense', denseMemoryBudgetBytes: 1000 } };
    expect(() => gat.forward(gat.init(spec, 0), tf.ones([30, 2]) as tf.Tensor2D, randomGraph(30, 40, 0), spec))
      .toThrow(/^gat\.forward requires the dense Â .* use the sparse \(edge-list\) path/);
  });
});
