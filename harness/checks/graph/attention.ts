/**
 * GAT attention, observed through forward alone (σ = identity):
 * - normalised: every node has the same features, so W h_j = P for all j and
 *   h_i' = (Σ_j α_ij) P — equal to P exactly when each row of α sums to 1;
 * - masked: with a = 0 the attention is uniform over N(i) ∪ {i}, so h_i' is the mean of
 *   W h_j over exactly that set; a softmax over all nodes, over N(i) only, or a sum
 *   instead of a mean each give a different answer, which the check names.
 */
import type { Graph } from '../../contract';
import type { Check, CheckContext, CheckOutcome } from '../types';
import type { NamedTensors64, Tensor64 } from '../../../reference/oracle/graph';
import { gcnForward, tensor64 } from '../../../reference/oracle/graph';
import { FORWARD_TOLERANCE, fmtError, graphMeta, notSubmitted, oracleForward, preview, probeGraph, runForward, seeded } from './support';
import { relativeError } from '../../../reference/oracle/compare';

const SPEC = { inFeatures: 3, outFeatures: 4, activation: 'identity' as const };

export const attentionNormalisedCheck: Check = {
  ...graphMeta('gat', 'attention.normalised', 'attention weights of each node sum to 1'),
  async run(ctx: CheckContext): Promise<CheckOutcome> {
    const missing = notSubmitted(ctx.handle, 'gat');
    if (missing) return missing;
    const graph = probeGraph(ctx);
    const key = `gat/attention/normalised/${ctx.seed}`;
    const params: NamedTensors64 = { W: seeded([3, 4], `${key}/W`, 0.6), a: seeded([8], `${key}/a`, 2) };
    const h = seeded([3], `${key}/h`);
    const H = tensor64([graph.numNodes, 3], Array.from({ length: graph.numNodes }, () => Array.from(h.data)).flat());
    const got = await runForward(ctx, 'gat', SPEC, params, H, graph);
    if ('outcome' in got) return got.outcome;
    const expected = oracleForward('gat', params, H, graph, SPEC);    // every row = W h
    const error = relativeError(got.value.data, expected.data, { floor: 1e-6 });
    if (error <= FORWARD_TOLERANCE) return { status: 'passed' };
    return {
      status: 'failed',
      expected: `every node's output = W h (rows of α sum to 1), ${preview(expected.data)}`,
      actual: `relative error ${fmtError(error)}, node 0 ${preview(got.value.data)}`,
      hint: 'normalise the attention per receiving node: α_ij = exp(e_ij) / Σ_{k∈N(i)∪{i}} exp(e_ik) (softmax over j, i.e. along each row)',
      diagnosis: { id: 'gat.attention.not-normalised', message: 'attention weights of a node do not sum to 1', error },
    };
  },
};

function complete(n: number): Graph {
  const edges: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j]);
  return { numNodes: n, edges };
}

export const attentionMaskedCheck: Check = {
  ...graphMeta('gat', 'attention.masked', 'attention covers exactly N(i) ∪ {i}'),
  async run(ctx: CheckContext): Promise<CheckOutcome> {
    const missing = notSubmitted(ctx.handle, 'gat');
    if (missing) return missing;
    const graph = probeGraph(ctx);
    const key = `gat/attention/masked/${ctx.seed}`;
    const params: NamedTensors64 = { W: seeded([3, 4], `${key}/W`, 0.6), a: tensor64([8]) };     // a = 0: uniform attention
    const H = seeded([graph.numNodes, 3], `${key}/H`);
    const got = await runForward(ctx, 'gat', SPEC, params, H, graph);
    if ('outcome' in got) return got.outcome;
    const expected = oracleForward('gat', params, H, graph, SPEC);    // mean of W h_j over N(i) ∪ {i}
    const error = relativeError(got.value.data, expected.data, { floor: 1e-6 });
    if (error <= FORWARD_TOLERANCE) return { status: 'passed' };
    const variants: Array<{ id: string; message: string; fix: string; out: Tensor64 }> = [
      { id: 'gat.no-mask', message: 'attends to every node of the graph', fix: 'mask j ∉ N(i) ∪ {i} (e_ij = −∞) before the softmax', out: oracleForward('gat', params, H, complete(graph.numNodes), SPEC) },
      { id: 'gat.no-self-attention', message: 'attends to N(i) without i itself', fix: 'include j = i: N(i) ∪ {i}', out: oracleForward('gat', params, H, graph, SPEC, { selfLoops: false }) },
      { id: 'gat.sum-not-softmax', message: 'sums exp(e_ij) without normalising', fix: 'divide by Σ_k exp(e_ik): a softmax over N(i) ∪ {i}', out: gcnForward(params, H, graph, SPEC, { adjacency: 'unnormalised' }) },
    ];
    const match = variants.map((v) => ({ ...v, error: relativeError(got.value.data, v.out.data, { floor: 1e-6 }) })).sort((a, b) => a.error - b.error)[0];
    const diagnosed = match.error <= FORWARD_TOLERANCE;
    return {
      status: 'failed',
      expected: `with a = 0, the mean of W h_j over N(i) ∪ {i}: ${preview(expected.data)}`,
      actual: `relative error ${fmtError(error)}: ${preview(got.value.data)}`,
      hint: diagnosed ? `your attention ${match.message}: ${match.fix}` : 'with a = 0 every neighbour (and the node itself) must get the same weight 1/(|N(i)| + 1)',
      ...(diagnosed ? { diagnosis: { id: match.id, message: `attention ${match.message}`, error: match.error } } : {}),
    };
  },
};
