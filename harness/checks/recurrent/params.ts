/**
 * Parameter checks: canonical names and shapes at two sizes, the parameter count against
 * the formula, and seeded initialisation.
 */
import { oracle, lstmParamCount } from '../../../reference/oracle';
import type { RecurrentSpec, SequenceModelName } from '../../contract';
import type { WireParams } from '../../sandbox/types';
import type { Check, CheckContext, CheckOutcome } from '../types';
import { fmtShape, gruConvention, initParams, probeSpecs } from './support';
import { notSubmitted } from '../op-failure';
import { recurrentMeta } from './meta';

function shapeDifferences(params: WireParams, expected: Record<string, number[]>): string[] {
  const diffs: string[] = [];
  for (const [name, shape] of Object.entries(expected)) {
    const got = params[name]?.shape;
    if (!got || got.length !== shape.length || got.some((v, k) => v !== shape[k])) diffs.push(`${name} ${fmtShape(shape)} (got ${fmtShape(got)})`);
  }
  for (const name of Object.keys(params)) if (!(name in expected)) diffs.push(`unexpected ${name} ${fmtShape(params[name].shape)}`);
  return diffs;
}

function specLine(spec: RecurrentSpec): string {
  const input = spec.input.kind === 'embedding' ? `embedding E=${spec.input.dim}` : spec.input.kind;
  return `V=${spec.vocabSize}, K=${spec.numClasses}, H=${spec.hiddenDim}, ${input}`;
}

export function shapesCheck(model: SequenceModelName): Check {
  return {
    ...recurrentMeta(model, 'params.shapes', 'parameter names and shapes at two sizes'),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const problems: string[] = [];
      for (const spec of probeSpecs(ctx.profile, model, ctx.handle.info)) {
        const got = await initParams(ctx, model, spec, ctx.seed);
        if ('outcome' in got) return got.outcome;
        const diffs = shapeDifferences(got.value, oracle[model].paramShapes({ ...spec, gru: gruConvention(ctx) }));
        if (diffs.length) problems.push(`at ${specLine(spec)}: ${diffs.join('; ')}`);
      }
      if (problems.length === 0) return { status: 'passed' };
      const both = problems.length === 2;
      return {
        status: 'failed',
        expected: 'the canonical names and [out, in] shapes of harness/contract.ts at every spec',
        actual: problems.join(' | '),
        hint: both
          ? 'use the canonical names and [out, in] layout (W_hx is [H, D]); read H, K, V and the input size from spec'
          : 'one size is right and the other wrong: a size is hard-coded — read hiddenDim, numClasses, vocabSize and input.dim from spec',
        fraction: both ? 0 : 0.5,
      };
    },
  };
}

/** Entries the course's formula predicts: 4(nd + n² + n) + nK + K for an LSTM cell, the oracle's shapes otherwise. */
export function expectedCount(model: SequenceModelName, spec: RecurrentSpec): number {
  const d = spec.input.kind === 'one-hot' ? spec.vocabSize : spec.input.kind === 'embedding' ? spec.input.dim : 1;
  const embedding = spec.input.kind === 'embedding' ? spec.vocabSize * spec.input.dim : 0;
  const n = spec.hiddenDim, K = spec.numClasses;
  if (model === 'lstm' || model === 'timeGatedLSTM') return lstmParamCount(d, n, K) + embedding;
  if (model === 'biLSTM') return 2 * lstmParamCount(d, n) + 2 * n * K + K + embedding;
  const shapes = oracle[model].paramShapes(spec);
  return Object.values(shapes).reduce((total, s) => total + s.reduce((a, b) => a * b, 1), 0);
}

