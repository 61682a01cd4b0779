/**
 * Forward checks: the submission's last-step output equals the oracle's on the same
 * parameters (its own init and seeded probe parameters) at T = 1, 5, 50, compared as
 * log_softmax so logits and log-probabilities both pass; and rows do not depend on each other.
 * A wrong forward is matched against the diagnosis catalogue.
 */
import { oracle } from '../../../reference/oracle';
import type { Mat, OracleParams } from '../../../reference/oracle/types';
import type { RecurrentSpec, SequenceModelName } from '../../contract';
import { diagnoseForward, expectedVariant, logProbError, variantForward } from '../../diagnosis';
import type { ForwardCase } from '../../diagnosis';
import type { ForwardResult } from '../../worker/ops/recurrent';
import type { Check, CheckContext, CheckOutcome } from '../types';
import { recurrentMeta } from './meta';
import { gruConvention, hasShapes, initParams, oracleSpec, probeParams, probeSpecs, probeTokens, toMat, toWireParams } from './support';
import { call, notSubmitted } from '../op-failure';

import { FORWARD_TOLERANCE } from '../tolerances';

export { FORWARD_TOLERANCE };
export const FORWARD_LENGTHS = [1, 5, 50] as const;
const BATCH = 3;

/** The expected last-step logits: the oracle's, or the variant engine's for a convention the oracle lacks. */
export function expectedLogits(ctx: CheckContext, model: SequenceModelName, params: OracleParams, tokens: number[][], spec: RecurrentSpec): Mat {
  if (model === 'peepLSTM' && ctx.profile.conventions.peepholeCellInput === 'tanh') {
    return variantForward(model, params, tokens, spec, expectedVariant({ peepholeCellInput: 'tanh' }));
  }
  return oracle[model].forward(params, tokens, oracleSpec(ctx, spec)).logits;
}

/** The parameter sets a forward is compared on: the submission's own init (if canonical) and probe parameters. */
export async function forwardParamSets(ctx: CheckContext, model: SequenceModelName, spec: RecurrentSpec, salt: number): Promise<{ sets: Array<{ label: string; params: OracleParams }>; canonical: boolean } | { outcome: CheckOutcome }> {
  const shapes = oracle[model].paramShapes({ ...spec, gru: gruConvention(ctx) });
  const own = await initParams(ctx, model, spec, ctx.seed);
  if ('outcome' in own) return own;
  const sets = [{ label: 'probe parameters', params: probeParams(shapes, ctx.seed * 1000 + salt) }];
  const canonical = hasShapes(own.value, shapes);
  if (canonical) {
    const params: OracleParams = {};
    for (const name of Object.keys(shapes)) params[name] = toMat(own.value[name]);
    sets.unshift({ label: 'its own init parameters', params });
  }
  return { sets, canonical };
}

const preview = (data: ArrayLike<number>, n = 4) => `[${Array.from(data).slice(0, n).map((v) => v.toFixed(4)).join(', ')}${data.length > n ? ', …' : ''}]`;

export function forwardCheck(model: SequenceModelName, T: number): Check {
  return {
    ...recurrentMeta(model, `forward.T${T}`, `forward equals the reference at T = ${T}`),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const [spec] = probeSpecs(ctx.profile, model, ctx.handle.info);
      const got = await forwardParamSets(ctx, model, spec, T);
      if ('outcome' in got) return got.outcome;
      const tokens = probeTokens(spec, BATCH, T, ctx.seed);
      const cases: ForwardCase[] = [];
      let worst = { error: 0, label: '', actual: new Float64Array(), expected: new Float64Array() as ArrayLike<number> };
      for (const { label, params } of got.sets) {
        const res = await call(ctx, 'recurrent.forward', { model, spec, params: toWireParams(params), tokens }, `models.${model}.forward`);
        if ('outcome' in res) {
          // the probe parameters have the canonical shapes; a model built on other shapes breaks on them
          if (!got.canonical && res.outcome.status === 'errored') return { ...res.outcome, hint: `your init's parameter names or shapes differ from the contract's, and forward failed on canonical ones: fix ${model}.params.shapes first` };
          return res.outcome;
        }
        const actual = { shape: res.value.output.shape, data: Float64Array.from(res.value.output.values) };
        const expected = expectedLogits(ctx, model, params, tokens, spec);
        if (actual.shape.length !== 2 || actual.shape[1] !== spec.numClasses) {
          return {
            status: 'failed', expected: `output [B=${BATCH}, K=${spec.numClasses}]`, actual: `[${actual.shape.join(', ')}]`,
            hint: 'forward returns the last step only, one row per sequence and one column per class (K = spec.numClasses)',
          };
        }
        const error = logProbError(actual, expected);
        cases.push({ params, tokens, actual });
        if (!(error <= worst.error)) worst = { error, label, actual: actual.data, expected: expected.data };
      }
      if (worst.error <= FORWARD_TOLERANCE) return { status: 'passed', note: `max log-softmax error ${worst.error.toExponential(1)}` };
      const diagnosis = diagnoseForward({ model, spec, conventions: { gru: gruConvention(ctx), peepholeCellInput: ctx.profile.conventions.peepholeCellInput } }, cases);
      return {
        status: 'failed',
        expected: `log_softmax of the reference's logits within ${FORWARD_TOLERANCE} (row 1 logits ${preview(worst.expected)})`,
        actual: `error ${Number.isFinite(worst.error) ? worst.error.toExponential(2) : 'NaN/Inf'} on ${worst.label} (row 1 ${preview(worst.actual)})`,
        hint: diagnosis ? diagnosis.fix : `compare your ${model} line by line with the equations in harness/contract.ts and the assignment; no known mistake matches`,
        ...(diagnosis ? { diagnosis: { id: diagnosis.id, message: diagnosis.message, error: diagnosis.error } } : {}),
      };
    },
  };
}

export function batchIndependenceCheck(model: SequenceModelName): Check {
  return {
    ...recurrentMeta(model, 'forward.batch-independence', 'each sequence\'s output does not depend on the rest of the batch'),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const [spec] = probeSpecs(ctx.profile, model, ctx.handle.info);
      const params = probeParams(oracle[model].paramShapes({ ...spec, gru: gruConvention(ctx) }), ctx.seed * 1000 + 7);
      const wire = toWireParams(params);
      const tokens = probeTokens(spec, 4, 5, ctx.seed + 7);
      const forward = async (rows: number[][]) => {
        const res = await call(ctx, 'recurrent.forward', { model, spec, params: wire, tokens: rows }, `models.${model}.forward`);
        return 'outcome' in res ? res : { value: { shape: res.value.output.shape, data: Float64Array.from(res.value.output.values) } };
      };
      const whole = await forward(tokens);
      if ('outcome' in whole) return whole.outcome;
      const K = whole.value.shape[1];
      let worst = 0, where = '';
      for (let b = 0; b < tokens.length; b++) {
        const alone = await forward([tokens[b]]);
        if ('outcome' in alone) return alone.outcome;
        const row = { shape: [1, K], data: whole.value.data.subarray(b * K, (b + 1) * K) };
        const e = logProbError(row, alone.value);
        if (!(e <= worst)) { worst = e; where = `sequence ${b + 1} of 4 alone vs in the batch`; }
      }
      if (worst <= FORWARD_TOLERANCE) return { status: 'passed' };
      return {
        status: 'failed', expected: 'the same output for a sequence alone and inside a batch', actual: `error ${worst.toExponential(2)} (${where})`,
        hint: 'something mixes the batch: a softmax/mean over axis 0, a state kept between calls, or a batch size fixed at init',
      };
    },
  };
}
