/**
 * The experiment runner (orchestrator side): the profile's job list for a set of
 * submissions, the `--shard` slice of it, minus what the store already holds, run on
 * `--jobs` parallel sandboxed processes. Each run is appended to the store the moment it
 * ends, so a killed grading run, re-run, repeats nothing and loses nothing.
 *
 * A lane is one child process at a time: it keeps its submission's process open while the
 * (submission-major) queue hands it that submission's runs, and opens the next submission
 * when the queue moves on. A submission that fails to load, a missing model, a throw or a
 * timeout each become a stored `errored` / `timed-out` run (a submission that does not load
 * yields `errored` runs that are reported but not stored, so a re-run tries it again);
 * nothing stops the others.
 */
import { cpus } from 'node:os';
import type { DiscoveredSubmission } from '../discover/find';
import type { Profile } from '../profiles/types';
import type { TrainingRun } from '../results/types';
import { openSandboxed, type Opened } from '../sandbox';
import { openPython } from '../sandbox/python-handle';
import { trainArgsFor } from '../sandbox/model-spec';
import type { OpOutcome, SubmissionHandle } from '../sandbox/types';
import { describeJob, experimentJobs, shardJobs, type ExperimentJob, type Shard } from './jobs';
import { createProgress, type Progress } from './progress';
import { configOf, describeProjection, formatDuration, project, type Projection } from './projection';
import { runStore, type RunSink } from '../results/run-store';
import type { TrainOutcome } from '../worker/train';
import { checkReproducibleAll, reproducibilityJobs, type Reproducibility } from './determinism';

export interface RunExperimentsOptions {
  submissions: readonly DiscoveredSubmission[];
  profile: Profile;
  /** a run directory (its store.jsonl) or any RunSink */
  store: string | RunSink;
  /** parallel child processes; default: the number of cores */
  jobs?: number;
  shard?: Shard;
  /** how a submission's process is opened; default: openSandboxed */
  open?: (submission: DiscoveredSubmission) => Promise<Opened>;
  /** measure a few steps per configuration and print the projected time first; default 'auto': when Σ steps × batch × T > 1e7 (standard: 2.3e7, quick: 8e4) */
  projection?: boolean | 'auto';
  measureSteps?: number;
  /** time limit of one training run; default: `trainTimeoutFor`, else 10 × its projection + 2 min, else 60 min */
  trainTimeoutMs?: number;
  /** time limit of one job (e.g. derived from the reference's measured time for the same run) */
  trainTimeoutFor?: (job: ExperimentJob) => number | undefined;
  /** models not to train for a submission, with the reason (e.g. its correctness checks timed out) */
  skip?: (submission: string) => ReadonlyMap<string, string>;
  /** for the advice lines only */
  backend?: string;
  /** run a short job twice per submission first and compare the curves; default true */
  verifyReproducible?: boolean;
  /** false: silent; default: bars on a TTY, plain lines otherwise */
  progress?: false | Progress;
  log?: (line: string) => void;
}

export interface ExperimentsOutcome {
  /** every run of the selected jobs (found in the store or run now), in job order */
  runs: TrainingRun[];
  ran: number;
  resumed: number;
  projection?: Projection;
  wallMs: number;
  /** per submission name, when checked in this call */
  reproducibility: Record<string, Reproducibility>;
}

const SECOND = 1000;

function failedRun(job: ExperimentJob, status: 'errored' | 'timed-out', message: string, backend: string): TrainingRun {
  return {
    key: job.key, submission: job.submission.name, submissionHash: job.submission.hash, profile: job.profile,
    model: job.args.model, dataset: job.args.dataset, T: job.T, seed: job.seed, backend, status,
    target: job.args.target, budgetSteps: job.args.steps, curve: [], msPerStep: 0, message,
  };
}

