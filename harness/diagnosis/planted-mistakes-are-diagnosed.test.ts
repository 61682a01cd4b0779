/**
 * Every catalogue entry: plant the mistake in a throw-away tfjs submission, run the
 * forward check, and get that entry's diagnosis (and not another's).
 */
import { selectBackend } from '../backend';
import { forwardCheck } from '../checks/recurrent';
import { objectHandle } from '../checks/testing/handle';
import { plantedSubmission } from '../checks/testing/planted';
import type { Mistakes } from '../checks/testing/planted';
import type { CheckContext } from '../checks/types';
import type { SequenceModelName } from '../contract';
import { loadProfile } from '../profiles';
import type { Profile } from '../profiles/types';
import { CATALOGUE } from './catalogue';

const quick = loadProfile('quick');
/** 2020 group A: embeddings, for the GRU. */
const groupA = loadProfile('2020-A');

const PLANTS: Record<string, { model: SequenceModelName; mistakes: Mistakes; profile?: Profile }> = {
  'log-softmax-batch-axis': { model: 'lstm', mistakes: { output: 'log-softmax-batch' } },
  'softmax-output': { model: 'vanillaRNN', mistakes: { output: 'softmax' } },
  'loop-one-step-early': { model: 'lstm', mistakes: { stopOneEarly: true } },
  'output-from-first-step': { model: 'gru', mistakes: { readFirstStep: true } },
  'recurrent-weights-transposed': { model: 'vanillaRNN', mistakes: { recurrentAsInOut: true } },
  'forget-input-swapped': { model: 'lstm', mistakes: { swapForgetInput: true } },
  'recurrent-bias-missing': { model: 'peepLSTM', mistakes: { noRecurrentBias: true } },
  'output-bias-missing': { model: 'biLSTM', mistakes: { noOutputBias: true } },
  'hard-sigmoid-gates': { model: 'lstm', mistakes: { hardSigmoid: true } },
  'cell-output-without-tanh': { model: 'lstm', mistakes: { noCellTanh: true } },
  'peephole-gates-read-h': { model: 'peepLSTM', mistakes: { peepGatesReadH: true } },
  'peephole-cell-input-activation': { model: 'peepLSTM', mistakes: { peepCellTanh: true } },
  'gru-mirrored-update': { model: 'gru', mistakes: { gru: 'update-keeps-old' }, profile: groupA },
  'gru-reset-after': { model: 'gru', mistakes: { gruResetAfter: true }, profile: groupA },
  'bilstm-backward-not-reversed': { model: 'biLSTM', mistakes: { backwardNotReversed: true } },
  'bilstm-backward-first-state': { model: 'biLSTM', mistakes: { backwardFirstState: true } },
  'bilstm-concat-order': { model: 'biLSTM', mistakes: { concatBwdFwd: true } },
  'time-gate-truncating-mod': { model: 'timeGatedLSTM', mistakes: { truncatingMod: true } },
  'time-gate-zero-based': { model: 'timeGatedLSTM', mistakes: { zeroBasedTime: true } },
};

beforeAll(async () => { await selectBackend(); });

test('the catalogue has at least eight entries, each with a planted test', () => {
  expect(CATALOGUE.length).toBeGreaterThanOrEqual(8);
  expect(Object.keys(PLANTS).sort()).toEqual(CATALOGUE.map((e) => e.id).sort());
});

describe.each(Object.entries(PLANTS))('planted %s', (id, { model, mistakes, profile }) => {
  test(`${model} with the mistake fails forward.T5 with diagnosis ${id}`, async () => {
    const handle = objectHandle(plantedSubmission([model], mistakes));
    const ctx: CheckContext = { handle, profile: profile ?? quick, seed: 3 };
    const outcome = await forwardCheck(model, 5).run(ctx);
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.diagnosis?.id).toBe(id);
    expect(outcome.diagnosis!.error).toBeLessThan(2e-3);
    expect(outcome.diagnosis!.message).toMatch(/^matches /);
    expect(outcome.hint).toBe(CATALOGUE.find((e) => e.id === id)!.fix);
  });
});

test('the same GRU passes once it declares the convention it implements', async () => {
  const handle = objectHandle(plantedSubmission(['gru'], { gru: 'update-keeps-old' }, { gru: 'update-keeps-old' }));
  const outcome = await forwardCheck('gru', 5).run({ handle, profile: groupA, seed: 3 });
  expect(outcome).toMatchObject({ status: 'passed' });
});

test('a mistake outside the catalogue fails without a diagnosis', async () => {
  // two mistakes at once match no single entry
  const handle = objectHandle(plantedSubmission(['lstm'], { swapForgetInput: true, noOutputBias: true }));
  const outcome = await forwardCheck('lstm', 5).run({ handle, profile: quick, seed: 3 });
  expect(outcome.status).toBe('failed');
  expect(outcome.status === 'failed' && outcome.diagnosis).toBeUndefined();
});
