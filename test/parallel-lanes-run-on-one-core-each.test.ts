/**
 * With `--jobs` > 1 each sandboxed lane runs V8 without its background GC and compiler
 * threads (`oneCore`), so two lanes fit two cores; a lone lane keeps them. The test reads
 * the flags from inside the submission's process and checks it still grades.
 */
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
