/**
 * Training on the generated corpus (reference/text/grammar.ts) reaches the profile's
 * per-character accuracy within its budget. The training loop is the harness's
 * (reference/text/train.ts: seeded batches, Adam, clipping) around the submission's own
 * init and forward, run inside its process; it stops once the training curve passes the
 * target by a margin. The accuracy that earns the points is the grader's own: the trained
 * parameters come back and the float64 forward scores them on text of the same grammar that
 * the submission's process never saw (drawn from the instructor's secret when there is one),
 * so logits that do not come from the parameters, or a curve the process made up, earn nothing.
 * The grammar's exact best accuracy is in the note.
 */
import { textGeneratorShapes } from '../../../reference/models/text-generator';
import { TextDataset } from '../../../reference/text/dataset';
import { forward64 } from '../../../reference/text/float64';
import { compileGrammar, FAIRY_GRAMMAR, generateCorpus } from '../../../reference/text/grammar';
import type { WireParams } from '../../worker/types';
import { hiddenSeed } from '../recurrent/hidden';
import { notSubmitted, opFailure } from '../op-failure';
import type { Check, CheckContext } from '../types';
import { textMeta, textProfile, to64 } from './support';

export const TRAIN_TIMEOUT_MS = 600_000;
/** training stops once its own curve is this far past the target (the grader's held-out figure decides) */
export const STOP_MARGIN = 0.03;
/** held-out windows the grader scores, each from a fresh state */
export const EVAL_WINDOWS = 64;

/**
 * The grader's per-character accuracy of `trained` on EVAL_WINDOWS windows of a corpus drawn
 * with a seed of its own, in float64; undefined when the parameters are not the contract's
 * names and shapes for the training run's vocabulary.
 */
export function heldOutAccuracy(ctx: CheckContext, data: TextDataset, trained: WireParams, spec: { embeddingDim: number; hiddenDim: number }): number | undefined {
  const shapes = textGeneratorShapes({ vocabSize: data.vocabSize, embeddingDim: spec.embeddingDim, hiddenDim: spec.hiddenDim, numLayers: 2 });
  for (const [name, shape] of Object.entries(shapes)) {
    const w = trained[name];
    if (!w || w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i]) || !w.values.every(Number.isFinite)) return undefined;
  }
  const T = data.seqLength;
  const seed = ctx.secret === undefined ? 1_000_003 + ctx.seed : hiddenSeed(ctx.secret, 'textGenerator.training/eval');
  const text = generateCorpus(EVAL_WINDOWS * (T + 1) * 2, seed).text;
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let at = 0; inputs.length < EVAL_WINDOWS && at + T + 1 <= text.length; at += T + 1) {
    const chunk = text.slice(at, at + T + 1);
    // a character the training corpus never had cannot be predicted by any model: leave its window out
    if ([...chunk].some((ch) => !data.vocab.includes(ch))) continue;
    const ids = data.encode(chunk);
    inputs.push(ids.slice(0, T));
    targets.push(ids.slice(1));
  }
  const logits = forward64(to64(trained), 2, inputs);
  let right = 0, n = 0;
  logits.forEach((row, b) => row.forEach((l, t) => {
    let arg = 0;
    for (let k = 1; k < l.length; k++) if (l[k] > l[arg]) arg = k;
    if (arg === targets[b][t]) right++;
    n++;
  }));
  return n ? right / n : undefined;
}

export const trainingCheck: Check = {
  ...textMeta('training', 'training on the generated corpus reaches the profile\'s accuracy', { timeoutMs: TRAIN_TIMEOUT_MS }),
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'textGenerator');
    if (missing) return missing;
    const tp = textProfile(ctx.profile);
    const spec = { vocabSize: 0, embeddingDim: tp.embeddingDim, hiddenDim: tp.hiddenDim, numLayers: 2 }; // vocabSize: the op sets it from the corpus
    const config = { steps: tp.steps, batchSize: tp.batchSize, learningRate: tp.learningRate, maxNorm: tp.maxNorm, evalEvery: tp.evalEvery, seed: ctx.seed };
    const corpus = { length: tp.corpusLength, seed: tp.corpusSeed, seqLength: tp.seqLength };
    const outcome = await ctx.handle.call('text.train', { spec, corpus, config, stopAt: tp.target + STOP_MARGIN }, { timeoutMs: Math.max(TRAIN_TIMEOUT_MS, ctx.profile.limits.checkTimeoutMs) });
    if (outcome.status !== 'ok') return opFailure(outcome, 'training models.textGenerator');
    const { curve, diverged, msPerStep, samples, params } = outcome.value;
    // the run's samples (greedy at 1/3, 2/3, 3/3; τ ∈ {0.5, 1, 2}) go to the report as SubmissionResult.text
    const artifacts = samples ? { text: samples } : undefined;
    const last = curve.at(-1);
    const best = compileGrammar(FAIRY_GRAMMAR).stats.bestAccuracy;
    if (diverged || !last) return { status: 'failed', expected: `accuracy ≥ ${tp.target} after ${tp.steps} steps`, actual: `the loss became NaN/Infinity after ${last?.step ?? 0} steps`, hint: 'a NaN loss: compute the cross-entropy from logits with logSoftmax, and check your init scale' };
    const data = new TextDataset(generateCorpus(corpus.length, corpus.seed), corpus.seqLength);
    const judged = params ? heldOutAccuracy(ctx, data, params, tp) : undefined;
    if (judged === undefined) {
      return {
        status: 'failed', expected: 'the trained parameters under the contract\'s names and shapes, finite, for the grader to score',
        actual: params ? `parameters ${Object.entries(params).slice(0, 6).map(([k, w]) => `${k} [${w.shape.join(', ')}]`).join(', ')}` : 'no parameters came back from training',
        hint: 'init must give the canonical names and shapes (textGenerator.contract says which differ), and training must keep them finite', artifacts,
      };
    }
    const summary = `accuracy ${judged.toFixed(3)} on held-out text the grader drew itself, after ${last.step} steps (training curve ${last.accuracy.toFixed(3)}; target ${tp.target}; the grammar's best achievable is ${best.toFixed(3)}), ${msPerStep.toFixed(0)} ms/step`;
    if (judged >= tp.target) return { status: 'passed', note: summary, artifacts };
    const madeUp = last.accuracy >= tp.target + STOP_MARGIN;
    return {
      status: 'failed', expected: `per-character accuracy ≥ ${tp.target} on held-out text within ${tp.steps} steps`, actual: summary, artifacts,
      hint: madeUp
        ? 'the training curve passed the target but the trained parameters do not predict the held-out text: the outputs must come from the parameters forward is given'
        : 'forward and gradients pass but it does not learn: look for an init that saturates the gates (e.g. large weights), or state leaking between batch rows',
    };
  },
};
