/**
 * The experiment job list: every seeded training run a profile asks of a set of
 * submissions, in one deterministic order — submission (by name) × experiment (profile
 * order: model, dataset) × length × seed — so that `--shard i/n` on any machine takes the
 * same slice and a resumed run recognises what is done by key.
 */
import { createHash } from 'node:crypto';
import type { Experiment, Profile } from '../profiles/types';
import { datasetInfo } from '../../reference/data';
import type { TrainArgs } from '../worker/train';

/** What the job list needs of a submission (a DiscoveredSubmission fits). */
export interface JobSubmission { name: string; hash: string }

export interface ExperimentJob<S extends JobSubmission = JobSubmission> {
  /** position in the full (unsharded) list */
  index: number;
  /** hash(submission hash, profile, model, dataset, T, seed, the experiment's settings) */
  key: string;
  submission: S;
  profile: string;
  experiment: Experiment;
  length: number;
  T: number;
  seed: number;
  /** the `train` op's arguments */
  args: TrainArgs;
}

export interface Shard { index: number; count: number }

export const BAD_SHARD = (given: string) =>
  `--shard requires i/n with 1 ≤ i ≤ n (e.g. --shard 2/4 for the second of four machines), got "${given}".`;

/** "2/4" → { index: 2, count: 4 } */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || shard.count < 1 || shard.index < 1 || shard.index > shard.count) throw new Error(BAD_SHARD(text));
  return shard;
}

/**
 * The store key of one run. The experiment's settings (sizes, optimizer, budget, target)
 * are part of it, so editing a profile retrains instead of reusing stale runs.
 */
export function runKey(parts: { submission: string; submissionHash: string; profile: string; model: string; dataset: string; T: number; seed: number; experiment: Experiment }): string {
  const { submission, submissionHash, profile, model, dataset, T, seed, experiment } = parts;
  const settings = Object.fromEntries(Object.entries(experiment).filter(([k]) => k !== 'lengths').sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify([submission, submissionHash, profile, model, dataset, T, seed, settings])).digest('hex').slice(0, 32);
}

export function experimentJobs<S extends JobSubmission>(submissions: readonly S[], profile: Profile): ExperimentJob<S>[] {
  const jobs: ExperimentJob<S>[] = [];
  const sorted = [...submissions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const submission of sorted) {
    for (const experiment of profile.experiments) {
      for (const length of experiment.lengths) {
        const { T, vocabSize, numClasses } = datasetInfo(experiment.dataset, length);
        for (const seed of profile.seeds) {
          const { model, dataset, input, hiddenDim, optimizer, learningRate, batchSize, maxNorm, steps, evalEvery, evalSize, target } = experiment;
          jobs.push({
            index: jobs.length,
            key: runKey({ submission: submission.name, submissionHash: submission.hash, profile: profile.name, model, dataset, T, seed, experiment }),
            submission, profile: profile.name, experiment, length, T, seed,
            args: {
              model, dataset, length, seed, optimizer, learningRate, batchSize, maxNorm, steps, evalEvery, evalSize, target,
              spec: { vocabSize, numClasses, hiddenDim, input, ...(model === 'timeGatedLSTM' && profile.timeGate ? { timeGate: profile.timeGate } : {}) },
            },
          });
        }
      }
    }
  }
  return jobs;
}

/** Shard i of n: every n-th job starting at i − 1 (round robin keeps shards balanced). */
export function shardJobs<J extends { index: number }>(jobs: readonly J[], shard?: Shard): J[] {
  if (!shard) return [...jobs];
  return jobs.filter((j) => j.index % shard.count === shard.index - 1);
}

/** "alice lstm binary-palindrome L=10 (T=41) seed 1" */
export function describeJob(job: ExperimentJob): string {
  return `${job.submission.name} ${job.args.model} ${job.args.dataset} L=${job.length} (T=${job.T}) seed ${job.seed}`;
}
