/**
 * Every check, by profile. A check is data plus a plain function (types.ts); points come
 * from the profile's rubric. Recurrent models and the time gate are here; graph layers
 * and the text generator have their own folders.
 */
import { SEQUENCE_MODELS } from '../contract';
import type { SequenceModelName } from '../contract';
import type { Profile } from '../profiles/types';
import { recurrentChecks } from './recurrent';
import { timeGateCheck } from './time-gate';
import type { Check } from './types';

/** The checks a profile grades, in report order: recurrent models (profile order), the time gate. */
export function checksFor(profile: Profile): Check[] {
  const checks: Check[] = [];
  for (const model of profile.models) {
    if ((SEQUENCE_MODELS as readonly string[]).includes(model)) checks.push(...recurrentChecks(model as SequenceModelName, profile));
    else if (model === 'timeGate') checks.push(timeGateCheck);
  }
  return checks;
}

// families
export { recurrentChecks } from './recurrent';
export { timeGateCheck, TIME_GATE_PROBES } from './time-gate';
export type { Check, CheckContext, CheckOutcome } from './types';
