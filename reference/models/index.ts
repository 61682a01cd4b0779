/** The TensorFlow.js reference models, one per file. */

// Part 1 sequence classifiers (the contract's SequenceClassifier)
export { vanillaRNN, vanillaRNNShapes } from './vanilla-rnn';
export { lstm, lstmShapes, lstmCellShapes, lstmLastHidden, lstmStep, LSTM_GATES, LSTM_BACKWARD } from './lstm';
export { lstmSequence } from './lstm-sequence';
export { peepLSTM, peepLSTMShapes } from './peep-lstm';
export { gru, makeGru, gruShapes, GRU_CONVENTIONS } from './gru';
export { biLSTM, biLSTMShapes } from './bi-lstm';
export { timeGatedLSTM } from './time-gated-lstm';

// the 2018 time gate k(t)
export { timeGate, checkTimeGate } from './time-gate';

// shared pieces: seeded init, hoisted input projection, output layer
export { initParams, projectInputs, fusedT, outputLayer, inputDim, checkSpec } from './common';
export type { Shapes } from './common';
