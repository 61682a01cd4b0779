/**
 * What the checks build on, at the op level (probe ops, harness/sandbox/ops/describe.ts):
 * NaN output, leaked tensors, mutated parameters and a wrong parameter shape are visible in
 * the op's answer; `throw 42` and a non-tensor result are errors with a specific cause.
 * All from one sandboxed process that keeps serving ops after each problem.
 */
import { opFailure } from '../harness/checks/op-failure';
import { openSandboxed } from '../harness/sandbox';
import type { OpOutcome, SubmissionHandle } from '../harness/sandbox';
import type { ProbeForwardResult } from '../harness/worker/ops/describe';
import { removeThrowaways, SPEC, throwaway, TINY_MODEL } from './helpers/throwaway';

let handle: SubmissionHandle;

beforeAll(async () => {
  const sub = throwaway('many-bugs', {
    'index.ts': `import * as tf from '@tensorflow/tfjs';
const tiny = {${TINY_MODEL}};
const nan = { ...tiny, forward(params: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
  return tf.tidy(() => tiny.forward(params, tokens, spec).mul(tf.scalar(0)).div(tf.scalar(0))) as tf.Tensor2D;
} };
const leaks = { ...tiny, forward(params: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
  const scratch = tf.zeros([4, 4]); // never disposed
  const out = tiny.forward(params, tokens, spec);
  tf.keep(tf.add(scratch, 1)); // kept forever
  return out;
} };
const mutates = { ...tiny, forward(params: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
  params.b_p = params.b_p.add(1); // replaces the caller's parameter
  return tiny.forward(params, tokens, spec);
} };
const wrongShape = { ...tiny, init(spec: any, seed: number) {
  return { W_ph: tf.randomNormal([spec.hiddenDim, spec.numClasses], 0, 0.1, 'float32', seed), b_p: tf.zeros([spec.numClasses]) };
} };
const throws42 = { ...tiny, forward(): tf.Tensor2D { throw 42; } };
const returnsArray = { ...tiny, forward(): tf.Tensor2D { return [[1, 2, 3]] as any; } };
export default { models: { lstm: nan, gru: leaks, vanillaRNN: mutates, peepLSTM: wrongShape, biLSTM: throws42, timeGatedLSTM: returnsArray, textGenerator: undefined } };
`,
  });
  // backend: the child selects what the orchestrator passes (NETGRADE_BACKEND)
  const opened = await openSandboxed(sub, { loadTimeoutMs: 60_000, backend: 'cpu' }, () => ['index.ts:1: a warning found while the process loads']);
  if (opened.status !== 'loaded') throw new Error(opened.error.message);
  handle = opened.handle;
});
afterAll(async () => {
  await handle?.close();
  removeThrowaways();
});

const forward = (model: string) => handle.call('probe.forward', { model, spec: SPEC, seed: 1, tokens: [[1, 2], [3, 4]] });
const ok = <R>(o: OpOutcome<R>): R => {
  if (o.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(o)}`);
  return o.value;
};

it('describe lists the parts provided and the backend the orchestrator chose', async () => {
  const info = ok(await handle.call('describe', {}));
  expect(info.backend).toBe('cpu');
  expect(info.provides).toEqual(['lstm', 'gru', 'vanillaRNN', 'peepLSTM', 'biLSTM', 'timeGatedLSTM']);
  expect(handle.info.provides).toEqual(info.provides);
  expect(handle.info.warnings).toEqual(['index.ts:1: a warning found while the process loads']);
});

it('NaN output: every value is reported non-finite', async () => {
  const out = ok(await forward('lstm'));
  expect(out.shape).toEqual([2, 3]);
  expect(out.nonFinite).toEqual([0, 1, 2, 3, 4, 5]);
});

it('leaked tensors are counted (two left behind per call)', async () => {
  const out = ok(await forward('gru'));
  expect(out.leakedTensors).toBe(2);
  expect(out.nonFinite).toEqual([]);
});

it('a parameter replaced during forward is reported as mutated', async () => {
  const out = ok(await forward('vanillaRNN'));
  expect(out.mutated).toEqual(['b_p']);
  expect(out.leakedTensors).toBe(1); // the replacement tensor itself is left behind
});

it('a wrong parameter shape from init is visible: W_ph should be [K, H] = [3, 4]', async () => {
  const { shapes } = ok(await handle.call('probe.init', { model: 'peepLSTM', spec: SPEC, seed: 1 }));
  expect(shapes).toEqual({ W_ph: [SPEC.hiddenDim, SPEC.numClasses], b_p: [SPEC.numClasses] });
  expect(shapes.W_ph).not.toEqual([SPEC.numClasses, SPEC.hiddenDim]);
});

it('throw 42 is an error that says a number was thrown', async () => {
  const out = await forward('biLSTM');
  expect(out.status === 'errored' && out.error).toEqual({ cause: 'threw', name: 'non-Error', message: 'threw the number 42 instead of an Error', stack: undefined });
  expect(out.status === 'errored' && opFailure(out, 'models.biLSTM.forward')).toMatchObject({ status: 'errored', cause: 'threw', message: 'models.biLSTM.forward: threw the number 42 instead of an Error' });
});

it('a non-tensor result is bad-output; a missing part is not-submitted', async () => {
  const bad = await forward('timeGatedLSTM');
  expect(bad.status === 'errored' && bad.error).toMatchObject({ cause: 'bad-output', message: 'models.timeGatedLSTM.forward requires a tf.Tensor as its result, got an array' });
  const missing = await forward('textGenerator');
  expect(missing.status === 'errored' && missing.error).toMatchObject({ cause: 'not-submitted' });
});
