import { loadProfile } from '../profiles';
import type { Profile } from '../profiles/types';
import { BAD_SHARD, experimentJobs, parseShard, runKey, shardJobs } from './jobs';
import { mergeRuns } from '../results/merge-runs';
import type { TrainingRun } from '../results/types';

const quick = loadProfile('quick');
const profile: Profile = { ...quick, seeds: [0, 1, 2], experiments: quick.experiments.map((e) => ({ ...e, lengths: [4, 6] })) };
const subs = [{ name: 'bob', hash: 'h-bob' }, { name: 'alice', hash: 'h-alice' }];

describe('the job list', () => {
  it('is submission × experiment × length × seed, submissions by name', () => {
    const jobs = experimentJobs(subs, profile);
    expect(jobs).toHaveLength(2 * quick.experiments.length * 2 * 3);
    expect(jobs.slice(0, 7).map((j) => `${j.submission.name} ${j.args.model} L=${j.length} s${j.seed}`)).toEqual([
      `alice ${quick.experiments[0].model} L=4 s0`, `alice ${quick.experiments[0].model} L=4 s1`, `alice ${quick.experiments[0].model} L=4 s2`,
      `alice ${quick.experiments[0].model} L=6 s0`, `alice ${quick.experiments[0].model} L=6 s1`, `alice ${quick.experiments[0].model} L=6 s2`,
      `alice ${quick.experiments[1].model} L=4 s0`,
    ]);
    expect(jobs.map((j) => j.index)).toEqual(jobs.map((_, i) => i));
    // digit palindromes: T = L − 1 inputs, 10 classes
    expect(jobs[3]).toMatchObject({ T: 5, args: { spec: { vocabSize: 10, numClasses: 10, hiddenDim: quick.experiments[0].hiddenDim } } });
  });

  it('gives every run its own stable key', () => {
    const a = experimentJobs(subs, profile).map((j) => j.key);
    expect(new Set(a).size).toBe(a.length);
    expect(experimentJobs([...subs].reverse(), profile).map((j) => j.key)).toEqual(a);
    const base = { submission: 'jane', submissionHash: 'h', profile: 'quick', model: 'lstm', dataset: 'digit-palindrome', T: 3, seed: 0, experiment: quick.experiments[1] };
    const k = runKey(base);
    for (const changed of [{ submission: 'john' }, { submissionHash: 'h2' }, { profile: 'standard' }, { model: 'gru' }, { T: 4 }, { seed: 1 }, { experiment: { ...quick.experiments[1], learningRate: 0.5 } }]) {
      expect(runKey({ ...base, ...changed })).not.toBe(k);
    }
    // the lengths list is not part of a run's identity: adding a length keeps the others' keys
    expect(runKey({ ...base, experiment: { ...quick.experiments[1], lengths: [4, 9] } })).toBe(k);
  });

  it('splits into shards that are disjoint, cover everything and are balanced', () => {
    const jobs = experimentJobs(subs, profile);
    const shards = [1, 2, 3].map((i) => shardJobs(jobs, { index: i, count: 3 }));
    expect(shards.flat().map((j) => j.index).sort((x, y) => x - y)).toEqual(jobs.map((j) => j.index));
    expect(shards.map((s) => s.length)).toEqual([8, 8, 8]);
    expect(shardJobs(jobs, { index: 2, count: 3 })).toEqual(shards[1]);
  });

  it('parses --shard i/n and explains a bad one', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(BAD_SHARD(bad));
  });
});

describe('mergeRuns', () => {
  const run = (submission: string, model: string, T: number, seed: number, key = `${submission}${model}${T}${seed}`) =>
    ({ key, submission, model, dataset: 'digit-palindrome', T, seed }) as TrainingRun;
  it('keeps each key once and sorts by submission, model, dataset, T, seed', () => {
    const merged = mergeRuns([[run('b', 'lstm', 3, 1), run('a', 'lstm', 5, 0)], [run('a', 'lstm', 3, 2), run('b', 'lstm', 3, 1)]]);
    expect(merged.map((r) => `${r.submission} ${r.T} ${r.seed}`)).toEqual(['a 3 2', 'a 5 0', 'b 3 1']);
  });
});
