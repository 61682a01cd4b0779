import { selectBackend } from '../../backend';
import type { Submission } from '../../contract';
import { GRAPH_2020 } from '../../../reference/graph';
import { gcn } from '../../../reference/models/gcn';
import { gat } from '../../../reference/models/gat';
import { gcnGradients } from '../../../reference/oracle/graph';
import { fromWireGraph, graphOps, toWireGraph } from './graph';
import type { GraphForwardResult, GraphGradsResult, GraphInitResult } from './graph';

beforeAll(async () => { await selectBackend(); });

const reference: Submission = { models: { gcn, gat } };
const features = { shape: [6, 3], dtype: 'float32' as const, values: Float32Array.from({ length: 18 }, (_, k) => Math.sin(k + 1)) };
const R = { shape: [6, 4], dtype: 'float32' as const, values: Float32Array.from({ length: 24 }, (_, k) => Math.cos(k)) };
const spec = { inFeatures: 3, outFeatures: 4 };

describe('graph ops', () => {
  it('a graph survives the wire', () => {
    const w = toWireGraph(GRAPH_2020);
    expect(w.edges).toBeInstanceOf(Int32Array);
    expect(fromWireGraph(w)).toEqual(GRAPH_2020);
  });
  it('init → forward → grads on the reference, nothing left behind', async () => {
    const { params } = (await graphOps['graph.init'](reference, { model: 'gcn', spec, seed: 1 })) as GraphInitResult;
    expect(params.W.shape).toEqual([3, 4]);
    const graph = toWireGraph(GRAPH_2020);
    const fwd = (await graphOps['graph.forward'](reference, { model: 'gcn', spec, params, features, graph })) as GraphForwardResult;
    expect(fwd.output.shape).toEqual([6, 4]);
    expect(fwd.leakedTensors).toBe(0);
    const g = (await graphOps['graph.grads'](reference, { model: 'gcn', spec, params, features, graph, R })) as GraphGradsResult;
    expect(g.leakedTensors).toBe(0);
    expect(Array.from(g.output.values)).toEqual(Array.from(fwd.output.values));
    const t64 = (w: { shape: number[]; values: ArrayLike<number> }) => ({ shape: w.shape, data: Float64Array.from(w.values) });
    const oracle = gcnGradients({ W: t64(params.W) }, t64(features), GRAPH_2020, spec, t64(R));
    g.grads.W.values.forEach((v, k) => expect(v).toBeCloseTo(oracle.params.W.data[k], 4));
    g.features.values.forEach((v, k) => expect(v).toBeCloseTo(oracle.features.data[k], 4));
    expect(g.loss).toBeCloseTo(oracle.loss, 4);
  });
  it('a missing layer is not-submitted; a wrong output is bad-output', () => {
    expect(() => graphOps['graph.init']({ models: { gcn } }, { model: 'gat', spec, seed: 1 })).toThrow(expect.objectContaining({ cause: 'not-submitted' }));
    const broken: Submission = { models: { gcn: { init: gcn.init, forward: () => 42 as never } } };
    const { params } = graphOps['graph.init'](reference, { model: 'gcn', spec, seed: 1 }) as GraphInitResult;
    expect(() => graphOps['graph.forward'](broken, { model: 'gcn', spec, params, features, graph: toWireGraph(GRAPH_2020) }))
      .toThrow(expect.objectContaining({ cause: 'bad-output', message: 'models.gcn.forward requires a tf.Tensor [N, out], got number' }));
  });
});