function toRun(job: ExperimentJob, outcome: OpOutcome<TrainOutcome>, backend: string): TrainingRun {
  if (outcome.status === 'ok') {
    return { key: job.key, submission: job.submission.name, submissionHash: job.submission.hash, profile: job.profile, ...outcome.value };
  }
  if (outcome.status === 'timed-out') return failedRun(job, 'timed-out', `training did not finish within ${formatDuration(outcome.limitMs)}`, backend);
  return failedRun(job, 'errored', `${outcome.error.cause}: ${outcome.error.message}`, backend);
}

function summaryLine(run: TrainingRun): string {
  const what = run.status === 'converged' ? `converged at step ${run.stepsToTarget} (${run.secondsToTarget?.toFixed(1)} s)`
    : run.status === 'censored' ? `censored at ${run.budgetSteps} steps (final accuracy ${run.curve.at(-1)?.accuracy.toFixed(3) ?? '–'})`
      : `${run.status}${run.message ? `: ${run.message}` : ''}`;
  return `${what}, ${run.msPerStep.toFixed(1)} ms/step`;
}

/** Opened processes, one per submission at a time, shared by the lanes' bookkeeping. */
class Opener {
  private readonly failures = new Map<string, string>();
  constructor(private readonly open: (s: DiscoveredSubmission) => Promise<Opened>) {}

  async handle(s: DiscoveredSubmission): Promise<SubmissionHandle | string> {
    const failed = this.failures.get(s.dir);
    if (failed) return failed;
    const opened = await this.open(s);
    if (opened.status === 'loaded') return opened.handle;
    const message = `load-failed: ${opened.error.message}`;
    this.failures.set(s.dir, message);
    return message;
  }
}

async function measure(
  pending: readonly ExperimentJob<DiscoveredSubmission>[],
  opener: Opener,
  steps: number,
  log: (line: string) => void,
  trainTimeoutFor?: (job: ExperimentJob) => number | undefined,
): Promise<Map<string, number>> {
  const timings = new Map<string, number>();
  const handles = new Map<string, SubmissionHandle | string>();
  try {
    for (const job of pending) {
      const config = configOf(job);
      if (timings.has(config)) continue;
      let h = handles.get(job.submission.dir);
      if (h === undefined) { h = await opener.handle(job.submission); handles.set(job.submission.dir, h); }
      if (typeof h === 'string') continue;
      const limit = trainTimeoutFor?.(job);
      const outcome = await h.call('train', trainArgsFor(h.info, { ...job.args, measureSteps: steps }), { timeoutMs: limit ? Math.min(limit, 10 * 60 * SECOND) : 10 * 60 * SECOND });
      if (outcome.status === 'ok' && outcome.value.msPerStep > 0) timings.set(config, outcome.value.msPerStep);
    }
  } finally {
    for (const h of handles.values()) if (typeof h !== 'string') await h.close();
  }
  // a configuration no submission could run errors at once: it costs nothing
  for (const job of pending) if (!timings.has(configOf(job))) { timings.set(configOf(job), 0); log(`  (could not time ${configOf(job)}; counted as 0)`); }
  return timings;
}

