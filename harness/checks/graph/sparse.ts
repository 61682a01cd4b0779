/**
 * Sparse path: the submission's forward on a graph of 50,000 nodes and 250,000 edges,
 * whose dense Â (50,000² float32 = 10 GB) fits neither the sandbox's memory cap nor the
 * time limit. The answer is compared with the oracle, which works on the edge list.
 */
import type { Graph, GraphLayerSpec, GraphModelName } from '../../contract';
import type { NamedTensors64, Tensor64 } from '../../../reference/oracle/graph';
import type { Check, CheckContext, CheckOutcome } from '../types';
import { randomGraph } from '../../../reference/graph';
import { FORWARD_TOLERANCE, fmtError, graphMeta, notSubmitted, oracleForward, probeParams, runForward, seeded } from './support';
import { relativeError } from '../../../reference/oracle/compare';

export const SPARSE_NODES = 50_000;
export const SPARSE_EDGES = 250_000;

export const SPARSE_HINT = `a graph of ${SPARSE_NODES.toLocaleString('en')} nodes needs the edge-list (sparse) path: a dense Â would be ` +
  `${SPARSE_NODES.toLocaleString('en')}² × 4 bytes = 10 GB. Send messages along the edges instead — gather W h_j for each edge's source ` +
  '(tf.gather), weight them, and sum them per target node (tf.sparse.sparseSegmentSum with the messages sorted by target, ' +
  'or tf.scatterND, which adds duplicate indices on every backend) — so memory grows with edges, not nodes²';

/** The last large graph, by seed: gcn.sparse and gat.sparse grade on the same one. */
let lastGraph: { seed: number; graph: Graph } | undefined;
function largeGraph(seed: number): Graph {
  if (lastGraph?.seed !== seed) lastGraph = { seed, graph: randomGraph(SPARSE_NODES, SPARSE_EDGES, 7000 + seed) };
  return lastGraph.graph;
}

type SparseProblem = { graph: Graph; params: NamedTensors64; H: Tensor64; expected: Tensor64 };
/**
 * The large problem of `model` at `seed` with the oracle's answer, made once per grading process: every
 * submission of a class is asked the same question (the graph, the features and the probe parameters are
 * the grader's, seeded), and the float64 forward on 250,000 edges was ~0.4 s of the grader's own time per
 * submission, on the one thread every lane's messages wait for. The answer never leaves the grader.
 */
const problems = new Map<string, SparseProblem>();
function sparseProblem(model: GraphModelName, seed: number, spec: GraphLayerSpec): SparseProblem {
  const key = `${model}/sparse/${seed}`;
  let problem = problems.get(key);
  if (!problem) {
    const graph = largeGraph(seed);
    const params = probeParams(model, spec, key);
    const H = seeded([SPARSE_NODES, spec.inFeatures], `${key}/H`);
    problem = { graph, params, H, expected: oracleForward(model, params, H, graph, spec) };
    for (const k of problems.keys()) if (k.startsWith(`${model}/`)) problems.delete(k);   // one seed per model is kept
    problems.set(key, problem);
  }
  return problem;
}

export function sparseCheck(model: GraphModelName): Check {
  return {
    ...graphMeta(model, 'sparse', `forward on a ${SPARSE_NODES.toLocaleString('en')}-node graph (edge-list path)`),
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const spec = { inFeatures: 8, outFeatures: 8 };
      const { graph, params, H, expected } = sparseProblem(model, ctx.seed, spec);
      const got = await runForward(ctx, model, spec, params, H, graph);
      if ('outcome' in got) {
        const o = got.outcome;
        if (o.status === 'timed-out') return { ...o, hint: SPARSE_HINT };
        if (o.status === 'errored' && o.cause !== 'not-submitted') return { ...o, hint: SPARSE_HINT };
        return o;
      }
      const error = relativeError(got.value.data, expected.data, { floor: 1e-6 });
      if (error <= FORWARD_TOLERANCE) return { status: 'passed', note: `relative error ${error.toExponential(1)}` };
      return {
        status: 'failed', expected: `the reference's output within ${FORWARD_TOLERANCE}`, actual: `relative error ${fmtError(error)}`,
        hint: 'the large-graph path disagrees with the small-graph one: check that every undirected edge sends messages both ways and that the self-loop and degrees (Â) are the same as on the dense path',
      };
    },
  };
}
