/**
 * The reference graph layers' specs: the contract's `GraphLayerSpec` plus the options the
 * course leaves open, each a named field with its default. A submission only ever sees
 * the contract's fields; these extra ones are read by the reference and the oracles.
 */
import type { GraphLayerSpec } from '../../harness/contract';

/** How a tfjs layer propagates: Â as a dense matrix, or messages along the edge list. */
export interface GraphExecution {
  /** 'auto' (default): dense up to `denseMaxNodes` nodes, edge list above */
  path?: 'auto' | 'dense' | 'sparse';
  /** largest graph the automatic choice runs densely (default 2048 nodes) */
  denseMaxNodes?: number;
  /** the dense path refuses a graph whose N×N float32 matrix exceeds this (default 1 GiB) */
  denseMemoryBudgetBytes?: number;
}

export const GRAPH_EXECUTION_DEFAULTS: Required<GraphExecution> = {
  path: 'auto',
  denseMaxNodes: 2048,
  denseMemoryBudgetBytes: 2 ** 30,
};

export interface GcnSpec extends GraphLayerSpec { execution?: GraphExecution }

export interface GatSpec extends GraphLayerSpec {
  /** attention heads (default 1: parameters `W`, `a`; K > 1: `head0.W`, `head0.a`, … `head{K−1}.a`) */
  heads?: number;
  /** how heads combine: 'concat' (default; output K·out, σ per head) or 'average' (output out, σ after the mean) */
  combine?: 'concat' | 'average';
  /** LeakyReLU slope of the attention logits (default 0.2, the GAT paper's) */
  negativeSlope?: number;
  execution?: GraphExecution;
}

/** Parameter names of head k: `W`/`a` for a single head, `head{k}.W`/`head{k}.a` otherwise. */
export function gatHeadNames(spec: GatSpec): Array<{ W: string; a: string }> {
  const heads = spec.heads ?? 1;
  if (!Number.isInteger(heads) || heads < 1) throw new Error(`gat requires spec.heads to be a positive integer, got ${JSON.stringify(spec.heads)}.`);
  if (heads === 1) return [{ W: 'W', a: 'a' }];
  return Array.from({ length: heads }, (_, k) => ({ W: `head${k}.W`, a: `head${k}.a` }));
}

/** Output width: K·out for concatenated heads, out otherwise. */
export function gatOutputWidth(spec: GatSpec): number {
  return (spec.combine ?? 'concat') === 'concat' ? (spec.heads ?? 1) * spec.outFeatures : spec.outFeatures;
}
