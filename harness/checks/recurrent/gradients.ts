/**
 * Gradient checks: tf.grads through the submission's forward (mean last-step cross-entropy
 * of log_softmax) equals the oracle's hand-derived BPTT; the optional hand-written
 * `gradients` equals that autodiff.
 */
import { makeRng } from '../../../reference/data/rng';
import { oracle } from '../../../reference/oracle';
import { relativeError } from '../../../reference/oracle/compare';
import type { OracleParams } from '../../../reference/oracle/types';
import type { RecurrentSpec, SequenceModelName } from '../../contract';
import type { GradsResult, HandGradientsResult } from '../../worker/ops/recurrent';
import type { WireParams } from '../../sandbox/types';
import type { Check, CheckContext } from '../types';
import { logProbError } from '../../diagnosis';
import { FORWARD_TOLERANCE } from './forward';
import { recurrentMeta } from './meta';
import { gruConvention, oracleSpec, probeParams, probeSpecs, probeTokens, toWireParams } from './support';
import { call, notSubmitted, opFailure } from '../op-failure';

import { GRADIENT_TOLERANCE } from '../tolerances';

export { GRADIENT_TOLERANCE };
const T = 5;
const BATCH = 4;

/**
 * The worst parameter: its relativeError with floor 1 % of the largest (finite) expected
 * entry of any parameter, so a parameter whose gradient is tiny is judged against the others'.
 */
export function gradientError(actual: WireParams, expected: OracleParams): { name: string; error: number } {
  let global = 0;
  for (const m of Object.values(expected)) for (const v of m.data) if (Number.isFinite(v)) global = Math.max(global, Math.abs(v));
  const floor = Math.max(1e-2 * global, 1e-12);
  let worst = { name: '', error: 0 };
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    const error = a ? relativeError(a.values, e.data, { floor }) : Infinity;
    if (!(error <= worst.error)) worst = { name, error };
  }
  return worst;
}

interface Probe { spec: RecurrentSpec; params: OracleParams; tokens: number[][]; targets: number[] }

function probe(ctx: CheckContext, model: SequenceModelName): Probe {
  const [spec] = probeSpecs(ctx.profile, model, ctx.handle.info);
  const params = probeParams(oracle[model].paramShapes({ ...spec, gru: gruConvention(ctx) }), ctx.seed * 1000 + 11);
  const tokens = probeTokens(spec, BATCH, T, ctx.seed + 11);
  const rng = makeRng(`netgrade/checks/targets/seed=${ctx.seed}`);
  return { spec, params, tokens, targets: tokens.map(() => rng.randint(0, spec.numClasses)) };
}

export function autodiffCheck(model: SequenceModelName): Check {
  return {
    ...recurrentMeta(model, 'gradients.autodiff', 'gradients through the submission equal the reference\'s BPTT'),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      if (model === 'peepLSTM' && ctx.profile.conventions.peepholeCellInput === 'tanh') {
        return { status: 'skipped', reason: 'the oracle has no gradients for the tanh cell-input peephole convention' };
      }
      const { spec, params, tokens, targets } = probe(ctx, model);
      const res = await call(ctx, 'recurrent.grads', { model, spec, params: toWireParams(params), tokens, targets }, `tf.grads through models.${model}.forward`);
      if ('outcome' in res) return res.outcome;
      const expected = oracle[model].lossAndGradients(params, tokens, targets, oracleSpec(ctx, spec));
      const worst = gradientError(res.value.grads, expected.grads);
      const lossError = relativeError([res.value.loss], [expected.loss], { floor: 1 });
      const forwardError = logProbError({ shape: res.value.output.shape, data: res.value.output.values }, expected.logits);
      if (worst.error <= GRADIENT_TOLERANCE && lossError <= GRADIENT_TOLERANCE && forwardError <= FORWARD_TOLERANCE) return { status: 'passed', note: `worst ${worst.name}: ${worst.error.toExponential(1)}` };
      return {
        status: 'failed',
        expected: `loss ${expected.loss.toFixed(5)} and ∂loss/∂θ within ${GRADIENT_TOLERANCE} of the reference`,
        actual: `loss ${res.value.loss.toFixed(5)}; worst gradient ${worst.name || '(none)'} off by ${Number.isFinite(worst.error) ? worst.error.toExponential(2) : 'NaN/missing'}`,
        hint: lossError > GRADIENT_TOLERANCE || forwardError > FORWARD_TOLERANCE
          ? 'the forward already differs: fix the forward checks first (the gradient follows the forward)'
          : `the forward agrees but ∂loss/∂${worst.name} does not: look for a tf.stopGradient, a value read with dataSync/arraySync inside forward, or ${worst.name} used outside the tape`,
      };
    },
  };
}

export function handWrittenCheck(model: SequenceModelName): Check {
  return {
    ...recurrentMeta(model, 'gradients.hand-written', 'optional hand-written gradients equal autodiff'),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const { spec, params, tokens, targets } = probe(ctx, model);
      const args = { model, spec, params: toWireParams(params), tokens, targets };
      const hand = await ctx.handle.call('recurrent.handGradients', args, { timeoutMs: ctx.profile.limits.checkTimeoutMs });
      if (hand.status === 'errored' && (hand.error.cause === 'not-submitted' || hand.error.name === 'NotSubmitted')) {
        return { status: 'skipped', reason: `models.${model}.gradients is optional and not submitted` };
      }
      if (hand.status !== 'ok') return opFailure(hand, `models.${model}.gradients`);
      const auto = await call(ctx, 'recurrent.grads', args, `tf.grads through models.${model}.forward`);
      if ('outcome' in auto) return auto.outcome;
      const asOracle: OracleParams = {};
      for (const [name, w] of Object.entries(auto.value.grads)) asOracle[name] = { shape: w.shape, data: Float64Array.from(w.values) };
      const worst = gradientError(hand.value.grads, asOracle);
      if (worst.error <= GRADIENT_TOLERANCE) return { status: 'passed', note: `worst ${worst.name}: ${worst.error.toExponential(1)}` };
      return {
        status: 'failed', expected: `hand-written gradients within ${GRADIENT_TOLERANCE} of tf.grads through your forward`,
        actual: `${worst.name} off by ${Number.isFinite(worst.error) ? worst.error.toExponential(2) : 'NaN/missing'}`,
        hint: `re-derive ∂L/∂${worst.name}: BPTT sums the contribution of every time step, and the loss is the mean over the batch`,
      };
    },
  };
}
