/**
 * Node's permission model, as Node 20.20 enforces it in the sandbox: a submission cannot
 * read the fixtures (to copy expected values), write into them, start processes or
 * workers — each is a `permission` error naming what was denied — while it can still read
 * its own folder. A submission that reads the fixtures at import time does not load.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSandboxed, PROJECT_ROOT } from '../harness/sandbox';
import type { OpOutcome } from '../harness/sandbox';
import { removeThrowaways, SPEC, throwaway, TINY_MODEL } from './helpers/throwaway';

const FIXTURES = join(PROJECT_ROOT, 'fixtures');
const PLANTED = join(FIXTURES, 'planted-by-a-submission.json');
const errorOf = (o: OpOutcome<unknown>) => (o.status === 'errored' ? o.error : { cause: o.status, name: '', message: JSON.stringify(o).slice(0, 300) });

afterAll(removeThrowaways);

it('reading or writing fixtures/, spawning a process or a worker is denied; reading its own folder is not', async () => {
  const sub = throwaway('cheats', {
    'weights.json': '[0.5]',
    'index.ts': `import * as tf from '@tensorflow/tfjs';
import * as fs from 'node:fs';
import * as path from 'node:path';
const tiny = {${TINY_MODEL}};
const FIXTURES = ${JSON.stringify(FIXTURES)};
const copies = { ...tiny, forward(): tf.Tensor2D {
  const file = fs.readdirSync(FIXTURES).find((f) => f.endsWith('.json')) ?? 'lstm.json';
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  return tf.tensor2d(expected.logits);
} };
const writes = { ...tiny, forward(params: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
  fs.writeFileSync(${JSON.stringify(PLANTED)}, '{"logits": [[0, 0, 1]]}');
  return tiny.forward(params, tokens, spec);
} };
const spawns = { ...tiny, forward(): tf.Tensor2D {
  require('node:child_process').execSync('echo hi');
  return undefined as any;
} };
const threads = { ...tiny, forward(): tf.Tensor2D {
  const { Worker } = require('node:worker_threads');
  new Worker('1', { eval: true });
  return undefined as any;
} };
const ownFolder = { ...tiny, forward(params: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
  const scale = JSON.parse(fs.readFileSync(path.join(__dirname, 'weights.json'), 'utf8'))[0];
  return tf.tidy(() => tiny.forward(params, tokens, spec).mul(scale)) as tf.Tensor2D;
} };
export default { models: { lstm: copies, gru: writes, vanillaRNN: spawns, peepLSTM: threads, biLSTM: ownFolder } };
`,
  });
  const opened = await openSandboxed(sub, { loadTimeoutMs: 60_000 });
  if (opened.status !== 'loaded') throw new Error(opened.error.message);
  const forward = (model: string) => opened.handle.call('probe.forward', { model, spec: SPEC, seed: 1, tokens: [[1, 2]] });
  try {
    expect(errorOf(await forward('lstm'))).toEqual(expect.objectContaining({ cause: 'permission', message: `the sandbox denied FileSystemRead of ${FIXTURES}` }));
    expect(errorOf(await forward('gru'))).toEqual(expect.objectContaining({ cause: 'permission', message: `the sandbox denied FileSystemWrite of ${PLANTED}` }));
    expect(existsSync(PLANTED)).toBe(false);
    expect(errorOf(await forward('vanillaRNN'))).toEqual(expect.objectContaining({ cause: 'permission', message: 'the sandbox denied ChildProcess' }));
    expect(errorOf(await forward('peepLSTM'))).toEqual(expect.objectContaining({ cause: 'permission', message: 'the sandbox denied WorkerThreads' }));
    const own = await forward('biLSTM');
    expect(own.status).toBe('ok');
  } finally {
    await opened.handle.close();
  }
  // the harness itself (outside the sandbox) can still read the fixtures folder
  expect(() => readdirSync(FIXTURES)).not.toThrow();
});

it('reading the fixtures at import time stops the load with a permission error', async () => {
  const sub = throwaway('cheats-at-import', {
    'index.ts': `import * as fs from 'node:fs';\nconst expected = fs.readdirSync(${JSON.stringify(FIXTURES)});\nexport default { models: {}, expected };\n`,
  });
  const opened = await openSandboxed(sub, { loadTimeoutMs: 60_000 });
  expect(opened.status).toBe('load-failed');
  if (opened.status === 'load-failed') {
    expect(opened.error).toMatchObject({ cause: 'permission', message: `index.ts was stopped while loading: the sandbox denied FileSystemRead of ${FIXTURES}` });
  }
});
