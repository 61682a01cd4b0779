/**
 * Ops every submission answers, whatever it implements:
 *
 * | op         | args | returns |
 * |------------|------|---------|
 * | `describe` | {}   | { author?, provides, conventions, backend, tensors } |
 * | `probe.init` | { model, spec, seed } | { shapes: Record<name, number[]>, nonFinite: string[] } |
 * | `probe.forward` | { model, spec, seed, tokens } | { shape, values, nonFinite, leakedTensors, mutated } |
 *
 * `probe.*` work on any sequence classifier without knowing the reference: init with a
 * seed, run forward on the given tokens, and report the output together with what the
 * call did besides (tensors left behind, parameters changed, NaN/Inf values).
 * They back the sandbox's own robustness tests; the check families have richer ops.
 */
import * as tf from '@tensorflow/tfjs';
import { liveTensors } from '../lockdown';
import type { RecurrentSpec, SequenceClassifier, Submission } from '../../contract';
import { inspectSubmission } from '../inspect';
import type { OpFamily } from './types';

export interface ConventionsInfo { gru?: string; temperature?: string }
export interface DescribeResult { author?: string; provides: string[]; conventions: ConventionsInfo; backend: string; tensors: number }
export interface ProbeInitResult { shapes: Record<string, number[]>; nonFinite: string[] }
export interface ProbeInitArgs { model: string; spec: RecurrentSpec; seed: number }
export interface ProbeForwardArgs extends ProbeInitArgs { tokens: number[][] }
export interface ProbeForwardResult {
  shape: number[];
  values: Float32Array;
  /** indices of NaN or ±Inf values in the output */
  nonFinite: number[];
  /** tensors alive after the call (output disposed) minus before */
  leakedTensors: number;
  /** parameters whose values changed or that were disposed during forward */
  mutated: string[];
}

function classifier(submission: Submission, model: string): SequenceClassifier {
  const found = (submission.models as Record<string, SequenceClassifier | undefined> | undefined)?.[model];
  if (!found) throw new Error(`models.${model} is not in the submission's default export`, { cause: 'not-submitted' });
  return found;
}

function asTensor(value: unknown, where: string): tf.Tensor {
  if (value instanceof tf.Tensor) return value;
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new Error(`${where} requires a tf.Tensor as its result, got ${got}`, { cause: 'bad-output' });
}

function nonFiniteIndices(values: ArrayLike<number>): number[] {
  const bad: number[] = [];
  for (let i = 0; i < values.length && bad.length < 20; i++) if (!Number.isFinite(values[i])) bad.push(i);
  return bad;
}

export const describeOps: OpFamily<'describe' | 'probe.init' | 'probe.forward'> = {
  describe(submission: Submission): DescribeResult {
    const { author, provides, conventions } = inspectSubmission(submission);
    return { author, provides, conventions, backend: tf.getBackend(), tensors: liveTensors() };
  },

  'probe.init'(submission: Submission, { model, spec, seed }: ProbeInitArgs): ProbeInitResult {
    const params = classifier(submission, model).init(spec, seed);
    if (typeof params !== 'object' || params === null) throw new Error(`models.${model}.init requires a record of tensors as its result, got ${params === null ? 'null' : typeof params}`, { cause: 'bad-output' });
    const shapes: Record<string, number[]> = {};
    const nonFinite: string[] = [];
    for (const [name, value] of Object.entries(params)) {
      const t = asTensor(value, `models.${model}.init's ${name}`);
      shapes[name] = [...t.shape];
      if (nonFiniteIndices(t.dataSync()).length) nonFinite.push(name);
      t.dispose();
    }
    return { shapes, nonFinite };
  },

  'probe.forward'(submission: Submission, { model, spec, seed, tokens }: ProbeForwardArgs): ProbeForwardResult {
    const m = classifier(submission, model);
    const params = m.init(spec, seed);
    const before = new Map(Object.entries(params).map(([name, t]) => [name, Float32Array.from(t.dataSync())]));
    const input = tf.tensor2d(tokens, [tokens.length, tokens[0]?.length ?? 0], 'int32');
    const alive = liveTensors();
    const output = asTensor(m.forward(params, input, spec), `models.${model}.forward`);
    const values = Float32Array.from(output.dataSync());
    const shape = [...output.shape];
    output.dispose();
    const leakedTensors = liveTensors() - alive;
    const mutated = [...before].filter(([name, old]) => {
      const t = params[name];
      if (t.isDisposed) return true;
      const now = t.dataSync();
      return now.length !== old.length || now.some((v, i) => !Object.is(v, old[i]));
    }).map(([name]) => name);
    input.dispose();
    for (const t of Object.values(params)) if (!t.isDisposed) t.dispose();
    return { shape, values, nonFinite: nonFiniteIndices(values), leakedTensors, mutated };
  },
};
