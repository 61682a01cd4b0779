/**
 * The canonical ops answered for a PyTorch submission (grader side): `recurrent.init`,
 * `recurrent.forward`, `recurrent.grads` and `train`, translated to and from the student's
 * own parameters with the mapping found for each model, so every check and experiment
 * runs unchanged with the same ids. The worker (harness/worker/python/worker.py) only
 * constructs, runs and trains; every number that earns points is judged here or in the
 * checks.
 *
 * Per model, once: inspect the parameters (float64 default dtype, else float32), keep the
 * input layouts on which the model returns exactly [B, K], propose candidates
 * (./mapping.ts; or take the instructor's pin, ./pin.ts) and settle them against the
 * oracle (./settle.ts) on the spec the checks send, which carries what the model fixes of it
 * (./model-spec.ts: the raw digit as one feature, no gate biases).
 */
import { datasetInfo, makeBatch } from '../../reference/data';
import type { DatasetName } from '../../reference/data/types';
import { oracle } from '../../reference/oracle';
import type { Mat, OracleParams } from '../../reference/oracle/types';
import type { RecurrentSpec, SequenceModelName } from '../contract';
import { expectedVariant, variantForward } from '../diagnosis';
import type { Profile } from '../profiles/types';
import type { OpError, OpOutcome, WireParams, WireTensor } from '../worker/types';
import type { ForwardArgs, ForwardResult, GradsArgs, GradsResult, InitArgs, InitResult } from '../worker/ops/recurrent';
import type { TrainArgs, TrainOutcome } from '../worker/train';
import { derivedSeed } from '../worker/seeds';
import { targetReachedAt } from '../worker/target';
import { canonicalNames, propose } from './mapping';
import { specNotes } from './model-spec';
import { pinnedCandidate } from './pin';
import type { Pin } from './pin';
import type { Candidate, StudentParam } from './mapping';
import { drawParams, drawTokens, MATCH_TOLERANCE, settle } from './settle';
import type { Settled } from './settle';
import { ctorFor, layoutOrder } from './templates';
import type { Ctor, Layout, Template } from './templates';
import { fromStudent, gradsFromStudent, loadProblem, toStudent } from './translate';
import type { StudentState, StudentTensor } from './translate';
import type { PyTorchModelMapping } from './types';

export type Request = <T>(op: string, args: unknown, timeoutMs: number) => Promise<OpOutcome<T>>;
type Dtype = 'float64' | 'float32';

interface Inspected { names: string[]; shapes: number[][]; owners: string[]; values: Record<string, StudentTensor>; dtype: string }
interface Mapped { settled: Settled; dtype: Dtype; params: StudentParam[]; summary: PyTorchModelMapping; output?: string; candidate?: Candidate; layout?: Layout }

/** A summary's fields before anything is known (reports need every field present, null when absent). */
const EMPTY: Omit<PyTorchModelMapping, 'model' | 'status'> = { layout: null, output: null, dtype: null, error: null, tried: null, pairs: [], problem: null, notes: [], pinned: null };

const errored = (error: OpError): OpOutcome<never> => ({ status: 'errored', error, ms: 0 });
const fail = (cause: OpError['cause'], name: string, message: string) => errored({ cause, name, message });

function wire(m: Mat): WireTensor {
  return { shape: [...m.shape], dtype: 'float32', values: Float32Array.from(m.data) };
}
function toOracle(w: WireParams): OracleParams {
  const out: OracleParams = {};
  for (const [name, t] of Object.entries(w)) out[name] = { shape: [...t.shape], data: Float64Array.from(t.values) };
  return out;
}
function studentMat(t: StudentTensor): Mat {
  return { shape: [...t.shape], data: Float64Array.from(t.values, (v) => (v === null ? Number.NaN : v)) };
}

export class PyTorchAdapter {
  private mapped = new Map<SequenceModelName, Promise<Mapped | OpOutcome<never>>>();
  private shapeCache = new Map<string, Promise<OpOutcome<Inspected>>>();

