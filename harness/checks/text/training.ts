/**
 * Training on the generated corpus (reference/text/grammar.ts) reaches the profile's
 * per-character accuracy within its budget. The training loop is the harness's
 * (reference/text/train.ts: seeded batches, Adam, clipping) around the submission's own
 * init and forward, run inside its process. The grammar's exact best accuracy is in the note.
 */
import { compileGrammar, FAIRY_GRAMMAR } from '../../../reference/text/grammar';
import type { TextTrainResult } from '../../worker/ops/text';
import { notSubmitted, opFailure } from '../op-failure';
import type { Check } from '../types';
import { textMeta, textProfile } from './support';

export const TRAIN_TIMEOUT_MS = 600_000;

export const trainingCheck: Check = {
  ...textMeta('training', 'training on the generated corpus reaches the profile\'s accuracy', { timeoutMs: TRAIN_TIMEOUT_MS }),
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'textGenerator');
    if (missing) return missing;
    const tp = textProfile(ctx.profile);
    const spec = { vocabSize: 0, embeddingDim: tp.embeddingDim, hiddenDim: tp.hiddenDim, numLayers: 2 }; // vocabSize: the op sets it from the corpus
    const config = { steps: tp.steps, batchSize: tp.batchSize, learningRate: tp.learningRate, maxNorm: tp.maxNorm, evalEvery: tp.evalEvery, seed: ctx.seed };
    const outcome = await ctx.handle.call('text.train', { spec, corpus: { length: tp.corpusLength, seed: tp.corpusSeed, seqLength: tp.seqLength }, config }, { timeoutMs: Math.max(TRAIN_TIMEOUT_MS, ctx.profile.limits.checkTimeoutMs) });
    if (outcome.status !== 'ok') return opFailure(outcome, 'training models.textGenerator');
    const { curve, diverged, msPerStep, samples } = outcome.value;
    // the run's samples (greedy at 1/3, 2/3, 3/3; τ ∈ {0.5, 1, 2}) go to the report as SubmissionResult.text
    const artifacts = samples ? { text: samples } : undefined;
    const last = curve.at(-1);
    const best = compileGrammar(FAIRY_GRAMMAR).stats.bestAccuracy;
    if (diverged || !last) return { status: 'failed', expected: `accuracy ≥ ${tp.target} after ${tp.steps} steps`, actual: `the loss became NaN/Infinity after ${last?.step ?? 0} steps`, hint: 'a NaN loss: compute the cross-entropy from logits with logSoftmax, and check your init scale' };
    const summary = `accuracy ${last.accuracy.toFixed(3)} at step ${last.step} (target ${tp.target}; the grammar's best achievable is ${best.toFixed(3)}), ${msPerStep.toFixed(0)} ms/step`;
    if (last.accuracy >= tp.target) return { status: 'passed', note: summary, artifacts };
    return {
      status: 'failed', expected: `per-character accuracy ≥ ${tp.target} within ${tp.steps} steps`, actual: summary, artifacts,
      hint: 'forward and gradients pass but it does not learn: look for an init that saturates the gates (e.g. large weights), or state leaking between batch rows',
    };
  },
};
