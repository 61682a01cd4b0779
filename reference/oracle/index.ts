/**
 * The float64 oracle: framework-free forward and hand-derived backward (BPTT) passes of
 * every Part 1 model, the ground truth fixtures are generated from.
 */

// types
export type { Mat, OracleParams, OracleSpec, OracleModel, OracleForward, OracleLossAndGradients } from './types';

// models (one file each), by the contract's names
export { oracle, resolveModel } from './models';
export { vanillaRNN, rnnCell } from './vanilla-rnn';
export { lstm, lstmCell, lstmShapes, lstmGates, lstmGatesBack } from './lstm';
export { peepLSTM, peepLstmCell } from './peep-lstm';
export { gru, gruCell } from './gru';
export { biLSTM } from './bi-lstm';
export { timeGatedLSTM, timeGatedLstmCell } from './time-gated-lstm';
export { sequenceClassifier, headShapes } from './classifier';
export type { Cell, CellDef, State } from './cell';

// the time gate
export { timeGate, timeGatePhase, timeGateOfPhase, checkTimeGate } from './time-gate';
export type { TimeGateModulo } from './time-gate';

// loss
export { logSoftmax, softmax, softmaxCrossEntropy } from './loss';

// inputs
export { inputDim, inputShapes, encode } from './inputs';

// parameters
export { lstmParamCount, countParams, checkParams } from './params';
export { randomParams } from './random';
export { mat } from './mat';

// gradient checking
export { gradCheck, centralDifference, symmetricRelativeError } from './grad-check';

// comparing an answer with the oracle's
export { relativeError } from './compare';
export type { RelativeErrorOptions } from './compare';
export type { GradCheckOptions, GradCheckReport, GradCheckEntry } from './grad-check';

// graph layers (GCN, GAT): forward and hand-derived backward over the edge list
export * from './graph';