  /** `pin`: the instructor's mapping file beside the submission (./pin.ts); its candidate replaces the automatic ones of a model it names */
  constructor(readonly template: Template, readonly profile: Profile, readonly request: Request, readonly pin?: Pin) {}

  /** The mappings found so far, for the result and the report. */
  async summaries(): Promise<PyTorchModelMapping[]> {
    const out: PyTorchModelMapping[] = [];
    for (const [model, m] of this.mapped) {
      const got = await m;
      out.push('status' in got && !('settled' in got)
        ? { ...EMPTY, model, status: 'not-run', problem: got.status === 'errored' ? got.error.message : 'timed out' }
        : { ...(got as Mapped).summary, output: (got as Mapped).output ?? null });
    }
    return out;
  }

  private dataset(model: SequenceModelName): DatasetName | undefined {
    return this.profile.sanity[model]?.dataset;
  }

  private expected(model: SequenceModelName, params: OracleParams, tokens: number[][], spec: RecurrentSpec): Mat {
    if (model === 'peepLSTM' && this.profile.conventions.peepholeCellInput === 'tanh') {
      return variantForward(model, params, tokens, spec, expectedVariant({ peepholeCellInput: 'tanh' }));
    }
    return oracle[model].forward(params, tokens, { ...spec, gru: this.profile.conventions.gru }).logits;
  }

  private inspect(model: SequenceModelName, ctor: Ctor, dtype: Dtype, seed: number, timeoutMs: number): Promise<OpOutcome<Inspected>> {
    const key = JSON.stringify([model, ctor, dtype, seed]);
    let got = this.shapeCache.get(key);
    if (!got) {
      got = this.request<Inspected>('inspect', { model, ctor, dtype, seed }, timeoutMs);
      this.shapeCache.set(key, got);
    }
    return got;
  }

  private async shapesAt(model: SequenceModelName, ctor: Ctor, dtype: Dtype, timeoutMs: number): Promise<Record<string, number[]> | OpOutcome<never>> {
    const got = await this.inspect(model, ctor, dtype, 0, timeoutMs);
    if (got.status !== 'ok') return got as OpOutcome<never>;
    return Object.fromEntries(got.value.names.map((n, i) => [n, got.value.shapes[i]]));
  }

  /** The mapping of `model` (found once, on the first spec it is asked with). */
  mapping(model: SequenceModelName, spec: RecurrentSpec, timeoutMs: number): Promise<Mapped | OpOutcome<never>> {
    let m = this.mapped.get(model);
    if (!m) {
      m = this.find(model, spec, timeoutMs);
      this.mapped.set(model, m);
    }
    return m;
  }

