/**
 * A submission whose process dies from a signal (a native crash, abort, a kill) gets a
 * `crashed` error naming the signal; the next op runs in a fresh process.
 */
import { openSandboxed, SandboxedHandle } from '../harness/sandbox';
import { removeThrowaways, SPEC, throwaway, TINY_MODEL } from './helpers/throwaway';

afterAll(removeThrowaways);

it('death by signal is crashed, and grading goes on in a new process', async () => {
  const sub = throwaway('crashes', {
    'index.ts': `import * as tf from '@tensorflow/tfjs';
const tiny = {${TINY_MODEL}};
const crashes = { ...tiny, forward(): tf.Tensor2D { process.kill(process.pid, 'SIGSEGV'); for (;;) { /* until the signal lands */ } } };
export default { models: { lstm: crashes, gru: tiny } };
`,
  });
  const opened = await openSandboxed(sub, { loadTimeoutMs: 60_000 });
  if (opened.status !== 'loaded') throw new Error(opened.error.message);
  const handle = opened.handle as SandboxedHandle;
  const forward = (model: string) => handle.call('probe.forward', { model, spec: SPEC, seed: 1, tokens: [[1, 2]] }, { timeoutMs: 30_000 });
  try {
    const crashed = await forward('lstm');
    expect(crashed.status === 'errored' && crashed.error).toMatchObject({ cause: 'crashed', name: 'Crash' });
    expect(crashed.status === 'errored' && crashed.error.message).toMatch(/^the process was killed by SIGSEGV/);
    expect((await forward('gru')).status).toBe('ok');
    expect(handle.starts).toBe(2);
  } finally {
    await handle.close();
  }
});
