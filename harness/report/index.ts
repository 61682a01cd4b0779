/**
 * Reports — table of contents.
 *
 * `writeReports(runDir, results, env, { audience })` builds the one view model and feeds
 * it to the reporters (plug-ins), writing under `runDir`:
 *   index.html                 class overview (sortable table, convergence leaderboard, performance profile)
 *   class-summary.md           one row per submission, for a CI job summary (under GitHub's 1 MiB)
 *   <name>/report.html         per submission: checks, curves, tables, samples
 *   <name>/summary.md          PR comment / $GITHUB_STEP_SUMMARY
 *   <name>/junit.xml           one testcase per check
 *   <name>/results.json        canonical JSON, a superset of Gradescope's results.json
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Environment, SubmissionResult, TrainingRun } from '../results/types';
import { htmlReporter } from './reporters/html';
import { jsonReporter } from './reporters/json';
import { classSummaryReporter } from './reporters/class-summary';
import { junitReporter } from './reporters/junit';
import { markdownReporter } from './reporters/markdown';
import type { ReportFile, Reporter } from './reporters/types';
import { buildViewModel, type Audience } from './view-model';

// view model
export { buildViewModel, band, overallRatio, redactResult, isRedacted, uniqueSlugs, AUDIENCES, HIDDEN_CHECK_OUTPUT } from './view-model';
// text a submission supplied, made safe for a terminal and any report (control characters, escape sequences, local paths) and for Markdown
export { clean, escapeMarkdown } from './view-model';
export type {
  Audience, ReportViewModel, SubmissionView, CheckView, CheckDetails, PartView, ConvergenceView, ComparisonView,
  CurveBand, RunSummary, BenchmarkView, TextView, ReproducibilityView, OverallRatio, LeaderboardRow, ViewModelOptions,
  PerformanceProfileView, ProfileRow,
} from './view-model';
// reporters
export type { Reporter, ReportFile } from './reporters/types';
export { htmlReporter, submissionHtml, overviewHtml } from './reporters/html';
export { markdownReporter, summaryMarkdown } from './reporters/markdown';
export { junitReporter, junitXml } from './reporters/junit';
export { classSummaryReporter, classSummaryMarkdown, stepSummary, STEP_SUMMARY_LIMIT, STEP_SUMMARY_BUDGET } from './reporters/class-summary';
export type { StepSummaryOptions } from './reporters/class-summary';
export { jsonReporter, createJsonReporter, resultsJson, HIDDEN_VISIBILITY } from './reporters/json';
export type { ResultsJson, GradescopeTest, GradescopeVisibility, JsonReporterOptions } from './reporters/json';
// charts and environment
export { renderSvg } from './charts/render';
export { convergenceSpec } from './charts/convergence';
export { leaderboardSpec } from './charts/leaderboard';
export { performanceProfileSpec } from './charts/performance-profile';
export { collectEnvironment, gitCommit } from './environment';
// reading results back (report --merge)
export { readResultsJson } from './read-results';
export { mergeRunDirs, unknownEnvironment } from './merge';
export type { MergedResults } from './merge';

export const DEFAULT_REPORTERS: readonly Reporter[] = [jsonReporter, htmlReporter, markdownReporter, junitReporter, classSummaryReporter];

export interface WriteReportsOptions {
  audience: Audience;
  /** name of the reference submission (its runs are the grey band); default `reference` / `example-reference` */
  reference?: string;
  /** more training runs than the results carry (the reference's from a benchmark store) */
  runs?: readonly TrainingRun[];
  /** default: JSON, HTML, Markdown, JUnit */
  reporters?: readonly Reporter[];
  /** fixed clock, for reproducible output */
  now?: Date;
}

/** Write every report of a run under `runDir`; returns the absolute paths written. */
export async function writeReports(
  runDir: string, results: SubmissionResult[], env: Environment, opts: WriteReportsOptions,
): Promise<{ files: string[] }> {
  const vm = buildViewModel(results, env, opts);
  const reporters = opts.reporters ?? DEFAULT_REPORTERS;
  const out: ReportFile[] = [];
  for (const reporter of reporters) {
    try {
      if (reporter.onRun) out.push(...(await reporter.onRun(vm)));
      for (const s of vm.submissions) if (reporter.onSubmission) out.push(...(await reporter.onSubmission(s, vm)));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(`the ${reporter.name} reporter failed: ${why}`, { cause: e });
    }
  }
  const root = resolve(runDir);
  const files: string[] = [];
  for (const f of out) {
    const file = resolve(root, f.path);
    if (!file.startsWith(root + sep)) throw new Error(`the report writer requires paths inside ${root}, got ${f.path}`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, f.contents, 'utf8');
    files.push(file);
  }
  return { files };
}

