/**
 * The example submissions through every correctness check of the quick profile (training
 * is left to the benchmarks' tests): the reference earns every point, the buggy example
 * gets its targeted diagnoses and keeps the points of what it got right.
 */
import { selectBackend } from '../backend';
import { SEQUENCE_MODELS } from '../contract';
import type { Submission } from '../contract';
import { loadProfile, pointsFor } from '../profiles';
import reference from '../../reference';
import buggy from '../../submissions/example-buggy';
import { checksFor } from '.';
import { objectHandle } from './testing/handle';
import type { CheckOutcome } from './types';

const quick = loadProfile('quick');
// the recurrent models and the time gate (text and graph families test their own examples)
const mine = new Set<string>([...SEQUENCE_MODELS, 'timeGate']);
const correctness = checksFor(quick).filter((c) => mine.has(c.subject) && !c.id.endsWith('.train.sanity'));

async function grade(submission: Submission, name: string): Promise<Map<string, CheckOutcome>> {
  const handle = objectHandle(submission, name);
  const out = new Map<string, CheckOutcome>();
  for (const check of correctness) out.set(check.id, await check.run({ handle, profile: quick, seed: 0 }));
  return out;
}

beforeAll(async () => { await selectBackend(); });

test('the reference passes every recurrent and time-gate correctness check that carries points', async () => {
  const results = await grade(reference as Submission, 'reference');
  const lost = [...results].filter(([id, o]) => pointsFor(quick, id) > 0 && o.status !== 'passed').map(([id, o]) => `${id}: ${JSON.stringify(o)}`);
  expect(lost).toEqual([]);
});

test('example-buggy gets its targeted diagnoses and keeps what it got right', async () => {
  const results = await grade(buggy, 'example-buggy');
  const diagnosis = (id: string) => { const o = results.get(id); return o?.status === 'failed' ? o.diagnosis?.id : o?.status; };
  expect(diagnosis('lstm.forward.T5')).toBe('loop-one-step-early');
  expect(diagnosis('lstm.forward.T50')).toBe('loop-one-step-early');
  expect(diagnosis('peepLSTM.forward.T5')).toBe('peephole-gates-read-h');
  expect(diagnosis('gru.forward.T5')).toBe('gru-mirrored-update');
  expect(diagnosis('timeGate.values')).toBe('time-gate-truncating-mod');
  expect(results.get('vanillaRNN.hygiene.no-leaks')).toMatchObject({ status: 'failed' });
  // tfjs's randomNormal treats seed 0 as unseeded: the hint says so
  expect(results.get('gru.init.seeded')).toMatchObject({ status: 'failed', actual: expect.stringMatching(/tfjs treats a seed of 0 as no seed/) });
  for (const id of ['vanillaRNN.forward.T50', 'vanillaRNN.gradients.autodiff', 'lstm.params.shapes', 'peepLSTM.params.count', 'gru.params.shapes', 'gru.forward.batch-independence']) {
    expect([id, results.get(id)?.status]).toEqual([id, 'passed']);
  }
  // not submitted: errored with that cause, nothing thrown
  expect(results.get('biLSTM.forward.T5')).toMatchObject({ status: 'errored', cause: 'not-submitted' });
});
