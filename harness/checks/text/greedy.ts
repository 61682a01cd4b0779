/**
 * Greedy continuation: from a prefix, the argmax chain through the submission's `step`
 * (state carried, longer than the training length) equals the float64 oracle's. A
 * mismatch where the oracle's top two logits are closer than float32 can tell apart is a
 * tie, not an error.
 */
import { step64, type State64 } from '../../../reference/text/float64';
import { call, notSubmitted } from '../op-failure';
import type { Check } from '../types';
import { PROBE_SPECS, probeTextParams, probeTextTokens, textMeta, to64 } from './support';

export const GREEDY_LENGTH = 60;
/** top-2 logit gap below which float32 and float64 may pick different argmaxes */
export const TIE_MARGIN = 1e-4;

/** The oracle's greedy continuation and, per position, the gap between its top two logits. */
export function oracleGreedy(params: Parameters<typeof to64>[0], numLayers: number, prefix: number[], length: number): { ids: number[]; margins: number[] } {
  const p = to64(params);
  let state: State64 | null = null;
  let logits: Float64Array = new Float64Array();
  for (const tok of prefix) ({ logits, state } = step64(p, numLayers, state, tok));
  const ids: number[] = [];
  const margins: number[] = [];
  for (let k = 0; k < length; k++) {
    const sorted = Array.from(logits).sort((a, b) => b - a);
    const next = logits.indexOf(sorted[0]);
    ids.push(next);
    margins.push(sorted[0] - sorted[1]);
    ({ logits, state } = step64(p, numLayers, state, next));
  }
  return { ids, margins };
}

export const greedyCheck: Check = {
  ...textMeta('greedy', `greedy continuation of ${GREEDY_LENGTH} characters equals the reference's`),
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'textGenerator');
    if (missing) return missing;
    const spec = PROBE_SPECS[1];
    const params = probeTextParams(spec, ctx.seed * 10 + 5, 1.2);
    const prefix = probeTextTokens(spec, 1, 3, ctx.seed)[0];
    const res = await call(ctx, 'text.greedy', { spec, params, prefix, length: GREEDY_LENGTH }, 'models.textGenerator.step');
    if ('outcome' in res) return res.outcome;
    const expected = oracleGreedy(params, spec.numLayers, prefix, GREEDY_LENGTH);
    const k = expected.ids.findIndex((id, i) => res.value.ids[i] !== id);
    if (k < 0) return { status: 'passed' };
    if (expected.margins[k] < TIE_MARGIN) return { status: 'passed', note: `agrees up to position ${k + 1}, where the two best logits tie within ${TIE_MARGIN}` };
    return {
      status: 'failed', expected: `ids ${expected.ids.slice(0, k + 3).join(' ')} …`, actual: `ids ${res.value.ids.slice(0, k + 3).join(' ')} … (first differs at position ${k + 1})`,
      hint: k === 0 ? 'the first generated token differs: feed the whole prefix through step before taking the argmax' : `the continuation drifts at position ${k + 1}: carry (h, c) of both layers from one step to the next, never reset it`,
    };
  },
};
