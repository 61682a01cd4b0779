/**
 * Diagnosis: which known convention or mistake a wrong answer matches.
 */

// the catalogue (data) and the float64 variants it turns
export { CATALOGUE, MODEL_LABELS } from './catalogue';
export type { DiagnosisEntry } from './catalogue';
export { correctVariant, variantForward, logSoftmaxRows } from './variants';
export type { Variant, F64, F64Params } from './variants';

// matching
export { diagnoseForward, expectedVariant, MATCH_TOLERANCE, MATCH_MARGIN } from './diagnose';
export type { Diagnosed, Expectation, ForwardCase } from './diagnose';
export { TIME_GATE_CATALOGUE, diagnoseTimeGate } from './time-gate';
export type { TimeGateCase, TimeGateEntry } from './time-gate';

// comparison
export { logProbError } from './compare';
export type { Output } from './compare';
