/**
 * Ops for the sequence classifiers and the time gate. They run INSIDE the submission's
 * process: they receive inputs as plain data, call the submission, and send plain data
 * back. They never see expected values; the checks compare in the orchestrator.
 *
 * | op                     | args                                         | returns |
 * |------------------------|----------------------------------------------|---------|
 * | `recurrent.init`       | { model, spec, seed }                        | { params: WireParams } |
 * | `recurrent.forward`    | { model, spec, params, tokens }              | { output, hygiene } |
 * | `recurrent.grads`      | { model, spec, params, tokens, targets }     | { loss, grads, hygiene } |
 * | `recurrent.handGradients` | same as `recurrent.grads`                 | { grads, hygiene } |
 * | `timeGate.values`      | { params: TimeGateParams, ts: number[] }     | { values: number[] } |
 *
 * `tokens` is `number[][]` [B, T]; `targets` is `number[]` [B]. `hygiene` tells whether the
 * call left tensors behind or changed the parameters it was given.
 */
import * as tf from '@tensorflow/tfjs';
import { liveTensors } from '../lockdown';
import { SEQUENCE_MODELS } from '../../contract';
import type { RecurrentSpec, SequenceClassifier, SequenceModelName, Submission, TimeGateParams } from '../../contract';
import type { WireParams, WireTensor } from '../types';
import type { OpFamily } from './types';
import { fromWire, toWire } from '../wire';

/** What a call did besides its answer: tensors left behind, parameters changed. */
export interface Hygiene {
  /** live tensors (harness/worker/lockdown.ts) after the call (output disposed) minus before */
  leakedTensors: number;
  /** parameters whose values, shape or identity changed, or that were disposed */
  mutated: string[];
}

export interface RecurrentArgs { model: SequenceModelName; spec: RecurrentSpec }
export interface InitArgs extends RecurrentArgs { seed: number }
export interface ForwardArgs extends RecurrentArgs { params: WireParams; tokens: number[][] }
export interface GradsArgs extends ForwardArgs { targets: number[] }

export interface InitResult { params: WireParams }
export interface ForwardResult { output: WireTensor; hygiene: Hygiene }
/** `output` is the forward's [B, K] output on the same call, so a caller can tell a wrong forward from a wrong gradient. */
export interface GradsResult { loss: number; output: WireTensor; grads: WireParams; hygiene: Hygiene }
export interface HandGradientsResult { grads: WireParams; hygiene: Hygiene }
export interface TimeGateArgs { params: TimeGateParams; ts: number[] }
export interface TimeGateResult { values: number[] }

/** An op failure with the cause the sandbox reports (`error.cause`). */
export class OpFailure extends Error {
  constructor(readonly reason: 'not-submitted' | 'bad-output', message: string) {
    super(message, { cause: reason });
    this.name = reason === 'not-submitted' ? 'NotSubmitted' : 'BadOutput';
  }
}

export { toWire, fromWire };

function classifier(submission: Submission, model: SequenceModelName): SequenceClassifier {
  if (!(SEQUENCE_MODELS as readonly string[]).includes(model)) {
    throw new Error(`recurrent op requires model to be one of ${SEQUENCE_MODELS.join(', ')}, got "${model}"`);
  }
  const m = submission.models?.[model];
  if (!m) throw new OpFailure('not-submitted', `models.${model} is not submitted`);
  return m as SequenceClassifier;
}

function wireParams(params: unknown, where: string): WireParams {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new OpFailure('bad-output', `${where} requires a record of tensors by name, got ${describe(params)}`);
  }
  const out: WireParams = {};
  for (const [name, t] of Object.entries(params as Record<string, unknown>)) {
    if (!(t instanceof tf.Tensor)) throw new OpFailure('bad-output', `${where} requires "${name}" to be a tf.Tensor, got ${describe(t)}`);
    out[name] = toWire(t);
  }
  return out;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof tf.Tensor) return `a tensor of shape [${x.shape.join(', ')}]`;
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  return typeof x === 'object' ? `an object (${(x as object).constructor?.name ?? 'Object'})` : `${typeof x} ${String(x)}`;
}

/** Live tensors for `params`, plus a way to tell afterwards whether the submission changed them. */
function liveParams(wire: WireParams): { params: Record<string, tf.Tensor>; audit(): string[]; dispose(): void } {
  const originals: Record<string, tf.Tensor> = {};
  for (const [name, w] of Object.entries(wire)) originals[name] = fromWire(w);
  const params = { ...originals };
  return {
    params,
    audit() {
      const mutated: string[] = [];
      const names = new Set([...Object.keys(originals), ...Object.keys(params)]);
      for (const name of names) {
        const t = originals[name];
        if (!t || params[name] !== t || t.isDisposed) { mutated.push(name); continue; }
        const now = t.dataSync();
        const was = wire[name].values;
        if (now.length !== was.length || now.some((v, i) => !Object.is(v, was[i]))) mutated.push(name);
      }
      return mutated.sort();
    },
    dispose() { for (const t of Object.values(originals)) if (!t.isDisposed) t.dispose(); },
  };
}

function tokensTensor(tokens: number[][]): tf.Tensor2D {
  return tf.tensor2d(tokens, [tokens.length, tokens[0]?.length ?? 0], 'int32');
}

