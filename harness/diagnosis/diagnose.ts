/**
 * Names the known convention or mistake a wrong forward matches: every catalogue entry
 * for the model is evaluated in float64 on the same parameters and tokens, and the one
 * closest to the submission's output wins if it is within tolerance on every case.
 */
import type { GruConvention, RecurrentSpec, SequenceModelName } from '../contract';
import type { Diagnosis } from '../results/types';
import { CATALOGUE, MODEL_LABELS } from './catalogue';
import type { DiagnosisEntry } from './catalogue';
import { logProbError } from './compare';
import type { Output } from './compare';
import { correctVariant, variantForward } from './variants';
import type { F64Params, Variant } from './variants';

/** One forward the submission got wrong: its inputs and its output. */
export interface ForwardCase { params: F64Params; tokens: number[][]; actual: Output }

export interface Expectation {
  model: SequenceModelName;
  spec: RecurrentSpec;
  /** the conventions the expected output follows (declared by the submission or the profile's) */
  conventions: { gru?: GruConvention; peepholeCellInput?: 'sigmoid' | 'tanh' };
}

/** Tolerance of a match: looser than a pass (1e-4), far below a different model's error. */
export const MATCH_TOLERANCE = 2e-3;
/** A match must also be this much closer to the variant than the variant is to the expected model. */
export const MATCH_MARGIN = 0.1;

export function expectedVariant(conventions: Expectation['conventions']): Variant {
  return {
    ...correctVariant,
    gru: conventions.gru ?? correctVariant.gru,
    peepCellInput: conventions.peepholeCellInput ?? correctVariant.peepCellInput,
  };
}

export interface Diagnosed extends Diagnosis { fix: string }

/** The best-matching entry, or undefined when none is within {@link MATCH_TOLERANCE} on every case. */
export function diagnoseForward(expectation: Expectation, cases: ForwardCase[], catalogue: readonly DiagnosisEntry[] = CATALOGUE): Diagnosed | undefined {
  if (cases.length === 0) return undefined;
  const expected = expectedVariant(expectation.conventions);
  let best: Diagnosed | undefined;
  for (const entry of catalogue) {
    if (!entry.models.includes(expectation.model)) continue;
    const variant = { ...expected, ...entry.tweak(expected) };
    let error = 0;
    let distance = Infinity;
    for (const c of cases) {
      let e: number;
      try {
        const out = variantForward(expectation.model, c.params, c.tokens, expectation.spec, variant);
        e = logProbError(c.actual, out);
        distance = Math.min(distance, logProbError(out, variantForward(expectation.model, c.params, c.tokens, expectation.spec, expected)));
      } catch {
        e = Infinity;   // the variant cannot run on these parameters (e.g. non-square matrices)
      }
      error = Math.max(error, e);
      if (error > MATCH_TOLERANCE) break;
    }
    // a variant that barely differs from the expected model cannot be told apart from other small errors
    if (error <= MATCH_TOLERANCE && error <= MATCH_MARGIN * distance && (!best || error < best.error)) {
      best = { id: entry.id, message: entry.describe(MODEL_LABELS[expectation.model]), error, fix: entry.fix };
    }
  }
  return best;
}
