/**
 * The reproductions' figures as vega-lite specs (rendered to SVG by
 * harness/report/charts/render.ts): mean ± std accuracy bands over seeds like the course's
 * own figures, and the 2018 question's accuracy against palindrome length.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { TopLevelSpec } from 'vega-lite/build/index';
import { band } from '../report/view-model';
import { accuracyAt } from './curves';
import type { ReproductionData, RunRecord } from './types';

export interface Figure { file: string; title: string; spec: TopLevelSpec }

const COLOURS = ['#1f6fb4', '#d95f02', '#1b9e77', '#7570b3', '#8a8a8a'];
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

interface Series { label: string; runs: readonly RunRecord[] }
interface Rule { y: number; label: string }

/** Accuracy against step: per series the mean line and a ± std band (one seed: the line alone). */
export function bandSpec(title: string, subtitle: string, series: readonly Series[], rules: readonly Rule[] = []): TopLevelSpec {
  const labels = series.map((s) => `${s.label} (${s.runs.length} seed${s.runs.length === 1 ? '' : 's'})`);
  const rows = series.flatMap((s, k) => band(s.runs).map((p) => ({ step: p.step, mean: p.mean, lo: Math.max(0, p.lo), hi: Math.min(1, p.hi), series: labels[k] })));
  const x = { field: 'step', type: 'quantitative', title: 'training step' } as const;
  const color = { field: 'series', type: 'nominal', scale: { domain: labels, range: COLOURS.slice(0, labels.length) }, legend: { orient: 'bottom', title: null, labelLimit: 400, columns: 1 } } as const;
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle, anchor: 'start' },
    width: 420, height: 220, background: 'white',
    data: { values: rows },
    layer: [
      { mark: { type: 'errorband', opacity: 0.25 }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } }, y2: { field: 'hi' }, color } },
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color } },
      ...rules.map((r) => ({
        // its own one-row data, or the rule is drawn once per curve point
        data: { values: [{}] },
        layer: [
          { mark: { type: 'rule', strokeDash: [4, 4], color: '#b03a2e' }, encoding: { y: { datum: r.y } } },
          { mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#b03a2e', fontSize: 10 }, encoding: { x: { datum: 0 }, y: { datum: r.y }, text: { value: r.label } } },
        ],
      })),
    ],
  } as TopLevelSpec;
}

/** The 2018 question's figure: accuracy at `step` against T, mean ± std over seeds, one line per model. */
export function lengthSpec(title: string, runs: readonly RunRecord[], step: number): TopLevelSpec {
  const rows: Array<{ T: number; model: string; mean: number; lo: number; hi: number }> = [];
  for (const model of [...new Set(runs.map((r) => r.model))]) {
    for (const length of [...new Set(runs.map((r) => r.length))].sort((a, b) => a - b)) {
      const accs = runs.filter((r) => r.model === model && r.length === length).map((r) => accuracyAt(r.curve, step)).filter((a): a is number => a !== undefined);
      if (!accs.length) continue;
      const m = mean(accs), s = accs.length > 1 ? sampleStandardDeviation(accs) : 0;
      rows.push({ T: runs.find((r) => r.length === length)!.T, model, mean: m, lo: Math.max(0, m - s), hi: Math.min(1, m + s) });
    }
  }
  const x = { field: 'T', type: 'quantitative', title: 'palindrome length T (inputs)' } as const;
  const color = { field: 'model', type: 'nominal', scale: { range: COLOURS }, legend: { orient: 'bottom', title: null } } as const;
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle: `accuracy at step ${step}, mean ± std over seeds`, anchor: 'start' },
    width: 420, height: 220, background: 'white',
    data: { values: rows },
    layer: [
      { mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } }, y2: { field: 'hi' }, color } },
      { mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color } },
    ],
  } as TopLevelSpec;
}

const byLength = (runs: readonly RunRecord[]) => [...new Set(runs.map((r) => r.length))].sort((a, b) => a - b);

/** The figures of one reproduction (none when it did not run). */
export function figuresOf(data: ReproductionData): Figure[] {
  const runs = data.runs.filter((r) => r.curve.length);
  if (!runs.length) return [];
  const who = data.implementation === 'pytorch' ? 'PyTorch example' : 'tfjs reference';
  if (data.name.startsWith('2020-DE')) {
    return byLength(runs).map((L) => {
      const here = runs.filter((r) => r.length === L);
      const title = `Binary palindromes, L = ${L} (T = ${here[0].T}), ${who}`;
      return { file: `${data.name}-L${L}.svg`, title, spec: bandSpec(title, 'accuracy, mean ± std over seeds', ['lstm', 'peepLSTM'].map((m) => ({ label: m, runs: here.filter((r) => r.model === m) })).filter((s) => s.runs.length), [{ y: 0.99, label: 'perfect (0.99)' }]) };
    });
  }
  if (data.name === '2018') {
    const title = 'Digit palindromes: accuracy against length';
    const curves = ['vanillaRNN', 'lstm'].map((model) => {
      const mine = runs.filter((r) => r.model === model);
      const t = `Digit palindromes, ${model}, ${who}`;
      return { file: `2018-${model}.svg`, title: t, spec: bandSpec(t, 'accuracy, mean ± std over seeds, per length', byLength(mine).map((L) => ({ label: `T = ${L - 1}`, runs: mine.filter((r) => r.length === L) })), [{ y: 0.1, label: 'chance (0.1)' }]) };
    });
    const last = Math.min(1000, ...runs.map((r) => r.curve.at(-1)!.step));
    return [{ file: '2018-accuracy-vs-length.svg', title, spec: lengthSpec(title, runs, last) }, ...curves];
  }
  const title = `Text generation, ${who}`;
  return [{ file: `${data.name}.svg`, title, spec: bandSpec(title, 'per-character training accuracy', [{ label: data.settings.layers ?? 'LSTM', runs }], [{ y: 0.65, label: 'reported: ≈ 0.65 after ~5,000 steps' }]) }];
}