export async function runExperiments(options: RunExperimentsOptions): Promise<ExperimentsOutcome> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const store = typeof options.store === 'string' ? runStore(options.store) : options.store;
  const backend = options.backend ?? process.env.NETGRADE_BACKEND ?? 'wasm';
  const all = shardJobs(experimentJobs(options.submissions, options.profile), options.shard);
  const skipped = new Set<string>();
  const selected = all.filter((j) => {
    const why = options.skip?.(j.submission.name).get(j.args.model);
    if (!why) return true;
    const said = `${j.submission.name}/${j.args.model}`;
    if (!skipped.has(said)) { skipped.add(said); log(`${j.submission.name}: no experiments for ${j.args.model}: ${why}`); }
    return false;
  });
  const pending = selected.filter((j) => !store.has(j.key));
  const resumed = selected.length - pending.length;
  const lanes = Math.max(1, Math.min(options.jobs ?? cpus().length, pending.length || 1));
  const opener = new Opener(options.open ?? ((s) => (s.language === 'pytorch' ? openPython(s, options.profile, { lane: 0 }) : openSandboxed(s, { backend: options.backend, oneCore: lanes > 1 }))));

  const shardText = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : '';
  log(`experiments: ${selected.length} run(s) of profile "${options.profile.name}"${shardText}; ${resumed} already in the store, ${pending.length} to run on ${lanes} parallel job(s)`);

  let projection: Projection | undefined;
  const budget = pending.reduce((sum, j) => sum + j.args.steps * j.args.batchSize * j.T, 0);
  const wantProjection = options.projection === 'auto' || options.projection === undefined ? budget > 1e7 : options.projection;
  if (pending.length && wantProjection) {
    const timings = await measure(pending, opener, options.measureSteps ?? 5, log, options.trainTimeoutFor);
    projection = project(pending, timings, lanes);
    for (const line of describeProjection(projection, { cores: cpus().length, backend, sharded: Boolean(options.shard) })) log(line);
  }
  const projectedMs = (job: ExperimentJob) => {
    const ms = projection?.timings.find((t) => t.config === configOf(job))?.msPerStep;
    return ms ? ms * job.args.steps * 1.5 : undefined;
  };

  const perSubmission = new Map<string, number>();
  for (const j of selected) perSubmission.set(j.submission.name, (perSubmission.get(j.submission.name) ?? 0) + 1);
  const progress = options.progress === false ? undefined : options.progress ?? createProgress({ perSubmission, log });
  for (const j of selected) if (store.has(j.key)) progress?.runEnded(j.submission.name, describeJob(j), true);

  const reproducibility: Record<string, Reproducibility> = {};
  const checking = new Set<string>();
  let next = 0;
  let ran = 0;
  const fresh: TrainingRun[] = [];
  const lane = async (): Promise<void> => {
    let current: { dir: string; handle: SubmissionHandle | string } | undefined;
    try {
      while (next < pending.length) {
        const job = pending[next++];
        if (current?.dir !== job.submission.dir) {
          if (current && typeof current.handle !== 'string') await current.handle.close();
          current = { dir: job.submission.dir, handle: await opener.handle(job.submission) };
          if (options.verifyReproducible !== false && typeof current.handle !== 'string' && !checking.has(job.submission.name)) {
            checking.add(job.submission.name);
            const r = await checkReproducibleAll(current.handle, reproducibilityJobs(selected, job.submission.name));
            reproducibility[job.submission.name] = r;
            if (r.status !== 'reproducible') log(`${job.submission.name}: reproducibility ${r.status}: ${r.message}`);
          }
        }
        let run: TrainingRun;
        if (typeof current.handle === 'string') {
          // not stored: a load failure may be the machine's (a crash, memory), so a re-run retries it
          run = failedRun(job, 'errored', current.handle, backend);
          fresh.push(run);
          progress?.runEnded(job.submission.name, `${describeJob(job)}: ${summaryLine(run)}`);
          continue;
        } else {
          const projected = projectedMs(job);
          const timeoutMs = options.trainTimeoutMs ?? options.trainTimeoutFor?.(job) ?? (projected ? 10 * projected + 120 * SECOND : 60 * 60 * SECOND);
          run = toRun(job, await current.handle.call('train', trainArgsFor(current.handle.info, job.args), { timeoutMs }), backend);
        }
        await store.append(run);
        fresh.push(run);
        ran += 1;
        progress?.runEnded(job.submission.name, `${describeJob(job)}: ${summaryLine(run)}`);
      }
    } finally {
      if (current && typeof current.handle !== 'string') await current.handle.close();
    }
  };
  await Promise.all(Array.from({ length: lanes }, () => lane()));
  progress?.stop();

  const wallMs = Date.now() - started;
  if (projection) log(`experiments took ${formatDuration(wallMs)} (projected at most ${formatDuration(projection.wallMs)})`);
  const byKey = new Map<string, TrainingRun>();
  for (const run of store.runs?.() ?? []) byKey.set(run.key, run);
  for (const run of fresh) byKey.set(run.key, run);
  const runs = selected.map((j) => byKey.get(j.key)).filter((r): r is TrainingRun => r !== undefined);
  return { runs, ran, resumed, projection, wallMs, reproducibility };
}
