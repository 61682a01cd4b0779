/**
 * HTML reports: `<name>/report.html` per submission and `index.html`, the class overview.
 * Charts are vega-lite specs rendered to SVG here, on the server, and inlined with the
 * styles and the small sort script, so a report opens from disk with no network.
 */
import { renderSvg } from '../charts/render';
import { convergenceSpec } from '../charts/convergence';
import { leaderboardSpec } from '../charts/leaderboard';
import { performanceProfileSpec } from '../charts/performance-profile';
import { renderHtml } from '../templates';
import { REFERENCE_NAME } from '../../results/names';
import type { Part } from '../../results/types';
import type { ReportViewModel, SubmissionView } from '../view-model';
import type { Reporter } from './types';

const PART_SHORT: Record<Part, string> = { part1: 'Part 1', part2: 'Part 2', part3: 'Part 3' };
/** the profile chart's name for assistive technology; the table after it holds its numbers */
const PROFILE_DESCRIPTION = (rMax: number) =>
  `Performance profile: for τ from 1 to ${rMax}, the share of configurations each submission reaches the target on within τ times the reference's steps. The table after the chart gives each submission's numbers.`;

export async function submissionHtml(s: Readonly<SubmissionView>, vm: Readonly<ReportViewModel>): Promise<string> {
  const convergence = await Promise.all(
    s.convergence.map(async (c) => ({ ...c, svg: await renderSvg(convergenceSpec(c, s.name)) })),
  );
  return renderHtml('submission.hbs', {
    pageTitle: `${s.name} — netgrade report`,
    audience: vm.audience,
    generatedAt: vm.generatedAt,
    reference: vm.reference,
    s: { ...s, convergence },
  });
}


export async function overviewHtml(vm: Readonly<ReportViewModel>): Promise<string> {
  const partColumns = [...new Set(vm.submissions.flatMap((s) => s.parts.map((p) => p.part)))].sort();
  const rows = vm.submissions.map((s) => {
    const problems = [
      s.counts.failed && `${s.counts.failed} failed`,
      s.counts.errored && `${s.counts.errored} errors`,
      s.counts.timedOut && `${s.counts.timedOut} timed out`,
      s.counts.skipped && `${s.counts.skipped} skipped`,
    ].filter(Boolean).join(', ');
    return {
      name: s.name,
      href: s.files.html,
      author: s.author,
      score: s.score,
      maxScore: s.maxScore,
      percent: s.percent,
      parts: partColumns.map((part) => {
        const p = s.parts.find((x) => x.part === part);
        return p ? { text: `${p.score} / ${p.max}`, sort: p.percent } : { text: '—', sort: -1 };
      }),
      ratioText: s.overallRatio ? s.overallRatio.text : '—',
      ratioSort: s.overallRatio ? s.overallRatio.ratio : Number.MAX_SAFE_INTEGER,
      outcome: s.outcome,
      outcomeLabel: s.outcomeLabel,
      problems: s.loadError ? s.loadError.message.split('\n')[0] : problems,
    };
  });
  const leaderboardSvg = vm.leaderboard.length ? await renderSvg(leaderboardSpec(vm.leaderboard)) : '';
  const profile = vm.performanceProfile;
  const profileSvg = profile.missing === null ? await renderSvg(performanceProfileSpec(profile, vm.reference ?? REFERENCE_NAME), PROFILE_DESCRIPTION(profile.rMax)) : '';
  return renderHtml('overview.hbs', {
    pageTitle: 'Class overview — netgrade',
    audience: vm.audience,
    generatedAt: vm.generatedAt,
    profiles: [...new Set(vm.submissions.map((s) => s.profile))],
    totals: vm.totals,
    partColumns: partColumns.map((p) => PART_SHORT[p]),
    rows,
    leaderboard: vm.leaderboard,
    unranked: vm.unranked,
    leaderboardSvg,
    profile,
    profileSvg,
    profileTaus: profile.submissions[0]?.within.map((w) => w.tau) ?? [],
    environment: vm.environment,
  });
}

export const htmlReporter: Reporter = {
  name: 'html',
  onRun: async (vm) => [{ path: 'index.html', contents: await overviewHtml(vm) }],
  onSubmission: async (s, vm) => [{ path: s.files.html, contents: await submissionHtml(s, vm) }],
};
