/**
 * The runner end to end, in-process (fast): shards merged equal one unsharded run, a run
 * already in the store is not repeated, an unloadable submission and a missing model
 * become stored errored runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../backend';
import { discoverOne, type DiscoveredSubmission } from '../discover';
import { loadProfile } from '../profiles';
import type { Profile } from '../profiles/types';
import type { TrainingRun } from '../results/types';
import { openInProcess } from '../sandbox';
import { mergeStores } from '../results/merge-runs';
import { runStore } from '../results/run-store';
import { runExperiments } from './run-experiments';

const fixture = discoverOne(join(__dirname, 'fixtures', 'tiny-rnn.fixture-submission')) as DiscoveredSubmission;
const quick = loadProfile('quick');
// the quick profile with two seeds and two lengths: 4 runs of the fixture's vanilla RNN, ~1 s each
const profile: Profile = { ...quick, seeds: [0, 1], experiments: [{ ...quick.experiments.find((e) => e.model === 'vanillaRNN')!, lengths: [4, 5] }] };
const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'netgrade-bench-')); dirs.push(d); return d; };
const withoutTiming = (runs: TrainingRun[]) =>
  runs.map(({ msPerStep: _m, secondsToTarget: _s, curve, ...rest }) => ({ ...rest, curve: curve.map(({ seconds: _x, ...p }) => p) }));
const base = { profile, open: (s: DiscoveredSubmission) => openInProcess(s), progress: false as const, log: () => undefined, projection: false, verifyReproducible: false };

beforeAll(async () => { await selectBackend(); });
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

it('--shard 1/2 plus --shard 2/2, merged, equals one unsharded run', async () => {
  const whole = tmp();
  const [one, two] = [tmp(), tmp()];
  const all = await runExperiments({ ...base, submissions: [fixture], store: whole });
  const s1 = await runExperiments({ ...base, submissions: [fixture], store: one, shard: { index: 1, count: 2 } });
  const s2 = await runExperiments({ ...base, submissions: [fixture], store: two, shard: { index: 2, count: 2 } });
  expect(all.runs).toHaveLength(4);
  expect([s1.runs.length, s2.runs.length]).toEqual([2, 2]);
  expect(all.runs.every((r) => r.status === 'converged')).toBe(true);
  expect(withoutTiming(mergeStores([one, two]))).toEqual(withoutTiming(mergeStores([whole])));
});

it('resumes: runs already stored are not repeated, the missing ones are run', async () => {
  const dir = tmp();
  const first = await runExperiments({ ...base, submissions: [fixture], store: dir, shard: { index: 1, count: 2 } });
  const again = await runExperiments({ ...base, submissions: [fixture], store: dir });
  expect(first.ran).toBe(2);
  expect(again).toMatchObject({ ran: 2, resumed: 2 });
  const records = runStore(dir).store.records('run');
  expect(records).toHaveLength(4);
  expect(new Set(records.map((r) => r.key)).size).toBe(4);
  expect((await runExperiments({ ...base, submissions: [fixture], store: dir })).ran).toBe(0);
});

it('stores a missing model and an unloadable submission as errored runs and goes on', async () => {
  const dir = tmp();
  const broken = { ...fixture, name: 'broken', dir: join(fixture.dir, 'nope'), entry: join(fixture.dir, 'nope', 'index.ts'), hash: 'broken' };
  const lstm = { ...profile, experiments: [{ ...quick.experiments.find((e) => e.model === 'lstm')!, lengths: [4] }] };
  const out = await runExperiments({ ...base, profile: { ...lstm, seeds: [0] }, submissions: [fixture, broken], store: dir });
  expect(out.runs.map((r) => [r.submission, r.status])).toEqual([['broken', 'errored'], ['tiny-rnn.fixture-submission', 'errored']]);
  expect(out.runs[0].message).toMatch(/^load-failed: /);
  expect(out.runs[1].message).toBe('not-submitted: models.lstm is not submitted (train needs its init and forward)');
});
