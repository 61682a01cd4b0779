/**
 * The class summary (`class-summary.md`): one table row per submission — name, score,
 * what happened, what went wrong — for a CI job summary, where GitHub refuses a step
 * summary over 1 MiB. Per-submission detail stays in each `<name>/summary.md` and in the
 * uploaded artifact. A row is about 100 bytes, so 500 submissions take about 50 KB;
 * `stepSummary` adds the artifact link and, while room is left, the per-submission
 * summaries (a pull request grades a few).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeMarkdown } from '../view-model';
import type { ReportViewModel, SubmissionView } from '../view-model';
import type { Reporter } from './types';

/** GitHub's limit on one step's summary (`$GITHUB_STEP_SUMMARY`); past it the upload fails. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;
/** what a step summary written by netgrade may use of that limit (room for other steps' lines) */
export const STEP_SUMMARY_BUDGET = 900 * 1024;

const ICONS: Record<SubmissionView['outcome'], string> = { graded: '✅', 'partly-graded': '🟡', 'load-failed': '💥' };

function problems(s: Readonly<SubmissionView>): string {
  if (s.loadError) return s.loadError.message.split('\n')[0].slice(0, 120);
  const c = s.counts;
  return [c.failed && `${c.failed} failed`, c.errored && `${c.errored} errors`, c.timedOut && `${c.timedOut} timed out`]
    .filter(Boolean).join(', ');
}

/** the profile area's column header: what the number is, in the header, as in the HTML leaderboard */
export const PROFILE_AREA_HEADER = 'profile area (0–1, 1 = at least as fast as the reference on every configuration)';

export function classSummaryMarkdown(vm: Readonly<ReportViewModel>): string {
  const t = vm.totals;
  const profile = vm.performanceProfile;
  const area = new Map(profile.submissions.map((row) => [row.slug, row.areaText]));
  // the reference's own area is its line's (1 when it reached the target everywhere)
  const areaOf = (s: Readonly<SubmissionView>) => area.get(s.slug) ?? (s.name === vm.reference && profile.reference ? profile.reference.areaText : '—');
  const lines = [
    `## netgrade: ${t.submissions} submissions — ${t.graded} graded, ${t.loadFailed} failed to load, mean ${t.meanPercent}%`,
    '',
    `| submission | score | % | status | problems | ${PROFILE_AREA_HEADER} |`,
    '|---|---:|---:|---|---|---:|',
    ...vm.submissions.map((s) => `| ${escapeMarkdown(s.name)} | ${s.score} / ${s.maxScore} | ${s.percent} | ${ICONS[s.outcome]} ${s.outcomeLabel} | ${escapeMarkdown(problems(s))} | ${areaOf(s)} |`),
    '',
    `_Profile area: ∫ ρ(τ) dτ from 1 to ${profile.rMax}, ÷ ${profile.rMax - 1}; ρ(τ) = share of configurations reached within τ × the reference's steps; — = not ranked.${profile.missing ? '' : ' Chart: index.html.'}_`,
    ...(profile.missing ? [`_${escapeMarkdown(profile.missing)}_`] : profile.caveats.map((c) => `_${escapeMarkdown(c)}_`)),
    '',
  ];
  return lines.join('\n');
}

export const classSummaryReporter: Reporter = {
  name: 'class-summary',
  onRun: (vm) => [{ path: 'class-summary.md', contents: classSummaryMarkdown(vm) }],
};

export interface StepSummaryOptions {
  /** link to the uploaded reports (actions/upload-artifact's `artifact-url` output) */
  artifactUrl?: string;
  /** append each `<name>/summary.md` while the total stays within the budget */
  details?: boolean;
  budget?: number;
}

/**
 * The text for `$GITHUB_STEP_SUMMARY` from a finished run directory: the class summary,
 * the artifact link, then (with `details`) per-submission summaries until the budget is
 * spent — never more than `budget` bytes.
 */
export function stepSummary(runDir: string, names: string[], options: StepSummaryOptions = {}): string {
  const budget = options.budget ?? STEP_SUMMARY_BUDGET;
  const link = options.artifactUrl ? `Full reports (HTML, JUnit, JSON per submission): [the artifact](${options.artifactUrl})\n\n` : '';
  let out = `${readFileSync(join(runDir, 'class-summary.md'), 'utf8')}\n${link}`;
  if (Buffer.byteLength(out) > budget) {
    const lines = out.split('\n');
    while (Buffer.byteLength(lines.join('\n')) > budget - 200) lines.splice(-3, 1);
    out = `${lines.join('\n')}\n\n_The table is cut to stay under GitHub's step-summary limit; every row is in class-summary.md in the artifact._\n`;
  }
  if (!options.details) return out;
  let left = 0;
  for (const [i, name] of names.entries()) {
    const part = `\n${readFileSync(join(runDir, name, 'summary.md'), 'utf8')}\n`;
    if (Buffer.byteLength(out) + Buffer.byteLength(part) > budget - 200) { left = names.length - i; break; }
    out += part;
  }
  if (left) out += `\n_${left} more submission summaries are in the artifact (GitHub caps a step summary at 1 MiB)._\n`;
  return out;
}
