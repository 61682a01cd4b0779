/** The TensorFlow.js reference models, one per file. */

// Part 1 sequence classifiers (the contract's SequenceClassifier)
export { vanillaRNN, vanillaRNNShapes } from './vanilla-rnn';
export { lstm, makeLstm, lstmShapes, lstmCellShapes, lstmLastHidden, lstmStep, LSTM_GATES } from './lstm';
export type { LstmBackward, LstmOptions } from './lstm';
export { lstmSequence } from './lstm-sequence';
export { peepLSTM, makePeepLSTM, peepLSTMShapes } from './peep-lstm';
export { gru, makeGru, gruShapes, GRU_CONVENTIONS } from './gru';
export type { GruOptions } from './gru';
export { biLSTM, biLSTMShapes } from './bi-lstm';
export { timeGatedLSTM, makeTimeGatedLSTM } from './time-gated-lstm';

// the 2018 time gate k(t)
export { timeGate, checkTimeGate } from './time-gate';

// shared pieces: seeded init, hoisted input projection, output layer
export { initParams, projectInputs, fusedT, outputLayer, inputDim, checkSpec, DEFAULT_BACKWARD } from './common';
export type { Shapes, Backward } from './common';
