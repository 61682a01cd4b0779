/**
 * The checks of one sequence classifier (vanillaRNN, lstm, peepLSTM, gru, biLSTM,
 * timeGatedLSTM), in the order a report lists them.
 */
import type { SequenceModelName } from '../../contract';
import type { Profile } from '../../profiles/types';
import type { Check } from '../types';
import { batchIndependenceCheck, forwardCheck, FORWARD_LENGTHS } from './forward';
import { autodiffCheck, handWrittenCheck } from './gradients';
import { hiddenForwardCheck, hiddenHygieneCheck } from './hidden';
import { noLeaksCheck, pureCheck } from './hygiene';
import { countCheck, initCheck, shapesCheck } from './params';
import { sanityTrainingCheck } from './train';

/** `profile` sets the training check's time guard (from its step budget). */
export function recurrentChecks(model: SequenceModelName, profile?: Profile): Check[] {
  return [
    // parameters
    shapesCheck(model), countCheck(model), initCheck(model),
    // forward on the same parameters as the oracle
    ...FORWARD_LENGTHS.map((T) => forwardCheck(model, T)), batchIndependenceCheck(model),
    // gradients
    autodiffCheck(model), handWrittenCheck(model),
    // hygiene
    noLeaksCheck(model), pureCheck(model),
    // learning
    sanityTrainingCheck(model, undefined, profile),
    // on inputs only the instructor's secret determines
    hiddenForwardCheck(model), hiddenHygieneCheck(model),
  ];
}

export { forwardCheck, batchIndependenceCheck, FORWARD_TOLERANCE, FORWARD_LENGTHS, expectedLogits } from './forward';
export { autodiffCheck, handWrittenCheck, gradientError, GRADIENT_TOLERANCE } from './gradients';
export { noLeaksCheck, pureCheck } from './hygiene';
export { hiddenForwardCheck, hiddenHygieneCheck, hiddenSeed } from './hidden';
export { shapesCheck, countCheck, initCheck, expectedCount, MAX_INIT_ABS } from './params';
export { sanityTrainingCheck, trainingTimeoutMs, TRAINING_TIME_GATE } from './train';
export type { TrainOutcome } from './train';
export { probeSpecs, probeParams, probeTokens, PROBE_TIME_GATE } from './support';
