/**
 * The agree/disagree logic on hand-made runs: each case's expected verdict follows from
 * the claim's criterion by hand (the steps and accuracies are chosen on either side of it).
 */
import { CLAIMS } from './claims';
import type { RunRecord } from './types';

/** A run whose accuracy is `before` until `jump` (exclusive), then 1, evaluated every 50 steps to `budget`. */
function run(model: string, length: number, seed: number, jump: number | null, options: { budget?: number; before?: number; at?: Record<number, number> } = {}): RunRecord {
  const { budget = 2000, before = 0.5, at = {} } = options;
  const curve = [];
  for (let step = 0; step <= budget; step += 50) curve.push({ step, seconds: 0, loss: 0, accuracy: at[step] ?? (jump !== null && step >= jump ? 1 : before) });
  return { implementation: 'tfjs', model, dataset: 'test', length, T: length, seed, status: 'censored', budgetSteps: budget, msPerStep: 1, curve };
}
const judge = (id: string, runs: RunRecord[]) => {
  const claim = CLAIMS.find((c) => c.id === id);
  if (!claim) throw new Error(`no claim ${id}`);
  return claim.judge(runs).status;
};
const seeds = (model: string, length: number, jumps: Array<number | null>, options?: Parameters<typeof run>[4]) => jumps.map((j, seed) => run(model, length, seed, j, options));

describe('2020 D/E claims', () => {
  it('LSTM at L = 10: every seed reaching 0.99 agrees; one seed never reaching it disagrees', () => {
    expect(judge('2020-DE/lstm-L10-perfect', seeds('lstm', 10, [300, 450, 1900]))).toBe('agrees');
    expect(judge('2020-DE/lstm-L10-perfect', seeds('lstm', 10, [300, null, 400]))).toBe('disagrees');
  });

  it('LSTM at L = 20 plateau: a mean of 0.66 up to step 500 agrees; a seed at 1.0 by step 300 lifts the mean to 0.77 > 0.75 and disagrees', () => {
    expect(judge('2020-DE/lstm-L20-plateau', seeds('lstm', 20, [900, null, 1400], { before: 0.66 }))).toBe('agrees');
    // (1 + 0.66 + 0.66) / 3 = 0.773
    expect(judge('2020-DE/lstm-L20-plateau', seeds('lstm', 20, [300, null, 1400], { before: 0.66 }))).toBe('disagrees');
  });

  it('LSTM at L = 20 jump: 900 / never / 1400 agrees; all by 300 has no jump in 500–1500; 600 / 700 / 750 lie within 300 steps', () => {
    expect(judge('2020-DE/lstm-L20-jump', seeds('lstm', 20, [900, null, 1400]))).toBe('agrees');
    expect(judge('2020-DE/lstm-L20-jump', seeds('lstm', 20, [200, 250, 300]))).toBe('disagrees');
    expect(judge('2020-DE/lstm-L20-jump', seeds('lstm', 20, [600, 700, 750]))).toBe('disagrees');
  });

  it('peepLSTM at L = 20 by 500: 400 / 500 / 750 agree (≤ 750); 800 disagrees', () => {
    expect(judge('2020-DE/peepLSTM-L20-by-500', seeds('peepLSTM', 20, [400, 500, 750]))).toBe('agrees');
    expect(judge('2020-DE/peepLSTM-L20-by-500', seeds('peepLSTM', 20, [400, 500, 800]))).toBe('disagrees');
  });

  it('less spread: peepLSTM seeds 50 steps apart against LSTM seeds 1,000 apart agree; the other way round disagrees', () => {
    const close = seeds('peepLSTM', 20, [400, 450, 500]);
    const apart = seeds('lstm', 20, [400, 900, 1400]);
    expect(judge('2020-DE/peepLSTM-L20-less-spread', [...close, ...apart])).toBe('agrees');
    const closeLstm = seeds('lstm', 20, [400, 450, 500]);
    const apartPeep = seeds('peepLSTM', 20, [400, 900, 1400]);
    expect(judge('2020-DE/peepLSTM-L20-less-spread', [...closeLstm, ...apartPeep])).toBe('disagrees');
  });

  it('runs that end before the claim\'s window are "not run" unless they already agree', () => {
    expect(judge('2020-DE/lstm-L20-plateau', seeds('lstm', 20, [null, null], { budget: 450, before: 0.66 }))).toBe('not-run');
    expect(judge('2020-DE/lstm-L20-jump', seeds('lstm', 20, [null, null], { budget: 1000 }))).toBe('not-run');
    expect(judge('2020-DE/lstm-L20-jump', seeds('lstm', 20, [600, null], { budget: 1000 }))).toBe('agrees');
    expect(judge('2020-DE/peepLSTM-L20-by-500', seeds('peepLSTM', 20, [null], { budget: 700 }))).toBe('not-run');
  });

  it('no runs, or an errored run, is "not run", never a verdict', () => {
    expect(judge('2020-DE/peepLSTM-L20-by-500', [])).toBe('not-run');
    const broken = { ...run('peepLSTM', 20, 0, 400), status: 'errored' as const, message: 'threw' };
    expect(judge('2020-DE/peepLSTM-L20-by-500', [broken])).toBe('not-run');
  });
});

