/**
 * The sandbox can run a lane's V8 without its background GC and compiler threads
 * (`oneCore`, as the experiments' training lanes do), and it still grades. Check lanes keep
 * those threads even when several share the cores: two single-threaded check lanes graded
 * fewer submissions per hour than one (0.93×, `npm run bench -- class`), two threaded ones
 * 1.29×. The tests read the flags from inside the submission's process: through the sandbox
 * directly, and through a grading run (gradeAll), whose lanes choose them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksFor } from '../harness/checks';
import { gradeAll } from '../harness/grade';
import { loadProfile } from '../harness/profiles';
import { openSandboxed } from '../harness/sandbox';
import { removeThrowaways, SPEC, throwaway, TINY_MODEL } from './helpers/throwaway';

afterAll(removeThrowaways);

const sub = () => throwaway('reports-its-flags', {
  'index.ts': `import * as tf from '@tensorflow/tfjs';
const tiny = {${TINY_MODEL}};
const tells = { ...tiny, forward(): tf.Tensor2D { throw new Error('flags: ' + process.execArgv.filter((f) => f.startsWith('--single')).join(' ')); } };
export default { models: { lstm: tells, gru: tiny } };
`,
});

async function flagsAndProbe(oneCore: boolean): Promise<{ flags: string; gru: string }> {
  const opened = await openSandboxed(sub(), { loadTimeoutMs: 60_000, oneCore });
  if (opened.status !== 'loaded') throw new Error(opened.error.message);
  const forward = (model: string) => opened.handle.call('probe.forward', { model, spec: SPEC, seed: 1, tokens: [[1, 2]] }, { timeoutMs: 30_000 });
  try {
    const told = await forward('lstm');
    const gru = await forward('gru');
    return { flags: told.status === 'errored' ? told.error.message : 'no error', gru: gru.status };
  } finally {
    await opened.handle.close();
  }
}

it('a lane of several runs single-threaded V8 and still grades; a lone lane does not', async () => {
  expect(await flagsAndProbe(true)).toEqual({ flags: expect.stringMatching(/flags: --single-threaded$/), gru: 'ok' });
  expect(await flagsAndProbe(false)).toEqual({ flags: expect.stringMatching(/flags: $/), gru: 'ok' });
});

it('a grading run keeps V8\'s helper threads in every check lane, with one lane or several (as `npm run grade` does by default)', async () => {
  const profile = loadProfile('quick');
  const checks = checksFor(profile).filter((c) => c.id === 'lstm.forward.T1');
  const flagsOf = async (jobs: number, count: number) => {
    const runDir = mkdtempSync(join(tmpdir(), 'netgrade-lanes-'));
    try {
      const subs = Array.from({ length: count }, () => sub());
      const results = await gradeAll(subs, { profile, checks, seed: 0, runDir, jobs, skipTypeCheck: true });
      return results.map((r) => { const c = r.checks[0]; return c?.status === 'errored' ? c.message : c?.status; });
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  };
  expect(await flagsOf(2, 2)).toEqual([expect.stringMatching(/flags: $/), expect.stringMatching(/flags: $/)]);
  expect(await flagsOf(1, 1)).toEqual([expect.stringMatching(/flags: $/)]);
});
