/**
 * Running one reproduction. Part 1 goes through the harness's own experiment runner
 * (harness/experiments/run-experiments.ts → the `train` op): the tfjs reference in this
 * process, the PyTorch example through the sandboxed Python handle and the PyTorch
 * adapter's `train`, exactly as grading trains them — except that every run trains its whole
 * budget (`stopAtTarget: false`), because the claims are about whole curves. Part 2 trains
 * the reference text generator with reference/text's loop. Runs are kept in a store, so an
 * interrupted invocation resumes where it stopped.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../backend';
import { discoverOne, type DiscoveredSubmission } from '../discover';
import { runExperiments } from '../experiments/run-experiments';
import { loadProfile } from '../profiles';
import type { Profile } from '../profiles/types';
import { pythonRuntime } from '../pytorch/runtime';
import type { TrainingRun } from '../results/types';
import { openInProcess, PROJECT_ROOT, type Opened } from '../sandbox';
import { referenceSubmission } from '../sandbox/bundle';
import { openPython } from '../sandbox/python-handle';
import type { OpArgs, OpName } from '../worker/protocol';
import { datasetInfo } from '../../reference/data';
import { textGenerator } from '../../reference/models/text-generator';
import { readCorpus, TextDataset, trainWithSamples } from '../../reference/text';
import { settingsAt, type Part1Plan, type Part1Settings, type TextPlan } from './plan';
import type { ReproductionData, RunRecord, Scale } from './types';

export const PYTORCH_EXAMPLE = join(PROJECT_ROOT, 'submissions', 'pytorch-2020');
/** an in-process op cannot be stopped, so it gets no practical limit; a PyTorch run gets the same */
const NO_LIMIT_MS = 12 * 60 * 60 * 1000;

export interface RunOptions {
  scale: Scale;
  /** the folder of the run stores (one per reproduction and scale) */
  store: string;
  /** false: the PyTorch reproduction is recorded as not run */
  pytorch: boolean;
  log: (line: string) => void;
}

/** The course profile with the plan's models, trained at the scale's settings. */
export function profileFor(plan: Part1Plan, settings: Part1Settings): Profile {
  const base = loadProfile(plan.profile);
  const experiments = plan.models.map((model) => {
    const e = base.experiments.find((x) => x.model === model);
    if (!e) throw new Error(`reproduction ${plan.name} requires profile ${plan.profile} to have an experiment for ${model}, got ${base.experiments.map((x) => x.model).join(', ')}.`);
    const { lengths, hiddenDim, batchSize, steps, evalEvery, evalSize } = settings;
    return { ...e, lengths, hiddenDim, batchSize, steps, evalEvery, evalSize };
  });
  return { ...base, seeds: settings.seeds, experiments };
}

/** The same handle, with every `train` call running its whole budget. */
function fullCurves(opened: Opened): Opened {
  if (opened.status !== 'loaded') return opened;
  const inner = opened.handle;
  const handle = Object.create(inner) as typeof inner;
  handle.call = <K extends OpName>(op: K, args: OpArgs<K>, options?: { timeoutMs?: number }) =>
    inner.call(op, (op === 'train' ? { ...args, stopAtTarget: false } : args) as OpArgs<K>, options);
  return { ...opened, handle };
}

function machine(backend: string): ReproductionData['machine'] {
  const cores = cpus();
  return { cores: cores.length, cpu: cores[0]?.model.trim() ?? 'unknown', loadAverage: Number(loadavg()[0].toFixed(2)), backend };
}

function record(run: TrainingRun, plan: Part1Plan, lengths: number[]): RunRecord {
  const length = lengths.find((L) => datasetInfo(run.dataset as never, L).T === run.T) ?? run.T;
  const { model, dataset, T, seed, status, budgetSteps, stepsToTarget, msPerStep, curve, message } = run;
  return { implementation: plan.implementation, model, dataset, length, T, seed, status, budgetSteps, ...(stepsToTarget !== undefined ? { stepsToTarget } : {}), msPerStep, curve, ...(message ? { message } : {}) };
}

