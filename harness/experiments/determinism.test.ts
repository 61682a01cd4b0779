import { join } from 'node:path';
import { selectBackend } from '../backend';
import { discoverOne, type DiscoveredSubmission } from '../discover';
import { loadProfile } from '../profiles';
import { openInProcess } from '../sandbox';
import { checkReproducible, checkReproducibleAll, reproducibilityJobs } from './determinism';
import { experimentJobs } from './jobs';

const quick = loadProfile('quick');
const profile = { ...quick, experiments: quick.experiments.filter((e) => e.model === 'vanillaRNN') };
const load = async (name: string) => {
  const s = discoverOne(join(__dirname, 'fixtures', `${name}.fixture-submission`)) as DiscoveredSubmission;
  const opened = await openInProcess(s);
  if (opened.status !== 'loaded') throw new Error(`${name} did not load`);
  return { handle: opened.handle, job: experimentJobs([s], profile)[0] };
};

beforeAll(async () => { await selectBackend(); });

it('passes a seeded submission: the same seed gives the same curve', async () => {
  const { handle, job } = await load('tiny-rnn');
  expect(await checkReproducible(handle, job)).toEqual({ status: 'reproducible' });
});

it('catches an init that ignores its seed, and says what to fix', async () => {
  const { handle, job } = await load('unseeded-init');
  const r = await checkReproducible(handle, job);
  expect(r.status).toBe('not-reproducible');
  expect(r.status === 'not-reproducible' && r.message).toMatch(/two runs with seed 0 gave different curves .*make init use its seed argument and avoid Math\.random/);
});

it('cannot judge a missing model: unknown, with the reason', async () => {
  const { handle, job } = await load('tiny-rnn');
  const r = await checkReproducible(handle, { ...job, args: { ...job.args, model: 'gru' } });
  expect(r).toEqual({ status: 'unknown', message: 'not-submitted: models.gru is not submitted (train needs its init and forward)' });
});

it('draws the verdict from one job per seed, the first in job order, whichever job a lane picked first', async () => {
  const s = discoverOne(join(__dirname, 'fixtures', 'tiny-rnn.fixture-submission')) as DiscoveredSubmission;
  const twoModels = { ...quick, seeds: [0, 1, 2], experiments: quick.experiments.filter((e) => e.model === 'vanillaRNN' || e.model === 'lstm') };
  const jobs = experimentJobs([s], twoModels);
  const picked = reproducibilityJobs(jobs, s.name);
  expect(picked.map((j) => j.seed)).toEqual([0, 1, 2]);
  expect(picked.every((j) => j.args.model === jobs[0].args.model)).toBe(true);
  expect(reproducibilityJobs(jobs, 'someone-else')).toEqual([]);
});

it('a submission is reproducible only when every seed is: the seed-0 mistake is caught whatever the order', async () => {
  const { handle, job } = await load('unseeded-init');
  const r = await checkReproducibleAll(handle, [{ ...job, seed: 3, args: { ...job.args, seed: 3 } }, job]);
  expect(r.status).toBe('not-reproducible');
});
