/**
 * The convergence-speed leaderboard: each submission's steps-to-target ratio against the
 * reference (geometric mean over its comparisons) with its 95% interval as an error bar,
 * on a log axis with the reference at 1×. Overlapping bars mean the ranks are not settled.
 */
import type { TopLevelSpec } from 'vega-lite/build/index';
import type { LeaderboardRow } from '../view-model';

export function leaderboardSpec(rows: readonly LeaderboardRow[]): TopLevelSpec {
  const values = rows.map((r) => ({ name: r.name, ratio: r.ratio, lo: r.lo, hi: r.hi, rank: r.rank, text: r.text }));
  const lo = Math.min(1, ...rows.map((r) => r.lo));
  const hi = Math.max(1, ...rows.map((r) => r.hi));
  const y = { field: 'name', type: 'nominal', title: null, sort: { field: 'rank', order: 'ascending' }, axis: { labelLimit: 300 } } as const;
  const x = {
    field: 'ratio', type: 'quantitative', title: 'steps to target ÷ reference (log scale; < 1 is faster)',
    scale: { type: 'log', domain: [lo / 1.2, hi * 1.2], nice: false },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Convergence speed against the reference, with 95% intervals', anchor: 'start' },
    width: 520,
    height: { step: 26 },
    background: 'white',
    data: { values },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2, color: '#1f6fb4' }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 60, color: '#1f6fb4' }, encoding: { y, x, tooltip: { field: 'text' } } },
      // its own one-row data, or the rule is drawn once per submission
      { data: { values: [{}] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#8a8a8a' }, encoding: { x: { datum: 1 } } },
    ],
  } as TopLevelSpec;
}
