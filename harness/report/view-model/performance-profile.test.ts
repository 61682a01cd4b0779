/**
 * The class overview's performance profile (issue 15, item 2) on a class built by hand:
 * the reference and two submissions on two configurations, every expected value computed
 * by hand below; then what the overview, its chart and class-summary.md show, and the
 * sentence that replaces the chart when there is nothing to draw.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildViewModel, classSummaryMarkdown, overviewHtml, performanceProfileSpec, renderSvg,
} from '../index';
import type { Comparison, SubmissionResult } from '../../results/types';
import { ENV, goodResult, referenceResult, renamed } from '../test-helpers/fixtures';
import { vnuErrors } from '../test-helpers/validators';
import { PROFILE_AREA_HEADER } from '../reporters/class-summary';
import { NO_REFERENCE, NO_REFERENCE_RUNS, NOTHING_CONVERGED, REFERENCE_NEVER_CONVERGED, STORED_BEFORE_MEDIANS } from './performance-profile';

const BUDGET = 1000;
const side = (median: number | null) => ({
  runs: 3, successes: median === null ? 1 : 3, successRate: median === null ? 1 / 3 : 1, ert: median, median,
  iqm: median ?? BUDGET, iqmCi95: [median ?? BUDGET, median ?? BUDGET] as [number, number],
});
/** a comparison on binary palindromes, T = 10, with the censored medians grading stores (null = ∞) */
const cmp = (model: string, mine: number | null, reference: number | null, ratio: number): Comparison => ({
  model, dataset: 'binary-palindrome', T: 10, ratio, ci95: [ratio / 1.2, ratio * 1.2], verdict: 'inconclusive', sentence: `${model}: ${ratio}×`,
  statistics: { budget: BUDGET, a: side(mine), b: side(reference), probabilityOfImprovement: { p: 0.5, ci95: [0.2, 0.8] } },
});
const student = (name: string, comparisons: Comparison[]): SubmissionResult => ({ ...renamed(goodResult(), name), comparisons });

/*
 * The class. Reference medians: lstm 400 steps, gru 500.
 *   ann: lstm 300 → r = 0.75, gru 750 → r = 1.5
 *   ben: lstm 1000 → r = 2.5, gru never (median ∞) → r = ∞
 * The grid: τ_i = 1 + 3i/99 = 1 + i/33, i = 0 … 99 (AlgoPerf's 100 points up to r_max = 4).
 *   ann: ρ = ½ while τ < 1.5 (i ≤ 16, τ_16 = 1.485), 1 from i = 17 (τ_17 = 1.515).
 *        trapezoids of width 1/33: 16 × ½ + (½ + 1)/2 + 82 × 1 = 90.75 → ∫ = 90.75/33 = 2.75; area = 2.75/3 = 11/12 ≈ 0.92
 *        (the continuous integral is ½ × 0.5 + 1 × 2.5 = 2.75 too: 1.5 lies midway between grid points)
 *   ben: ρ = 0 while τ < 2.5 (i ≤ 49), ½ from i = 50: (0 + ½)/2 + 49 × ½ = 24.75 → 24.75/33 = 0.75; area = 0.25
 *   reference: r = 1 on both → ρ = 1 everywhere, area 1.
 * Within 1×, 2×, 4×: ann 1, 2, 2 of 2; ben 0, 0, 1 of 2.
 */
const ann = student('ann', [cmp('lstm', 300, 400, 0.75), cmp('gru', 750, 500, 1.5)]);
const ben = student('ben', [cmp('lstm', 1000, 400, 2.5), cmp('gru', null, 500, 2)]);
const CLASS = () => [referenceResult(), ben, ann];

