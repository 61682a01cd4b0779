/**
 * The class's performance profile against the reference, for the overview beside the
 * leaderboard: one ρ(τ) curve and one area per submission over every configuration
 * (model × dataset × T) that any submission was compared with the reference on.
 *
 * Formula: per configuration r = censored median of the submission ÷ the reference's
 * (AlgoPerf: censored runs = ∞, a fixed reference); r = ∞ when the submission's median is
 * ∞ or it has no comparison there (a part not handed in scores as not solved), r = 0 when
 * only the reference's median is ∞ (solved where the reference was not), unsolved when
 * both are; then `performanceProfile` (τ from 1 to r_max = 4). Comparisons stored before
 * issue 15 carry no censored medians: they count as not solved and in `withoutStatistics`.
 * Example: a submission at 1× and 2× the reference on two configurations, another that
 * misses one of them → areas ≈ 0.83 and 0.5; `submissions` sorted by area, best first.
 * Throws: never on an empty class (no configurations → no rows).
 */
import type { Comparison } from '../results/types';
import { performanceProfile } from './performance-profile';

export interface ClassProfileRow {
  submission: string;
  /** ∫₁^{r_max} ρ(τ) dτ / (r_max − 1): 1 = never slower than the reference */
  area: number;
  /** ρ at each τ of `taus` */
  rho: number[];
  /** per configuration key `model/dataset/T=…`: the ratio r (Infinity: not solved) */
  ratios: Record<string, number>;
  /** comparisons without censored medians (results stored before issue 15) */
  withoutStatistics: number;
}

export interface ClassPerformanceProfile { rMax: number; taus: number[]; configurations: string[]; submissions: ClassProfileRow[] }

/** `model/dataset/T=…`: how a configuration is named in `configurations` and `ratios` */
export const configurationKey = (c: Pick<Comparison, 'model' | 'dataset' | 'T'>) => `${c.model}/${c.dataset}/T=${c.T}`;

function ratio(c: Comparison | undefined): number {
  const s = c?.statistics;
  if (!s) return Infinity;
  const mine = s.a.median ?? Infinity;
  const reference = s.b.median ?? Infinity;
  if (mine === Infinity) return Infinity;
  return reference === Infinity ? 0 : mine / reference;
}

export function classPerformanceProfile(
  submissions: ReadonlyArray<{ name: string; comparisons: readonly Comparison[] }>,
  options: { rMax?: number; points?: number } = {},
): ClassPerformanceProfile {
  const configurations = [...new Set(submissions.flatMap((s) => s.comparisons.map(configurationKey)))].sort();
  const { rMax = 4, points = 100 } = options;
  if (!configurations.length) return { rMax, taus: [], configurations, submissions: [] };
  let taus: number[] = [];
  const rows = submissions.map((s): ClassProfileRow => {
    const byKey = new Map(s.comparisons.map((c) => [configurationKey(c), c]));
    const ratios = Object.fromEntries(configurations.map((k) => [k, ratio(byKey.get(k))]));
    const profile = performanceProfile(Object.values(ratios), { rMax, points });
    taus = profile.taus;
    return { submission: s.name, area: profile.area, rho: profile.rho, ratios, withoutStatistics: s.comparisons.filter((c) => !c.statistics).length };
  });
  rows.sort((a, b) => b.area - a.area || a.submission.localeCompare(b.submission));
  return { rMax, taus, configurations, submissions: rows };
}
