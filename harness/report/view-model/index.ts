/**
 * The report's one view model — table of contents.
 *
 * Built once from the results (`buildViewModel`), frozen, and handed to every reporter
 * (HTML, Markdown, JUnit, JSON), which only read it.
 */
export { buildViewModel, BAD_AUDIENCE } from './build';
export { isRedacted, redactResult, HIDDEN_CHECK_OUTPUT, PART_TITLES } from './checks';
export { band, overallRatio } from './convergence';
export { performanceProfileView, NO_REFERENCE, NO_REFERENCE_RUNS, NO_COMPARISON, STORED_BEFORE_MEDIANS, NOTHING_CONVERGED, REFERENCE_NEVER_CONVERGED } from './performance-profile';
export { clean, escapeMarkdown, fmt, truncate, uniqueSlugs } from './format';
export { AUDIENCES } from './types';
export type {
  Audience, CheckDetails, CheckView, SubjectView, PartView, PointsLostRow, CurveBand, RunSummary, ConvergenceView, ComparisonView,
  BenchmarkView, TextView, ReproducibilityView, OverallRatio, SubmissionView, LeaderboardRow, ReportViewModel, ViewModelOptions,
  PerformanceProfileView, ProfileRow,
} from './types';