describe('the class performance profile in the view model', () => {
  const vm = buildViewModel(CLASS(), ENV, { audience: 'instructor' });
  const p = vm.performanceProfile;

  test('one row per ranked submission, best area first, with the hand-computed areas', () => {
    expect(p.missing).toBeNull();
    expect(p.configurations).toEqual(['gru/binary-palindrome/T=10', 'lstm/binary-palindrome/T=10']);
    expect(p.taus).toHaveLength(100);
    expect(p.submissions.map((s) => s.name)).toEqual(['ann', 'ben']);
    const [a, b] = p.submissions;
    expect(a.area).toBeCloseTo(11 / 12, 12);
    expect(b.area).toBeCloseTo(0.25, 12);
    expect([a.areaText, b.areaText]).toEqual(['0.92', '0.25']);
  });

  test('ρ steps where the ratios say: ann at τ = 1.5, ben at τ = 2.5; the reference is 1 from τ = 1', () => {
    const [a, b] = p.submissions;
    expect([a.rho[0], a.rho[16], a.rho[17], a.rho[99]]).toEqual([0.5, 0.5, 1, 1]);
    expect([b.rho[49], b.rho[50], b.rho[99]]).toEqual([0, 0.5, 0.5]);
    expect(new Set(p.reference?.rho)).toEqual(new Set([1]));
    expect(p.reference?.areaText).toBe('1.00');
    expect(p.caveats).toEqual([]);
  });

  test('the text alternative: configurations reached within 1×, 2× and 4×, and each ratio', () => {
    const [a, b] = p.submissions;
    expect(a.within).toEqual([{ tau: 1, text: '1 of 2' }, { tau: 2, text: '2 of 2' }, { tau: 4, text: '2 of 2' }]);
    expect(b.within.map((w) => w.text)).toEqual(['0 of 2', '0 of 2', '1 of 2']);
    expect(a.ratios).toEqual([{ configuration: 'gru/binary-palindrome/T=10', text: '1.50×' }, { configuration: 'lstm/binary-palindrome/T=10', text: '0.75×' }]);
    expect(b.ratios.map((r) => r.text)).toEqual(['not reached', '2.50×']);
  });

  test('the leaderboard keeps its order (geometric mean of ratios) and gains the area', () => {
    // ann: √(0.75 × 1.5) = 1.06; ben: √(2.5 × 2) = 2.24
    expect(vm.leaderboard.map((r) => [r.name, r.profileArea])).toEqual([['ann', '0.92'], ['ben', '0.25']]);
  });
});

describe('the profile in the overview', () => {
  const vm = buildViewModel(CLASS(), ENV, { audience: 'instructor' });

  test('the chart: one step line per submission and a dashed one for the reference, one image named for a screen reader', async () => {
    const svg = await renderSvg(performanceProfileSpec(vm.performanceProfile, 'reference'), 'profile');
    const lines = [...svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/g)].map((m) => m[1]);
    expect(lines.reduce((n, g) => n + (g.match(/<path\b/g) ?? []).length, 0)).toBe(3);
    expect(lines.join('').match(/stroke-dasharray="6,4"/g)).toHaveLength(1);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="profile"><title>profile<\/title>/);
    for (const label of ['ann', 'ben', 'reference']) expect(svg).toContain(`>${label}</text>`);
  });

  test('index.html: the figure, its table of numbers, and the area in the leaderboard', async () => {
    const html = await overviewHtml(vm);
    expect(html).toContain('<figure class="chart" data-chart="performance-profile">');
    expect(html).toContain('profile area (0–1, 1 = at least as fast as the reference on every configuration)</th>');
    expect(html).toMatch(/<td><a href="ann\/report.html">ann<\/a><\/td><td class="num">0.92<\/td><td class="num">1 of 2<\/td><td class="num">2 of 2<\/td><td class="num">2 of 2<\/td><td>gru\/binary-palindrome\/T&#x3D;10: 1.50×; lstm\/binary-palindrome\/T&#x3D;10: 0.75×<\/td>/);   // Handlebars writes = as &#x3D;
    expect(html).toMatch(/<td class="num">2<\/td><td class="num">0.25<\/td><\/tr>/);   // ben's leaderboard row: 2 comparisons, area 0.25
  });

  test('class-summary.md: the area per submission, the reference\'s own, — where the leaderboard does not rank', () => {
    const md = classSummaryMarkdown(buildViewModel([...CLASS(), { ...referenceResult(), submission: { ...referenceResult().submission, name: 'cid' } }], ENV, { audience: 'instructor' }));
    expect(md).toContain(`| submission | score | % | status | problems | ${PROFILE_AREA_HEADER} |`);
    const area = (name: string) => md.split('\n').find((l) => l.startsWith(`| ${name} |`))?.split('|').at(-2)?.trim();
    expect([area('reference'), area('ann'), area('ben'), area('cid')]).toEqual(['1.00', '0.92', '0.25', '—']);
    expect(md).toContain('Chart: index.html.');
  });
});