  private async find(model: SequenceModelName, spec: RecurrentSpec, timeoutMs: number): Promise<Mapped | OpOutcome<never>> {
    const H = spec.hiddenDim, K = spec.numClasses, V = spec.vocabSize;
    const B = [5, 4, 3, 7, 8].find((b) => b !== H && b !== K && b !== V)!;       // batch ≠ hidden
    const T = 4;
    const ctor = ctorFor(this.dataset(model), T, H, K, B);
    let dtype: Dtype = 'float64';
    let inspected = await this.inspect(model, ctor, dtype, 0, timeoutMs);
    if (inspected.status !== 'ok') {
      dtype = 'float32';
      const retry = await this.inspect(model, ctor, dtype, 0, timeoutMs);
      if (retry.status !== 'ok') return retry as OpOutcome<never>;
      inspected = retry;
    }
    const params: StudentParam[] = inspected.value.names.map((name, i) => ({ name, shape: inspected.value.shapes[i], owner: inspected.value.owners[i] }));
    const shapes = Object.fromEntries(params.map((p) => [p.name, p.shape]));
    let pinned: Candidate | undefined;
    try {
      pinned = this.pin && pinnedCandidate(this.pin, model, params, H);
    } catch (e) {
      return fail('load-failed', 'BadMappingPin', (e as Error).message);
    }
    const proposal = pinned ? { candidates: [pinned], problems: [] } : propose(model, params, H, K, { scalar: spec.input.kind === 'scalar' });
    const pinFile = pinned ? this.pin!.file : null;
    const notes = [...specNotes(spec), ...(pinFile ? [`mapping pinned by ${pinFile}`] : [])];
    const pinFailed = (problem: string) => (pinFile ? `the pin failed: the mapping pinned by ${pinFile} does not reproduce the reference (${problem})` : problem);
    const none = (problem: string, tried = 0): Mapped => ({
      settled: { status: 'none', error: Infinity, tried, problem: pinFailed(problem) }, dtype, params,
      summary: { ...EMPTY, model, status: 'none', dtype, tried, problem: pinFailed(problem), notes, pinned: pinFile },
    });
    if (!proposal.candidates.length) return none(`no mapping: ${proposal.problems.join('; ')}`);
    const candidates = proposal.candidates.filter((c) => !loadProblem(c.bindings, shapes, spec));
    if (!candidates.length) return none(`no mapping: canonical parameters load exactly only into ${loadProblem(proposal.candidates[0].bindings, shapes, spec)}`);

    const canonicalShapes = oracle[model].paramShapes({ ...spec, gru: this.profile.conventions.gru });
    // canonical parameters no student parameter holds (a GRU without biases): zero in the draws, so the candidates are
    // told apart by what the model does have; the model then still maps to nothing, and says which it lacks
    const held = new Set(candidates[0].bindings.flatMap((b) => canonicalNames(b)));
    const lacking = Object.keys(canonicalShapes).filter((n) => !held.has(n) && !(n === 'embedding'));
    const draws = [1, 2].map((d) => {
      const p = drawParams(canonicalShapes, 7_000_000 + d);           // the checks' probe draws, seeds of the adapter's own
      for (const n of lacking) p[n].data.fill(0);
      const tokens = drawTokens(B, T, V, `${model}/draw=${d}`);
      return { params: p, tokens, expected: this.expected(model, p, tokens, spec) };
    });
    const settleIn = async (precision: Dtype): Promise<Settled> => {
      // layouts on which the model, as constructed, returns exactly [B, K]
      const layouts: Layout[] = [];
      const failures: string[] = [];
      for (const layout of layoutOrder(this.template, this.dataset(model))) {
        const out = await this.request<{ output: StudentTensor }>('forward', { model, ctor, dtype: precision, tokens: draws[0].tokens, layout }, timeoutMs);
        if (out.status === 'ok' && out.value.output.shape.length === 2 && out.value.output.shape[0] === B && out.value.output.shape[1] === K) layouts.push(layout);
        else failures.push(`[${layout}] → ${out.status === 'ok' ? `output [${out.value.output.shape.join(', ')}]` : out.status === 'errored' ? `${out.error.name}: ${out.error.message}` : 'timed out'}`);
      }
      if (!layouts.length) return { status: 'none', error: Infinity, tried: failures.length, problem: `forward requires an output of exactly [B=${B}, K=${K}] on an input the template's train.py produces, got ${failures[0]}${failures.length > 1 ? ` (and on ${failures.length - 1} other layouts: ${failures.slice(1).map((f) => f.slice(0, f.indexOf(']') + 1)).join(', ')})` : ''}` };
      return settle({
        candidates, layouts, draws, tolerance: MATCH_TOLERANCE[precision],
        run: async (candidate, layout, d) => {
          const state = toStudent(draws[d].params, candidate.bindings, shapes, spec);
          const out = await this.request<{ output: StudentTensor }>('forward', { model, ctor, dtype: precision, state, tokens: draws[d].tokens, layout }, timeoutMs);
          return out.status === 'ok' ? studentMat(out.value.output) : out.status === 'errored' ? out.error.message : 'timed out';
        },
      });
    };
    let settled = await settleIn(dtype);
    if (settled.status === 'none' && !Number.isFinite(settled.error) && dtype === 'float64') {
      // states made inside forward stay float32 in most models: the whole model in float32
      const retry = await settleIn('float32');
      if (retry.status !== 'none' || Number.isFinite(retry.error)) { settled = retry; dtype = 'float32'; }
    }
    if (lacking.length && settled.status !== 'none') {
      settled = { status: 'none', candidate: settled.candidate, layout: settled.layout, error: settled.error, tried: settled.tried, problem: `no parameter holds ${lacking.join(', ')} (with those at 0 it reproduces the reference as ${settled.candidate.label || 'named'})` };
    }
    if (settled.status === 'none') settled = { ...settled, problem: pinFailed(settled.problem) };
    const candidate: Candidate | undefined = settled.candidate;
    return {
      settled, dtype, params,
      summary: {
        model, status: settled.status, dtype, tried: settled.tried, output: null,
        layout: settled.layout ?? null,
        error: Number.isFinite(settled.error) ? settled.error : null,
        pairs: candidate ? candidate.bindings.map((b) => ({ student: b.name, canonical: canonicalNames(b).join(' + '), transposed: b.transpose === true })) : [],
        problem: settled.status === 'none' ? settled.problem : settled.status === 'ambiguous' ? `ambiguous: ${settled.matching.length} candidates reproduce the reference (${settled.matching.join(' | ')}); no mapping is chosen for it (an instructor can pin one in <submission folder>.mapping.json, beside the folder)` : null,
        notes, pinned: pinFile,
      },
    };
  }

