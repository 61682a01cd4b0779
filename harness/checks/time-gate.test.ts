/** The time-gate check against the oracle, with planted gates. */
import { loadProfile } from '../profiles';
import { objectHandle } from './testing/handle';
import { plantedTimeGate } from './testing/planted';
import { timeGateCheck } from './time-gate';

const profile = loadProfile('2018');

test('the gate written from PDF eq. 12 passes', async () => {
  const outcome = await timeGateCheck.run({ handle: objectHandle({ timeGate: plantedTimeGate() }), profile, seed: 0 });
  expect(outcome).toMatchObject({ status: 'passed' });
});

// by hand: (1 − 4) % 10 = −3 in JS, φ = −0.3 < r_on/2, k = 2φ/r_on = −2; floored: φ = 0.7 ≥ r_on, k = 0
test('a truncating % fails at t < s with its diagnosis', async () => {
  const outcome = await timeGateCheck.run({ handle: objectHandle({ timeGate: plantedTimeGate({ truncatingMod: true }) }), profile, seed: 0 });
  expect(outcome).toMatchObject({ status: 'failed', diagnosis: { id: 'time-gate-truncating-mod' } });
  expect(outcome.status === 'failed' && outcome.actual).toBe('τ=10, s=4, r_on=0.3: k(1) = -2, expected 0');
});

test('not submitted, and a non-number, are reported clearly', async () => {
  expect(await timeGateCheck.run({ handle: objectHandle({}), profile, seed: 0 })).toMatchObject({ status: 'errored', cause: 'not-submitted' });
  const outcome = await timeGateCheck.run({ handle: objectHandle({ timeGate: (() => '0.5') as unknown as () => number }), profile, seed: 0 });
  expect(outcome).toMatchObject({ status: 'errored', cause: 'bad-output' });
  expect(outcome.status === 'errored' && outcome.message).toMatch(/timeGate\(1, …\) requires a number, got string 0\.5/);
});
