/**
 * The class's performance profile (AlgoPerf's figure): ρ(τ), the share of configurations a
 * submission reaches the target on within τ times the reference's steps, for τ from 1 to
 * r_max — one step line per submission and the reference's as a dashed grey line (ρ = 1
 * from τ = 1 when it reached the target everywhere). A line that rises sooner and higher is faster.
 */
import type { TopLevelSpec } from 'vega-lite/build/index';
import { REFERENCE_NAME } from '../../results/names';
import type { PerformanceProfileView } from '../view-model';

const REFERENCE_COLOUR = '#8a8a8a';
/** Tableau 10 without its grey (the reference's); colours repeat past nine submissions, the table below the chart does not */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

/** the points where a step line changes, plus its two ends: `step-after` draws the grid's ρ exactly from these */
function steps(taus: readonly number[], rho: readonly number[]): Array<{ tau: number; rho: number }> {
  return taus.flatMap((tau, i) => (i === 0 || i === taus.length - 1 || rho[i] !== rho[i - 1] ? [{ tau, rho: rho[i] }] : []));
}

export function performanceProfileSpec(p: PerformanceProfileView, referenceName: string): TopLevelSpec {
  const names = p.submissions.map((s) => s.name);
  // a name twice in the class would merge two lines: those are told apart by their report folder
  const label = (s: { name: string; slug: string }) => (names.indexOf(s.name) === names.lastIndexOf(s.name) ? s.name : `${s.name} (${s.slug})`);
  const series = [
    ...(p.reference ? [{ label: referenceName === REFERENCE_NAME ? REFERENCE_NAME : `${referenceName} (reference)`, rho: p.reference.rho, kind: 'reference', colour: REFERENCE_COLOUR }] : []),
    ...p.submissions.map((s, i) => ({ label: label(s), rho: s.rho, kind: 'submission', colour: PALETTE[i % PALETTE.length] })),
  ];
  // the reference's points last: its dashed line is drawn over a submission's that coincides with it (both at ρ = 1)
  const values = [...series.slice(p.reference ? 1 : 0), ...series.slice(0, p.reference ? 1 : 0)]
    .flatMap((s) => steps(p.taus, s.rho).map((point) => ({ ...point, series: s.label, kind: s.kind })));
  const domain = series.map((s) => s.label);
  const range = series.map((s) => s.colour);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Performance profile against the reference, τ from 1 to ${p.rMax}`,
      subtitle: `over ${p.configurations.length} ${p.configurations.length === 1 ? 'configuration' : 'configurations'} (model × dataset × T); a line that rises sooner and higher converges faster`,
      anchor: 'start',
    },
    width: 520,
    height: 260,
    background: 'white',
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x: {
        field: 'tau', type: 'quantitative', title: 'τ: steps to target within τ × the reference’s', scale: { domain: [1, p.rMax], nice: false },
        axis: { values: Array.from({ length: 2 * (p.rMax - 1) + 1 }, (_, i) => 1 + i / 2), format: '.1f' },
      },
      y: { field: 'rho', type: 'quantitative', title: 'ρ(τ): share of configurations reached', scale: { domain: [0, 1] } },
      color: { field: 'series', type: 'nominal', scale: { domain, range }, legend: { orient: 'bottom', title: null, labelLimit: 300, columns: 3, symbolType: 'stroke' } },
      strokeDash: { field: 'kind', type: 'nominal', scale: { domain: ['submission', 'reference'], range: [[1, 0], [6, 4]] }, legend: null },
      // one path per series, drawn in the legend's order
      detail: { field: 'series', type: 'nominal' },
    },
  } as TopLevelSpec;
}
