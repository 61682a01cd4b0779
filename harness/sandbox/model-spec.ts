/**
 * The spec a model of a submission is graded with: the profile's, with what the
 * submission's own model fixes laid over it (`info.modelSpecs`, ./types.ts). A tfjs
 * submission reads its sizes and input encoding from the spec it is given, so it takes the
 * profile's as it is. A PyTorch model has its encoding built in — the 2018/2019 template's
 * train.py feeds the raw digit as one feature — and a 2020 GRU may have no gate biases, as
 * that year's equations read; its handle says so when it opens
 * (harness/sandbox/python-handle.ts). Every place that builds a recurrent spec for a
 * submission — the checks' probe specs, the sanity training, the experiments' runs — passes
 * it through here, so the oracle, the grader and the worker agree on one spec.
 *
 * Example: `specFor({ modelSpecs: { lstm: { input: { kind: 'scalar' } } } }, 'lstm', spec)` is
 * `spec` with `input: { kind: 'scalar' }`; for any other model it is `spec` itself.
 */
import type { RecurrentSpec } from '../contract';
import type { TrainArgs } from '../worker/train';
import type { SubmissionInfo } from './types';

export function specFor<S extends RecurrentSpec>(info: Pick<SubmissionInfo, 'modelSpecs'> | undefined, model: string, spec: S): S {
  const own = info?.modelSpecs?.[model];
  return own ? { ...spec, ...own } : spec;
}

/** A `train` op's arguments with the submission's own spec for its model (the experiments' jobs are built from the profile alone). */
export function trainArgsFor<A extends Pick<TrainArgs, 'model' | 'spec'>>(info: Pick<SubmissionInfo, 'modelSpecs'>, args: A): A {
  return { ...args, spec: specFor(info, args.model, args.spec) };
}