  /** The mapping usable for running `model`, or why there is none. */
  private async usable(model: SequenceModelName, spec: RecurrentSpec, timeoutMs: number): Promise<(Mapped & { candidate: Candidate; layout: Layout }) | OpOutcome<never>> {
    const m = await this.mapping(model, spec, timeoutMs);
    if (!('settled' in m)) return m;
    if (m.settled.status === 'ambiguous') return fail('bad-output', 'AmbiguousMapping', `models.${model}: ${m.summary.problem}`);
    if (!m.settled.candidate || !m.settled.layout) return fail('bad-output', 'NoMapping', `models.${model} (PyTorch) could not be run on canonical parameters: ${m.summary.problem}`);
    m.candidate = m.settled.candidate;
    m.layout = m.settled.layout;
    return m as Mapped & { candidate: Candidate; layout: Layout };
  }

  private ctor(model: SequenceModelName, spec: RecurrentSpec, B: number, T: number): Ctor {
    return ctorFor(this.dataset(model), T, spec.hiddenDim, spec.numClasses, B);
  }

  async init(args: InitArgs, timeoutMs: number): Promise<OpOutcome<InitResult>> {
    const m = await this.usable(args.model, args.spec, timeoutMs);
    if (!('settled' in m)) return m;
    const task = this.profile.sanity[args.model];
    const T = task ? datasetInfo(task.dataset, task.length).T : 5;
    const got = await this.inspect(args.model, this.ctor(args.model, args.spec, 4, T), m.dtype, args.seed, timeoutMs);
    if (got.status !== 'ok') return got as OpOutcome<never>;
    const shapes = oracle[args.model].paramShapes({ ...args.spec, gru: this.profile.conventions.gru });
    try {
      const canonical = fromStudent(got.value.values, m.candidate.bindings, args.spec, shapes);
      const params: WireParams = {};
      for (const [name, mat] of Object.entries(canonical)) params[name] = wire(mat);
      return { status: 'ok', value: { params }, ms: got.ms };
    } catch (e) {
      return fail('bad-output', 'NoMapping', `models.${args.model}.init: ${(e as Error).message}`);
    }
  }

