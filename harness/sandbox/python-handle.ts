/**
 * A PyTorch submission as a {@link SubmissionHandle}: the course's own template files, run
 * by the Python worker (./python-process.ts, one fresh interpreter per submission, under
 * the same isolation as the tfjs child) and answered in the canonical op protocol by
 * harness/pytorch/adapter.ts, so every check, diagnosis and experiment has one path.
 *
 * Ops the templates have no counterpart for (text generator, graph layers, the time gate,
 * hand-written gradients) answer `not-submitted`. Without python3 + torch nothing starts:
 * {@link openPython} reports {@link NO_RUNTIME} as the submission's load failure.
 */
import type { DiscoveredSubmission } from '../discover/find';
import { createHash } from 'node:crypto';
import { probeSpecs } from '../checks/recurrent/support';
import { PyTorchAdapter } from '../pytorch/adapter';
import { modelSpecOf } from '../pytorch/model-spec';
import { readPin } from '../pytorch/pin';
import type { Pin } from '../pytorch/pin';
import { NO_RUNTIME, pythonRuntime } from '../pytorch/runtime';
import { ctorFor, TEMPLATE_FILES, templateOf } from '../pytorch/templates';
import type { Template } from '../pytorch/templates';
import type { PyTorchGrading } from '../pytorch/types';
import type { Profile } from '../profiles/types';
import type { SequenceModelName } from '../contract';
import type { ForwardArgs, GradsArgs, InitArgs } from '../worker/ops/recurrent';
import type { OpArgs, OpName, OpResult } from '../worker/protocol';
import type { TrainArgs } from '../worker/train';
import { PythonProcess } from './python-process';
import type { PythonInfo } from './python-messages';
import type { Opened } from './sandboxed';
import type { OpOutcome, SubmissionHandle, SubmissionInfo } from './types';

export interface PythonOptions {
  opTimeoutMs: number;
  loadTimeoutMs: number;
  memoryMb: number;
  lane: number;
  /** `cuda` trains on a GPU when torch sees one (else the CPU, said in the report) */
  device: 'cpu' | 'cuda';
  /** torch's intra-op threads; default 1 (lanes share the cores) */
  threads: number;
}

export const DEFAULT_PYTHON: PythonOptions = { opTimeoutMs: 30_000, loadTimeoutMs: 120_000, memoryMb: 2048, lane: 0, device: 'cpu', threads: 1 };

const notSubmitted = (message: string): OpOutcome<never> => ({ status: 'errored', error: { cause: 'not-submitted', name: 'NotSubmitted', message }, ms: 0 });

export class PythonHandle implements SubmissionHandle {
  info: SubmissionInfo;
  readonly adapter: PyTorchAdapter;
  worker?: PythonInfo;

  constructor(readonly submission: DiscoveredSubmission, readonly process: PythonProcess, readonly template: Template, readonly profile: Profile, readonly options: PythonOptions, pin?: Pin) {
    this.info = { name: submission.name, dir: submission.dir, hash: submission.hash, provides: [], conventions: {}, warnings: [] };
    this.adapter = new PyTorchAdapter(template, profile, (op, args, timeoutMs) => process.request(op, args, timeoutMs), pin);
  }

  call<K extends OpName>(op: K, args: OpArgs<K>, options: { timeoutMs?: number } = {}): Promise<OpOutcome<OpResult<K>>> {
    const timeoutMs = options.timeoutMs ?? this.options.opTimeoutMs;
    return this.dispatch(op, args, timeoutMs) as Promise<OpOutcome<OpResult<K>>>;
  }

  private async dispatch(op: OpName, args: unknown, timeoutMs: number): Promise<OpOutcome<unknown>> {
    const model = (args as { model?: SequenceModelName }).model;
    const problem = model ? this.worker?.problems[model] : undefined;
    if (problem) return { status: 'errored', error: { cause: problem.cause, name: problem.cause === 'load-failed' ? 'LoadFailed' : 'NotSubmitted', message: problem.message }, ms: 0 };
    switch (op) {
      case 'describe':
        return { status: 'ok', value: { provides: this.info.provides, conventions: {}, backend: 'pytorch', tensors: 0 }, ms: 0 };
      case 'recurrent.init': return this.adapter.init(args as InitArgs, timeoutMs);
      case 'recurrent.forward': return this.adapter.forward(args as ForwardArgs, timeoutMs);
      case 'recurrent.grads': return this.adapter.grads(args as GradsArgs, timeoutMs);
      case 'train': return this.adapter.train(args as TrainArgs, timeoutMs);
      case 'recurrent.handGradients': return notSubmitted('hand-written gradients are not part of the PyTorch template (its autograd gradients are graded)');
      default: return notSubmitted(`the ${this.template} PyTorch template has no counterpart for ${op} (netgrade grades Part 1's files of PyTorch submissions)`);
    }
  }

