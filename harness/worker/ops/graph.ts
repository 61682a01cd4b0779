/**
 * Ops for the graph layers (gcn, gat). They run INSIDE the submission's process: inputs
 * arrive as plain data, the submission is called, plain data goes back. They never see
 * expected values; the checks (harness/checks/graph/) compare in the orchestrator.
 *
 * | op             | args                                              | returns |
 * |----------------|---------------------------------------------------|---------|
 * | `graph.init`   | { model, spec, seed }                             | { params: WireParams } |
 * | `graph.forward`| { model, spec, params, features, graph }          | { output, leakedTensors } |
 * | `graph.grads`  | { model, spec, params, features, graph, R }       | { output, loss, grads, features, leakedTensors } |
 *
 * `graph.grads` differentiates L = Σ(forward(params, features) ⊙ R) with tf.valueAndGrads
 * through the submission's own forward; R is an input (the upstream gradient), not an
 * answer. Graphs travel as a {@link WireGraph}: edges flattened into one Int32Array.
 */
import * as tf from '@tensorflow/tfjs';
import { liveTensors } from '../lockdown';
import { GRAPH_MODELS } from '../../contract';
import type { Graph, GraphLayer, GraphLayerSpec, GraphModelName, Submission } from '../../contract';
import type { WireParams, WireTensor } from '../types';
import { fromWire, fromWireParams, toWire } from '../wire';
import type { OpFamily } from './types';

/** A graph as plain data: edges [u0, v0, u1, v1, …]. */
export interface WireGraph { numNodes: number; edges: Int32Array }

export interface GraphArgs { model: GraphModelName; spec: GraphLayerSpec }
export interface GraphInitArgs extends GraphArgs { seed: number }
export interface GraphForwardArgs extends GraphArgs { params: WireParams; features: WireTensor; graph: WireGraph }
export interface GraphGradsArgs extends GraphForwardArgs { R: WireTensor }

export interface GraphInitResult { params: WireParams }
export interface GraphForwardResult { output: WireTensor; leakedTensors: number }
export interface GraphGradsResult { output: WireTensor; loss: number; grads: WireParams; features: WireTensor; leakedTensors: number }

export function toWireGraph(graph: Graph): WireGraph {
  const edges = new Int32Array(2 * graph.edges.length);
  graph.edges.forEach(([u, v], k) => { edges[2 * k] = u; edges[2 * k + 1] = v; });
  return { numNodes: graph.numNodes, edges };
}

export function fromWireGraph(w: WireGraph): Graph {
  const edges: Array<[number, number]> = new Array(w.edges.length / 2);
  for (let k = 0; k < edges.length; k++) edges[k] = [w.edges[2 * k], w.edges[2 * k + 1]];
  return { numNodes: w.numNodes, edges };
}

class GraphOpFailure extends Error {
  constructor(readonly reason: 'not-submitted' | 'bad-output', message: string) {
    super(message, { cause: reason });
    this.name = reason === 'not-submitted' ? 'NotSubmitted' : 'BadOutput';
  }
}

function layer(submission: Submission, model: GraphModelName): GraphLayer {
  if (!(GRAPH_MODELS as readonly string[]).includes(model)) throw new Error(`graph ops require model gcn or gat, got ${JSON.stringify(model)}`);
  const m = submission.models?.[model];
  if (!m) throw new GraphOpFailure('not-submitted', `models.${model} is not submitted`);
  return m;
}

function checkOutput(out: unknown, numNodes: number, where: string): tf.Tensor2D {
  if (!(out instanceof tf.Tensor)) throw new GraphOpFailure('bad-output', `${where} requires a tf.Tensor [N, out], got ${out === null ? 'null' : typeof out}`);
  if (out.rank !== 2 || out.shape[0] !== numNodes) {
    throw new GraphOpFailure('bad-output', `${where} requires a tensor of shape [N=${numNodes}, out], got [${out.shape.join(', ')}]`);
  }
  return out as tf.Tensor2D;
}

/** Runs `body` on live inputs; disposes them and what `body` returns to keep, then counts leftovers. */
function withInputs<R>(args: GraphForwardArgs, body: (params: Record<string, tf.Tensor>, H: tf.Tensor2D, graph: Graph) => { result: R; keep: tf.Tensor[] }): R & { leakedTensors: number } {
  const graph = fromWireGraph(args.graph);
  const params = fromWireParams(args.params);
  const H = fromWire(args.features) as tf.Tensor2D;
  const before = liveTensors();
  let keep: tf.Tensor[] = [];
  try {
    const out = body(params, H, graph);
    keep = out.keep;
    tf.dispose(keep);
    return { ...out.result, leakedTensors: liveTensors() - before };
  } finally {
    tf.dispose(keep.filter((t) => !t.isDisposed));
    tf.dispose([...Object.values(params).filter((t) => !t.isDisposed), H]);
  }
}

export const graphOps: OpFamily<'graph.init' | 'graph.forward' | 'graph.grads'> = {
  'graph.init'(submission, args: GraphInitArgs): GraphInitResult {
    const m = layer(submission, args.model);
    const params = tf.tidy(() => m.init(args.spec, args.seed) as unknown as tf.TensorContainer) as unknown as Record<string, tf.Tensor>;
    if (params === null || typeof params !== 'object') throw new GraphOpFailure('bad-output', `models.${args.model}.init requires a record of tensors by name, got ${String(params)}`);
    const wire: WireParams = {};
    for (const [name, t] of Object.entries(params)) {
      if (!(t instanceof tf.Tensor)) throw new GraphOpFailure('bad-output', `models.${args.model}.init requires "${name}" to be a tf.Tensor, got ${typeof t}`);
      wire[name] = toWire(t);
    }
    tf.dispose(Object.values(params));
    return { params: wire };
  },

  'graph.forward'(submission, args: GraphForwardArgs): GraphForwardResult {
    const m = layer(submission, args.model);
    return withInputs(args, (params, H, graph) => {
      const out = checkOutput(m.forward(params, H, graph, args.spec), graph.numNodes, `models.${args.model}.forward`);
      return { result: { output: toWire(out) }, keep: [out] };
    });
  },

  'graph.grads'(submission, args: GraphGradsArgs): GraphGradsResult {
    const m = layer(submission, args.model);
    const names = Object.keys(args.params);
    return withInputs(args, (params, H, graph) => {
      const R = fromWire(args.R);
      let output: tf.Tensor2D | undefined;
      const f = (...ts: tf.Tensor[]) => {
        const record = Object.fromEntries(names.map((n, k) => [n, ts[k]]));
        output = tf.keep(checkOutput(m.forward(record, ts[names.length] as tf.Tensor2D, graph, args.spec), graph.numNodes, `models.${args.model}.forward`));
        // 0·Σθ keeps every input on the tape, so an ignored parameter gets a zero gradient, not an error
        const anchor = tf.addN(ts.map((t) => tf.mul(0, tf.sum(t))));
        return tf.add(tf.sum(tf.mul(output, R)), anchor) as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(f)([...names.map((n) => params[n]), H]);
      const wire: WireParams = Object.fromEntries(names.map((n, k) => [n, toWire(grads[k])]));
      return {
        result: { output: toWire(output!), loss: value.dataSync()[0], grads: wire, features: toWire(grads[names.length]) },
        keep: [R, value, ...grads, output!],
      };
    });
  },
};
