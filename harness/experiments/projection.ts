/**
 * Before a long run: time a few steps of each distinct configuration, project the total,
 * and say what would make it shorter. The projection is an upper bound — it assumes every
 * run uses its whole step budget, while a run that reaches its target stops early.
 */
import type { ExperimentJob } from './jobs';

export interface ConfigTiming {
  /** "lstm binary-palindrome L=20 B=256 H=256" */
  config: string;
  msPerStep: number;
  /** jobs with this configuration */
  runs: number;
  budgetSteps: number;
}

export interface Projection {
  timings: ConfigTiming[];
  /** Σ runs × budget × ms/step (+ evaluations), one process */
  serialMs: number;
  /** serialMs spread over the parallel jobs */
  wallMs: number;
  jobs: number;
  runs: number;
}

/** The part of a job that decides its speed. */
export function configOf(job: ExperimentJob): string {
  const a = job.args;
  return `${a.model} ${a.dataset} L=${job.length} B=${a.batchSize} H=${a.spec.hiddenDim}`;
}

/**
 * An evaluation is a forward pass (≈ 1/3 of a training step) over evalSize rows instead of
 * batchSize: its cost in training steps.
 */
function evaluationSteps(job: ExperimentJob): number {
  const a = job.args;
  return (Math.ceil(a.steps / a.evalEvery) + 1) * (a.evalSize / a.batchSize) / 3;
}

export function project(jobs: readonly ExperimentJob[], msPerStep: ReadonlyMap<string, number>, parallel: number): Projection {
  const byConfig = new Map<string, ConfigTiming>();
  let serialMs = 0;
  for (const job of jobs) {
    const config = configOf(job);
    const ms = msPerStep.get(config);
    if (ms === undefined) throw new Error(`project requires a timing for every configuration, got none for "${config}".`);
    serialMs += ms * (job.args.steps + evaluationSteps(job));
    const t = byConfig.get(config) ?? { config, msPerStep: ms, runs: 0, budgetSteps: job.args.steps };
    t.runs += 1;
    byConfig.set(config, t);
  }
  const lanes = Math.max(1, Math.min(parallel, jobs.length));
  return { timings: [...byConfig.values()], serialMs, wallMs: serialMs / lanes, jobs: lanes, runs: jobs.length };
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${(m / 60).toFixed(1)} h`;
}

/** Runs longer than this get advice. */
export const LONG_RUN_MS = 10 * 60_000;

/** The lines printed before the runs start. */
export function describeProjection(p: Projection, context: { cores: number; backend: string; sharded: boolean }): string[] {
  const lines = [
    `projected: at most ${formatDuration(p.wallMs)} for ${p.runs} training run(s) on ${p.jobs} parallel job(s) (${formatDuration(p.serialMs)} of training in one process; runs that reach the target stop early)`,
    ...p.timings.map((t) => `  ${t.config}: ${t.msPerStep.toFixed(1)} ms/step × ${t.budgetSteps} steps × ${t.runs} run(s)`),
  ];
  if (p.wallMs > LONG_RUN_MS) {
    const advice: string[] = [];
    if (p.jobs < Math.min(context.cores, p.runs)) advice.push(`--jobs ${context.cores} (this machine has ${context.cores} cores)`);
    if (!context.sharded) advice.push(`--shard i/n on n machines (then npm run report -- --merge <dirs>)`);
    // tfjs-node-gpu 4.22 needs CUDA 11.2 + cuDNN 8.1 and does not load on CUDA 12 systems: advise it only where it loaded
    if (context.backend !== 'node-gpu') {
      advice.push('the native CPU backend (npm install @tensorflow/tfjs-node, then --backend node; it downloads libtensorflow at install)');
      advice.push('on a GPU machine: PyTorch submissions train on current CUDA with --device cuda; tfjs\'s GPU backend (@tensorflow/tfjs-node-gpu 4.22) loads only with CUDA 11.2 and cuDNN 8.1, not on CUDA 12');
    }
    if (advice.length) lines.push(`this is a long run; to shorten it use ${advice.join(', or ')}.`);
  }
  return lines;
}
