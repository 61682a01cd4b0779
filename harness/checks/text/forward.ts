/**
 * Parameters, forward, step and gradients of a submission's text generator, each on the
 * same (harness-chosen) parameters as the reference:
 * - contract: init gives exactly the canonical names and shapes, the same for the same seed;
 * - forward: logits [B, T, V] equal the float64 oracle (reference/text/float64.ts);
 * - step: T calls of step, state carried, equal the submission's own forward;
 * - gradients: autodiff of the mean per-step cross-entropy through its forward equals the
 *   reference's.
 */
import * as tf from '@tensorflow/tfjs';
import { sequenceLoss, textGenerator, textGeneratorShapes } from '../../../reference/models/text-generator';
import { forward64 } from '../../../reference/text/float64';
import type { TextForwardResult, TextGradsResult } from '../../worker/ops/text';
import type { WireParams, WireTensor } from '../../sandbox/types';
import { fromWire } from '../../worker/wire';
import { call, notSubmitted } from '../op-failure';
import type { Check } from '../types';
import { flat3, fmtShape, PROBE_SPECS, probeTextParams, probeTextTokens, textMeta, to64 } from './support';
// text compares scale-free: floor 1e-12 only keeps an all-zero expected tensor from dividing by zero
import { relativeError } from '../../../reference/oracle/compare';

import { FORWARD_TOLERANCE as TEXT_FORWARD_TOLERANCE, GRADIENT_TOLERANCE as TEXT_GRADIENT_TOLERANCE } from '../tolerances';

export { TEXT_FORWARD_TOLERANCE, TEXT_GRADIENT_TOLERANCE };
const B = 3;
const T = 12;

export const contractCheck: Check = {
  ...textMeta('contract', 'init gives the canonical parameter names and shapes, seeded'),
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'textGenerator');
    if (missing) return missing;
    for (const spec of PROBE_SPECS) {
      const a = await call(ctx, 'text.init', { spec, seed: ctx.seed }, 'models.textGenerator.init');
      if ('outcome' in a) return a.outcome;
      const want = textGeneratorShapes(spec);
      const wrong = [...new Set([...Object.keys(want), ...Object.keys(a.value.params)])].filter((n) => fmtShape(a.value.params[n]) !== (want[n] ? `[${want[n].join(', ')}]` : 'missing'));
      if (wrong.length) {
        return {
          status: 'failed',
          expected: wrong.map((n) => `${n} ${want[n] ? `[${want[n].join(', ')}]` : '(not a parameter)'}`).join(', '),
          actual: wrong.map((n) => `${n} ${fmtShape(a.value.params[n])}`).join(', '),
          hint: `for spec ${JSON.stringify(spec)} init must return embedding [V, E], l0.W_gx … l1.b_o ([out, in] layout), W_ph [V, H], b_p [V] (harness/contract.ts)`,
        };
      }
      const b = await call(ctx, 'text.init', { spec, seed: ctx.seed }, 'models.textGenerator.init');
      if ('outcome' in b) return b.outcome;
      const differs = Object.keys(want).filter((n) => relativeError(b.value.params[n].values, a.value.params[n].values, { floor: 1e-12 }) !== 0);
      if (differs.length) return { status: 'failed', expected: 'the same parameters for the same seed', actual: `${differs.join(', ')} differ between two calls with seed ${ctx.seed}`, hint: 'draw the initial values from a generator seeded with `seed` (e.g. tf.randomUniform(shape, lo, hi, "float32", seed))' };
    }
    return { status: 'passed' };
  },
};

export const forwardCheck: Check = {
  ...textMeta('forward', 'forward equals the reference on the same parameters'),
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'textGenerator');
    if (missing) return missing;
    const notes: string[] = [];
    for (const [k, spec] of PROBE_SPECS.entries()) {
      const params = probeTextParams(spec, ctx.seed * 10 + k);
      const tokens = probeTextTokens(spec, B, T, ctx.seed * 10 + k);
      const res = await call(ctx, 'text.forward', { spec, params, tokens }, 'models.textGenerator.forward');
      if ('outcome' in res) return res.outcome;
      const expected = flat3(forward64(to64(params), spec.numLayers, tokens));
      const error = relativeError(res.value.logits.values, expected, { floor: 1e-12 });
      if (!(error < TEXT_FORWARD_TOLERANCE)) {
        return { status: 'failed', expected: `logits [${B}, ${T}, ${spec.vocabSize}] within relative error ${TEXT_FORWARD_TOLERANCE}`, actual: `relative error ${error.toExponential(2)} (spec ${JSON.stringify(spec)})`, hint: 'compare your LSTM stack with the equations in reference/models/text-generator.ts: gate order g, i, f, o, weights [out, in] applied as W·x, layer 1 reads layer 0\'s h, the output layer at every step' };
      }
      if (res.value.leakedTensors > 0) notes.push(`forward left ${res.value.leakedTensors} tensors behind (wrap it in tf.tidy)`);
    }
    return notes.length ? { status: 'passed', note: notes[0] } : { status: 'passed' };
  },
};