export async function runPart1(plan: Part1Plan, options: RunOptions): Promise<ReproductionData> {
  const started = Date.now();
  const { settings, scaled } = settingsAt(plan, options.scale);
  const profile = profileFor(plan, settings);
  const experiment = profile.experiments[0];
  const data: ReproductionData = {
    name: plan.name, title: plan.title, implementation: plan.implementation, scale: options.scale,
    settings: {
      models: plan.models.join(', '), dataset: experiment.dataset, lengths: settings.lengths.join(', '), seeds: settings.seeds.join(', '),
      optimizer: `${experiment.optimizer} lr ${experiment.learningRate}`, 'max-norm': String(experiment.maxNorm),
      input: experiment.input.kind === 'embedding' ? `embedding ${experiment.input.dim}` : experiment.input.kind,
      hidden: String(settings.hiddenDim), batch: String(settings.batchSize), steps: String(settings.steps),
      evaluation: `every ${settings.evalEvery} steps on ${settings.evalSize} fixed sequences`,
    },
    scaled, startedAt: new Date(started).toISOString(), wallSeconds: 0, resumedRuns: 0, machine: machine('wasm'), runs: [],
  };

  let submission: DiscoveredSubmission;
  let open: (s: DiscoveredSubmission) => Promise<Opened>;
  if (plan.implementation === 'pytorch') {
    const runtime = pythonRuntime();
    if (!options.pytorch || !runtime) return { ...data, notRun: options.pytorch ? 'no PyTorch runtime (python3 with torch) on this machine' : 'not asked for (--no-pytorch)' };
    const found = discoverOne(PYTORCH_EXAMPLE);
    if (!('entry' in found)) throw new Error(found.message);
    submission = found;
    open = async (s) => fullCurves(await openPython(s, profile, { lane: 0, threads: 1 }));
    data.machine = { ...machine('pytorch (cpu, 1 thread)'), torch: runtime.torch };
    data.settings.input = 'the example\'s own nn.Embedding and initialisation (submissions/pytorch-2020/lstm.py, peep_lstm.py)';
  } else {
    data.machine = machine((await selectBackend()).name);
    submission = referenceSubmission();
    open = async (s) => fullCurves(await openInProcess(s));
  }

  const outcome = await runExperiments({
    submissions: [submission], profile, store: join(options.store, `${plan.name}-${options.scale}`),
    jobs: 1, open, projection: false, verifyReproducible: false, trainTimeoutMs: NO_LIMIT_MS, backend: data.machine.backend, log: options.log,
  });
  return { ...data, wallSeconds: (Date.now() - started) / 1000, resumedRuns: outcome.resumed, runs: outcome.runs.map((r) => record(r, plan, settings.lengths)) };
}

export async function runText(plan: TextPlan, options: RunOptions): Promise<ReproductionData> {
  const started = Date.now();
  const { settings: s, scaled } = settingsAt(plan, options.scale);
  const backend = (await selectBackend()).name;
  const corpus = readCorpus(plan.corpus);
  const data = new TextDataset(corpus, s.seqLength);
  const spec = { vocabSize: data.vocabSize, embeddingDim: s.embeddingDim, hiddenDim: s.hiddenDim, numLayers: s.numLayers };
  options.log(`${plan.name}: ${corpus.source}, ${data.length} characters, vocabulary ${data.vocabSize}; ${s.steps} steps`);
  const { result, samples } = trainWithSamples(textGenerator, spec, data, {
    steps: s.steps, batchSize: s.batchSize, learningRate: s.learningRate, maxNorm: s.maxNorm, evalEvery: s.evalEvery, seed: s.seed,
  }, { onPoint: (p) => { if (p.step % (s.evalEvery * 10) === 0) options.log(`${plan.name}: step ${p.step}, accuracy ${p.accuracy.toFixed(3)} (${p.seconds.toFixed(0)} s)`); } });
  for (const t of Object.values(result.params)) t.dispose();
  const run: RunRecord = {
    implementation: 'tfjs', model: 'textGenerator', dataset: corpus.source, length: s.seqLength, T: s.seqLength, seed: s.seed,
    status: result.diverged ? 'diverged' : 'trained', budgetSteps: s.steps, msPerStep: result.msPerStep, curve: result.curve,
  };
  return {
    name: plan.name, title: plan.title, implementation: 'tfjs', scale: options.scale,
    settings: {
      corpus: corpus.source, 'seq_length': String(s.seqLength), batch: String(s.batchSize), layers: `${s.numLayers} × ${s.hiddenDim} LSTM`,
      embedding: `${s.embeddingDim} (not prescribed by the course)`, optimizer: `adam lr ${s.learningRate}`, 'max-norm': String(s.maxNorm),
      steps: String(s.steps), seed: String(s.seed), accuracy: `per character over B × T, mean of the training batches of each ${s.evalEvery} steps`,
    },
    scaled, startedAt: new Date(started).toISOString(), wallSeconds: (Date.now() - started) / 1000, resumedRuns: 0,
    machine: machine(backend), runs: [run], samples,
  };
}