describe('2018/2019 claims (length L = T + 1)', () => {
  it('RNN at T = 5 by 400: 350 / 400 / 600 agree (≤ 600); 650 disagrees', () => {
    expect(judge('2018/rnn-T5-by-400', seeds('vanillaRNN', 6, [350, 400, 600]))).toBe('agrees');
    expect(judge('2018/rnn-T5-by-400', seeds('vanillaRNN', 6, [350, 400, 650]))).toBe('disagrees');
  });

  it('RNN stuck at T = 15 and 20: 0.11 at step 1,000 agrees; one seed at 0.35 disagrees; curves ending at 800 are not run', () => {
    const stuck = [...seeds('vanillaRNN', 16, [null, null, null], { before: 0.11 }), ...seeds('vanillaRNN', 21, [null, null, null], { before: 0.11 })];
    expect(judge('2018/rnn-T15-T20-stuck', stuck)).toBe('agrees');
    const learning = [...seeds('vanillaRNN', 16, [null, null, null], { before: 0.11 }), run('vanillaRNN', 21, 0, null, { at: { 1000: 0.35 }, before: 0.11 }), ...seeds('vanillaRNN', 21, [null, null], { before: 0.11 })];
    expect(judge('2018/rnn-T15-T20-stuck', learning)).toBe('disagrees');
    const short = [...seeds('vanillaRNN', 16, [null], { budget: 800 }), ...seeds('vanillaRNN', 21, [null], { budget: 800 })];
    expect(judge('2018/rnn-T15-T20-stuck', short)).toBe('not-run');
  });

  it('LSTM ≥ 0.5 at every length: 0.5 at step 1,000 agrees (at or above); 0.45 at T = 20 disagrees', () => {
    const lengths = [6, 11, 16, 21];
    expect(judge('2018/lstm-above-half', lengths.flatMap((L) => seeds('lstm', L, [null, null], { before: 0.5 })))).toBe('agrees');
    const low = [...[6, 11, 16].flatMap((L) => seeds('lstm', L, [null], { before: 0.9 })), run('lstm', 21, 0, null, { before: 0.45 })];
    expect(judge('2018/lstm-above-half', low)).toBe('disagrees');
  });
});

describe('text claims', () => {
  const text = (at: Record<number, number>, budget = 5000) => ({ ...run('textGenerator', 30, 0, null, { budget, before: 0.3, at }), status: 'trained' as const });
  it('0.66 at step 5,000 agrees (within 0.65 ± 0.05); 0.55 disagrees; a run ending at 2,000 (< 2,500) is not run', () => {
    expect(judge('text/grimm-0.65-at-5000', [text({ 5000: 0.66 })])).toBe('agrees');
    expect(judge('text/grimm-0.65-at-5000', [text({ 5000: 0.55 })])).toBe('disagrees');
    expect(judge('text/grimm-0.65-at-5000', [text({}, 2000)])).toBe('not-run');
  });
  it('a run of 2,500 steps is read at step 2,500 (5,000 − 50 %); one of 9,000 at step 7,500 (5,000 + 50 %)', () => {
    expect(judge('text/grimm-0.65-at-5000', [text({ 2500: 0.62 }, 2500)])).toBe('agrees');
    expect(judge('text/grimm-0.65-at-5000', [text({ 7500: 0.64, 9000: 0.75 }, 9000)])).toBe('agrees');
    expect(judge('text/grimm-0.65-at-5000', [text({ 7500: 0.75 }, 9000)])).toBe('disagrees');
  });
  it('rising after 1,500: 0.58 → 0.66 agrees (+0.08); 0.65 → 0.655 disagrees (+0.005 < 0.02)', () => {
    expect(judge('text/grimm-rising-at-1500', [text({ 1500: 0.58, 5000: 0.66 })])).toBe('agrees');
    expect(judge('text/grimm-rising-at-1500', [text({ 1500: 0.65, 5000: 0.655 })])).toBe('disagrees');
  });
});
