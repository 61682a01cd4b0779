/**
 * The reference, bundled as a submission, through the real sandbox (child process, Node's
 * permission model, private copy): every text-generator correctness check passes, so the
 * ops and the data code they bundle run under the sandbox's restrictions.
 */
import { selectBackend } from '../../backend';
import { referenceSubmission } from '../../sandbox/bundle';
import { loadProfile } from '../../profiles';
import { openSandboxed } from '../../sandbox';
import { textChecks } from './index';

const quick = loadProfile('quick');
beforeAll(async () => { await selectBackend(); });

test('the reference passes every text correctness check in the sandbox', async () => {
  const sub = referenceSubmission();
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