  private async state(model: SequenceModelName, spec: RecurrentSpec, params: WireParams, B: number, T: number, m: Mapped & { candidate: Candidate }, timeoutMs: number): Promise<{ ctor: Ctor; state: StudentState } | OpOutcome<never>> {
    const ctor = this.ctor(model, spec, B, T);
    const shapes = await this.shapesAt(model, ctor, m.dtype, timeoutMs);
    if ('status' in shapes) return shapes as OpOutcome<never>;
    const wanted = oracle[model].paramShapes({ ...spec, gru: this.profile.conventions.gru });
    const missing = Object.keys(wanted).filter((n) => !params[n]);
    if (missing.length) return fail('bad-output', 'BadArguments', `recurrent op requires the canonical parameters ${missing.join(', ')}, got none of that name`);
    return { ctor, state: toStudent(toOracle(params), m.candidate.bindings, shapes as Record<string, number[]>, spec) };
  }

  private mutated(m: Mapped & { candidate: Candidate }, names: string[]): string[] {
    return [...new Set(names.flatMap((n) => {
      const b = m.candidate.bindings.find((x) => x.name === n);
      return b ? canonicalNames(b) : [n];
    }))].sort();
  }

  async forward(args: ForwardArgs, timeoutMs: number): Promise<OpOutcome<ForwardResult>> {
    const m = await this.usable(args.model, args.spec, timeoutMs);
    if (!('settled' in m)) return m;
    const s = await this.state(args.model, args.spec, args.params, args.tokens.length, args.tokens[0]?.length ?? 0, m, timeoutMs);
    if ('status' in s) return s;
    const out = await this.request<{ output: StudentTensor; kind: string; mutated: string[] }>('forward', { model: args.model, ctor: s.ctor, dtype: m.dtype, state: s.state, tokens: args.tokens, layout: m.layout }, timeoutMs);
    if (out.status !== 'ok') return out as OpOutcome<never>;
    m.output ??= out.value.kind;
    return { status: 'ok', value: { output: wire(studentMat(out.value.output)), hygiene: { leakedTensors: 0, mutated: this.mutated(m, out.value.mutated) } }, ms: out.ms };
  }

  async grads(args: GradsArgs, timeoutMs: number): Promise<OpOutcome<GradsResult>> {
    const m = await this.usable(args.model, args.spec, timeoutMs);
    if (!('settled' in m)) return m;
    const s = await this.state(args.model, args.spec, args.params, args.tokens.length, args.tokens[0]?.length ?? 0, m, timeoutMs);
    if ('status' in s) return s;
    const out = await this.request<{ loss: number | null; output: StudentTensor; grads: StudentState }>('grads', { model: args.model, ctor: s.ctor, dtype: m.dtype, state: s.state, tokens: args.tokens, targets: args.targets, layout: m.layout }, timeoutMs);
    if (out.status !== 'ok') return out as OpOutcome<never>;
    const canonical = gradsFromStudent(out.value.grads, toOracle(args.params), m.candidate.bindings, args.spec);
    const grads: WireParams = {};
    for (const name of Object.keys(args.params)) grads[name] = wire(canonical[name] ?? { shape: [...args.params[name].shape], data: new Float64Array(args.params[name].values.length) });
    return { status: 'ok', value: { loss: out.value.loss ?? Number.NaN, output: wire(studentMat(out.value.output)), grads, hygiene: { leakedTensors: 0, mutated: [] } }, ms: out.ms };
  }

