import { loadProfile } from '../profiles';
import { experimentJobs } from './jobs';
import { configOf, describeProjection, formatDuration, project } from './projection';
import { createProgress } from './progress';

const quick = loadProfile('quick');
const profile = { ...quick, seeds: [0, 1], experiments: quick.experiments.map((e) => ({ ...e, steps: 1000, evalEvery: 100, evalSize: e.batchSize * 3 })) };
const jobs = experimentJobs([{ name: 'a', hash: 'h' }], profile);

describe('project', () => {
  it('adds budget × ms/step plus evaluations, spread over the parallel jobs', () => {
    const ms = new Map(jobs.map((j) => [configOf(j), 10]));
    const p = project(jobs, ms, 2);
    // per run: 1000 steps + (1000/100 + 1) evaluations × (3 batches / 3 per forward) = 1011 step-equivalents × 10 ms
    expect(p.serialMs).toBeCloseTo(jobs.length * 1011 * 10, 6);
    expect(p.wallMs).toBeCloseTo(p.serialMs / 2, 6);
    expect(p).toMatchObject({ runs: jobs.length, jobs: 2 });
  });
  it('advises --jobs, --shard and a GPU backend when the run is long, and nothing when it is short', () => {
    const slow = project(jobs, new Map(jobs.map((j) => [configOf(j), 400])), 1);
    const lines = describeProjection(slow, { cores: 2, backend: 'wasm', sharded: false });
    expect(lines[0]).toMatch(/^projected: at most \d+ min for 4 training run\(s\) on 1 parallel job\(s\)/);
    expect(lines.at(-1)).toBe('this is a long run; to shorten it use --jobs 2 (this machine has 2 cores), or --shard i/n on n machines (then npm run report -- --merge <dirs>), '
      + 'or the native CPU backend (npm install @tensorflow/tfjs-node, then --backend node; it downloads libtensorflow at install), '
      + 'or on a GPU machine: PyTorch submissions train on current CUDA with --device cuda; tfjs\'s GPU backend (@tensorflow/tfjs-node-gpu 4.22) loads only with CUDA 11.2 and cuDNN 8.1, not on CUDA 12.');
    const fast = project(jobs, new Map(jobs.map((j) => [configOf(j), 1])), 2);
    expect(describeProjection(fast, { cores: 2, backend: 'wasm', sharded: false }).join('\n')).not.toContain('long run');
  });
  it('requires a timing for every configuration', () => {
    expect(() => project(jobs, new Map(), 1)).toThrow(`project requires a timing for every configuration, got none for "${configOf(jobs[0])}".`);
  });
  it('formats durations for people', () => {
    expect([formatDuration(45_000), formatDuration(600_000), formatDuration(2 * 3600_000)]).toEqual(['45 s', '10 min', '2.0 h']);
  });
});

describe('progress without a terminal', () => {
  it('prints one line per finished run with an ETA, and counts runs found in the store', () => {
    const lines: string[] = [];
    const p = createProgress({ perSubmission: new Map([['a', 3]]), tty: false, log: (l) => lines.push(l), intervalMs: 1e9 });
    p.runEnded('a', 'a lstm L=4 seed 0', true);
    p.runEnded('a', 'a lstm L=4 seed 1: converged');
    p.runEnded('a', 'a lstm L=4 seed 2: censored');
    p.stop();
    expect(lines[0]).toMatch(/^\[2\/3, ETA \d+ s\] a lstm L=4 seed 1: converged$/);
    expect(lines[1]).toBe('[3/3] a lstm L=4 seed 2: censored');
    expect(lines[2]).toBe('1 run(s) were already in the store and were not repeated');
  });
});
