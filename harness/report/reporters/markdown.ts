/**
 * The Markdown summary (`<name>/summary.md`): short enough for a pull-request comment and
 * `$GITHUB_STEP_SUMMARY`; lost points first, each failed check expandable.
 */
import { renderMarkdown } from '../templates';
import type { ReportViewModel, SubmissionView } from '../view-model';
import type { Reporter } from './types';

export function summaryMarkdown(s: Readonly<SubmissionView>, vm: Readonly<ReportViewModel>): string {
  return renderMarkdown('summary.md.hbs', { s, audience: vm.audience }).replace(/\n{3,}/g, '\n\n');
}

export const markdownReporter: Reporter = {
  name: 'markdown',
  onSubmission: (s, vm) => [{ path: s.files.markdown, contents: summaryMarkdown(s, vm) }],
};
