/**
 * What every recurrent check shares: the specs it probes with, seeded probe parameters and
 * tokens, conversions between wire tensors and the oracle's float64 matrices, and the
 * cached init op (failed ops are worded by ../op-failure.ts).
 */
import { makeRng } from '../../../reference/data/rng';
import { datasetInfo } from '../../../reference/data';
import type { Mat, OracleParams, OracleSpec } from '../../../reference/oracle/types';
import type { RecurrentSpec, SequenceModelName, TimeGateParams } from '../../contract';
import type { Profile } from '../../profiles/types';
import type { OpOutcome, SubmissionHandle, SubmissionInfo, WireParams, WireTensor } from '../../sandbox/types';
import { specFor } from '../../sandbox/model-spec';
import type { CheckContext, CheckOutcome } from '../types';
import { opFailure } from '../op-failure';
import type { OpArgs, OpName, OpResult } from '../../worker/protocol';

/** The gate probed for the time-gated LSTM: s > 1, so t < s occurs and a truncating % shows; open 80 % of the time so most steps count. */
export const PROBE_TIME_GATE: TimeGateParams = { tau: 6, s: 2.5, rOn: 0.8 };

/**
 * Two specs per model with different sizes (a hard-coded size fails one of them). The
 * input encoding, vocabulary and classes follow the profile's sanity task for the model,
 * with what the submission's own model fixes laid over it (../../sandbox/model-spec.ts).
 */
export function probeSpecs(profile: Profile, model: SequenceModelName, submission?: SubmissionInfo): [RecurrentSpec, RecurrentSpec] {
  const task = profile.sanity[model];
  const info = task ? datasetInfo(task.dataset, task.length) : { vocabSize: 10, numClasses: 10 };
  const input = task?.input ?? { kind: 'one-hot' as const };
  const make = (hiddenDim: number, dim: number, classShift: number): RecurrentSpec => ({
    vocabSize: info.vocabSize,
    numClasses: info.numClasses + classShift,
    hiddenDim,
    // at least as wide as the vocabulary (dims 4, 5 up to V = 4), so a PyTorch model's own embedding reads back exactly
    input: input.kind === 'embedding' ? { kind: 'embedding', dim: dim + Math.max(0, info.vocabSize - 4) } : input,
    ...(model === 'timeGatedLSTM' ? { timeGate: PROBE_TIME_GATE } : {}),
  });
  return [specFor(submission, model, make(6, 4, 0)), specFor(submission, model, make(9, 5, 1))];
}

/** The oracle's spec: the contract's plus the GRU rule the submission declared (else the profile's). */
export function oracleSpec(ctx: CheckContext, spec: RecurrentSpec): OracleSpec {
  return { ...spec, gru: gruConvention(ctx) };
}

export function gruConvention(ctx: CheckContext) {
  return (ctx.handle.info.conventions.gru as OracleSpec['gru']) ?? ctx.profile.conventions.gru;
}

/** Seeded probe parameters of the canonical shapes: uniform in ±scale, biases included (a missing bias shows). */
export function probeParams(shapes: Record<string, number[]>, seed: number, scale = 0.6): OracleParams {
  const rng = makeRng(`netgrade/checks/probe-params/seed=${seed}`);
  const out: OracleParams = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const size = shape.reduce((a, b) => a * b, 1);
    out[name] = { shape: [...shape], data: Float64Array.from({ length: size }, () => (2 * rng.random() - 1) * scale) };
  }
  return out;
}

/** Seeded tokens [B][T] in 0 … V−1. */
export function probeTokens(spec: RecurrentSpec, B: number, T: number, seed: number): number[][] {
  const rng = makeRng(`netgrade/checks/probe-tokens/B=${B}/T=${T}/seed=${seed}`);
  return Array.from({ length: B }, () => Array.from({ length: T }, () => rng.randint(0, spec.vocabSize)));
}

export function toMat(w: WireTensor): Mat {
  return { shape: [...w.shape], data: Float64Array.from(w.values) };
}
export function toWireTensor(m: Mat): WireTensor {
  return { shape: [...m.shape], dtype: 'float32', values: Float32Array.from(m.data) };
}
export function toOracleParams(w: WireParams, names?: Iterable<string>): OracleParams {
  const out: OracleParams = {};
  for (const name of names ?? Object.keys(w)) if (w[name]) out[name] = toMat(w[name]);
  return out;
}
export function toWireParams(p: OracleParams): WireParams {
  const out: WireParams = {};
  for (const [name, m] of Object.entries(p)) out[name] = toWireTensor(m);
  return out;
}

/** True when `params` has exactly the canonical names and shapes. */
export function hasShapes(params: WireParams, shapes: Record<string, number[]>): boolean {
  const names = Object.keys(shapes);
  return Object.keys(params).length === names.length &&
    names.every((n) => params[n] && params[n].shape.length === shapes[n].length && params[n].shape.every((v, k) => v === shapes[n][k]));
}

export const fmtShape = (s: number[] | undefined) => (s ? `[${s.join(', ')}]` : 'missing');

/** init(spec, seed) once per handle, model, spec and seed: several checks read the same parameters. */
const initCache = new WeakMap<SubmissionHandle, Map<string, Promise<OpOutcome<{ params: WireParams }>>>>();
export async function initParams(ctx: CheckContext, model: SequenceModelName, spec: RecurrentSpec, seed: number): Promise<{ value: WireParams } | { outcome: CheckOutcome }> {
  let cache = initCache.get(ctx.handle);
  if (!cache) initCache.set(ctx.handle, (cache = new Map()));
  const key = JSON.stringify([model, spec, seed]);
  let pending = cache.get(key);
  if (!pending) {
    pending = ctx.handle.call('recurrent.init', { model, spec, seed }, { timeoutMs: ctx.profile.limits.checkTimeoutMs });
    cache.set(key, pending);
  }
  const outcome = await pending;
  return outcome.status === 'ok' ? { value: outcome.value.params } : { outcome: opFailure(outcome, `models.${model}.init`) };
}
