/**
 * Hidden checks: the public checks' inputs follow from public code and the published seed,
 * so a submission could behave only on them (right answers, no leaks) and differently
 * elsewhere. These run the same comparisons on inputs drawn from the instructor's secret
 * (`--secret-file` / `NETGRADE_SECRET`, never in the repository): batch size, length,
 * parameters and tokens nobody outside the grading machine can predict. Without a secret
 * they are skipped (and are worth nothing) — see harness/grade/grade-submission.ts.
 *
 * Students see them by name and score only (`hidden: true`).
 */
import { createHash } from 'node:crypto';
import { oracle } from '../../../reference/oracle';
import type { SequenceModelName } from '../../contract';
import { logProbError } from '../../diagnosis';
import { FORWARD_TOLERANCE } from '../tolerances';
import type { Check, CheckContext, CheckOutcome } from '../types';
import { expectedLogits } from './forward';
import { recurrentMeta } from './meta';
import { gruConvention, probeParams, probeSpecs, probeTokens, toWireParams } from './support';
import { call, notSubmitted } from '../op-failure';

/** A seed only the holder of the secret can compute: sha256(secret, check id) → 0 … 2³¹−1. */
export function hiddenSeed(secret: string, id: string): number {
  return createHash('sha256').update(`netgrade/hidden\0${secret}\0${id}`).digest().readUInt32BE(0) >>> 1;
}

/** Batch size 2–6 and length 3–24, drawn from the hidden seed. */
export function hiddenSizes(seed: number): { B: number; T: number } {
  return { B: 2 + (seed % 5), T: 3 + ((seed >>> 3) % 22) };
}

type Probe = ReturnType<typeof hiddenProbe>;

function hiddenProbe(ctx: CheckContext, model: SequenceModelName, id: string) {
  const seed = hiddenSeed(ctx.secret!, id);
  const [, spec] = probeSpecs(ctx.profile, model, ctx.handle.info);
  const { B, T } = hiddenSizes(seed);
  const params = probeParams(oracle[model].paramShapes({ ...spec, gru: gruConvention(ctx) }), seed);
  return { spec, params, tokens: probeTokens(spec, B, T, seed) };
}

/** A hidden check of `model`: not submitted → that outcome; else `judge` on the probe only the secret determines. */
function hiddenCheck(model: SequenceModelName, what: string, title: string, judge: (ctx: CheckContext, probe: Probe) => Promise<CheckOutcome>): Check {
  const meta = recurrentMeta(model, what, title, { hidden: true });
  return {
    ...meta,
    async run(ctx) {
      return notSubmitted(ctx.handle, model) ?? judge(ctx, hiddenProbe(ctx, model, meta.id));
    },
  };
}

export function hiddenForwardCheck(model: SequenceModelName): Check {
  return hiddenCheck(model, 'hidden.forward', 'forward equals the reference on unpublished inputs', async (ctx, { spec, params, tokens }) => {
    const res = await call(ctx, 'recurrent.forward', { model, spec, params: toWireParams(params), tokens }, `models.${model}.forward`);
    if ('outcome' in res) return res.outcome;
    const actual = { shape: res.value.output.shape, data: Float64Array.from(res.value.output.values) };
    const error = logProbError(actual, expectedLogits(ctx, model, params, tokens, spec));
    if (error <= FORWARD_TOLERANCE) return { status: 'passed' };
    return {
      status: 'failed', expected: `log_softmax of the reference's logits within ${FORWARD_TOLERANCE}`,
      actual: `error ${Number.isFinite(error) ? error.toExponential(2) : 'NaN/Inf or a wrong shape'}`,
      hint: 'forward is right on the published inputs but not on others: it must compute the equations for any batch, length and parameters',
    };
  });
}

export function hiddenHygieneCheck(model: SequenceModelName): Check {
  return hiddenCheck(model, 'hidden.no-leaks', 'forward and its gradient leave no tensors behind on unpublished inputs', async (ctx, { spec, params, tokens }) => {
    const wire = toWireParams(params);
    const forward = await call(ctx, 'recurrent.forward', { model, spec, params: wire, tokens }, `models.${model}.forward`);
    if ('outcome' in forward) return forward.outcome;
    const grads = await call(ctx, 'recurrent.grads', { model, spec, params: wire, tokens, targets: tokens.map((_, b) => b % spec.numClasses) }, `tf.grads through models.${model}.forward`);
    if ('outcome' in grads) return grads.outcome;
    const leaked = forward.value.hygiene.leakedTensors + grads.value.hygiene.leakedTensors;
    const mutated = [...new Set([...forward.value.hygiene.mutated, ...grads.value.hygiene.mutated])];
    if (leaked <= 0 && mutated.length === 0) return { status: 'passed' };
    return {
      status: 'failed', expected: '0 tensors left behind and the parameters unchanged',
      actual: `${leaked} tensors left behind${mutated.length ? `; changed: ${mutated.join(', ')}` : ''}`,
      hint: 'wrap the body of forward in tf.tidy(() => …) whatever its inputs, and never change the parameters you are given',
    };
  });
}