export const stepCheck: Check = {
  ...textMeta('step', 'step repeated T times equals forward (state carried)'),
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'textGenerator');
    if (missing) return missing;
    const spec = PROBE_SPECS[1];
    const params = probeTextParams(spec, ctx.seed * 10 + 7);
    const tokens = probeTextTokens(spec, B, T, ctx.seed * 10 + 7);
    const full = await call(ctx, 'text.forward', { spec, params, tokens }, 'models.textGenerator.forward');
    if ('outcome' in full) return full.outcome;
    const stepped = await call(ctx, 'text.steps', { spec, params, tokens }, 'models.textGenerator.step');
    if ('outcome' in stepped) return stepped.outcome;
    const error = relativeError(stepped.value.logits.values, full.value.logits.values, { floor: 1e-12 });
    if (error < TEXT_FORWARD_TOLERANCE) return { status: 'passed' };
    // which step first disagrees says what is wrong: t = 0 → the step itself, later → the state
    const V = spec.vocabSize;
    let first = T;
    for (let t = 0; t < T && first === T; t++) {
      for (let b = 0; b < B; b++) {
        const at = (b * T + t) * V;
        if (relativeError(stepped.value.logits.values.subarray(at, at + V), full.value.logits.values.subarray(at, at + V), { floor: 1e-12 }) >= TEXT_FORWARD_TOLERANCE) { first = t; break; }
      }
    }
    return {
      status: 'failed', expected: `step logits equal forward logits at every t (relative error < ${TEXT_FORWARD_TOLERANCE})`,
      actual: `relative error ${error.toExponential(2)}; first differs at t = ${first + 1}`,
      hint: first === 0 ? 'the first step already differs from forward: step must apply the same layers as forward, starting from h = c = 0 when state is null' : 'step differs after the first step: return the (h, c) of every layer as the new state and start the next step from it',
    };
  },
};

/** The reference's gradients of the mean per-step cross-entropy (tfjs, tested against central differences of the float64 oracle). */
export function referenceGradients(params: WireParams, spec: typeof PROBE_SPECS[number], tokens: number[][], targets: number[][]): Record<string, Float32Array> {
  return tf.tidy(() => {
    const names = Object.keys(params);
    const x = tf.tensor2d(tokens, undefined, 'int32');
    const y = tf.tensor2d(targets, undefined, 'int32');
    const live = names.map((n) => fromWire(params[n]));
    const grads = tf.grads((...ts: tf.Tensor[]) => sequenceLoss(textGenerator.forward(Object.fromEntries(names.map((n, i) => [n, ts[i]])), x, spec), y))(live);
    return Object.fromEntries(names.map((n, i) => [n, grads[i].dataSync() as Float32Array]));
  });
}

export const gradientsCheck: Check = {
  ...textMeta('gradients', 'gradients of the per-step cross-entropy equal the reference\'s'),
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'textGenerator');
    if (missing) return missing;
    const spec = PROBE_SPECS[0];
    const params = probeTextParams(spec, ctx.seed * 10 + 3);
    const tokens = probeTextTokens(spec, B, T, ctx.seed * 10 + 3);
    const targets = probeTextTokens(spec, B, T, ctx.seed * 10 + 4);
    const res = await call(ctx, 'text.grads', { spec, params, tokens, targets }, 'models.textGenerator.forward');
    if ('outcome' in res) return res.outcome;
    const expected = referenceGradients(params, spec, tokens, targets);
    const bad = Object.keys(expected).map((n) => ({ n, e: relativeError(res.value.grads[n]?.values ?? [], expected[n], { floor: 1e-12 }) })).filter((r) => !(r.e < TEXT_GRADIENT_TOLERANCE));
    if (!bad.length) return { status: 'passed' };
    return {
      status: 'failed', expected: `every gradient within relative error ${TEXT_GRADIENT_TOLERANCE}`,
      actual: bad.slice(0, 5).map((r) => `${r.n}: ${r.e.toExponential(2)}`).join(', '),
      hint: 'gradients flow through your forward: if forward passes, look for a parameter that is not used (zero gradient), detached (tf.stopGradient / dataSync inside forward) or used twice',
    };
  },
};
