import { selectBackend } from '../backend';
import type { Submission } from '../contract';
import { discoverOne, type DiscoveredSubmission } from '../discover';
import { loadProfile } from '../profiles';
import { openInProcess } from '../sandbox';
import { microBenchmark, type MicroArgs } from './micro';
import { microBenchmarks, microTasks } from '../experiments/micro-compare';
import tiny from '../experiments/fixtures/tiny-rnn.fixture-submission';

const args: MicroArgs = {
  model: 'vanillaRNN', dataset: 'digit-palindrome', length: 11, batchSize: 32, seed: 0, timeMs: 100, iterations: 8,
  spec: { vocabSize: 10, numClasses: 10, hiddenDim: 32, input: { kind: 'one-hot' } },
};

beforeAll(async () => { await selectBackend(); });

it('times forward and forward+backward with tinybench; the backward pass costs more than the forward', async () => {
  const out = await microBenchmark(tiny as unknown as Submission, args);
  expect(out).toMatchObject({ backend: 'wasm', T: 10 });
  expect(out.results.map((r) => r.task)).toEqual(['forward', 'forward+backward']);
  for (const r of out.results) {
    expect(r.samples).toBeGreaterThanOrEqual(8);
    expect(r.meanMs).toBeGreaterThan(0);
    expect(r.p99Ms).toBeGreaterThanOrEqual(r.meanMs * 0.5);
    expect(Number.isFinite(r.rme)).toBe(true);
  }
  expect(out.results[1].meanMs).toBeGreaterThan(out.results[0].meanMs);
});

it('compares a submission with the reference as a ratio of means', async () => {
  const fixture = discoverOne(`${__dirname}/../experiments/fixtures/tiny-rnn.fixture-submission`) as DiscoveredSubmission;
  const opened = await openInProcess(fixture);
  if (opened.status !== 'loaded') throw new Error('fixture did not load');
  const profile = loadProfile('quick');
  const tasks = microTasks(profile);
  expect(tasks.map((t) => t.model)).toEqual([...new Set(profile.experiments.map((e) => e.model))]);
  const small = { ...profile, experiments: profile.experiments.filter((e) => e.model === 'vanillaRNN') };
  const rows = await microBenchmarks(opened.handle, opened.handle, small, { timeMs: 100, iterations: 8 });
  expect(rows.map((r) => r.task)).toEqual(['forward', 'forward+backward']);
  for (const r of rows) {
    expect(r.sizes).toEqual({ batch: small.experiments[0].batchSize, T: 3, hidden: small.experiments[0].hiddenDim });
    // itself against itself: a timing ratio, near 1 on a quiet machine but not bounded under load (CI once measured 3.4)
    expect(r.ratioToReference).toBeGreaterThan(0);
    expect(Number.isFinite(r.ratioToReference)).toBe(true);
  }
  // the ratio is the submission's mean over the reference's, task by task, and absent when the reference did not run
  const answering = (name: string, means: Record<string, number> | undefined) => ({
    info: { ...opened.handle.info, name },
    call: async () => (means
      ? { status: 'ok', value: { backend: 'wasm', T: 3, results: Object.entries(means).map(([task, meanMs]) => ({ task, meanMs, p99Ms: meanMs, rme: 1, samples: 8 })) } }
      : { status: 'errored', error: { cause: 'threw', message: 'no' } }),
  }) as unknown as typeof opened.handle;
  const fixed = await microBenchmarks(answering('student', { forward: 2, 'forward+backward': 6 }), answering('reference', { 'forward+backward': 2, forward: 1 }), small);
  expect(fixed.map((r) => [r.submission, r.task, r.ratioToReference])).toEqual([['student', 'forward', 2], ['student', 'forward+backward', 3]]);
  const alone = await microBenchmarks(answering('student', { forward: 2 }), answering('reference', undefined), small);
  expect(alone).toEqual([expect.not.objectContaining({ ratioToReference: expect.anything() })]);
});

it('says which model is missing', async () => {
  await expect(microBenchmark(tiny as unknown as Submission, { ...args, model: 'gru' })).rejects.toThrow('models.gru is not submitted (the micro-benchmark needs its init and forward)');
});
