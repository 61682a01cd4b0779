import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../harness/backend';
import { GRAPH_2020, choosePath, randomGraph } from '../graph';
import { gcnForward, gcnGradients, gcnShapes } from '../oracle/graph';
import { seededInputs, seededParams } from '../oracle/graph-testing';
import { gcn } from './gcn';
import { relativeError } from '../oracle/compare';
import { sumProductGradients, toTensor, toTensors } from './graph-compare';
import type { Graph } from '../../harness/contract';
import type { GcnSpec } from '../graph';

beforeAll(async () => { await selectBackend(); });

/** tf.grads of Σ(out ⊙ R) with respect to every parameter and the features. */
function tfGradients(graph: Graph, spec: GcnSpec, seed: number, bias: boolean) {
  const p64 = seededParams(gcnShapes(spec, bias), seed);
  const { H, R } = seededInputs(graph, spec.inFeatures, spec.outFeatures, seed);
  const params = toTensors(p64), Ht = toTensor(H) as tf.Tensor2D, Rt = toTensor(R);
  const g = sumProductGradients(gcn, params, Ht, graph, spec, Rt);
  tf.dispose([...Object.values(params), Ht, Rt]);
  const grads: Record<string, Float32Array> = { ...Object.fromEntries(Object.entries(g.params).map(([k, v]) => [k, v.values])), features: g.features.values };
  return { p64, H, R, out: g.out.values, grads };
}

describe('GCN (tfjs)', () => {
  it.each([
    ['dense', '2020 graph', GRAPH_2020],
    ['sparse', '2020 graph', GRAPH_2020],
    ['dense', 'random graph', randomGraph(40, 90, 7)],
    ['sparse', 'random graph', randomGraph(40, 90, 7)],
  ] as const)('%s path matches the oracle on the %s (forward < 1e-4, gradients < 1e-3)', (path, _, graph) => {
    const spec: GcnSpec = { inFeatures: 5, outFeatures: 3, execution: { path } };
    const { p64, H, R, out, grads } = tfGradients(graph, spec, 11, true);
    const o = gcnGradients(p64, H, graph, spec, R);
    expect(relativeError(out, o.out.data, { floor: 1e-6 })).toBeLessThan(1e-4);
    for (const name of ['W', 'b']) expect(relativeError(grads[name], o.params[name].data, { floor: 1e-6 })).toBeLessThan(1e-3);
    expect(relativeError(grads.features, o.features.data, { floor: 1e-6 })).toBeLessThan(1e-3);
  });
  it('dense and sparse paths agree to 1e-5 (forward and gradients, identity σ)', () => {
    const graph = randomGraph(300, 1200, 3);
    const dense = tfGradients(graph, { inFeatures: 8, outFeatures: 4, activation: 'identity', execution: { path: 'dense' } }, 5, false);
    const sparse = tfGradients(graph, { inFeatures: 8, outFeatures: 4, activation: 'identity', execution: { path: 'sparse' } }, 5, false);
    expect(relativeError(sparse.out, dense.out, { floor: 1e-6 })).toBeLessThan(1e-5);
    for (const name of ['W', 'features']) expect(relativeError(sparse.grads[name], dense.grads[name], { floor: 1e-6 })).toBeLessThan(1e-5);
  });
  it('the identity option keeps negative outputs, ReLU does not', () => {
    const spec: GcnSpec = { inFeatures: 3, outFeatures: 2 };
    const params = toTensors(seededParams(gcnShapes(spec), 2));
    const H = toTensor(seededInputs(GRAPH_2020, 3, 2, 2).H) as tf.Tensor2D;
    const lin = gcn.forward(params, H, GRAPH_2020, { ...spec, activation: 'identity' }).dataSync();
    const relu = gcn.forward(params, H, GRAPH_2020, spec).dataSync();
    expect(Math.min(...lin)).toBeLessThan(0);
    expect(Array.from(relu)).toEqual(Array.from(lin, (x) => Math.max(0, x)));
    const oracle = gcnForward(seededParams(gcnShapes(spec), 2), seededInputs(GRAPH_2020, 3, 2, 2).H, GRAPH_2020, { ...spec, activation: 'identity' });
    expect(relativeError(lin, oracle.data, { floor: 1e-6 })).toBeLessThan(1e-5);
  });
  it('init: W [in, out] Glorot, same seed same parameters, b only when asked', () => {
    const a = gcn.init({ inFeatures: 4, outFeatures: 6 }, 1), b = gcn.init({ inFeatures: 4, outFeatures: 6 }, 1);
    expect(a.W.shape).toEqual([4, 6]);
    expect(a.b).toBeUndefined();
    expect(Array.from(a.W.dataSync())).toEqual(Array.from(b.W.dataSync()));
    expect(Math.max(...Array.from(a.W.dataSync(), Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 10));
    expect(gcn.init({ inFeatures: 4, outFeatures: 6, bias: true } as GcnSpec, 1).b.shape).toEqual([6]);
  });
  it('forward is pure: no tensors left behind, inputs untouched', () => {
    const spec: GcnSpec = { inFeatures: 3, outFeatures: 2, execution: { path: 'sparse' } };
    const params = gcn.init(spec, 0);
    const H = tf.ones([6, 3]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    gcn.forward(params, H, GRAPH_2020, spec).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
  it('the dense path refuses a graph over the memory budget and names the sparse path', () => {
    const graph = randomGraph(100, 200, 1);
    const spec: GcnSpec = { inFeatures: 2, outFeatures: 2, execution: { path: 'dense', denseMemoryBudgetBytes: 10_000 } };
    expect(() => gcn.forward(gcn.init(spec, 0), tf.ones([100, 2]) as tf.Tensor2D, graph, spec)).toThrow(
      'gcn.forward requires the dense Â (100² × 4 bytes = 40.0 kB) to fit execution.denseMemoryBudgetBytes (10.0 kB), got 100 nodes; use the sparse (edge-list) path: ' +
        "execution: { path: 'sparse' } (or 'auto'), whose memory grows with edges, not nodes².",
    );
  });
  it('auto picks dense for small graphs and sparse above the node threshold or budget', () => {
    expect(choosePath(randomGraph(100, 10, 0))).toBe('dense');
    expect(choosePath({ numNodes: 5000, edges: [] })).toBe('sparse');
    expect(choosePath({ numNodes: 100, edges: [] }, { denseMaxNodes: 50 })).toBe('sparse');
    expect(choosePath({ numNodes: 100, edges: [] }, { denseMemoryBudgetBytes: 100 })).toBe('sparse');
  });
  it('rejects a malformed graph with its named error', () => {
    const spec: GcnSpec = { inFeatures: 2, outFeatures: 2 };
    expect(() => gcn.forward(gcn.init(spec, 0), tf.ones([3, 2]) as tf.Tensor2D, { numNodes: 3, edges: [[0, 1], [1, 0]] }, spec))
      .toThrow(/^gcn\.forward requires each undirected edge once/);
  });
});
