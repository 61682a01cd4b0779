/**
 * The convergence figure of one (model, dataset, length): accuracy against training step,
 * the reference's mean ± std over seeds as a grey band with its mean line, the
 * submission's the same in blue, and the target accuracy as a dashed rule — the course's
 * own figures, drawn by vega-lite.
 */
import type { TopLevelSpec } from 'vega-lite/build/index';
import type { ConvergenceView, CurveBand } from '../view-model';

const REFERENCE_COLOUR = '#8a8a8a';
const SUBMISSION_COLOUR = '#1f6fb4';

export function convergenceSpec(c: ConvergenceView, submissionName: string): TopLevelSpec {
  const referenceLabel = c.reference ? `reference (mean ± std, ${c.reference.summary.seeds} seeds)` : null;
  const submissionLabel = `${submissionName} (mean ± std, ${c.submission.summary.seeds} seeds)`;
  const rows = [
    ...(c.reference && referenceLabel ? c.reference.curve.map((p) => row(p, referenceLabel)) : []),
    ...c.submission.curve.map((p) => row(p, submissionLabel)),
  ];
  const domain = referenceLabel ? [referenceLabel, submissionLabel] : [submissionLabel];
  const range = referenceLabel ? [REFERENCE_COLOUR, SUBMISSION_COLOUR] : [SUBMISSION_COLOUR];
  const x = { field: 'step', type: 'quantitative', title: 'training step' } as const;
  const color = { field: 'series', type: 'nominal', scale: { domain, range }, legend: { orient: 'bottom', title: null, labelLimit: 400, columns: 1 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: c.label, subtitle: `target accuracy ${c.target}`, anchor: 'start' },
    width: 400,
    height: 220,
    background: 'white',
    data: { values: rows },
    layer: [
      {
        mark: { type: 'errorband', opacity: 0.25 },
        encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } }, y2: { field: 'hi' }, color },
      },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y: { field: 'mean', type: 'quantitative' }, color },
      },
      {
        // its own one-row data, or the rule is drawn once per curve point
        data: { values: [{}] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#b03a2e' },
        encoding: { y: { datum: c.target } },
      },
    ],
  } as TopLevelSpec;
}

function row(p: CurveBand, series: string) {
  return { step: p.step, mean: p.mean, lo: Math.max(0, p.lo), hi: Math.min(1, p.hi), series };
}