  /**
   * One seeded training run, the same loop as the tfjs worker's (harness/worker/train.ts) on
   * the SAME batches: the grader makes every batch with reference/data's generators and
   * sends them; the worker runs the student's forward, the last-step cross-entropy, global
   * clipping and the profile's optimizer in float32; the grader scores every evaluation
   * from the model's outputs on an evaluation set of the same seed.
   */
  async train(args: TrainArgs, timeoutMs: number): Promise<OpOutcome<TrainOutcome>> {
    const started = performance.now();
    const left = () => Math.max(1, timeoutMs - (performance.now() - started));
    const m = await this.usable(args.model, args.spec, left());
    if (!('settled' in m)) return m;
    const { model, spec, dataset, length, seed, batchSize, steps, evalEvery, target } = args;
    const budget = args.measureSteps ? Math.min(args.measureSteps, steps) : steps;
    const evalBatch = makeBatch(dataset, length, args.evalSize, derivedSeed(seed, 'eval'));
    const { T, numClasses } = evalBatch;
    const rows = (tokens: Int32Array, B: number) => Array.from({ length: B }, (_, b) => Array.from(tokens.subarray(b * T, (b + 1) * T)));
    const begun = await this.request('train.begin', { model, ctor: this.ctor(model, spec, batchSize, T), seed, optimizer: args.optimizer, lr: args.learningRate, maxNorm: args.maxNorm, layout: m.layout }, left());
    if (begun.status !== 'ok') return begun as OpOutcome<never>;
    const curve: TrainOutcome['curve'] = [];
    let trainingMs = 0, firstStepMs = 0, done = 0;
    let status: TrainOutcome['status'] = 'censored';
    let message: string | undefined, stepsToTarget: number | undefined, secondsToTarget: number | undefined;
    const evalTokens = rows(evalBatch.tokens, args.evalSize);
    const record = async (step: number): Promise<boolean | OpOutcome<never>> => {
      const out = await this.request<{ output: StudentTensor }>('train.eval', { ctor: this.ctor(model, spec, args.evalSize, T), tokens: evalTokens }, left());
      if (out.status !== 'ok') return out as OpOutcome<never>;
      const logits = studentMat(out.value.output);
      if (logits.shape[0] !== args.evalSize || logits.shape[1] !== numClasses) return fail('bad-output', 'BadOutput', `train requires models.${model} to return [B, K] = [${args.evalSize}, ${numClasses}], got [${logits.shape.join(', ')}]`);
      const { loss, accuracy } = scoreOutputs(logits, evalBatch.targets);
      curve.push({ step, seconds: trainingMs / 1000, loss, accuracy });
      if (!Number.isFinite(loss)) { status = 'diverged'; message = `the evaluation loss became ${loss} at step ${step}`; return true; }
      const first = stepsToTarget === undefined ? targetReachedAt(curve, target, args.confirm !== false) : undefined;
      if (first) {
        stepsToTarget = first.step; secondsToTarget = first.seconds; status = 'converged';
        return args.stopAtTarget ?? true;
      }
      return false;
    };
    let stop: boolean | OpOutcome<never> = args.measureSteps ? false : await record(0);
    for (let step = 1; step <= budget && stop === false;) {
      const chunk = Math.min(args.measureSteps ? budget - step + 1 : evalEvery - ((step - 1) % evalEvery), budget - step + 1);
      const batches = packBatches(Array.from({ length: chunk }, (_, k) => makeBatch(dataset, length, batchSize, derivedSeed(seed, 'train', step + k))), batchSize, T);
      const out = await this.request<{ losses: Array<number | null>; ms: number }>('train.steps', { batches }, left());
      if (out.status !== 'ok') return out as OpOutcome<never>;
      if (step === 1 && out.value.losses.length) firstStepMs = out.value.ms / out.value.losses.length;
      trainingMs += out.value.ms;
      done = step + out.value.losses.length - 1;
      const bad = out.value.losses.findIndex((l) => l === null || !Number.isFinite(l));
      if (bad >= 0) {
        curve.push({ step: step + bad, seconds: trainingMs / 1000, loss: Number.NaN, accuracy: Number.NaN });
        status = 'diverged'; message = `the training loss became NaN or infinite at step ${step + bad}`;
        break;
      }
      step += chunk;
      if (!args.measureSteps && ((step - 1) % evalEvery === 0 || step - 1 === budget)) stop = await record(step - 1);
    }
    if (typeof stop === 'object') return stop;
    // the trained parameters under canonical names, for the grader to score on data the worker never sees
    let finalParams: WireParams | undefined;
    if (args.returnParams) {
      const state = await this.request<{ state: StudentState }>('train.state', {}, left());
      if (state.status !== 'ok') return state as OpOutcome<never>;
      try {
        const canonical = fromStudent(state.value.state, m.candidate.bindings, spec, oracle[model].paramShapes({ ...spec, gru: this.profile.conventions.gru }));
        finalParams = Object.fromEntries(Object.entries(canonical).map(([name, mat]) => [name, wire(mat)]));
      } catch (e) {
        message = `the trained parameters could not be read as canonical ones: ${(e as Error).message}`;
      }
    }
    return {
      status: 'ok',
      value: {
        model, dataset, T, seed, backend: 'pytorch', status, target, budgetSteps: steps, curve, stepsToTarget, secondsToTarget,
        msPerStep: args.measureSteps && done > 1 ? (trainingMs - firstStepMs) / (done - 1) : done ? trainingMs / done : 0,
        ...(message ? { message } : {}),
        ...(finalParams ? { finalParams } : {}),
      },
      ms: performance.now() - started,
    };
  }
}

