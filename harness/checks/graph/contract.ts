/**
 * Contract check: init(spec, seed) returns the canonical names and shapes (W [in, out],
 * gcn's optional b [out], gat's a [2·out]) for two sizes, the same seed gives the same
 * parameters, and forward on them returns [N, out].
 */
import type { GraphModelName } from '../../contract';
import type { GraphInitResult } from '../../worker/ops/graph';
import type { Check, CheckOutcome } from '../types';
import { PROBE_SPECS, assignmentGraph, call, fromWireTensor, graphMeta, notSubmitted, runForward, seeded, shapesOf } from './support';

const fmt = (s?: number[]) => (s ? `[${s.join(', ')}]` : 'missing');

export function contractCheck(model: GraphModelName): Check {
  return {
    ...graphMeta(model, 'contract', 'init returns the canonical parameters; forward returns [N, out]'),
    async run(ctx): Promise<CheckOutcome> {
      const missing = notSubmitted(ctx.handle, model);
      if (missing) return missing;
      for (const spec of PROBE_SPECS) {
        const inits = [];
        for (let k = 0; k < 2; k++) {
          const res = await call(ctx, 'graph.init', { model, spec, seed: ctx.seed }, `models.${model}.init`);
          if ('outcome' in res) return res.outcome;
          inits.push(res.value.params);
        }
        const [params, again] = inits;
        const shapes: Record<string, number[]> = { ...shapesOf(model, spec), ...(model === 'gcn' && params.b ? { b: [spec.outFeatures] } : {}) };
        const names = Object.keys(shapes).sort();
        const got = Object.keys(params).sort();
        const wrong = names.filter((n) => fmt(params[n]?.shape) !== fmt(shapes[n]));
        if (wrong.length || got.join() !== names.join()) {
          return {
            status: 'failed',
            expected: names.map((n) => `${n} ${fmt(shapes[n])}`).join(', '),
            actual: got.map((n) => `${n} ${fmt(params[n].shape)}`).join(', ') || 'no parameters',
            hint: `for in = ${spec.inFeatures}, out = ${spec.outFeatures}: graph weights are [in, out], applied as H·W${model === 'gat' ? ', and a is [2·out] = [a₁ ‖ a₂]' : ''}; use exactly the contract's names (harness/contract.ts)`,
          };
        }
        const differs = names.filter((n) => params[n].values.some((v, i) => !Object.is(v, again[n].values[i])));
        if (differs.length) {
          return { status: 'failed', expected: 'the same parameters for the same seed', actual: `${differs.join(', ')} differ between two init calls with seed ${ctx.seed}`, hint: 'draw the initial values from a generator seeded with `seed` (e.g. tf.randomUniform(shape, lo, hi, "float32", seed))' };
        }
        const graph = assignmentGraph(ctx);
        const p64 = Object.fromEntries(names.map((n) => [n, fromWireTensor(params[n])]));
        const out = await runForward(ctx, model, spec, p64, seeded([graph.numNodes, spec.inFeatures], `contract/${spec.inFeatures}`), graph);
        if ('outcome' in out) return out.outcome;
        if (out.value.shape.join() !== [graph.numNodes, spec.outFeatures].join()) {
          return { status: 'failed', expected: `forward output [${graph.numNodes}, ${spec.outFeatures}]`, actual: fmt(out.value.shape), hint: 'forward returns one row per node and spec.outFeatures columns' };
        }
      }
      return { status: 'passed' };
    },
  };
}