  /** What grading this submission in PyTorch found, for its result and report. */
  async summary(): Promise<PyTorchGrading> {
    const runtime = pythonRuntime();
    return {
      template: this.template,
      torch: this.worker?.torch ?? runtime?.torch ?? 'unknown',
      device: this.worker?.device ?? this.options.device,
      python: runtime?.python ?? 'none',
      deterministic: this.worker?.deterministic ?? false,
      models: await this.adapter.summaries(),
    };
  }

  async interrupt(): Promise<void> {
    this.process.interrupt();
  }

  async close(): Promise<void> {
    await this.process.close();
  }
}

/** True when the folder holds a file of a PyTorch template (and no index.ts/js). */
export function isPyTorchFolder(files: string[]): boolean {
  const known = new Set(Object.values(TEMPLATE_FILES).flatMap((t) => Object.values(t)));
  return !files.includes('index.ts') && !files.includes('index.js') && files.some((f) => known.has(f));
}

/**
 * Start a PyTorch submission's worker and wait until its files are imported. Each model of
 * the template whose class cannot even be constructed because it is the template's stub
 * (`NotImplementedError`) is left out of `provides` ("not submitted"); each other one is
 * inspected at the first probe spec's sizes for what it fixes of its spec
 * (`info.modelSpecs`: ../pytorch/model-spec.ts). An instructor's mapping pin beside the
 * folder (../pytorch/pin.ts) is read here, grader side; a bad one fails the load with the
 * file, model and entry it requires, and a pin is part of the content hash.
 */
export async function openPython(submission: DiscoveredSubmission, profile: Profile, given: Partial<PythonOptions> = {}): Promise<Opened> {
  const options = { ...DEFAULT_PYTHON, ...given };
  const info: SubmissionInfo = { name: submission.name, dir: submission.dir, hash: submission.hash, provides: [], conventions: {}, warnings: [] };
  const template = templateOf(profile);
  if (!template) {
    return { status: 'load-failed', info, error: { cause: 'load-failed', name: 'NoTemplate', message: `a PyTorch submission requires a profile of a course year (2018, 2019, 2020-*) or with "pytorchTemplate", got ${profile.name}` } };
  }
  const runtime = pythonRuntime();
  if (!runtime) return { status: 'load-failed', info, error: { cause: 'load-failed', name: 'PyTorchRuntimeNotFound', message: NO_RUNTIME } };
  let pin: Pin | undefined;
  try {
    pin = readPin(submission.dir);
  } catch (e) {
    return { status: 'load-failed', info, error: { cause: 'load-failed', name: 'BadMappingPin', message: (e as Error).message } };
  }
  const process = new PythonProcess(submission.dir, submission.name, { python: runtime.python, template, memoryMb: options.memoryMb, loadTimeoutMs: options.loadTimeoutMs, device: options.device, threads: options.threads, lane: options.lane });
  const loaded = await process.start();
  if (!loaded.ok) {
    await process.close();
    return { status: 'load-failed', info: { ...info, hash: process.hash ?? info.hash }, error: loaded.error };
  }
  const handle = new PythonHandle(submission, process, template, profile, options, pin);
  handle.worker = loaded.info;
  const graded = new Set(profile.models);
  const provides: string[] = [];
  const modelSpecs: NonNullable<SubmissionInfo['modelSpecs']> = {};
  for (const model of Object.keys(TEMPLATE_FILES[template]) as SequenceModelName[]) {
    if (!graded.has(model)) continue;
    const problem = loaded.info.problems[model];
    if (problem) { if (problem.cause !== 'not-submitted') provides.push(model); continue; }
    if (!loaded.info.provides.includes(model)) continue;
    const [spec] = probeSpecs(profile, model);
    const probe = await process.request<{ names: string[]; shapes: number[][]; owners: string[] }>('inspect', { model, ctor: ctorFor(profile.sanity[model]?.dataset, 4, spec.hiddenDim, spec.numClasses, 5), dtype: 'float32', seed: 0 }, options.opTimeoutMs);
    if (probe.status === 'errored' && probe.error.cause === 'not-submitted') continue;
    provides.push(model);
    if (probe.status !== 'ok') continue;
    const own = modelSpecOf(template, model, probe.value.names.map((name, i) => ({ name, shape: probe.value.shapes[i], owner: probe.value.owners[i] })), spec);
    if (Object.keys(own).length) modelSpecs[model] = own;
  }
  const hash = pin ? createHash('sha256').update(`${process.hash ?? info.hash}\n${pin.file}\n${JSON.stringify(pin.models)}`).digest('hex') : process.hash ?? info.hash;
  handle.info = { ...info, hash, provides, modelSpecs, warnings: [`PyTorch ${loaded.info.torch} on ${loaded.info.device}, ${template} template${Object.keys(loaded.info.files).length ? `: ${Object.values(loaded.info.files).map((f) => `${f.file} (${f.class})`).join(', ')}` : ''}`] };
  return { status: 'loaded', handle };
}
