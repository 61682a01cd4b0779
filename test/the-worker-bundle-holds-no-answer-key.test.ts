/**
 * The code that runs in a submission's process is the worker bundle (harness/sandbox/bundle.ts):
 * harness/worker/ and what it imports. Its inputs, as esbuild reports them, must hold no
 * reference model, oracle, fixture, profile, rubric, check or diagnosis code, and no
 * orchestration code — the answer key never reaches the child. The reference bundle, by
 * contrast, is graded as a submission and must contain the models.
 */
import { ANSWER_KEY, referenceBundle, workerBundle } from '../harness/sandbox/bundle';

test('the worker bundle is built from the worker, the backend, the contract and data code only', () => {
  const { inputs } = workerBundle();
  expect(inputs).toContain('harness/worker/main.ts');
  expect(inputs).toContain('harness/worker/ops/index.ts');
  for (const forbidden of ['reference/models/', 'reference/oracle/', 'fixtures/', 'harness/checks/', 'harness/profiles/', 'harness/diagnosis/']) {
    expect([forbidden, inputs.filter((p) => p.startsWith(forbidden))]).toEqual([forbidden, []]);
  }
  const allowed = ['harness/worker/', 'harness/backend/', 'harness/contract.ts', 'reference/data/', 'reference/text/', 'reference/wasm/'];
  expect(inputs.filter((p) => !allowed.some((a) => p.startsWith(a)))).toEqual([]);
  expect(ANSWER_KEY).toEqual(expect.arrayContaining(['reference/models/', 'reference/oracle/', 'fixtures/', 'harness/checks/', 'harness/profiles/', 'harness/diagnosis/']));
});

test('the reference bundle holds the reference models (it is graded like a submission)', () => {
  expect(referenceBundle().inputs).toEqual(expect.arrayContaining(['reference/index.ts', 'reference/models/lstm.ts']));
});
