/**
 * The canonical JSON (`<name>/results.json`): a superset of Gradescope's autograder
 * `results.json` (top-level `score`, `max_score`, `output`, `tests[]` with `name`,
 * `score`, `max_score`, `output`, `visibility`, …), so the harness can run as a
 * Gradescope autograder unchanged, plus netgrade's own `netgrade` block: the (redacted
 * for students) SubmissionResult and the environment, from which `report --merge`
 * rebuilds every other format. Validated by `schema/results.schema.json`.
 */
import type { Environment, SubmissionResult } from '../../results/types';
import type { Audience, CheckView, ReportViewModel, SubmissionView } from '../view-model';
import type { Reporter } from './types';

export type GradescopeVisibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  /** absent for a skipped check that costs no points (Gradescope would otherwise show it as passed) */
  status?: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  visibility: GradescopeVisibility;
  execution_time: number;
  tags: string[];
  extra_data: { id: string; part: string; subject: string; status: string; hidden: boolean };
}

export interface ResultsJson {
  score: number;
  max_score: number;
  output: string;
  output_format: 'text';
  visibility: GradescopeVisibility;
  stdout_visibility: GradescopeVisibility;
  execution_time: number;
  tests: GradescopeTest[];
  leaderboard?: Array<{ name: string; value: number; order: 'asc' | 'desc' }>;
  netgrade: {
    schemaVersion: 1;
    audience: Audience;
    generatedAt: string;
    environment: Environment;
    result: SubmissionResult;
  };
}

/** Gradescope shows hidden checks to students once grades are published; the instructor sees them at once. */
export const HIDDEN_VISIBILITY: GradescopeVisibility = 'after_published';

export interface JsonReporterOptions {
  /** Gradescope visibility of hidden checks (default `after_published`; `hidden` hides them from students entirely) */
  hiddenVisibility?: GradescopeVisibility;
}

export function resultsJson(s: Readonly<SubmissionView>, vm: Readonly<ReportViewModel>, options: JsonReporterOptions = {}): ResultsJson {
  const hiddenVisibility = options.hiddenVisibility ?? HIDDEN_VISIBILITY;
  const tests = s.checks.map((c, i) => gradescopeTest(c, i, hiddenVisibility));
  if (s.loadError) {
    tests.unshift({
      name: 'Submission loads',
      number: '0',
      score: 0,
      max_score: 0,
      status: 'failed',
      output: `The submission could not be loaded (${s.loadError.cause}): ${s.loadError.message}`,
      output_format: 'text',
      visibility: 'visible',
      execution_time: 0,
      tags: ['load'],
      extra_data: { id: 'load', part: 'load', subject: 'submission', status: 'errored', hidden: false },
    });
  }
  const json: ResultsJson = {
    score: s.score,
    max_score: s.maxScore,
    output: overviewLine(s),
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    execution_time: s.reproducibility.durationSeconds,
    tests,
    netgrade: {
      schemaVersion: 1,
      audience: vm.audience,
      generatedAt: vm.generatedAt,
      environment: s.environment,
      result: s.result,
    },
  };
  if (s.overallRatio) {
    json.leaderboard = [{ name: 'Convergence steps vs reference (×)', value: round3(s.overallRatio.ratio), order: 'asc' }];
  }
  return json;
}

/**
 * One check as a Gradescope test. Gradescope knows two statuses, passed and failed, and
 * shows a test without one by its score, so a 0/0 check would read as a green "passed".
 * A skipped check is therefore never `passed`: its name says "skipped"; if it costs points
 * it is `failed` (the student lost them); if it costs none (an optional part not handed
 * in) it is visible to the instructor only and the submission's `output` lists it.
 */
function gradescopeTest(c: CheckView, i: number, hiddenVisibility: GradescopeVisibility): GradescopeTest {
  const skipped = c.status === 'skipped';
  const test: GradescopeTest = {
    name: `${c.title} [${c.id}]${skipped ? ' (skipped)' : ''}`,
    number: String(i + 1),
    score: c.score,
    max_score: c.points,
    status: c.ok ? 'passed' : 'failed',
    output: c.redacted ? c.summary : checkOutput(c),
    output_format: 'text',
    visibility: c.hidden ? hiddenVisibility : 'visible',
    execution_time: Math.round(c.ms) / 1000,
    tags: [c.part, c.subject],
    extra_data: { id: c.id, part: c.part, subject: c.subject, status: c.status, hidden: c.hidden },
  };
  if (skipped && c.points === 0) {
    delete test.status;
    test.visibility = 'hidden';
  }
  return test;
}

/**
 * The check as plain text, for Gradescope's `output` and the JUnit element text: what
 * happened on the first line, then expected and actual (once each), the diagnosis, a
 * longer message (a stack), and the hint.
 */
export function checkOutput(c: CheckView): string {
  const d = c.details;
  if (!d) return c.summary;
  const head = c.status === 'failed' && (d.expected !== null || d.actual !== null)
    ? `Failed: ${c.lost} of ${c.points} points lost.`
    : c.summary;
  const lines = [head];
  if (d.expected !== null) lines.push(`Expected: ${d.expected}`);
  if (d.actual !== null) lines.push(`Actual:   ${d.actual}`);
  if (d.diagnosis) lines.push(`Diagnosis: ${d.diagnosis.message} (relative error ${d.diagnosis.error})`);
  // the summary already holds a one-line message; a longer one (a stack) is added in full
  if (d.message !== null && c.status !== 'skipped' && c.status !== 'passed' && !c.summary.includes(d.message)) lines.push(d.message);
  if (d.hint) lines.push(`Hint: ${d.hint}`);
  return lines.join('\n');
}

/** Optional checks that did not run (skipped, no points at stake), grouped by reason, for the submission's output. */
function skippedOptional(s: Readonly<SubmissionView>): string {
  const byReason = new Map<string, string[]>();
  for (const c of s.checks) {
    if (c.status !== 'skipped' || c.points !== 0) continue;
    const reason = c.redacted ? 'hidden check' : (c.details?.message ?? 'skipped');
    byReason.set(reason, [...(byReason.get(reason) ?? []), c.id]);
  }
  if (!byReason.size) return '';
  const lines = [...byReason].map(([reason, ids]) => `- ${reason}: ${ids.join(', ')}`);
  return `\n\nNot run (optional, no points at stake; not listed among the tests):\n${lines.join('\n')}`;
}

function overviewLine(s: Readonly<SubmissionView>): string {
  const head = `${s.name}: ${s.score}/${s.maxScore} points (${s.percent}%).`;
  const counts = `${s.counts.passed} passed, ${s.counts.failed} failed, ${s.counts.errored} errors, ${s.counts.timedOut} timed out, ${s.counts.skipped} skipped.`;
  return s.loadError ? `${head} The submission could not be loaded: ${s.loadError.message}` : `${head} ${counts}${skippedOptional(s)}`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The JSON reporter, e.g. `createJsonReporter({ hiddenVisibility: 'after_due_date' })` in `writeReports({ reporters })`. */
export function createJsonReporter(options: JsonReporterOptions = {}): Reporter {
  return {
    name: 'json',
    onSubmission: (s, vm) => [{ path: s.files.json, contents: `${JSON.stringify(resultsJson(s, vm, options), null, 2)}\n` }],
  };
}

export const jsonReporter: Reporter = createJsonReporter();
