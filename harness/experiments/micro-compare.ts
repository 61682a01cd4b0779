/**
 * Micro-benchmarks of a submission against the reference (orchestrator side): for each
 * model of the profile's experiments, at the experiment's batch, hidden size and longest
 * length, the `bench.micro` op in each process; the ratio is submission mean / reference
 * mean (> 1: slower). Both are measured in the same grading run, on the same machine.
 */
import type { Profile } from '../profiles/types';
import type { MicroBenchmark } from '../results/types';
import type { SubmissionHandle } from '../sandbox/types';
import { datasetInfo } from '../../reference/data';
import type { MicroArgs, MicroOutcome } from '../worker/micro';

/** One micro-benchmark per distinct model of the profile's experiments. */
export function microTasks(profile: Profile, seed = 0): MicroArgs[] {
  const seen = new Set<string>();
  const tasks: MicroArgs[] = [];
  for (const e of profile.experiments) {
    if (seen.has(e.model)) continue;
    seen.add(e.model);
    const length = Math.max(...e.lengths);
    const { vocabSize, numClasses } = datasetInfo(e.dataset, length);
    tasks.push({ model: e.model, dataset: e.dataset, length, batchSize: e.batchSize, seed, spec: { vocabSize, numClasses, hiddenDim: e.hiddenDim, input: e.input } });
  }
  return tasks;
}

export async function runMicro(handle: SubmissionHandle, args: MicroArgs, timeoutMs = 120_000): Promise<MicroOutcome | string> {
  const outcome = await handle.call('bench.micro', args, { timeoutMs });
  if (outcome.status === 'ok') return outcome.value;
  return outcome.status === 'timed-out' ? `timed out after ${Math.round(outcome.limitMs / 1000)} s` : `${outcome.error.cause}: ${outcome.error.message}`;
}

/** The submission's micro-benchmarks with their ratio to the reference's (when the reference ran). */
export async function microBenchmarks(
  submission: SubmissionHandle,
  reference: SubmissionHandle | undefined,
  profile: Profile,
  options: { timeMs?: number; iterations?: number; seed?: number; timeoutMs?: number } = {},
): Promise<MicroBenchmark[]> {
  const out: MicroBenchmark[] = [];
  for (const task of microTasks(profile, options.seed)) {
    const args = { ...task, timeMs: options.timeMs, iterations: options.iterations };
    const mine = await runMicro(submission, args, options.timeoutMs);
    if (typeof mine === 'string') continue;
    const theirs = reference ? await runMicro(reference, args, options.timeoutMs) : undefined;
    for (const r of mine.results) {
      const ref = typeof theirs === 'object' ? theirs.results.find((x) => x.task === r.task) : undefined;
      out.push({
        submission: submission.info.name, model: task.model, task: r.task,
        sizes: { batch: task.batchSize, T: mine.T, hidden: task.spec.hiddenDim },
        meanMs: r.meanMs, p99Ms: r.p99Ms, rme: r.rme, samples: r.samples,
        ...(ref ? { ratioToReference: r.meanMs / ref.meanMs } : {}),
      });
    }
  }
  return out;
}
