/**
 * What every graph check shares: metadata, the graphs and specs it probes with, seeded
 * probe parameters and features, wire conversions, the oracle's answers and the op calls.
 * Expected values are computed here, in the orchestrator; ops only ever get inputs.
 */
import type { Graph, GraphLayerSpec, GraphModelName } from '../../contract';
import type { CheckMeta } from '../../results/types';
import type { CheckContext, CheckOutcome } from '../types';
import type { WireParams, WireTensor } from '../../sandbox/types';
import { toWireGraph } from '../../worker/ops/graph';
import type { GraphForwardResult, GraphGradsResult } from '../../worker/ops/graph';
import { ASSIGNMENT_GRAPHS, randomGraph, randomValues } from '../../../reference/graph';
import type { AdjacencyVariant } from '../../../reference/graph';
import { gatForward, gatGradients, gatKinkMargins, gatShapes, gcnForward, gcnGradients, gcnPreActivation, gcnShapes, tensor64 } from '../../../reference/oracle/graph';
import type { GatOracleOptions, GraphOracleGradients, NamedTensors64, Tensor64 } from '../../../reference/oracle/graph';
import { call, notSubmitted } from '../op-failure';

export { call, notSubmitted };

export const GRAPH_TIMEOUT_MS = 30_000;

export function graphMeta(model: GraphModelName, what: string, title: string, options: { hidden?: boolean; timeoutMs?: number } = {}): Omit<CheckMeta, 'points'> {
  return { id: `${model}.${what}`, title: `${model}: ${title}`, part: 'part3', subject: model, timeoutMs: options.timeoutMs ?? GRAPH_TIMEOUT_MS, hidden: options.hidden ?? false };
}

/** The profile's assignment graph (2019 or 2020). */
export const assignmentGraph = (ctx: CheckContext): Graph => ASSIGNMENT_GRAPHS[ctx.profile.conventions.graph];
/** A seeded random graph, different per grading seed. */
export const probeGraph = (ctx: CheckContext): Graph => randomGraph(15, 30, 1000 + ctx.seed);

/** Two sizes, so a hard-coded size fails one of them; the second asks for σ = identity, so an ignored spec.activation shows. */
export const PROBE_SPECS: [GraphLayerSpec, GraphLayerSpec] = [{ inFeatures: 3, outFeatures: 4 }, { inFeatures: 5, outFeatures: 2, activation: 'identity' }];

export const shapesOf = (model: GraphModelName, spec: GraphLayerSpec): Record<string, number[]> => (model === 'gcn' ? gcnShapes(spec) : gatShapes(spec));

export function seeded(shape: number[], key: string, scale = 1): Tensor64 {
  return tensor64(shape, randomValues(shape.reduce((a, b) => a * b, 1), `netgrade/checks/graph/${key}`, scale));
}

export function probeParams(model: GraphModelName, spec: GraphLayerSpec, key: string): NamedTensors64 {
  return Object.fromEntries(Object.entries(shapesOf(model, spec)).map(([n, s]) => [n, seeded(s, `${key}/${n}`, 0.6)]));
}

/** Oracle forward of the course's layer (or a variant of it, for diagnosis). */
export function oracleForward(model: GraphModelName, params: NamedTensors64, H: Tensor64, graph: Graph, spec: GraphLayerSpec,
  variant: { adjacency?: AdjacencyVariant } & GatOracleOptions = {}): Tensor64 {
  return model === 'gcn' ? gcnForward(params, H, graph, spec, variant) : gatForward(params, H, graph, spec, variant);
}

export function oracleGradients(model: GraphModelName, params: NamedTensors64, H: Tensor64, graph: Graph, spec: GraphLayerSpec, R: Tensor64): GraphOracleGradients {
  return model === 'gcn' ? gcnGradients(params, H, graph, spec, R) : gatGradients(params, H, graph, spec, R);
}

/** min distance of any ReLU / LeakyReLU input to its kink (gradients are compared away from kinks). */
export function kinkMargin(model: GraphModelName, params: NamedTensors64, H: Tensor64, graph: Graph, spec: GraphLayerSpec): number {
  if (model === 'gcn') return (spec.activation ?? 'relu') === 'identity' ? Infinity : Math.min(...Array.from(gcnPreActivation(params, H, graph, spec).data, Math.abs));
  const m = gatKinkMargins(params, H, graph, spec);
  return Math.min(m.leaky, (spec.activation ?? 'relu') === 'identity' ? Infinity : m.relu);
}

export const toWireTensor = (t: Tensor64): WireTensor => ({ shape: [...t.shape], dtype: 'float32', values: Float32Array.from(t.data) });
export const toWireParams = (p: NamedTensors64): WireParams => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, toWireTensor(v)]));
export const fromWireTensor = (w: WireTensor): Tensor64 => ({ shape: [...w.shape], data: Float64Array.from(w.values) });

export { FORWARD_TOLERANCE, GRADIENT_TOLERANCE } from '../tolerances';

export const preview = (data: ArrayLike<number>, n = 4) => `[${Array.from(data).slice(0, n).map((v) => v.toFixed(4)).join(', ')}${data.length > n ? ', …' : ''}]`;
export const fmtError = (e: number) => (Number.isFinite(e) ? e.toExponential(2) : 'NaN/Inf or wrong shape');

/** The submission's forward on the given inputs; a failed op comes back as a ready outcome. */
export async function runForward(ctx: CheckContext, model: GraphModelName, spec: GraphLayerSpec, params: NamedTensors64, H: Tensor64, graph: Graph, timeoutMs?: number): Promise<{ value: Tensor64 } | { outcome: CheckOutcome }> {
  const args = { model, spec, params: toWireParams(params), features: toWireTensor(H), graph: toWireGraph(graph) };
  const res = await call(ctx, 'graph.forward', args, `models.${model}.forward`, timeoutMs);
  return 'outcome' in res ? res : { value: fromWireTensor(res.value.output) };
}

export async function runGrads(ctx: CheckContext, model: GraphModelName, spec: GraphLayerSpec, params: NamedTensors64, H: Tensor64, graph: Graph, R: Tensor64): Promise<{ value: GraphGradsResult } | { outcome: CheckOutcome }> {
  return call(ctx, 'graph.grads', { model, spec, params: toWireParams(params), features: toWireTensor(H), graph: toWireGraph(graph), R: toWireTensor(R) }, `models.${model}.forward (differentiated)`);
}

/** A wrong shape as a failed outcome, or undefined when the shape is right. */
export function shapeMismatch(actual: Tensor64, expected: Tensor64, what: string): CheckOutcome | undefined {
  if (actual.shape.length === expected.shape.length && actual.shape.every((d, k) => d === expected.shape[k])) return undefined;
  return { status: 'failed', expected: `${what} of shape [${expected.shape.join(', ')}]`, actual: `[${actual.shape.join(', ')}]`, hint: 'forward returns one row per node and spec.outFeatures columns: H\' = σ(Â H W) with W [in, out]' };
}
