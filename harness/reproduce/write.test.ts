/**
 * The agree/disagree table from stored data: one row per claim, "not run" for a reproduction
 * that has no data or could not run, and a claim's known difference shown beside a
 * disagreement of the implementation it concerns only.
 */
import { CLAIMS } from './claims';
import type { ReproductionData, RunRecord } from './types';
import { claimRows } from './write';

function data(name: string, runs: RunRecord[], extra: Partial<ReproductionData> = {}): ReproductionData {
  return {
    name, title: name, implementation: name.endsWith('-pytorch') ? 'pytorch' : 'tfjs', scale: 'scaled', settings: {}, scaled: [],
    startedAt: '2026-11-30T09:00:00Z', wallSeconds: 60, resumedRuns: 0, machine: { cores: 2, cpu: 'test', loadAverage: 0, backend: 'wasm' }, runs, ...extra,
  };
}
/** accuracy `accuracy` at every evaluation 0 … 1,000 */
function flat(model: string, length: number, seed: number, accuracy: number): RunRecord {
  const curve = Array.from({ length: 21 }, (_, k) => ({ step: k * 50, seconds: 0, loss: 0, accuracy }));
  return { implementation: 'tfjs', model, dataset: 'digit-palindrome', length, T: length - 1, seed, status: 'censored', budgetSteps: 1000, msPerStep: 1, curve };
}

describe('claimRows', () => {
  it('has one row per claim, in order, and says how to run what has no data', () => {
    const rows = claimRows(new Map());
    expect(rows.map((r) => r.id)).toEqual(CLAIMS.map((c) => c.id));
    expect(rows[0].tfjs).toEqual({ status: 'not-run', reason: 'not run yet (`npm run reproduce -- --only 2020-DE`)' });
    expect(rows[0].pytorch).toEqual({ status: 'not-run', reason: 'not run yet (`npm run reproduce -- --only 2020-DE-pytorch`)' });
    expect(rows.find((r) => r.id.startsWith('2018/'))!.pytorch).toBeNull();
  });

  it('a reproduction that could not run is "not run" with its reason', () => {
    const rows = claimRows(new Map([['2020-DE-pytorch', data('2020-DE-pytorch', [], { notRun: 'no PyTorch runtime' })]]));
    expect(rows[0].pytorch).toEqual({ status: 'not-run', reason: 'no PyTorch runtime' });
  });

  it('adds the known difference to a disagreement of the implementation it concerns', () => {
    // the RNN at T = 15 and 20 at 0.9 (> 0.2) at step 1,000: the claim "does not improve" disagrees
    const runs = [16, 21].flatMap((L) => [0, 1].map((seed) => flat('vanillaRNN', L, seed, 0.9)));
    const row = claimRows(new Map([['2018', data('2018', runs)]])).find((r) => r.id === '2018/rnn-T15-T20-stuck')!;
    const claim = CLAIMS.find((c) => c.id === '2018/rnn-T15-T20-stuck')!;
    expect(row.tfjs.status).toBe('disagrees');
    expect(row.tfjs.status === 'disagrees' && row.tfjs.reason).toContain(claim.knownDifference!.tfjs!);
  });
});