export function countCheck(model: SequenceModelName): Check {
  return {
    ...recurrentMeta(model, 'params.count', 'number of trainable parameters'),
    async run(ctx) {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const [spec] = probeSpecs(ctx.profile, model, ctx.handle.info);
      const got = await initParams(ctx, model, spec, ctx.seed);
      if ('outcome' in got) return got.outcome;
      const count = Object.values(got.value).reduce((n, t) => n + t.values.length, 0);
      const expected = expectedCount(model, spec);
      if (count === expected) return { status: 'passed', note: `${count} parameters at ${specLine(spec)}` };
      return {
        status: 'failed', expected: `${expected} parameters at ${specLine(spec)}`, actual: `${count}`,
        hint: count > expected ? 'there are parameters the model does not need (duplicate biases? an extra layer?)' : 'a parameter is missing (a bias? the output layer?)',
      };
    },
  };
}

function stats(params: WireParams): { maxAbs: number; finite: boolean; constantMatrices: string[] } {
  let maxAbs = 0, finite = true;
  const constantMatrices: string[] = [];
  for (const [name, t] of Object.entries(params)) {
    for (const v of t.values) { if (!Number.isFinite(v)) finite = false; maxAbs = Math.max(maxAbs, Math.abs(v)); }
    // a constant cell matrix makes every hidden unit the same; a zero output layer W_ph is a fine start
    if (t.shape.length === 2 && !name.endsWith('W_ph') && t.values.length > 1 && t.values.every((v) => v === t.values[0])) constantMatrices.push(name);
  }
  return { maxAbs, finite, constantMatrices };
}

const same = (a: WireParams, b: WireParams) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([n, t]) => b[n] && t.values.length === b[n].values.length && t.values.every((v, k) => v === b[n].values[k]));

/** Largest |weight| a sane initialisation produces (Kaiming with fan-in 1 has std √2). */
export const MAX_INIT_ABS = 10;

export function initCheck(model: SequenceModelName): Check {
  return {
    ...recurrentMeta(model, 'init.seeded', 'seeded initialisation: same seed same parameters, sane scale'),
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const [spec] = probeSpecs(ctx.profile, model, ctx.handle.info);
      const a = await initParams(ctx, model, spec, ctx.seed);
      if ('outcome' in a) return a.outcome;
      // a second call with the same seed must not come from a cache: a fresh spec object, same values
      const again = await ctx.handle.call('recurrent.init', { model, spec: { ...spec }, seed: ctx.seed }, { timeoutMs: ctx.profile.limits.checkTimeoutMs });
      const b = await initParams(ctx, model, spec, ctx.seed + 1);
      if ('outcome' in b) return b.outcome;
      if (again.status !== 'ok') return { status: 'failed', expected: 'init to succeed every time', actual: 'a second init with the same seed failed', hint: 'init must not depend on state left by an earlier call' };
      const problems: string[] = [];
      if (!same(a.value, again.value.params)) {
        problems.push(`seed ${ctx.seed} twice gave different parameters (seed every random op, e.g. tf.randomNormal(shape, 0, std, 'float32', seed)${ctx.seed === 0 ? '; tfjs treats a seed of 0 as no seed at all, so derive a non-zero one, e.g. seed * 1000 + k + 1' : ''})`);
      }
      if (same(a.value, b.value)) problems.push(`seeds ${ctx.seed} and ${ctx.seed + 1} gave identical parameters (the seed is ignored)`);
      const s = stats(a.value);
      if (!s.finite) problems.push('a parameter is NaN or infinite');
      if (s.maxAbs > MAX_INIT_ABS) problems.push(`|weight| up to ${s.maxAbs.toFixed(3)} (> ${MAX_INIT_ABS}): scale by 1/√fan_in or use Kaiming normal`);
      if (s.constantMatrices.length) problems.push(`constant weight matrices ${s.constantMatrices.join(', ')} (all units identical: symmetry is never broken)`);
      if (problems.length === 0) return { status: 'passed', note: `max |weight| ${s.maxAbs.toFixed(3)}` };
      return { status: 'failed', expected: 'same seed → same parameters, different seeds differ, finite, random, |w| ≤ 10', actual: problems.join('; '), hint: problems[0] };
    },
  };
}
