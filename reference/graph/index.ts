/**
 * Graph utilities (plain TypeScript, float64): validation, adjacency matrices and Â,
 * the edge-list form for message passing, hop distances, the assignment's graphs.
 */
// validation
export { validateGraph, GraphError, GRAPH_ERRORS } from './validate';
export type { GraphErrorCode } from './validate';
// dense adjacency and Â
export {
  toDenseAdjacency, toEdgeList, selfConnected, degrees, symmetricNormalise, rowNormalise,
  normalisedAdjacency, ADJACENCY_VARIANTS,
} from './adjacency';
export type { AdjacencyVariant } from './adjacency';
// edge-list (message-passing) form
export { messageEdges } from './edges';
export type { MessageEdges } from './edges';
// hop distances
export { hopsFrom, messagePassingRounds, allPairsHops, UNREACHABLE } from './hops';
export type { Hops } from './hops';
// graphs
export { GRAPH_2019, GRAPH_2020, ASSIGNMENT_GRAPHS, NODE_LABELS } from './assignment';
export { randomGraph, randomValues } from './random';
// matrices
export { zeros, fromRows, toRows, matMul, transpose } from './matrix';
export type { Matrix } from './matrix';
// layer specs shared by the oracles, the tfjs layers and the checks
export { GRAPH_EXECUTION_DEFAULTS, gatHeadNames, gatOutputWidth } from './specs';
export type { GraphExecution, GcnSpec, GatSpec } from './specs';
// tfjs execution paths and edge-list primitives
export {
  choosePath, DENSE_TOO_LARGE, formatBytes, cachedMessageEdges, denseMatrix, segmentSum, gatherRows, segmentMax, segmentIndex,
  messageIndex, messageWeights,
} from './message-passing';
export type { ExecutionPath, SegmentIndex, MessageIndex } from './message-passing';
