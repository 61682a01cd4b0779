/**
 * An endless loop inside forward: the op is stopped at its time limit (the child is killed),
 * the check is `timed-out` with a hint, and the next check runs in a fresh process.
 */
import { opFailure } from '../harness/checks/op-failure';
import type { Check } from '../harness/checks/types';
import { gradeSubmission } from '../harness/grade';
import type { Profile } from '../harness/profiles/types';
import { openSandboxed, SandboxedHandle } from '../harness/sandbox';
import { removeThrowaways, SPEC, throwaway, TINY_MODEL } from './helpers/throwaway';

const profile = { name: 'robustness', rubric: { '*': 1 }, limits: { checkTimeoutMs: 60_000, memoryMb: 512 } } as unknown as Profile;

const forwardRuns = (model: string): Check => ({
  id: `${model}.forward.runs`, title: `${model} forward runs`, part: 'part1', subject: model, hidden: false, timeoutMs: 0,
  async run({ handle }) {
    const out = await handle.call('probe.forward', { model, spec: SPEC, seed: 1, tokens: [[1, 2]] }, { timeoutMs: 1_500 });
    return out.status === 'ok' ? { status: 'passed' } : opFailure(out, `models.${model}.forward`);
  },
});

afterAll(removeThrowaways);

it('a forward that never returns is timed-out after its limit, and the next check still runs', async () => {
  const sub = throwaway('hangs', {
    'index.ts': `import * as tf from '@tensorflow/tfjs';
const tiny = {${TINY_MODEL}};
const lstm = { ...tiny, forward(params: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
  let t = 0;
  while (t < tokens.shape[1]) { /* forgot t++ */ }
  return tiny.forward(params, tokens, spec);
} };
export default { models: { lstm, gru: tiny } };
`,
  });
  const opened = await openSandboxed(sub, { loadTimeoutMs: 60_000 });
  if (opened.status !== 'loaded') throw new Error(opened.error.message);
  try {
    const started = Date.now();
    const result = await gradeSubmission(opened.handle, profile, [forwardRuns('lstm'), forwardRuns('gru')], { seed: 0 });
    const [lstm, gru] = result.checks;
    expect(lstm).toMatchObject({ id: 'lstm.forward.runs', status: 'timed-out', limitMs: 1_500, score: 0 });
    expect(lstm.status === 'timed-out' && lstm.hint).toMatch(/^models\.lstm\.forward did not finish within 1\.5 s; look for a loop that never ends/);
    expect(gru).toMatchObject({ id: 'gru.forward.runs', status: 'passed', score: 1 });
    expect((opened.handle as SandboxedHandle).starts).toBe(2); // killed once, restarted once
    expect(Date.now() - started).toBeLessThan(45_000);
  } finally {
    await opened.handle.close();
  }
});

it('an endless loop at import time is a load failure after the load time limit', async () => {
  const sub = throwaway('hangs-at-import', { 'index.ts': 'let ready = false;\nwhile (!ready) { /* waits forever */ }\nexport default {};\n' });
  const opened = await openSandboxed(sub, { loadTimeoutMs: 8_000 });
  expect(opened.status).toBe('load-failed');
  expect(opened.status === 'load-failed' && opened.error).toEqual({ cause: 'load-failed', name: 'LoadTimeout', message: 'the submission did not finish loading within 8 s (an endless loop at import time?)' });
});