/** A chunk of training batches as the worker reads them: see {@link packBatches}. */
export interface PackedBatches { count: number; B: number; T: number; width: 1 | 4; tokens: string; targets: string }

/**
 * `count` batches of tokens [B, T] and targets [B] as little-endian integers in base64, one
 * byte each when every id fits (the recurrent datasets' 3–10 tokens), else four: the worker
 * reads them with one `torch.frombuffer` instead of parsing nested JSON lists (at batch 64,
 * hidden 64 that parse and copy cost about 2 ms of a 8 ms step).
 */
export function packBatches(batches: Array<{ tokens: Int32Array; targets: Int32Array }>, B: number, T: number): PackedBatches {
  for (const b of batches) {
    if (b.tokens.length !== B * T || b.targets.length !== B) throw new Error(`packBatches requires tokens [${B}, ${T}] and targets [${B}] in every batch, got ${b.tokens.length} tokens and ${b.targets.length} targets`);
  }
  const all = (pick: (b: { tokens: Int32Array; targets: Int32Array }) => Int32Array) => {
    const out = new Int32Array(batches.reduce((n, b) => n + pick(b).length, 0));
    let at = 0;
    for (const b of batches) { out.set(pick(b), at); at += pick(b).length; }
    return out;
  };
  const tokens = all((b) => b.tokens), targets = all((b) => b.targets);
  const width = tokens.every((v) => v >= 0 && v < 256) && targets.every((v) => v >= 0 && v < 256) ? 1 : 4;
  const bytes = (v: Int32Array) => (width === 1 ? Buffer.from(Uint8Array.from(v)) : Buffer.from(v.buffer, v.byteOffset, v.byteLength)).toString('base64');
  return { count: batches.length, B, T, width, tokens: bytes(tokens), targets: bytes(targets) };
}

/** Mean last-step cross-entropy of log_softmax(outputs) and accuracy, in float64 (logits and log-probabilities alike). */
export function scoreOutputs(logits: Mat, targets: Int32Array): { loss: number; accuracy: number } {
  const [B, K] = logits.shape;
  let loss = 0, correct = 0;
  for (let b = 0; b < B; b++) {
    const row = logits.data.subarray(b * K, (b + 1) * K);
    let max = -Infinity, arg = 0;
    for (let k = 0; k < K; k++) if (row[k] > max) { max = row[k]; arg = k; }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(row[k] - max);
    loss -= row[targets[b]] - max - Math.log(sum);
    if (arg === targets[b]) correct += 1;
  }
  return { loss: loss / B, accuracy: correct / B };
}
