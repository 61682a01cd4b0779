/**
 * What a PyTorch model fixes of its spec, read from its parameters when the submission
 * opens (the handle publishes it as `info.modelSpecs`, ../sandbox/model-spec.ts):
 *
 * - **input** `{ kind: 'scalar' }`: a model without an embedding whose input matrices have
 *   one input column reads the token's value as one feature — the 2018/2019 template's
 *   train.py feeds the raw digits [B, T] with input_dim 1, and most students used them so. It
 *   is decided by the mapping itself: the profile's encoding gives the model no candidate
 *   that loads exactly, the scalar one does. A model that one-hot codes or embeds internally
 *   keeps the profile's encoding.
 * - **gateBiases** `false`: the template's equations have no gate biases for the model
 *   (./templates.ts WITHOUT_GATE_BIASES: the 2020 GRU) and it holds none.
 *
 * Nothing here repairs a model: the spec only says which equations it is judged against,
 * and the settling (./settle.ts) still has to find exactly one candidate that reproduces them.
 */
import type { RecurrentSpec, SequenceModelName } from '../contract';
import type { ModelSpecOverride } from '../sandbox/types';
import { isEmbedding, propose } from './mapping';
import type { StudentParam } from './mapping';
import { WITHOUT_GATE_BIASES } from './templates';
import type { Template } from './templates';
import { loadProblem } from './translate';

const SCALAR = { kind: 'scalar' } as const;

/** What the report says of a model's own spec, one line each. */
export const SPEC_NOTES = {
  scalar: 'input: the raw digit as one feature (as the template\'s train.py feeds it)',
  noGateBiases: 'no gate biases, as the 2020 GRU\'s equations (eqs. 29–34) read',
} as const;

/** `params` inspected at `spec`'s hidden size and classes (`spec` is the profile's). */
export function modelSpecOf(template: Template, model: SequenceModelName, params: StudentParam[], spec: RecurrentSpec): ModelSpecOverride {
  const shapes = Object.fromEntries(params.map((p) => [p.name, p.shape]));
  const loadable = (s: RecurrentSpec) => propose(model, params, s.hiddenDim, s.numClasses, { scalar: s.input.kind === 'scalar' })
    .candidates.filter((c) => !loadProblem(c.bindings, shapes, s));
  const own: ModelSpecOverride = {};
  let candidates = loadable(spec);
  if (!candidates.length && spec.input.kind !== 'scalar' && !params.some(isEmbedding)) {
    const scalar = loadable({ ...spec, input: SCALAR });
    if (scalar.length) { own.input = SCALAR; candidates = scalar; }
  }
  if (WITHOUT_GATE_BIASES[template].includes(model) && candidates.length && candidates.every((c) => !c.bindings.some((b) => b.role === 'b' || b.role === 'b0'))) {
    own.gateBiases = false;
  }
  return own;
}

/** The report's lines for what `spec` says of the model beyond the profile. */
export function specNotes(spec: RecurrentSpec): string[] {
  return [...(spec.input.kind === 'scalar' ? [SPEC_NOTES.scalar] : []), ...(spec.gateBiases === false ? [SPEC_NOTES.noGateBiases] : [])];
}
