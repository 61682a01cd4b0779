/**
 * The class's performance profile as the overview shows it, beside the leaderboard: per
 * ranked submission its ρ(τ) against the fixed reference (`classPerformanceProfile`:
 * r = censored median steps ÷ the reference's per configuration, τ from 1 to r_max = 4),
 * its area, and what the chart's text alternative says (configurations solved within 1×,
 * 2× and r_max× the reference's steps, and each ratio); the reference's own line (r = 1
 * wherever it reached the target); or, instead of a chart, the sentence that says why
 * there is none: no reference, no reference runs, no comparison, comparisons stored
 * before censored medians, no submission converged, the reference never converged.
 *
 * The profile ranks the same submissions as the leaderboard (valid runs only), so a
 * submission whose runs crashed is explained once, in the leaderboard's "not ranked" list.
 * Example: ratios 0.75 and 1.5 on two configurations → ρ = ½ on [1, 1.5), 1 from 1.5,
 * area (½·0.5 + 1·2.5) / 3 ≈ 0.92, "1 of 2" within 1×, "2 of 2" within 2×.
 * Throws: never (an empty class has no profile and says so).
 */
import { classPerformanceProfile, performanceProfile } from '../../stats';
import { configurationKey } from '../../stats/class-performance-profile';
import type { Comparison } from '../../results/types';
import { fmt } from './format';
import type { PerformanceProfileView, ProfileRow } from './types';

/** the taus the text alternative counts at, besides r_max */
const TEXT_TAUS = [1, 2];

export const NO_REFERENCE = 'No performance profile: this run has no reference, and the profile measures every submission against the reference’s steps to target. Grade the class with the reference among the submissions.';
export const NO_REFERENCE_RUNS = (name: string) =>
  `No performance profile: the reference (${name}) has no training runs in this run, and the profile measures every submission against the reference’s steps to target. Grade the class with the reference’s experiments, or pass its runs from a benchmark store.`;
export const NO_COMPARISON = 'No performance profile: no submission has valid convergence comparisons with the reference in this run.';
export const STORED_BEFORE_MEDIANS = 'No performance profile: these comparisons were stored before netgrade recorded censored medians, which the profile needs. Grade the class again to draw it.';
export const NOTHING_CONVERGED = (n: number) =>
  `No performance profile: no submission reached the target in at least half its seeds on any of the ${n} ${n === 1 ? 'configuration' : 'configurations'}, so every area is 0 and there is no line to draw.`;
export const REFERENCE_NEVER_CONVERGED = (n: number) =>
  `No performance profile: the reference did not reach the target in at least half its seeds on any of the ${n} ${n === 1 ? 'configuration' : 'configurations'}, so there are no reference steps to measure against. Raise the assignment profile's step budget, or look at the reference's runs.`;
export const NOT_SOLVED_BY_REFERENCE = (solved: number, n: number) =>
  `The reference itself reached the target (in at least half its seeds) on ${solved} of ${n} configurations, so its line is at ${fmt(solved / n)}, not 1.`;
export const WITHOUT_MEDIANS = (n: number) =>
  `${n} ${n === 1 ? 'comparison was' : 'comparisons were'} stored before netgrade recorded censored medians and ${n === 1 ? 'counts' : 'count'} as not solved; grade the class again to include ${n === 1 ? 'it' : 'them'}.`;

export interface ProfileInput { name: string; slug: string; comparisons: readonly Comparison[] }

/** r for people: `0.75×`, `not reached`, or `reached (the reference did not)` for r = 0. */
function ratioText(r: number): string {
  if (r === Infinity || Number.isNaN(r)) return 'not reached';
  return r === 0 ? 'reached (the reference did not)' : `${fmt(r)}×`;
}

/** `reference`: the reference's name and how many training runs it has here, null when the run has none */
export function performanceProfileView(ranked: readonly ProfileInput[], reference: { name: string; runs: number } | null): PerformanceProfileView {
  // slugs are unique where names may not be: the profile is keyed by slug
  const profile = classPerformanceProfile(ranked.map((s) => ({ name: s.slug, comparisons: s.comparisons })));
  const { rMax, taus, configurations } = profile;
  const empty = (missing: string): PerformanceProfileView =>
    ({ rMax, taus: [], configurations, reference: null, submissions: [], missing, caveats: [] });
  if (!configurations.length) return empty(reference === null ? NO_REFERENCE : reference.runs === 0 ? NO_REFERENCE_RUNS(reference.name) : NO_COMPARISON);
  const comparisons = ranked.flatMap((s) => s.comparisons);
  if (comparisons.every((c) => !c.statistics)) return empty(STORED_BEFORE_MEDIANS);

  const bySlug = new Map(ranked.map((s) => [s.slug, s]));
  const submissions = profile.submissions.map((row): ProfileRow => {
    const ratios = Object.values(row.ratios);
    const within = (tau: number) => `${ratios.filter((r) => r <= tau).length} of ${ratios.length}`;
    const s = bySlug.get(row.submission)!;
    return {
      name: s.name,
      slug: s.slug,
      area: row.area,
      areaText: fmt(row.area),
      rho: row.rho,
      within: [...TEXT_TAUS, rMax].map((tau) => ({ tau, text: within(tau) })),
      ratios: Object.entries(row.ratios).map(([configuration, r]) => ({ configuration, text: ratioText(r) })),
    };
  });
  if (profile.submissions.every((row) => Object.values(row.ratios).every((r) => r === Infinity))) {
    return { ...empty(NOTHING_CONVERGED(configurations.length)), submissions };
  }
  // the reference's own line: r = 1 wherever it reached the target, as every comparison there records
  const solvedByReference = configurations.filter((key) => comparisons.some((c) =>
    configurationKey(c) === key && c.statistics !== undefined && c.statistics.b.median !== null));
  // areas against a reference that never converged would only say who converged at all
  if (!solvedByReference.length) return empty(REFERENCE_NEVER_CONVERGED(configurations.length));
  const line = performanceProfile(configurations.map((k) => (solvedByReference.includes(k) ? 1 : Infinity)), { rMax, points: taus.length });
  const withoutMedians = profile.submissions.reduce((n, row) => n + row.withoutStatistics, 0);
  const caveats = [
    ...(solvedByReference.length < configurations.length ? [NOT_SOLVED_BY_REFERENCE(solvedByReference.length, configurations.length)] : []),
    ...(withoutMedians ? [WITHOUT_MEDIANS(withoutMedians)] : []),
  ];
  return { rMax, taus, configurations, reference: { rho: line.rho, area: line.area, areaText: fmt(line.area) }, submissions, missing: null, caveats };
}
