/**
 * Every check, by profile. A check is data plus a plain function (types.ts); points come
 * from the profile's rubric. Families: recurrent models and the time gate (here), the
 * text generator (text/), the graph layers (graph/).
 */
import { GRAPH_MODELS, SEQUENCE_MODELS } from '../contract';
import type { GraphModelName, SequenceModelName } from '../contract';
import type { Profile } from '../profiles/types';
import { graphChecksFor } from './graph';
import { recurrentChecks } from './recurrent';
import { textChecks } from './text';
import { timeGateCheck } from './time-gate';
import type { Check } from './types';

/** The checks a profile grades, in the order of its `models` list. */
export function checksFor(profile: Profile): Check[] {
  const checks: Check[] = [];
  for (const model of profile.models) {
    if ((SEQUENCE_MODELS as readonly string[]).includes(model)) checks.push(...recurrentChecks(model as SequenceModelName, profile));
    else if ((GRAPH_MODELS as readonly string[]).includes(model)) checks.push(...graphChecksFor(model as GraphModelName));
    else if (model === 'textGenerator') checks.push(...textChecks);
    else if (model === 'timeGate') checks.push(timeGateCheck);
  }
  return checks;
}

// families
export { recurrentChecks } from './recurrent';
export { timeGateCheck, TIME_GATE_PROBES } from './time-gate';
export { graphChecks, graphChecksFor } from './graph';
export { textChecks } from './text';
export type { Check, CheckContext, CheckOutcome } from './types';
