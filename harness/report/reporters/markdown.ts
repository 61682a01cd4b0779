/**
 * The Markdown summary (`<name>/summary.md`): short enough for a pull-request comment and
 * `$GITHUB_STEP_SUMMARY`; lost points first, each failed check expandable. GitHub refuses
 * comments over 65,536 characters, so only the first lost checks get their details and the
 * table of all checks is left to report.html when the summary would still be too long.
 */
import { renderMarkdown } from '../templates';
import type { ReportViewModel, SubmissionView } from '../view-model';
import type { Reporter } from './types';

/** GitHub's limit on a comment body, with room for a bot's own header. */
export const MARKDOWN_LIMIT = 60_000;
/** lost checks shown with expected/actual/diagnosis/hint; the rest as one line each */
export const DETAILED_LOST_CHECKS = 15;

export function summaryMarkdown(s: Readonly<SubmissionView>, vm: Readonly<ReportViewModel>): string {
  const render = (allChecks: boolean) => renderMarkdown('summary.md.hbs', {
    s,
    audience: vm.audience,
    lostDetailed: s.lostChecks.slice(0, DETAILED_LOST_CHECKS),
    lostBrief: s.lostChecks.slice(DETAILED_LOST_CHECKS),
    allChecks,
  }).replace(/\n{3,}/g, '\n\n');
  const full = render(true);
  return full.length <= MARKDOWN_LIMIT ? full : render(false);
}

export const markdownReporter: Reporter = {
  name: 'markdown',
  onSubmission: (s, vm) => [{ path: s.files.markdown, contents: summaryMarkdown(s, vm) }],
};
