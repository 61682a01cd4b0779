/**
 * Hygiene checks: forward and autodiff leave no tensors behind and leave the parameters
 * they were given as they were (same tensors, same values, not disposed).
 */
import { oracle } from '../../../reference/oracle';
import type { SequenceModelName } from '../../contract';
import type { ForwardResult, GradsResult, Hygiene } from '../../worker/ops/recurrent';
import type { Check, CheckContext, CheckOutcome } from '../types';
import { recurrentMeta } from './meta';
import { gruConvention, probeParams, probeSpecs, probeTokens, toWireParams } from './support';
import { call, notSubmitted } from '../op-failure';

/**
 * Hygiene of a forward call, then of a tf.grads call on the same probe. `judge` says what is
 * wrong with one call's hygiene; a fault in forward is reported without running the
 * gradient (which a disposed parameter would crash).
 */
async function inspect(ctx: CheckContext, model: SequenceModelName, judge: (h: Hygiene) => boolean): Promise<{ value: Partial<Record<'forward' | 'grads', Hygiene>> } | { outcome: CheckOutcome }> {
  const [spec] = probeSpecs(ctx.profile, model, ctx.handle.info);
  const params = toWireParams(probeParams(oracle[model].paramShapes({ ...spec, gru: gruConvention(ctx) }), ctx.seed * 1000 + 13));
  const tokens = probeTokens(spec, 2, 5, ctx.seed + 13);
  const forward = await call(ctx, 'recurrent.forward', { model, spec, params, tokens }, `models.${model}.forward`);
  if ('outcome' in forward) return forward;
  if (judge(forward.value.hygiene)) return { value: { forward: forward.value.hygiene } };
  const grads = await call(ctx, 'recurrent.grads', { model, spec, params, tokens, targets: tokens.map(() => 0) }, `tf.grads through models.${model}.forward`);
  if ('outcome' in grads) return grads;
  return { value: { forward: forward.value.hygiene, grads: grads.value.hygiene } };
}

export function noLeaksCheck(model: SequenceModelName): Check {
  return {
    ...recurrentMeta(model, 'hygiene.no-leaks', 'forward leaves no tensors behind'),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const seen = await inspect(ctx, model, (h) => h.leakedTensors > 0);
      if ('outcome' in seen) return seen.outcome;
      const { forward, grads } = seen.value;
      if (forward!.leakedTensors <= 0 && grads && grads.leakedTensors <= 0) return { status: 'passed' };
      return {
        status: 'failed', expected: '0 tensors left behind per call',
        actual: grads ? `${forward!.leakedTensors} per forward, ${grads.leakedTensors} per forward+backward` : `${forward!.leakedTensors} per forward`,
        hint: 'wrap the body of forward in tf.tidy(() => …) and return the output from it; dispose what you create outside a tidy',
      };
    },
  };
}

export function pureCheck(model: SequenceModelName): Check {
  return {
    ...recurrentMeta(model, 'hygiene.params-unchanged', 'forward leaves its parameters unchanged'),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const seen = await inspect(ctx, model, (h) => h.mutated.length > 0);
      if ('outcome' in seen) return seen.outcome;
      const mutated = [...new Set([...seen.value.forward!.mutated, ...(seen.value.grads?.mutated ?? [])])].sort();
      if (mutated.length === 0) return { status: 'passed' };
      return {
        status: 'failed', expected: 'every parameter the same tensor with the same values after forward',
        actual: `changed, replaced or disposed: ${mutated.join(', ')}`,
        hint: 'forward must be pure: do not assign into params, dispose them, or keep them in a tf.tidy that disposes them; create new tensors instead',
      };
    },
  };
}
