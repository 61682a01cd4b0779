/**
 * Forward checks: the submission's output equals the oracle's on the SAME seeded
 * parameters and features, on the profile's assignment graph and on a random graph, for
 * two layer sizes. A wrong answer is matched against the known mistakes (diagnosis.ts).
 */
import type { Graph, GraphModelName } from '../../contract';
import type { CheckContext, Check, CheckOutcome } from '../types';
import { diagnoseGraph } from './diagnosis';
import {
  FORWARD_TOLERANCE, PROBE_SPECS, assignmentGraph, fmtError, graphMeta, notSubmitted, oracleForward, preview, probeGraph, probeParams,
  runForward, seeded, shapeMismatch,
} from './support';
import { relativeError } from '../../../reference/oracle/compare';

export type ForwardGraph = 'assignment' | 'random';

export function forwardCheck(model: GraphModelName, which: ForwardGraph): Check {
  return {
    ...graphMeta(model, `forward.${which}`, `forward equals the reference on ${which === 'assignment' ? "the assignment's graph" : 'a random graph'}`),
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      const graph: Graph = which === 'assignment' ? assignmentGraph(ctx) : probeGraph(ctx);
      let worst = 0;
      for (const [k, spec] of PROBE_SPECS.entries()) {
        const key = `${model}/forward/${which}/${ctx.seed}/${k}`;
        const params = probeParams(model, spec, key);
        const H = seeded([graph.numNodes, spec.inFeatures], `${key}/H`);
        const got = await runForward(ctx, model, spec, params, H, graph);
        if ('outcome' in got) return got.outcome;
        const expected = oracleForward(model, params, H, graph, spec);
        const bad = shapeMismatch(got.value, expected, 'the output');
        if (bad) return bad;
        const error = relativeError(got.value.data, expected.data, { floor: 1e-6 });
        worst = Math.max(worst, error);
        if (error <= FORWARD_TOLERANCE) continue;
        const diagnosis = diagnoseGraph(model, params, H, graph, spec, got.value);
        return {
          status: 'failed',
          expected: `the reference's output within ${FORWARD_TOLERANCE} (relative), row 1 ${preview(expected.data)}`,
          actual: `relative error ${fmtError(error)} with in = ${spec.inFeatures}, out = ${spec.outFeatures}; row 1 ${preview(got.value.data)}`,
          hint: diagnosis ? `${diagnosis.message}: ${diagnosis.fix}` : `compare your ${model} with the equations (shared/assignment-spec.md, Part 3); no known mistake matches`,
          ...(diagnosis ? { diagnosis: { id: diagnosis.id, message: diagnosis.message, error: diagnosis.error } } : {}),
        };
      }
      return { status: 'passed', note: `max relative error ${worst.toExponential(1)}` };
    },
  };
}
