/** Hygiene checks: tensors left behind, parameters disposed or changed. */
import { selectBackend } from '../../backend';
import { loadProfile } from '../../profiles';
import { objectHandle } from '../testing/handle';
import { plantedSubmission } from '../testing/planted';
import { noLeaksCheck, pureCheck } from './hygiene';

const quick = loadProfile('quick');
beforeAll(async () => { await selectBackend(); });

test('a clean model passes both', async () => {
  const handle = objectHandle(plantedSubmission(['biLSTM']));
  expect(await noLeaksCheck('biLSTM').run({ handle, profile: quick, seed: 6 })).toMatchObject({ status: 'passed' });
  expect(await pureCheck('biLSTM').run({ handle, profile: quick, seed: 6 })).toMatchObject({ status: 'passed' });
});

test('a tensor left behind per forward is counted, with the tf.tidy hint', async () => {
  const handle = objectHandle(plantedSubmission(['lstm'], { leak: true }));
  const outcome = await noLeaksCheck('lstm').run({ handle, profile: quick, seed: 6 });
  expect(outcome).toMatchObject({ status: 'failed', actual: '1 per forward' });
  expect(outcome.status === 'failed' && outcome.hint).toMatch(/tf\.tidy/);
});

test('a parameter disposed inside forward is named', async () => {
  const handle = objectHandle(plantedSubmission(['gru'], { disposeParam: true }));
  const outcome = await pureCheck('gru').run({ handle, profile: quick, seed: 6 });
  expect(outcome).toMatchObject({ status: 'failed', actual: 'changed, replaced or disposed: W_ph' });
});
