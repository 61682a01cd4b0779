/**
 * The text generator's checks (Part 2), in report order: contract, forward, step ≡ forward,
 * gradients, greedy continuation, temperature convention, training.
 */
import type { Check } from '../types';
import { contractCheck, forwardCheck, gradientsCheck, stepCheck } from './forward';
import { greedyCheck } from './greedy';
import { temperatureCheck } from './temperature';
import { trainingCheck } from './training';

export const textChecks: Check[] = [contractCheck, forwardCheck, stepCheck, gradientsCheck, greedyCheck, temperatureCheck, trainingCheck];

export { contractCheck, forwardCheck, stepCheck, gradientsCheck, referenceGradients, TEXT_FORWARD_TOLERANCE, TEXT_GRADIENT_TOLERANCE } from './forward';
export { greedyCheck, oracleGreedy, GREEDY_LENGTH, TIE_MARGIN } from './greedy';
export { temperatureCheck, chiSquareFit, TEMPERATURE_LOGITS, SIGNIFICANCE } from './temperature';
export type { ChiSquareFit } from './temperature';
export { trainingCheck, TRAIN_TIMEOUT_MS } from './training';
export { DEFAULT_TEXT_PROFILE, textProfile, PROBE_SPECS } from './support';
export type { TextProfile } from '../../profiles/types';
