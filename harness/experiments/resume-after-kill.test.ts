/**
 * `kill -9` in the middle of an experiments run, then the same command again: every run
 * is present exactly once. A real process (the bench CLI) is started, killed with SIGKILL
 * as soon as some runs are stored, and re-run to completion.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../profiles';
import { PROJECT_ROOT } from '../sandbox/paths';
import { experimentJobs } from './jobs';
import { discoverOne, type DiscoveredSubmission } from '../discover';
import { parseStore } from '../results/store';

const fixture = discoverOne(join(__dirname, 'fixtures', 'tiny-rnn.fixture-submission')) as DiscoveredSubmission;
const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(__dirname, '..', 'cli', 'experiments.ts');
const dir = mkdtempSync(join(tmpdir(), 'netgrade-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quick = loadProfile('quick');
// the quick profile with 2 lengths × 3 seeds of the vanilla RNN: 6 runs of about a second
const profile = { ...quick, name: 'quick-kill', seeds: [0, 1, 2], experiments: [{ ...quick.experiments.find((e) => e.model === 'vanillaRNN')!, lengths: [4, 5] }] };
const profileFile = join(dir, 'quick-kill.json');
writeFileSync(profileFile, JSON.stringify(profile));
const store = join(dir, 'run');
const storeFile = join(store, 'store.jsonl');
const args = [CLI, fixture.dir, '--profile', profileFile, '--store', store, '--in-process', '--no-reference', '--no-projection'];
const runLines = () => (existsSync(storeFile) ? readFileSync(storeFile, 'utf8').split('\n').filter((l) => l.includes('"kind":"run"')) : []);

it('a run killed with SIGKILL mid-way resumes and ends with every run exactly once', async () => {
  const expected = experimentJobs([fixture], profile).map((j) => j.key).sort();
  expect(expected).toHaveLength(6);

  // start, wait until 2 runs are stored, kill the whole process group with SIGKILL
  const child = spawn(TSX, args, { cwd: PROJECT_ROOT, detached: true, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  const stored = await new Promise<number>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const n = runLines().length;
      if (n >= 2) { clearInterval(poll); process.kill(-child.pid!, 'SIGKILL'); resolve(n); }
      else if (Date.now() - started > 45_000) { clearInterval(poll); process.kill(-child.pid!, 'SIGKILL'); reject(new Error('no runs stored within 45 s')); }
    }, 50);
  });
  await new Promise((r) => child.once('exit', r));
  expect(child.signalCode).toBe('SIGKILL');
  const afterKill = runLines().length;
  expect(afterKill).toBeGreaterThanOrEqual(stored);
  expect(afterKill).toBeLessThan(6); // killed in the middle, not after the end

  // a torn last line, as a kill during a write leaves it
  appendFileSync(storeFile, '{"key":"torn","kind":"run","submi');

  const rerun = spawnSync(TSX, args, { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  expect(rerun.status).toBe(0);
  expect(rerun.stdout).toContain(`${6 - afterKill} run(s) trained, ${afterKill} taken from the store`);
  const { records, torn } = parseStore(readFileSync(storeFile, 'utf8'));
  expect(torn).toBe(1); // the torn line is skipped, not fatal
  expect(records.filter((r) => r.kind === 'run').map((r) => r.key).sort()).toEqual(expected); // each exactly once
}, 120_000);
