/**
 * `process.exit` inside a submission: intercepted mid-op (reported as `exited` even if the
 * submission swallows the exception), `process.reallyExit` (the internal exit a submission
 * might try to go around the interception with) too, and a load failure when called at
 * import time. The process goes on serving the next op.
 */
import { openSandboxed, SandboxedHandle } from '../harness/sandbox';
import type { OpOutcome } from '../harness/sandbox';
import { removeThrowaways, SPEC, throwaway, TINY_MODEL } from './helpers/throwaway';

afterAll(removeThrowaways);

const errorOf = (o: OpOutcome<unknown>) => (o.status === 'errored' ? o.error : { cause: o.status, name: '', message: JSON.stringify(o).slice(0, 300) });

it('exit mid-op is `exited` (caught or not, through reallyExit or not) and the next op still runs', async () => {
  const sub = throwaway('exits', {
    'index.ts': `import * as tf from '@tensorflow/tfjs';
const tiny = {${TINY_MODEL}};
const exits = { ...tiny, forward(): tf.Tensor2D { process.exit(0); } };
const swallows = { ...tiny, forward(params: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
  try { process.exit(0); } catch { /* keep going */ }
  return tiny.forward(params, tokens, spec);
} };
const bypasses = { ...tiny, forward(): tf.Tensor2D { (process as any).reallyExit(3); return undefined as any; } };
export default { models: { lstm: exits, gru: swallows, vanillaRNN: bypasses, peepLSTM: tiny } };
`,
  });
  const opened = await openSandboxed(sub, { loadTimeoutMs: 60_000 });
  if (opened.status !== 'loaded') throw new Error(opened.error.message);
  const handle = opened.handle as SandboxedHandle;
  const forward = (model: string) => handle.call('probe.forward', { model, spec: SPEC, seed: 1, tokens: [[1, 2]] });
  try {
    expect(errorOf(await forward('lstm'))).toMatchObject({ cause: 'exited', message: 'process.exit(0) was called' });
    expect(errorOf(await forward('gru'))).toMatchObject({ cause: 'exited', message: 'process.exit(0) was called' });
    expect(errorOf(await forward('vanillaRNN'))).toMatchObject({ cause: 'exited', message: 'process.exit(3) was called' });
    expect((await forward('peepLSTM')).status).toBe('ok');
    expect(handle.starts).toBe(1); // intercepted every time: the process lived on
  } finally {
    await handle.close();
  }
});

it('exit at import time is a load failure that says so', async () => {
  const sub = throwaway('exits-at-import', { 'index.ts': 'process.exit(0);\nexport default {};\n' });
  const opened = await openSandboxed(sub, { loadTimeoutMs: 60_000 });
  expect(opened.status).toBe('load-failed');
  if (opened.status === 'load-failed') {
    expect(opened.error).toMatchObject({ cause: 'exited', message: 'index.ts called process.exit while loading; a submission must not exit the process' });
  }
});
