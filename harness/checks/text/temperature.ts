/**
 * Temperature sampling follows the declared convention (`conventions.temperature`, else the
 * profile's; the course: multiply, p = softmax(τ·x)). The harness sends fixed logits; the
 * submission's optional `sample(logits, τ, seed)` draws n tokens at each τ ∈ {0.5, 1, 2}
 * inside its process; here the counts meet Pearson's chi-square goodness-of-fit test
 * against the declared convention's distribution (computed in float64). Bins expected
 * below 5 draws are merged; the critical value is simple-statistics'
 * chiSquaredDistributionTable at significance 0.005 (per τ). At τ = 1 both conventions
 * agree; at 0.5 and 2 they differ, so a submission with the other convention fails and
 * the check says which one it matches.
 */
import { chiSquaredDistributionTable } from 'simple-statistics';
import type { TemperatureConvention } from '../../contract';
import { temperatureProbabilities } from '../../../reference/text/sampling';
import { call, notSubmitted } from '../op-failure';
import type { Check } from '../types';
import { temperatureConvention, textMeta, textProfile } from './support';

/** The logits every submission samples from: sorted, spread over ≈ 4 nats. */
export const TEMPERATURE_LOGITS = [2, 1.3, 0.8, 0.3, 0, -0.5, -1.1, -1.8];
export const SIGNIFICANCE = 0.005;
export const MIN_EXPECTED = 5;

export interface ChiSquareFit { statistic: number; df: number; critical: number; rejected: boolean }

/**
 * Pearson's χ² = Σ (O − E)² / E over bins, after merging each bin expected below
 * MIN_EXPECTED into its neighbour (from the least likely end); df = bins − 1.
 */
export function chiSquareFit(counts: number[], probs: number[], significance = SIGNIFICANCE): ChiSquareFit {
  if (counts.length !== probs.length) throw new Error(`chiSquareFit requires one count per probability, got ${counts.length} counts and ${probs.length} probabilities`);
  const n = counts.reduce((a, b) => a + b, 0);
  const order = probs.map((p, k) => k).sort((a, b) => probs[b] - probs[a]);
  const observed: number[] = [];
  const expected: number[] = [];
  for (const k of order) { observed.push(counts[k]); expected.push(probs[k] * n); }
  while (expected.length > 2 && expected[expected.length - 1] < MIN_EXPECTED) {
    const e = expected.pop()!;
    const o = observed.pop()!;
    expected[expected.length - 1] += e;
    observed[observed.length - 1] += o;
  }
  const statistic = observed.reduce((s, o, k) => s + (o - expected[k]) ** 2 / expected[k], 0);
  const df = expected.length - 1;
  const table = chiSquaredDistributionTable as unknown as Record<number, Record<number, number>>;
  const critical = table[df]?.[significance];
  if (critical === undefined) throw new Error(`chiSquareFit requires df in 1…100 and a tabulated significance, got df ${df}, significance ${significance}`);
  return { statistic, df, critical, rejected: statistic > critical };
}

const other = (c: TemperatureConvention): TemperatureConvention => (c === 'multiply' ? 'divide' : 'multiply');
const formula = (c: TemperatureConvention) => (c === 'multiply' ? 'softmax(τ·x)' : 'softmax(x/τ)');

export const temperatureCheck: Check = {
  ...textMeta('temperature', 'temperature sampling follows the declared convention (chi-square test)'),
  async run(ctx) {
    const missing = notSubmitted(ctx.handle, 'textGenerator');
    if (missing) return missing;
    const { samples: n, taus } = textProfile(ctx.profile);
    const declared = temperatureConvention(ctx);
    const counts: number[][] = [];
    for (const [i, tau] of taus.entries()) {
      const res = await call(ctx, 'text.sample', { logits: TEMPERATURE_LOGITS, tau, n, seed: ctx.seed * 100 + i }, 'models.textGenerator.sample');
      if ('outcome' in res) return res.outcome;
      counts.push(res.value.counts);
    }
    const fits = (c: TemperatureConvention) => taus.map((tau, i) => chiSquareFit(counts[i], temperatureProbabilities(TEMPERATURE_LOGITS, tau, c)));
    const mine = fits(declared);
    const show = (fs: ChiSquareFit[]) => fs.map((f, i) => `τ=${taus[i]}: χ²=${f.statistic.toFixed(1)} (df ${f.df}, critical ${f.critical})`).join('; ');
    if (mine.every((f) => !f.rejected)) return { status: 'passed', note: `${formula(declared)} fits ${n} draws per τ — ${show(mine)}` };
    const theirs = fits(other(declared));
    const matchesOther = theirs.every((f) => !f.rejected);
    return {
      status: 'failed',
      expected: `draws distributed as ${formula(declared)} (declared: ${declared}${ctx.handle.info.conventions.temperature ? '' : ', the profile\'s default'}) at τ ∈ {${taus.join(', ')}}`,
      actual: `rejected at significance ${SIGNIFICANCE}: ${show(mine)}`,
      hint: matchesOther
        ? `your samples follow ${formula(other(declared))}: declare conventions: { temperature: '${other(declared)}' } in your default export, or sample from ${formula(declared)}`
        : `sample from softmax of the scaled logits (${formula(declared)}), one token per row, with a generator seeded by \`seed\`; the draws match neither convention`,
      ...(matchesOther ? { diagnosis: { id: `temperature.${other(declared)}`, message: `matches the ${other(declared)} convention, ${formula(other(declared))}`, error: Math.max(...theirs.map((f) => f.statistic / f.critical)) } } : {}),
    };
  },
};
