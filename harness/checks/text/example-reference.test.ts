/**
 * The example-reference submission through the real sandbox (child process, Node's
 * permission model): every text-generator correctness check passes, so the ops and the
 * reference code they import run under the sandbox's restrictions.
 */
import { join } from 'node:path';
import { selectBackend } from '../../backend';
import { discoverOne } from '../../discover/find';
import { loadProfile } from '../../profiles';
import { openSandboxed } from '../../sandbox';
import { textChecks } from './index';

const quick = loadProfile('quick');
beforeAll(async () => { await selectBackend(); });

test('example-reference passes every text correctness check in the sandbox', async () => {
  const sub = discoverOne(join(__dirname, '..', '..', '..', 'submissions', 'example-reference'));
  if (!('hash' in sub)) throw new Error(`discovery failed: ${JSON.stringify(sub)}`);
  const opened = await openSandboxed(sub, { loadTimeoutMs: 90_000 });
  if (opened.status !== 'loaded') throw new Error(opened.error.message);
  try {
    expect(opened.handle.info.provides).toContain('textGenerator');
    expect(opened.handle.info.conventions.temperature).toBe('multiply');
    const results: Record<string, string> = {};
    for (const check of textChecks.filter((c) => c.id !== 'textGenerator.training')) {
      const out = await check.run({ handle: opened.handle, profile: quick, seed: 0 });
      results[check.id] = out.status === 'passed' ? 'passed' : JSON.stringify(out);
    }
    expect(results).toEqual(Object.fromEntries(textChecks.filter((c) => c.id !== 'textGenerator.training').map((c) => [c.id, 'passed'])));
  } finally {
    await opened.handle.close();
  }
});