describe('no chart, and a sentence that says why', () => {
  const profileOf = (results: SubmissionResult[]) => buildViewModel(results, ENV, { audience: 'instructor' }).performanceProfile;

  test('no reference: nothing was compared', () => {
    const p = profileOf([student('ann', []), student('ben', [])]);
    expect(p).toMatchObject({ missing: NO_REFERENCE, reference: null, submissions: [] });
  });

  test('the reference without training runs: nothing was compared', () => {
    const p = profileOf([{ ...referenceResult(), runs: [] }, student('ann', [])]);
    expect(p.missing).toBe(NO_REFERENCE_RUNS('reference'));
  });

  test('no submission converged: the rows stay with area 0, no line is drawn', () => {
    const p = profileOf([referenceResult(), student('ann', [cmp('lstm', null, 400, 2.5), cmp('gru', null, 500, 2)])]);
    expect(p.missing).toBe(NOTHING_CONVERGED(2));
    expect(p.missing).toBe('No performance profile: no submission reached the target in at least half its seeds on any of the 2 configurations, so every area is 0 and there is no line to draw.');
    expect(p.submissions.map((s) => [s.name, s.areaText])).toEqual([['ann', '0.00']]);
  });

  test('the reference never converged: nothing to measure against', () => {
    const p = profileOf([referenceResult(), student('ann', [cmp('lstm', 300, null, 0.3)])]);
    expect(p.missing).toBe(REFERENCE_NEVER_CONVERGED(1));
  });

  test('comparisons stored before censored medians: say to grade again', () => {
    const old = ({ statistics, ...c }: Comparison) => c;
    expect(profileOf([referenceResult(), student('ann', ann.comparisons.map(old))]).missing).toBe(STORED_BEFORE_MEDIANS);
  });

  test('the reference missed a configuration: the chart is drawn with its line below 1, and says so', () => {
    const p = profileOf([referenceResult(), student('ann', [cmp('lstm', 300, 400, 0.75), cmp('gru', 700, null, 0.7)])]);
    expect(p.missing).toBeNull();
    // ann: lstm r = 0.75, gru r = 0 (reached where the reference did not) → ρ = 1, area 1; the reference: ½
    expect(p.submissions[0].area).toBeCloseTo(1, 12);
    expect(p.reference?.area).toBeCloseTo(0.5, 12);
    expect(p.caveats).toEqual(['The reference itself reached the target (in at least half its seeds) on 1 of 2 configurations, so its line is at 0.50, not 1.']);
  });

  test('the overview shows the sentence instead of a figure, and both pages pass the Nu HTML Checker', async () => {
    const none = buildViewModel([referenceResult(), student('ann', [cmp('lstm', null, 400, 2.5)])], ENV, { audience: 'instructor' });
    const html = await overviewHtml(none);
    expect(html).not.toContain('data-chart="performance-profile"');
    expect(html).toContain(`<p class="note">${NOTHING_CONVERGED(1)}</p>`);
    expect(classSummaryMarkdown(none)).toContain(`_${NOTHING_CONVERGED(1)}_`);   // no Markdown in it to escape
    const dir = mkdtempSync(join(tmpdir(), 'netgrade-profile-'));
    try {
      const files = [join(dir, 'none.html'), join(dir, 'drawn.html')];
      writeFileSync(files[0], html);
      writeFileSync(files[1], await overviewHtml(buildViewModel(CLASS(), ENV, { audience: 'instructor' })));
      expect(vnuErrors(files).map((m) => m.message)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
