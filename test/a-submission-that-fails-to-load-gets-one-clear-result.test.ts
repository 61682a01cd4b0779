/**
 * Syntax error, missing default export, a throw at import time (even `throw 42`): each gets
 * ONE load-failed result naming the cause, and a good submission in the same run still grades.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeAll } from '../harness/grade';
import type { Check } from '../harness/checks/types';
import type { Profile } from '../harness/profiles/types';
import type { SubmissionResult } from '../harness/results/types';
import { removeThrowaways, SPEC, throwaway, TINY_MODEL } from './helpers/throwaway';

const profile = { name: 'robustness', rubric: { 'lstm.*': 1 }, limits: { checkTimeoutMs: 20_000, memoryMb: 512 } } as unknown as Profile;
const probe: Check = {
  id: 'lstm.probe', title: 'forward runs', part: 'part1', subject: 'lstm', hidden: false, timeoutMs: 0,
  async run({ handle }) {
    const out = await handle.call('probe.forward', { model: 'lstm', spec: SPEC, seed: 1, tokens: [[1, 2, 3]] });
    return out.status === 'ok' && out.value.shape.join() === '1,3' ? { status: 'passed' } : { status: 'failed', expected: '[1, 3]', actual: JSON.stringify(out), hint: '' };
  },
};

describe('a submission that fails to load', () => {
  let results: Map<string, SubmissionResult>;
  const runDir = mkdtempSync(join(tmpdir(), 'netgrade-run-'));

  beforeAll(async () => {
    const subs = [
      throwaway('syntax', { 'index.ts': `import * as tf from '@tensorflow/tfjs';\nconst broken = ;\nexport default { models: { lstm: tf } };\n` }),
      throwaway('no-default', { 'index.ts': `import * as tf from '@tensorflow/tfjs';\nexport const models = { lstm: {${TINY_MODEL}} };\n` }),
      throwaway('throws-at-import', { 'index.ts': `import { helper } from './helper';\nexport default { models: { lstm: helper } };\n`, 'helper.ts': `export const helper = {};\nconst table: any = undefined;\nexport const size = table.length;\n` }),
      throwaway('throws-42', { 'index.ts': `throw 42;\nexport default {};\n` }),
      throwaway('good', { 'index.ts': `import * as tf from '@tensorflow/tfjs';\nexport default { author: 'Good', models: { lstm: {${TINY_MODEL}} } };\n` }),
    ];
    const graded = await gradeAll(subs, { profile, checks: [probe], seed: 0, runDir, jobs: 2, skipTypeCheck: true, sandbox: { loadTimeoutMs: 60_000 } });
    results = new Map(graded.map((r) => [r.submission.name, r]));
  });
  afterAll(() => {
    removeThrowaways();
    rmSync(runDir, { recursive: true, force: true });
  });

  const error = (name: string) => {
    const r = results.get(name)!;
    expect(r.status).toBe('load-failed');
    expect(r.checks).toEqual([]);
    expect([r.score, r.maxScore]).toEqual([0, 1]);
    return r.status === 'load-failed' ? r.error : { cause: '', message: '' };
  };

  it('a syntax error names file, line and column', () => {
    const e = error('syntax');
    expect(e.cause).toBe('load-failed');
    expect(e.message).toBe('syntax error at index.ts:2:16: Expression expected.');
  });

  it('a missing default export says what to add and lists the named exports', () => {
    const e = error('no-default');
    expect(e.cause).toBe('load-failed');
    expect(e.message).toContain('index.ts requires a default export');
    expect(e.message).toContain('got only named exports: models');
  });

  it('an exception at import time names the error and the submission file it came from', () => {
    const e = error('throws-at-import');
    expect(e.message).toMatch(/^index\.ts threw while loading: TypeError: Cannot read properties of undefined \(reading 'length'\) \(at helper\.ts:3:\d+\)/);
  });

  it('throwing a non-Error at import time is described, not lost', () => {
    expect(error('throws-42').message).toBe('index.ts threw while loading: threw the number 42 instead of an Error');
  });

  it('the good submission in the same run still grades', () => {
    const good = results.get('good')!;
    expect(good.status).toBe('graded');
    expect(good.submission.author).toBe('Good');
    expect(good.checks.map((c) => [c.id, c.status])).toEqual([['lstm.probe', 'passed']]);
  });
});
