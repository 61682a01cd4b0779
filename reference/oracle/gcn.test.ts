import { GRAPH_2020, randomGraph, normalisedAdjacency, matMul, fromRows, toRows } from '../graph';
import { gcnForward, gcnGradients, gcnPreActivation, gcnShapes, tensor64 } from './graph';
import { centralDifference4, relError, seededInputs, seededParams } from './graph-testing';
import type { GraphLayerSpec } from '../../harness/contract';

const H_STEP = 1e-4;

/**
 * Central differences are only valid away from the ReLU kink: a perturbation of at most
 * 2h must not move any pre-activation across 0. Inputs and weights are in [−1, 1], so
 * |ΔZ| ≤ 2h · max(Σ_j Â_ij |H_j|, Σ_j Â_ij · out · |W|) ≲ 4e-4 (h = 1e-4, Â rows sum to ≲ 2);
 * we take the first seed whose min |Z| exceeds 2e-3 and assert it.
 */
function awayFromKink(graph = GRAPH_2020, spec: GraphLayerSpec, bias: boolean) {
  for (let seed = 0; seed < 100; seed++) {
    const params = seededParams(gcnShapes(spec, bias), seed);
    const { H, R } = seededInputs(graph, spec.inFeatures, spec.outFeatures, seed);
    const margin = Math.min(...Array.from(gcnPreActivation(params, H, graph, spec).data, Math.abs));
    if (margin > 2e-3) return { params, H, R, margin };
  }
  throw new Error('no seed away from the ReLU kink');
}

describe('GCN oracle', () => {
  it('forward equals σ(Â H W + b) computed densely', () => {
    const spec = { inFeatures: 3, outFeatures: 4 };
    const { params, H } = awayFromKink(GRAPH_2020, spec, true);
    const hat = normalisedAdjacency(GRAPH_2020);
    const Hm = { rows: 6, cols: 3, data: H.data };
    const Z = matMul(matMul(hat, Hm), { rows: 3, cols: 4, data: params.W.data });
    const expected = toRows(Z).map((row) => row.map((z, c) => Math.max(0, z + params.b.data[c])));
    expect(toRows({ rows: 6, cols: 4, data: gcnForward(params, H, GRAPH_2020, spec).data })).toEqual(
      expected.map((r) => r.map((x) => expect.closeTo(x, 14))),
    );
  });
  it('identity activation keeps negatives; with W = I and H = I it returns Â itself', () => {
    const I6 = tensor64([6, 6], toRows(fromRows(Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => +(i === j))))).flat());
    const out = gcnForward({ W: I6 }, I6, GRAPH_2020, { inFeatures: 6, outFeatures: 6, activation: 'identity' });
    expect(Array.from(out.data)).toEqual(Array.from(normalisedAdjacency(GRAPH_2020).data).map((x) => expect.closeTo(x, 15)));
  });
  it.each([
    ['relu + bias, 2020 graph', GRAPH_2020, { inFeatures: 3, outFeatures: 4 }, true],
    ['identity, random graph', randomGraph(9, 15, 2), { inFeatures: 5, outFeatures: 2, activation: 'identity' as const }, false],
    ['relu, random graph', randomGraph(12, 20, 5), { inFeatures: 4, outFeatures: 3 }, true],
  ])('hand-derived gradients match central differences < 1e-7 (%s)', (_, graph, spec, bias) => {
    const { params, H, R, margin } = awayFromKink(graph, spec, bias);
    expect(margin).toBeGreaterThan(2e-3);
    const g = gcnGradients(params, H, graph, spec, R);
    const loss = () => gcnGradients(params, H, graph, spec, R).loss;
    let worst = 0;
    for (const [name, p] of Object.entries(params)) {
      p.data.forEach((_, k) => { worst = Math.max(worst, relError(g.params[name].data[k], centralDifference4(loss, p.data, k, H_STEP))); });
    }
    H.data.forEach((_, k) => { worst = Math.max(worst, relError(g.features.data[k], centralDifference4(loss, H.data, k, H_STEP))); });
    expect(worst).toBeLessThan(1e-7);
  });
  it('refuses wrongly shaped parameters and features', () => {
    const spec = { inFeatures: 3, outFeatures: 4 };
    const { H } = seededInputs(GRAPH_2020, 3, 4, 0);
    expect(() => gcnForward({ W: tensor64([4, 3]) }, H, GRAPH_2020, spec)).toThrow('gcnOracle requires parameter W of shape [3,4], got [4,3].');
    expect(() => gcnForward({ W: tensor64([3, 4]) }, tensor64([5, 3]), GRAPH_2020, spec)).toThrow(/requires features of shape \[numNodes, inFeatures\] = \[6, 3\], got \[5,3\]/);
  });
});