function checkOutput(out: unknown, B: number, where: string): tf.Tensor {
  if (!(out instanceof tf.Tensor)) throw new OpFailure('bad-output', `${where} requires a tf.Tensor [B, K], got ${describe(out)}`);
  if (out.rank !== 2 || out.shape[0] !== B) {
    throw new OpFailure('bad-output', `${where} requires a tensor of shape [B=${B}, K], got [${out.shape.join(', ')}]`);
  }
  return out;
}

/**
 * Runs `body` on live copies of the wire inputs and reports what it left behind. Everything
 * `body` returns as `keep` is read out and disposed before counting.
 */
function audited<R>(wire: WireParams, tokens: number[][], body: (params: Record<string, tf.Tensor>, x: tf.Tensor2D) => { result: R; keep: tf.Tensor[] }): { result: R; hygiene: Hygiene } {
  const live = liveParams(wire);
  const x = tokensTensor(tokens);
  const before = liveTensors();
  let result: R;
  let keep: tf.Tensor[] = [];
  try {
    ({ result, keep } = body(live.params, x));
    for (const t of keep) if (!t.isDisposed) t.dispose();
    keep = [];
    const leakedTensors = liveTensors() - before;
    const mutated = live.audit();
    return { result, hygiene: { leakedTensors, mutated } };
  } finally {
    for (const t of keep) if (!t.isDisposed) t.dispose();
    live.dispose();
    if (!x.isDisposed) x.dispose();
  }
}

/** Mean last-step cross-entropy of log_softmax(output): accepts logits and log-probabilities alike. */
export function lastStepLoss(output: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const logp = tf.logSoftmax(output, 1);                          // [B, K]
    const picked = tf.sum(tf.mul(logp, tf.oneHot(targets, output.shape[1])), 1); // [B]
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

export const recurrentOps: OpFamily<'recurrent.init' | 'recurrent.forward' | 'recurrent.grads' | 'recurrent.handGradients' | 'timeGate.values'> = {
  'recurrent.init'(submission, args: InitArgs): InitResult {
    const model = classifier(submission, args.model);
    // tidy: intermediates of init (e.g. randomNormal before scaling) do not pile up in the process
    const params = tf.tidy(() => model.init(args.spec, args.seed) as tf.TensorContainer) as unknown as Record<string, tf.Tensor>;
    const wire = wireParams(params, `models.${args.model}.init`);
    for (const t of Object.values(params ?? {})) if (t instanceof tf.Tensor && !t.isDisposed) t.dispose();
    return { params: wire };
  },

  'recurrent.forward'(submission, args: ForwardArgs): ForwardResult {
    const model = classifier(submission, args.model);
    const { result, hygiene } = audited(args.params, args.tokens, (params, x) => {
      const out = checkOutput(model.forward(params, x, args.spec), args.tokens.length, `models.${args.model}.forward`);
      return { result: toWire(out), keep: [out] };
    });
    return { output: result, hygiene };
  },

  'recurrent.grads'(submission, args: GradsArgs): GradsResult {
    const model = classifier(submission, args.model);
    const names = Object.keys(args.params);
    const { result, hygiene } = audited(args.params, args.tokens, (params, x) => {
      const targets = tf.tensor1d(args.targets, 'int32');
      let output: WireTensor | undefined;
      const f = (...ts: tf.Tensor[]) => {
        const record: Record<string, tf.Tensor> = {};
        names.forEach((n, i) => { record[n] = ts[i]; });
        const out = checkOutput(model.forward(record, x, args.spec), args.tokens.length, `models.${args.model}.forward`);
        output = toWire(out);
        // 0·Σp keeps every parameter on the tape, so one the submission ignores gets a zero gradient
        const anchor = tf.addN(ts.map((t) => tf.mul(0, tf.sum(t))));
        return tf.add(lastStepLoss(out as tf.Tensor2D, targets), anchor) as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(f)(names.map((n) => params[n]));
      const wire: WireParams = {};
      names.forEach((n, i) => { wire[n] = toWire(grads[i]); });
      return { result: { loss: value.dataSync()[0], output: output!, grads: wire }, keep: [value, targets, ...grads] };
    });
    return { ...result, hygiene };
  },

  'recurrent.handGradients'(submission, args: GradsArgs): HandGradientsResult {
    const model = classifier(submission, args.model);
    if (typeof model.gradients !== 'function') throw new OpFailure('not-submitted', `models.${args.model}.gradients is not submitted (it is optional)`);
    const { result, hygiene } = audited(args.params, args.tokens, (params, x) => {
      const targets = tf.tensor1d(args.targets, 'int32');
      const grads = model.gradients!(params, x, targets, args.spec);
      const wire = wireParams(grads, `models.${args.model}.gradients`);
      return { result: wire, keep: [targets, ...Object.values(grads ?? {}).filter((t): t is tf.Tensor => t instanceof tf.Tensor)] };
    });
    return { grads: result, hygiene };
  },

  'timeGate.values'(submission, args: TimeGateArgs): TimeGateResult {
    const k = submission.timeGate;
    if (typeof k !== 'function') throw new OpFailure('not-submitted', 'timeGate is not submitted');
    return {
      values: args.ts.map((t) => {
        const v = k(t, { ...args.params });
        if (typeof v !== 'number') throw new OpFailure('bad-output', `timeGate(${t}, …) requires a number, got ${describe(v)}`);
        return v;
      }),
    };
  },
};
