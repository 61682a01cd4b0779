/** The graph-layer oracles (GCN, GAT): float64 forward and hand-derived backward. */
export { gcnForward, gcnGradients, gcnPreActivation, gcnShapes, propagate } from './gcn';
export type { GcnOracleOptions } from './gcn';
export { gatForward, gatGradients, gatAttention, gatKinkMargins, gatShapes } from './gat';
export type { GatOracleOptions } from './gat';
export { tensor64 } from './graph-common';
export type { Tensor64, NamedTensors64, GraphOracleGradients, GraphActivation } from './graph-common';
