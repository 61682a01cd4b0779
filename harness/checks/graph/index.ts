/**
 * Part 3 checks (GCN, GAT), in report order. Each is data plus a plain function; ops run
 * in the submission's process (harness/sandbox/ops/graph.ts), expected values come from
 * the float64 oracles (reference/oracle/graph.ts) on this side only.
 */
import type { GraphModelName } from '../../contract';
import type { Check } from '../types';
import { adjacencyCheck } from './adjacency';
import { attentionMaskedCheck, attentionNormalisedCheck } from './attention';
import { contractCheck } from './contract';
import { forwardCheck } from './forward';
import { gradientsCheck } from './gradients';
import { sparseCheck } from './sparse';

/** The checks of one graph layer. */
export function graphChecksFor(model: GraphModelName): Check[] {
  return [
    contractCheck(model),
    forwardCheck(model, 'assignment'),
    forwardCheck(model, 'random'),
    gradientsCheck(model),
    ...(model === 'gcn' ? [adjacencyCheck] : [attentionNormalisedCheck, attentionMaskedCheck]),
    sparseCheck(model),
  ];
}

/** Every graph check: gcn.* then gat.* */
export const graphChecks: Check[] = [...graphChecksFor('gcn'), ...graphChecksFor('gat')];

export { contractCheck, forwardCheck, gradientsCheck, adjacencyCheck, attentionNormalisedCheck, attentionMaskedCheck, sparseCheck };
export { diagnoseGraph, GCN_MISTAKES, GAT_MISTAKES } from './diagnosis';
export { SPARSE_NODES, SPARSE_EDGES, SPARSE_HINT } from './sparse';
