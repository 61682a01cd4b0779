/**
 * Memory caps: a submission that fills the JavaScript heap hits --max-old-space-size; one
 * that fills wasm memory with tensors hits the resident-memory cap polled from /proc.
 * Both ops end as `out-of-memory`, and the next op runs in a fresh process.
 */
import { openSandboxed, SandboxedHandle } from '../harness/sandbox';
import type { OpOutcome } from '../harness/sandbox';
import { removeThrowaways, SPEC, throwaway, TINY_MODEL } from './helpers/throwaway';

afterAll(removeThrowaways);

it('heap and resident-memory hogs are stopped as out-of-memory; a well-behaved model still runs', async () => {
  const sub = throwaway('hog', {
    'index.ts': `import * as tf from '@tensorflow/tfjs';
const tiny = {${TINY_MODEL}};
const hoard: number[][] = [];
const heapHog = { ...tiny, forward(): tf.Tensor2D {
  for (;;) hoard.push(new Array(100_000).fill(Math.random()));
} };
const kept: tf.Tensor[] = [];
const wasmHog = { ...tiny, forward(): tf.Tensor2D {
  for (;;) kept.push(tf.fill([1 << 20], Math.random()));
} };
export default { models: { lstm: heapHog, gru: wasmHog, vanillaRNN: tiny } };
`,
  });
  const opened = await openSandboxed(sub, { memoryMb: 192, rssLimitMb: 900, pollMs: 50, opTimeoutMs: 60_000, loadTimeoutMs: 60_000 });
  if (opened.status !== 'loaded') throw new Error(opened.error.message);
  const handle = opened.handle as SandboxedHandle;
  const forward = (model: string) => handle.call('probe.forward', { model, spec: SPEC, seed: 1, tokens: [[1, 2]] });
  const errorOf = (o: OpOutcome<unknown>) => (o.status === 'errored' ? o.error : { cause: o.status, message: JSON.stringify(o).slice(0, 300) });
  try {
    const heap = errorOf(await forward('lstm'));
    expect(heap.cause).toBe('out-of-memory');
    expect(heap.message).toBe('ran out of JavaScript heap (limit 192 MB) and was stopped');

    const wasm = errorOf(await forward('gru'));
    expect(wasm.cause).toBe('out-of-memory');
    expect(wasm.message).toMatch(/^used \d+ MB of memory, more than the 900 MB limit, and was stopped$/);

    const fine = await forward('vanillaRNN');
    expect(fine.status).toBe('ok');
    expect(handle.starts).toBe(3);
  } finally {
    await handle.close();
  }
});
