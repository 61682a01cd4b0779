/**
 * Gradient check: the harness differentiates L = Σ(out ⊙ R) through the submission's own
 * forward (tf.valueAndGrads inside the op) and compares every parameter's gradient and the
 * features' gradient with the oracle's hand-derived ones. Inputs are drawn away from the
 * ReLU/LeakyReLU kinks, where a subgradient choice would make a correct layer differ.
 */
import type { GraphModelName } from '../../contract';
import type { Check, CheckContext, CheckOutcome } from '../types';
import {
  FORWARD_TOLERANCE, GRADIENT_TOLERANCE, PROBE_SPECS, fmtError, fromWireTensor, graphMeta, kinkMargin, notSubmitted, oracleGradients,
  probeGraph, probeParams, runGrads, seeded,
} from './support';
import { relativeError } from '../../../reference/oracle/compare';

const KINK_MARGIN = 1e-3;

export function gradientsCheck(model: GraphModelName): Check {
  return {
    ...graphMeta(model, 'gradients', 'gradients of Σ(out ⊙ R) equal the reference'),
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const graph = probeGraph(ctx);
      const spec = PROBE_SPECS[0];
      let chosen;
      for (let attempt = 0; attempt < 200 && !chosen; attempt++) {
        const key = `${model}/gradients/${ctx.seed}/${attempt}`;
        const params = probeParams(model, spec, key);
        const H = seeded([graph.numNodes, spec.inFeatures], `${key}/H`);
        if (kinkMargin(model, params, H, graph, spec) > KINK_MARGIN) chosen = { params, H, R: seeded([graph.numNodes, spec.outFeatures], `${key}/R`) };
      }
      if (!chosen) return { status: 'skipped', reason: 'no probe point away from the ReLU/LeakyReLU kinks was found' };
      const { params, H, R } = chosen;
      const got = await runGrads(ctx, model, spec, params, H, graph, R);
      if ('outcome' in got) return got.outcome;
      const expected = oracleGradients(model, params, H, graph, spec, R);
      const forwardError = relativeError(got.value.output.values, expected.out.data, { floor: 1e-6 });
      if (forwardError > FORWARD_TOLERANCE) {
        return { status: 'failed', expected: 'a correct forward to differentiate', actual: `forward relative error ${fmtError(forwardError)}`, hint: `fix ${model}.forward first (see the forward checks); its gradients follow from it` };
      }
      const errors: Array<[string, number]> = Object.keys(expected.params).map((n) => [n, got.value.grads[n] ? relativeError(got.value.grads[n].values, expected.params[n].data, { floor: 1e-6 }) : Infinity]);
      errors.push(['features', relativeError(fromWireTensor(got.value.features).data, expected.features.data, { floor: 1e-6 })]);
      const bad = errors.filter(([, e]) => !(e <= GRADIENT_TOLERANCE));
      if (!bad.length) return { status: 'passed', note: `max relative error ${Math.max(...errors.map(([, e]) => e)).toExponential(1)}` };
      return {
        status: 'failed',
        expected: `gradients within ${GRADIENT_TOLERANCE} (relative) of the reference's`,
        actual: bad.map(([n, e]) => `∂L/∂${n}: ${fmtError(e)}`).join(', '),
        hint: 'the forward is right but its gradient is not: look for a custom gradient, tf.stopGradient, values read out with dataSync/arraySync and put back as new tensors, or a non-differentiable step (argmax, casts) inside forward',
      };
    },
  };
}
