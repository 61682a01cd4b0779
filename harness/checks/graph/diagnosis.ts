/**
 * Known mistakes in the graph layers, each an oracle variant: a wrong answer that matches
 * one (and not the course's layer) is named, with the fix. The orchestrator computes all
 * of them; the submission only ever ran on the inputs.
 */
import type { Graph, GraphLayerSpec, GraphModelName } from '../../contract';
import type { Diagnosis } from '../../results/types';
import type { NamedTensors64, Tensor64 } from '../../../reference/oracle/graph';
import { FORWARD_TOLERANCE, oracleForward } from './support';
import { relativeError } from '../../../reference/oracle/compare';

export interface GraphMistake {
  id: string;
  message: string;
  fix: string;
  /** what the layer would output with this mistake */
  forward(params: NamedTensors64, H: Tensor64, graph: Graph, spec: GraphLayerSpec): Tensor64;
}

const complete = (n: number): Graph => ({ numNodes: n, edges: Array.from({ length: n }, (_, i) => Array.from({ length: n - i - 1 }, (_, k) => [i, i + k + 1] as [number, number])).flat() });
const otherActivation = (spec: GraphLayerSpec): GraphLayerSpec => ({ ...spec, activation: (spec.activation ?? 'relu') === 'relu' ? 'identity' : 'relu' });
const withA = (params: NamedTensors64, f: (a: Float64Array, o: number) => Float64Array): NamedTensors64 => {
  const o = params.a.shape[0] / 2;
  return { ...params, a: { shape: params.a.shape, data: f(params.a.data, o) } };
};

export const GCN_MISTAKES: GraphMistake[] = [
  { id: 'gcn.row-normalised', message: 'matches D̃⁻¹Ã (row-normalised, mean aggregation) instead of the symmetric Â = D̃^{-1/2} Ã D̃^{-1/2}', fix: 'scale entry (i, j) by 1/√(d̃_i d̃_j), not by 1/d̃_i',
    forward: (p, H, g, s) => oracleForward('gcn', p, H, g, s, { adjacency: 'row' }) },
  { id: 'gcn.not-normalised', message: 'matches Ã = A + I without normalisation', fix: 'use Â = D̃^{-1/2} Ã D̃^{-1/2} with D̃_ii = Σ_j Ã_ij',
    forward: (p, H, g, s) => oracleForward('gcn', p, H, g, s, { adjacency: 'unnormalised' }) },
  { id: 'gcn.no-self-loops', message: 'matches D^{-1/2} A D^{-1/2}: the self-loops are missing', fix: 'add the identity before normalising: Ã = A + I, and count it in the degrees D̃',
    forward: (p, H, g, s) => oracleForward('gcn', p, H, g, s, { adjacency: 'no-self-loops' }) },
  { id: 'gcn.raw-adjacency', message: 'matches the plain adjacency A: no self-loops and no normalisation', fix: 'use Â = D̃^{-1/2}(A + I)D̃^{-1/2}',
    forward: (p, H, g, s) => oracleForward('gcn', p, H, g, s, { adjacency: 'raw' }) },
  { id: 'gcn.activation', message: 'matches the layer with the other activation (spec.activation ignored)', fix: "apply σ = ReLU unless spec.activation is 'identity'",
    forward: (p, H, g, s) => oracleForward('gcn', p, H, g, otherActivation(s)) },
];

export const GAT_MISTAKES: GraphMistake[] = [
  { id: 'gat.no-self-attention', message: 'matches attention over N(i) only: node i does not attend to itself', fix: 'take the softmax over j ∈ N(i) ∪ {i} (add the self-loops)',
    forward: (p, H, g, s) => oracleForward('gat', p, H, g, s, { selfLoops: false }) },
  { id: 'gat.no-mask', message: 'matches a softmax over all nodes: non-neighbours are not masked', fix: 'set e_ij = −∞ (or drop the pair) for j ∉ N(i) ∪ {i} before the softmax',
    forward: (p, H, g, s) => oracleForward('gat', p, H, complete(g.numNodes), s) },
  { id: 'gat.slope-0.01', message: 'matches LeakyReLU with slope 0.01 (a framework default) in the attention logits', fix: 'use LeakyReLU with negative slope 0.2, as in the GAT paper',
    forward: (p, H, g, s) => oracleForward('gat', p, H, g, { ...s, negativeSlope: 0.01 } as GraphLayerSpec) },
  { id: 'gat.relu-logits', message: 'matches ReLU instead of LeakyReLU in the attention logits', fix: 'e_ij = LeakyReLU_0.2(aᵀ[W h_i ‖ W h_j])',
    forward: (p, H, g, s) => oracleForward('gat', p, H, g, { ...s, negativeSlope: 0 } as GraphLayerSpec) },
  { id: 'gat.swapped-a', message: 'matches aᵀ[W h_j ‖ W h_i]: the halves of a are applied the other way round', fix: 'the first half of a multiplies W h_i (the receiving node), the second W h_j',
    forward: (p, H, g, s) => oracleForward('gat', withA(p, (a, o) => Float64Array.from([...a.subarray(o), ...a.subarray(0, o)])), H, g, s) },
  { id: 'gat.uniform', message: 'matches uniform attention (a is not used): a plain mean over N(i) ∪ {i}', fix: 'compute α_ij = softmax_j(LeakyReLU(aᵀ[W h_i ‖ W h_j]))',
    forward: (p, H, g, s) => oracleForward('gat', withA(p, (a) => new Float64Array(a.length)), H, g, s) },
  { id: 'gat.activation', message: 'matches the layer with the other activation (spec.activation ignored)', fix: "apply σ = ReLU unless spec.activation is 'identity'",
    forward: (p, H, g, s) => oracleForward('gat', p, H, g, otherActivation(s)) },
];

export const MISTAKES: Record<GraphModelName, GraphMistake[]> = { gcn: GCN_MISTAKES, gat: GAT_MISTAKES };

/** The known mistake the output matches best, if it matches one within tolerance. */
export function diagnoseGraph(model: GraphModelName, params: NamedTensors64, H: Tensor64, graph: Graph, spec: GraphLayerSpec, actual: Tensor64):
  (Diagnosis & { fix: string }) | undefined {
  let best: (Diagnosis & { fix: string }) | undefined;
  for (const m of MISTAKES[model]) {
    const error = relativeError(actual.data, m.forward(params, H, graph, spec).data, { floor: 1e-6 });
    if (error <= 10 * FORWARD_TOLERANCE && (!best || error < best.error)) best = { id: m.id, message: m.message, fix: m.fix, error };
  }
  return best;
}
