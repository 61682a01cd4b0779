/**
 * The report's one view model — table of contents.
 *
 * Built once from the results (`buildViewModel`), frozen, and handed to every reporter
 * (HTML, Markdown, JUnit, JSON), which only read it.
 */
export { buildViewModel, BAD_AUDIENCE } from './build';
export { isRedacted, redactResult, HIDDEN_CHECK_OUTPUT, PART_TITLES } from './checks';
export { band, overallRatio } from './convergence';
export { clean, escapeMarkdown, fmt, truncate, uniqueSlugs } from './format';
export { AUDIENCES } from './types';
export type {
  Audience, CheckDetails, CheckView, SubjectView, PartView, PointsLostRow, CurveBand, RunSummary, ConvergenceView, ComparisonView,
  BenchmarkView, TextView, ReproducibilityView, OverallRatio, SubmissionView, LeaderboardRow, ReportViewModel, ViewModelOptions,
} from './types';
